@testable import PreferenceStatistics
import MatrixCore
import Testing

@Suite("Separation check of the length-controlled model")
struct SeparationTests {
  static func separable(_ vectors: [(Double, Double)], usesLength: Bool = true) -> Bool {
    let feature = vectors.map(\.0)
    let length = vectors.map(\.1)
    return feature.withUnsafeBufferPointer { f in
      length.withUnsafeBufferPointer { l in
        LengthControlledEffect.isSeparable(feature: f, length: l, usesLength: usesLength)
      }
    }
  }

  /// Brute force: the directions fit in a closed half-plane iff the normal of some vector works.
  static func bruteForce(_ vectors: [(Double, Double)]) -> Bool {
    let nonzero = vectors.filter { $0.0 != 0 || $0.1 != 0 }
    if nonzero.isEmpty { return true }
    for u in nonzero {
      for sign in [1.0, -1.0] {
        let beta = (-sign * u.1, sign * u.0)
        if nonzero.allSatisfy({ beta.0 * $0.0 + beta.1 * $0.1 >= 0 }) { return true }
      }
    }
    return false
  }

  @Test func degenerateHalfPlanes() {
    #expect(Self.separable([(1, 0), (0, 1), (0, -1)]))  // closed right half-plane
    #expect(!Self.separable([(1, 0), (0, 1), (-1, -1)]))  // spans the plane
    #expect(Self.separable([(1, 0), (-1, 0), (0, 1)]))  // upper half-plane
    #expect(!Self.separable([(1, 0), (-1, 0), (0, 1), (0, -1)]))
    #expect(Self.separable([(2, 1), (2, 1), (0, 0), (-4, -2)]))  // one line
    #expect(Self.separable([(3, -1)]))
    #expect(Self.separable([(1, 5), (-1, 5)], usesLength: false) == false)
    #expect(Self.separable([(1, 5), (0, 5), (2, -1)], usesLength: false))
  }

  @Test func agreesWithBruteForceOnSmallIntegerSets() {
    var generator = SeededRandomNumberGenerator(seed: 2024)
    var separableCount = 0
    for _ in 0..<20_000 {
      let count = 1 + generator.nextInt(below: 7)
      let vectors = (0..<count).map { _ in
        (Double(generator.nextInt(below: 5) - 2), Double(generator.nextInt(below: 5) - 2))
      }
      let expected = Self.bruteForce(vectors)
      if expected { separableCount += 1 }
      #expect(Self.separable(vectors) == expected, "\(vectors)")
    }
    // Both outcomes are well represented.
    #expect(separableCount > 2000 && separableCount < 18_000)
  }
}
