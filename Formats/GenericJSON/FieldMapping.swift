import PreferenceModel

/// The `--map` field mapping of the generic adapter: model field → key path.
///
/// Keys: `prompt`, `chosen`, `rejected` (the pair), optional `system`,
/// `score_chosen`, `score_rejected`, `chosen_model`, `rejected_model` and `id`.
/// Unmapped fields other than `system` and `id` default to the top-level key
/// of the same name; a default path that is
/// missing (or, for scores, not a number) is simply not read, while a mapped
/// path that is missing or wrongly typed is an error naming the path.
struct FieldMapping: Sendable, Hashable {
  /// One model field and where it is.
  struct Field: Sendable, Hashable {
    /// The model field (`chosen`).
    var name: String
    /// Where it is.
    var path: FieldPath
    /// Whether the user mapped it (`false` for a default path).
    var explicit: Bool

    /// `field "meta.answer" (mapped to chosen)`, or `field "chosen"` for a default.
    var label: String {
      explicit ? "field \"\(path)\" (mapped to \(name))" : "field \"\(path)\""
    }
  }

  /// The model fields a map may name, in the order records are written.
  static let names = [
    "id", "system", "prompt", "chosen", "chosen_model", "rejected", "rejected_model", "score_chosen",
    "score_rejected",
  ]
  /// The fields that get a same-named top-level default when not mapped.
  private static let defaulted: Set<String> = [
    "prompt", "chosen", "rejected", "score_chosen", "score_rejected", "chosen_model", "rejected_model",
  ]

  /// The mapped and defaulted fields, in ``names`` order.
  var fields: [Field]

  /// Reads a field map.
  ///
  /// - Throws: ``RecordError`` for an unknown key or a path that is not a dotted key path.
  init(_ fieldMap: [String: String]) throws(RecordError) {
    for key in fieldMap.keys.sorted() where !FieldMapping.names.contains(key) {
      throw RecordError(
        "unknown field map key \"\(key)\"; the generic-json format maps \(FieldMapping.names.joined(separator: ", "))")
    }
    var fields: [Field] = []
    for name in FieldMapping.names {
      if let text = fieldMap[name] {
        guard let path = FieldPath(text) else {
          throw RecordError("field map: \"\(text)\" (mapped to \(name)) is not a dotted key path")
        }
        fields.append(Field(name: name, path: path, explicit: true))
      } else if FieldMapping.defaulted.contains(name), let path = FieldPath(name) {
        fields.append(Field(name: name, path: path, explicit: false))
      }
    }
    self.fields = fields
  }

  /// The field named `name`, when mapped or defaulted.
  subscript(name: String) -> Field? {
    fields.first { $0.name == name }
  }
}
