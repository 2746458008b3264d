/// One feature's values on the chosen and the rejected response of every pair.
///
/// Pair `i` of every feature and of the ``PairLayout`` must describe the same preference pair.
/// Values must be finite; a missing value has to be imputed (or its pairs dropped) by the caller.
///
/// ```swift
/// let bullets = try PairedFeature(name: "bullet lists", chosen: chosenCounts, rejected: rejectedCounts)
/// bullets.difference(at: 0)   // chosen − rejected, in Double
/// ```
public struct PairedFeature: Sendable {
  enum Storage: Sendable {
    case float32(chosen: [Float], rejected: [Float])
    case float64(chosen: [Double], rejected: [Double])
    /// Only Δ per pair, with exact sums of each side (half the memory of two columns).
    case differences([Float], chosenSum: Double, rejectedSum: Double)
    /// Only Δ per pair, in `Double` (the models' input; the side sums are unknown).
    case doubleDifferences([Double])
  }

  /// The feature's name, used in results and error messages.
  public let name: String
  let storage: Storage

  /// The number of pairs.
  public var count: Int {
    switch storage {
    case .float32(let chosen, _): return chosen.count
    case .float64(let chosen, _): return chosen.count
    case .differences(let differences, _, _): return differences.count
    case .doubleDifferences(let differences): return differences.count
    }
  }

  /// The storage in use.
  public var storedPrecision: StoredPrecision {
    switch storage {
    case .float32, .differences: return .float32
    case .float64, .doubleDifferences: return .float64
    }
  }

  /// Creates a feature from `Float` columns, stored as `Float32`.
  ///
  /// - Parameters:
  ///   - name: The feature's name.
  ///   - chosen: The value on each pair's chosen response.
  ///   - rejected: The value on each pair's rejected response.
  /// - Throws: ``StatisticsError/lengthMismatch(input:expected:actual:)`` when the columns differ
  ///   in length, ``StatisticsError/nonFiniteValue(input:column:pair:)`` on NaN or infinity.
  public init(name: String, chosen: [Float], rejected: [Float]) throws(StatisticsError) {
    guard chosen.count == rejected.count else {
      throw .lengthMismatch(input: "\(name) (rejected)", expected: chosen.count, actual: rejected.count)
    }
    try Self.checkFinite(chosen, name: name, column: "chosen")
    try Self.checkFinite(rejected, name: name, column: "rejected")
    self.name = name
    storage = .float32(chosen: chosen, rejected: rejected)
  }

  /// Creates a feature from `Double` columns, stored as `Float32` only when that is lossless.
  ///
  /// The same as ``init(name:chosen:rejected:precision:)`` with `.automatic`.
  ///
  /// - Parameters:
  ///   - name: The feature's name.
  ///   - chosen: The value on each pair's chosen response.
  ///   - rejected: The value on each pair's rejected response.
  /// - Throws: ``StatisticsError/lengthMismatch(input:expected:actual:)`` when the columns differ
  ///   in length, ``StatisticsError/nonFiniteValue(input:column:pair:)`` on NaN or infinity.
  public init(name: String, chosen: [Double], rejected: [Double]) throws(StatisticsError) {
    try self.init(name: name, chosen: chosen, rejected: rejected, precision: .automatic)
  }

  /// Creates a feature from `Double` columns with the given storage.
  ///
  /// - Parameters:
  ///   - name: The feature's name.
  ///   - chosen: The value on each pair's chosen response.
  ///   - rejected: The value on each pair's rejected response.
  ///   - precision: The storage; `.automatic` keeps `Float32` only when it is lossless.
  /// - Throws: ``StatisticsError/lengthMismatch(input:expected:actual:)`` when the columns differ
  ///   in length, ``StatisticsError/nonFiniteValue(input:column:pair:)`` on NaN or infinity,
  ///   ``StatisticsError/float32Overflow(input:column:pair:)`` when `.float32` is requested for a
  ///   value beyond `Float`'s range.
  public init(
    name: String, chosen: [Double], rejected: [Double], precision: ColumnPrecision
  ) throws(StatisticsError) {
    guard chosen.count == rejected.count else {
      throw .lengthMismatch(input: "\(name) (rejected)", expected: chosen.count, actual: rejected.count)
    }
    try Self.checkFinite(chosen, name: name, column: "chosen")
    try Self.checkFinite(rejected, name: name, column: "rejected")
    self.name = name
    switch precision {
    case .float64:
      storage = .float64(chosen: chosen, rejected: rejected)
    case .automatic:
      if chosen.allSatisfy({ Double(Float($0)) == $0 }) && rejected.allSatisfy({ Double(Float($0)) == $0 }) {
        storage = .float32(chosen: chosen.map { Float($0) }, rejected: rejected.map { Float($0) })
      } else {
        storage = .float64(chosen: chosen, rejected: rejected)
      }
    case .float32:
      storage = .float32(
        chosen: try Self.narrow(chosen, name: name, column: "chosen"),
        rejected: try Self.narrow(rejected, name: name, column: "rejected"))
    }
  }

  /// Creates a feature from its Δ per pair and the sums of each side's values.
  ///
  /// Statistics need only Δ per pair and the two means, so a caller streaming
  /// millions of pairs can keep one `Float` per pair instead of two;
  /// ``chosenValue(at:)`` and ``rejectedValue(at:)`` are then `nil`.
  ///
  /// - Parameters:
  ///   - name: The feature's name.
  ///   - differences: chosen − rejected for each pair.
  ///   - chosenSum: The sum of the chosen values over all pairs.
  ///   - rejectedSum: The sum of the rejected values over all pairs.
  /// - Throws: ``StatisticsError/nonFiniteValue(input:column:pair:)`` on NaN or infinity.
  public init(name: String, differences: [Float], chosenSum: Double, rejectedSum: Double) throws(StatisticsError) {
    try Self.checkFinite(differences, name: name, column: "difference")
    guard chosenSum.isFinite, rejectedSum.isFinite else {
      throw .nonFiniteValue(input: name, column: chosenSum.isFinite ? "rejected" : "chosen", pair: 0)
    }
    self.name = name
    storage = .differences(differences, chosenSum: chosenSum, rejectedSum: rejectedSum)
  }

  /// Creates a feature from its Δ per pair alone, in `Double`.
  ///
  /// Enough for the models (``LengthControlledEffect``, ``JointPreferenceModel``), which use
  /// only Δ; the side means of such a feature are unknown (reported as 0).
  ///
  /// - Parameters:
  ///   - name: The feature's name.
  ///   - differences: chosen − rejected for each pair.
  /// - Throws: ``StatisticsError/nonFiniteValue(input:column:pair:)`` on NaN or infinity.
  public init(name: String, differences: [Double]) throws(StatisticsError) {
    try Self.checkFinite(differences, name: name, column: "difference")
    self.name = name
    storage = .doubleDifferences(differences)
  }

  /// The value on pair `index`'s chosen response; `nil` for a feature built from differences.
  ///
  /// - Parameter index: A pair index in `0..<count`.
  public func chosenValue(at index: Int) -> Double? {
    switch storage {
    case .float32(let chosen, _): return Double(chosen[index])
    case .float64(let chosen, _): return chosen[index]
    case .differences, .doubleDifferences: return nil
    }
  }

  /// The value on pair `index`'s rejected response; `nil` for a feature built from differences.
  ///
  /// - Parameter index: A pair index in `0..<count`.
  public func rejectedValue(at index: Int) -> Double? {
    switch storage {
    case .float32(_, let rejected): return Double(rejected[index])
    case .float64(_, let rejected): return rejected[index]
    case .differences, .doubleDifferences: return nil
    }
  }

  /// Δ for pair `index`: chosen − rejected, computed in `Double`.
  ///
  /// - Parameter index: A pair index in `0..<count`.
  public func difference(at index: Int) -> Double {
    switch storage {
    case .float32(let chosen, let rejected): return Double(chosen[index]) - Double(rejected[index])
    case .float64(let chosen, let rejected): return chosen[index] - rejected[index]
    case .differences(let differences, _, _): return Double(differences[index])
    case .doubleDifferences(let differences): return differences[index]
    }
  }

  /// Δ = chosen − rejected for every pair, in `Double`.
  public func differences() -> [Double] {
    summarized().differences
  }

  /// Δ for every pair with the sums of the chosen and rejected columns, in one pass.
  func summarized() -> (differences: [Double], chosenSum: Double, rejectedSum: Double) {
    switch storage {
    case .float32(let chosen, let rejected):
      return Self.summarize(chosen, rejected)
    case .float64(let chosen, let rejected):
      return Self.summarize(chosen, rejected)
    case .differences(let differences, let chosenSum, let rejectedSum):
      return (differences.map { Double($0) }, chosenSum, rejectedSum)
    case .doubleDifferences(let differences):
      return (differences, 0, 0)
    }
  }

  private static func summarize<T: BinaryFloatingPoint>(
    _ chosen: [T], _ rejected: [T]
  ) -> (differences: [Double], chosenSum: Double, rejectedSum: Double) {
    var differences = [Double](repeating: 0, count: chosen.count)
    var chosenSum = 0.0
    var rejectedSum = 0.0
    chosen.withUnsafeBufferPointer { c in
      rejected.withUnsafeBufferPointer { r in
        differences.withUnsafeMutableBufferPointer { d in
          for i in 0..<c.count {
            let a = Double(c[i])
            let b = Double(r[i])
            chosenSum += a
            rejectedSum += b
            d[i] = a - b
          }
        }
      }
    }
    return (differences, chosenSum, rejectedSum)
  }

  private static func checkFinite<T: BinaryFloatingPoint>(
    _ values: [T], name: String, column: String
  ) throws(StatisticsError) {
    if let index = values.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(input: name, column: column, pair: index)
    }
  }

  private static func narrow(_ values: [Double], name: String, column: String) throws(StatisticsError) -> [Float] {
    var result = [Float](repeating: 0, count: values.count)
    for (index, value) in values.enumerated() {
      let narrowed = Float(value)
      guard narrowed.isFinite else { throw .float32Overflow(input: name, column: column, pair: index) }
      result[index] = narrowed
    }
    return result
  }
}
