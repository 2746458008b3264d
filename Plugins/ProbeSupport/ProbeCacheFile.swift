/// The contents of one probe cache file: a ``ContrastProbe`` and everything it was learned
/// from, so that a file trained on other texts, another encoder or other settings is never used.
struct ProbeCacheFile: Sendable, Hashable, Codable {
  /// The layout version this build writes and reads.
  static let currentFormatVersion = 1

  /// The layout version of the file.
  var formatVersion: Int
  /// The detector's id.
  var detector: String
  /// The contrast set's name.
  var set: String
  /// The contrast set's ``ContrastSet/fingerprint``, 16 lowercase hex digits.
  var setFingerprint: String
  /// The encoder (``TextEmbedder/modelID``).
  var modelID: String
  /// The encoder's ``TextEmbedder/fingerprint``.
  var modelFingerprint: String
  /// The cross-validation seed, in decimal (a JSON number may not hold 64 bits exactly).
  var seed: String
  /// The logistic probe's L2 penalty.
  var l2Penalty: Double
  /// The trained probe: dimension, direction, midpoint, weights, bias, accuracies and counts.
  var probe: ContrastProbe
}
