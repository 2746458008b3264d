/// The Adam moments of one parameter tensor.
public struct AdamState: Sendable, Hashable {
  /// The number of steps taken so far.
  public internal(set) var step: Int
  /// The first-moment estimates m.
  public internal(set) var firstMoment: [Float]
  /// The second-moment estimates v.
  public internal(set) var secondMoment: [Float]

  /// Fresh (zero) moments for `count` parameters.
  ///
  /// - Parameter count: The number of parameters.
  public init(count: Int) {
    step = 0
    firstMoment = [Float](repeating: 0, count: Swift.max(0, count))
    secondMoment = [Float](repeating: 0, count: Swift.max(0, count))
  }

  /// The number of parameters.
  public var count: Int { firstMoment.count }
}
