import MatrixCore
import PreferenceStatistics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random preference data for the simulation tests (seeded, so every run sees the same data).
struct Simulation {
  var generator: SeededRandomNumberGenerator

  init(seed: UInt64) {
    generator = SeededRandomNumberGenerator(seed: seed)
  }

  /// A Poisson deviate by inversion (small means only).
  mutating func poisson(_ mean: Double) -> Int {
    let limit = exp(-mean)
    var product = generator.nextUniform()
    var count = 0
    while product > limit {
      product *= generator.nextUniform()
      count += 1
    }
    return count
  }

  /// Prompt keys for `groups` prompts with 1...maximumSize pairs each.
  mutating func clusterKeys(groups: Int, maximumSize: Int) -> [UInt64] {
    var keys: [UInt64] = []
    for _ in 0..<groups {
      let key = generator.next()
      for _ in 0..<(1 + generator.nextInt(below: maximumSize)) { keys.append(key) }
    }
    return keys
  }
}
