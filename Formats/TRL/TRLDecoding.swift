import PreferenceModel

/// What ``TRLDecoder`` read from one source object: the record, the layout it
/// was written in, and the messages read from each list (for patching).
struct TRLDecoding: Sendable {
  /// The decoded pair.
  var record: PreferenceRecord
  /// The layout (variant) of the source object.
  var layout: TRLLayout
  /// The messages read from the prompt list, one per element (nil for a string or no prompt).
  var promptMessages: [Message]?
  /// The messages read from the chosen list, one per element (nil for a string).
  var chosenMessages: [Message]?
  /// The messages read from the rejected list, one per element (nil for a string).
  var rejectedMessages: [Message]?
}
