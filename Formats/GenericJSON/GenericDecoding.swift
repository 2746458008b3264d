import PreferenceModel

/// What ``GenericJSONDecoder`` read from one source object, with what patching needs.
struct GenericDecoding: Sendable {
  /// The decoded pair.
  var record: PreferenceRecord
  /// The fields that were read (mapped paths that resolved to a value of the right type).
  var read: [String]
  /// The messages read from the prompt list, one per element (nil when the prompt is not a list).
  var promptMessages: [Message]?
  /// The messages read from the chosen list, one per element (nil for a string).
  var chosenMessages: [Message]?
  /// The messages read from the rejected list, one per element (nil for a string).
  var rejectedMessages: [Message]?
  /// Whether the `id` value was moved from a nested path to the metadata's `id` key.
  var movedID: Bool
}
