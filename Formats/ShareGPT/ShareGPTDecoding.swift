import PreferenceModel

/// What ``ShareGPTDecoder`` read from one source object.
struct ShareGPTDecoding: Sendable {
  /// The decoded pair.
  var record: PreferenceRecord
  /// The layout of the source object.
  var layout: ShareGPTLayout
  /// The messages read from `conversations`, one per element (conversation layouts).
  var conversationMessages: [Message]
}
