#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast, seedable random number generator (xoshiro256**) for reproducible results.
///
/// The 256-bit state is expanded from a 64-bit seed with SplitMix64, as the
/// xoshiro authors recommend. Integer and uniform outputs are identical on
/// every platform; normal deviates use `log`, `sin` and `cos` from the C
/// library, so they are reproducible on one platform and toolchain.
///
/// ```swift
/// var rng = SeededRandomNumberGenerator(seed: 42)
/// let x = rng.nextUniform()                // [0, 1)
/// let w = Matrix<Float>.random(rows: 4, columns: 4, distribution: .normal(mean: 0, standardDeviation: 0.02), using: &rng)
/// ```
///
/// Use ``jumped()`` or ``init(seed:stream:)`` to give each thread its own
/// non-overlapping stream.
public struct SeededRandomNumberGenerator: RandomNumberGenerator, Sendable, Hashable {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64
  private var spareNormal: Double?

  /// Creates a generator whose sequence is determined by `seed`.
  ///
  /// - Parameter seed: Any 64-bit value (0 is fine).
  public init(seed: UInt64) {
    var splitMix = seed
    s0 = SeededRandomNumberGenerator.splitMix64(&splitMix)
    s1 = SeededRandomNumberGenerator.splitMix64(&splitMix)
    s2 = SeededRandomNumberGenerator.splitMix64(&splitMix)
    s3 = SeededRandomNumberGenerator.splitMix64(&splitMix)
    spareNormal = nil
  }

  /// Creates the generator for `seed` advanced by `stream` jumps of 2¹²⁸ outputs.
  ///
  /// Streams of one seed never overlap in practice, so `stream` can be a thread or shard index.
  ///
  /// - Parameters:
  ///   - seed: The base seed.
  ///   - stream: The stream index (at least 0).
  public init(seed: UInt64, stream: Int) {
    self.init(seed: seed)
    for _ in 0..<Swift.max(0, stream) { jump() }
  }

  /// One step of SplitMix64, used to expand seeds.
  ///
  /// - Parameter state: The SplitMix64 state, advanced by one step.
  /// - Returns: The next SplitMix64 output.
  public static func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotateLeft(s3, 45)
    return result
  }

  /// Advances the state by 2¹²⁸ outputs (the xoshiro256 jump polynomial).
  public mutating func jump() {
    let polynomial: [UInt64] = [
      0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C,
    ]
    var t0: UInt64 = 0
    var t1: UInt64 = 0
    var t2: UInt64 = 0
    var t3: UInt64 = 0
    for word in polynomial {
      for bit in 0..<64 {
        if word & (1 << UInt64(bit)) != 0 {
          t0 ^= s0
          t1 ^= s1
          t2 ^= s2
          t3 ^= s3
        }
        _ = next()
      }
    }
    s0 = t0
    s1 = t1
    s2 = t2
    s3 = t3
    spareNormal = nil
  }

  /// A copy advanced by one ``jump()``.
  public func jumped() -> SeededRandomNumberGenerator {
    var copy = self
    copy.jump()
    return copy
  }

  /// A uniform `Double` in [0, 1) with 53 random bits.
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform `Float` in [0, 1) with 24 random bits.
  public mutating func nextUniformFloat() -> Float {
    Float(next() >> 40) * 0x1.0p-24
  }

  /// A uniform integer in `0..<upperBound` without modulo bias (Lemire's method).
  ///
  /// - Parameter upperBound: The exclusive upper bound (at least 1).
  /// - Returns: An integer in `0..<upperBound`.
  public mutating func nextInt(below upperBound: Int) -> Int {
    precondition(upperBound > 0, "upperBound must be positive")
    let bound = UInt64(upperBound)
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold {
        product = next().multipliedFullWidth(by: bound)
      }
    }
    return Int(product.high)
  }

  /// A standard normal deviate (mean 0, variance 1) by the Box–Muller transform.
  ///
  /// Deviates come in pairs; the second of each pair is kept for the next call.
  public mutating func nextNormal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    let u1 = 1 - nextUniform()
    let u2 = nextUniform()
    let radius = (-2 * log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    spareNormal = radius * sin(angle)
    return radius * cos(angle)
  }

  /// A uniformly random permutation of `0..<count` (Fisher–Yates with ``nextInt(below:)``).
  ///
  /// - Parameter count: The number of elements (at least 0).
  /// - Returns: The indices `0..<count` in random order.
  public mutating func permutation(_ count: Int) -> [Int] {
    var indices = Array(0..<Swift.max(0, count))
    var i = indices.count - 1
    while i > 0 {
      let j = nextInt(below: i + 1)
      indices.swapAt(i, j)
      i -= 1
    }
    return indices
  }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }
}
