/// A failure while setting up or running a detector.
public struct DetectorError: Error, Sendable, CustomStringConvertible {
  /// The detector's id.
  public var detector: String
  /// What went wrong.
  public var message: String

  /// Creates an error.
  public init(detector: String, message: String) {
    self.detector = detector
    self.message = message
  }

  public var description: String { "detector \(detector): \(message)" }
}
