import MatrixCore

/// Per atom and blocked feature: the counts and Δ sums the rebalancer's constraints are made of.
///
/// An atom is a run of pairs with the same atom index (the pairs of one source record). Feature
/// values are stored atom-major (`[atom * featureCount + feature]`) so the per-atom loops of the
/// greedy removal read one contiguous stretch.
struct AtomTable {
  /// Blocked features.
  let featureCount: Int
  /// Atoms (runs of equal atom indices).
  let atomCount: Int
  /// The first pair of each atom, then the pair count: `pairStarts[a]..<pairStarts[a + 1]`.
  let pairStarts: [Int]
  /// Pairs per atom.
  let sizes: [Int]
  /// Per atom and feature: wins − losses.
  let signedCounts: [Int32]
  /// Per atom and feature: wins + losses.
  let decidedCounts: [Int32]
  /// Per atom and feature: Σ Δ / sd (0 for a feature whose sd is 0).
  let masses: [Double]
  /// Per atom: the seeded hash of its atom index, the last tie-breaker between atoms.
  let hashes: [UInt64]

  /// The salt of the tie-breaking hash ("rebalanc").
  static let tieSalt: UInt64 = 0x7265_6261_6C61_6E63

  /// Groups the pairs into atoms and sums their columns.
  ///
  /// - Parameters:
  ///   - columns: Δ per blocked feature and pair (validated by the caller).
  ///   - atoms: The atom index of each pair, nondecreasing (validated by the caller).
  ///   - scales: Per feature, the standard deviation Δ is divided by (0: the mass is 0).
  ///   - seed: The seed of the tie-breaking hash.
  init(columns: [[Double]], atoms: [Int], scales: [Double], seed: UInt64) {
    let k = columns.count
    let n = atoms.count
    var starts: [Int] = []
    starts.reserveCapacity(n + 1)
    for index in 0..<n where index == 0 || atoms[index] != atoms[index - 1] {
      starts.append(index)
    }
    let m = starts.count
    starts.append(n)
    var sizes = [Int](repeating: 0, count: m)
    var signed = [Int32](repeating: 0, count: m * k)
    var decided = [Int32](repeating: 0, count: m * k)
    var masses = [Double](repeating: 0, count: m * k)
    var hashes = [UInt64](repeating: 0, count: m)
    let inverseScales = scales.map { $0 > 0 ? 1 / $0 : 0 }
    for a in 0..<m {
      sizes[a] = starts[a + 1] - starts[a]
      var state = UInt64(bitPattern: Int64(atoms[starts[a]])) ^ ((seed ^ Self.tieSalt) &* 0x9E37_79B9_7F4A_7C15)
      hashes[a] = SeededRandomNumberGenerator.splitMix64(&state)
      for f in 0..<k {
        var s: Int32 = 0
        var d: Int32 = 0
        var sum = 0.0
        let column = columns[f]
        for i in starts[a]..<starts[a + 1] {
          let value = column[i]
          if value > 0 {
            s += 1
            d += 1
          } else if value < 0 {
            s -= 1
            d += 1
          }
          sum += value
        }
        signed[a * k + f] = s
        decided[a * k + f] = d
        masses[a * k + f] = sum * inverseScales[f]
      }
    }
    featureCount = k
    atomCount = m
    pairStarts = starts
    self.sizes = sizes
    signedCounts = signed
    decidedCounts = decided
    self.masses = masses
    self.hashes = hashes
  }
}
