import MatrixCore

@testable import SparseAutoencoder

/// Data generated from a planted dictionary: sparse signed codes times unit directions, plus noise.
struct PlantedDictionary {
  /// The planted unit directions, one per row.
  let directions: Matrix<Float>
  /// The generated rows.
  let data: Matrix<Float>
  /// One group key per row.
  let groupKeys: [UInt64]

  /// Generates `rows` rows in `dimension` dimensions from `atoms` random unit directions.
  ///
  /// - Parameters:
  ///   - atoms: The number of planted directions.
  ///   - dimension: The input dimension.
  ///   - rows: The number of rows.
  ///   - activeCounts: The possible numbers of active atoms per row (chosen uniformly).
  ///   - frequencies: Relative frequency of each atom (uniform when `nil`).
  ///   - noise: The standard deviation of the Gaussian noise per coordinate.
  ///   - rowsPerGroup: Consecutive rows sharing a group key.
  ///   - seed: The seed.
  init(
    atoms: Int, dimension: Int, rows: Int, activeCounts: [Int] = [2, 3, 4], frequencies: [Double]? = nil,
    noise: Double = 0.02, rowsPerGroup: Int = 3, seed: UInt64
  ) {
    var generator = SeededRandomNumberGenerator(seed: seed)
    var directions = Matrix<Float>.random(
      rows: atoms, columns: dimension, distribution: .normal(mean: 0, standardDeviation: 1), using: &generator)
    directions.normalizeRows()
    let weights = frequencies ?? [Double](repeating: 1, count: atoms)
    let total = weights.reduce(0, +)
    var data = Matrix<Float>(rows: rows, columns: dimension)
    for i in 0..<rows {
      let active = activeCounts[generator.nextInt(below: activeCounts.count)]
      var chosen = Set<Int>()
      while chosen.count < active {
        // Sample an atom proportionally to its weight.
        var u = generator.nextUniform() * total
        var atom = 0
        while atom < atoms - 1 && u >= weights[atom] {
          u -= weights[atom]
          atom += 1
        }
        chosen.insert(atom)
      }
      for atom in chosen.sorted() {
        let sign: Float = generator.nextUniform() < 0.5 ? -1 : 1
        let magnitude = Float(0.5 + generator.nextUniform())
        for j in 0..<dimension { data[i, j] += sign * magnitude * directions[atom, j] }
      }
      for j in 0..<dimension { data[i, j] += Float(noise * generator.nextNormal()) }
    }
    self.directions = directions
    self.data = data
    groupKeys = (0..<rows).map { UInt64($0 / rowsPerGroup) &* 0x9E37_79B9_7F4A_7C15 }
  }
}

/// The largest |cos| between each planted direction and any decoder row.
func bestCosines(planted: Matrix<Float>, decoder: Matrix<Float>) -> [Float] {
  (0..<planted.rows).map { atom in
    var best: Float = 0
    for latent in 0..<decoder.rows {
      var dot: Float = 0
      for j in 0..<planted.columns { dot += planted[atom, j] * decoder[latent, j] }
      best = max(best, abs(dot))
    }
    return best
  }
}
