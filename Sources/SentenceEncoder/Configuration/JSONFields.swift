import Foundation

/// The fields of one JSON object read from a model file, with typed accessors whose errors
/// name the file and the key.
struct JSONFields {
  /// Which ``EncoderError`` a malformed field becomes.
  enum Kind {
    case configuration
    case tokenizer
  }

  /// The file the object came from.
  let path: String
  /// The object's members.
  let members: [String: Any]
  /// Which error a malformed field raises.
  let kind: Kind
  /// The key path of this object within the file, for messages (empty at the top level).
  let context: String

  /// Reads the JSON object in the file at `path`.
  ///
  /// - Throws: ``EncoderError/unreadableFile(path:reason:)``, or the error of `kind` when the
  ///   file is not a JSON object.
  init(contentsOf path: String, kind: Kind) throws(EncoderError) {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadableFile(path: path, reason: Self.reason(error))
    }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data, options: [])
    } catch {
      throw Self.error(kind, path, "not valid JSON: \(Self.reason(error))")
    }
    guard let members = object as? [String: Any] else {
      throw Self.error(kind, path, "the file is not a JSON object")
    }
    self.init(path: path, members: members, kind: kind, context: "")
  }

  init(path: String, members: [String: Any], kind: Kind, context: String) {
    self.path = path
    self.members = members
    self.kind = kind
    self.context = context
  }

  /// Whether the object has a member `key` that is not `null`.
  func has(_ key: String) -> Bool {
    guard let value = members[key] else { return false }
    return !(value is NSNull)
  }

  /// The integer member `key`; throws when it is missing or not an integer.
  func integer(_ key: String) throws(EncoderError) -> Int {
    guard let value = members[key] else { throw missing(key) }
    guard let integer = value as? Int else { throw wrongType(key, "an integer") }
    return integer
  }

  /// The integer member `key`, or `defaultValue` when absent or `null`.
  func integer(_ key: String, default defaultValue: Int) throws(EncoderError) -> Int {
    has(key) ? try integer(key) : defaultValue
  }

  /// The numeric member `key` as a `Double`; throws when it is missing or not a number.
  func number(_ key: String) throws(EncoderError) -> Double {
    guard let value = members[key] else { throw missing(key) }
    guard let number = value as? Double else { throw wrongType(key, "a number") }
    return number
  }

  /// The string member `key`; throws when it is missing or not a string.
  func string(_ key: String) throws(EncoderError) -> String {
    guard let value = members[key] else { throw missing(key) }
    guard let string = value as? String else { throw wrongType(key, "a string") }
    return string
  }

  /// The string member `key`, or `nil` when absent or `null`.
  func optionalString(_ key: String) throws(EncoderError) -> String? {
    has(key) ? try string(key) : nil
  }

  /// The Boolean member `key`, or `defaultValue` when absent or `null`.
  func boolean(_ key: String, default defaultValue: Bool) throws(EncoderError) -> Bool {
    guard has(key) else { return defaultValue }
    guard let value = members[key] as? Bool else { throw wrongType(key, "true or false") }
    return value
  }

  /// The object member `key`; throws when it is missing or not an object.
  func object(_ key: String) throws(EncoderError) -> JSONFields {
    guard let value = members[key] else { throw missing(key) }
    guard let object = value as? [String: Any] else { throw wrongType(key, "an object") }
    return JSONFields(path: path, members: object, kind: kind, context: qualified(key))
  }

  /// The object member `key`, or `nil` when absent or `null`.
  func optionalObject(_ key: String) throws(EncoderError) -> JSONFields? {
    has(key) ? try object(key) : nil
  }

  /// The array member `key`; throws when it is missing or not an array.
  func array(_ key: String) throws(EncoderError) -> [Any] {
    guard let value = members[key] else { throw missing(key) }
    guard let array = value as? [Any] else { throw wrongType(key, "an array") }
    return array
  }

  /// An error of this object's kind about `detail`.
  func invalid(_ detail: String) -> EncoderError {
    Self.error(kind, path, context.isEmpty ? detail : "\(context): \(detail)")
  }

  private func qualified(_ key: String) -> String {
    context.isEmpty ? "\"\(key)\"" : "\(context).\"\(key)\""
  }

  private func missing(_ key: String) -> EncoderError {
    Self.error(kind, path, "\(qualified(key)) is missing")
  }

  private func wrongType(_ key: String, _ expected: String) -> EncoderError {
    Self.error(kind, path, "\(qualified(key)) is not \(expected)")
  }

  private static func error(_ kind: Kind, _ path: String, _ detail: String) -> EncoderError {
    switch kind {
    case .configuration: return .invalidConfiguration(path: path, detail: detail)
    case .tokenizer: return .invalidTokenizer(path: path, detail: detail)
    }
  }

  /// A short explanation of a Foundation error.
  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
      return underlying.localizedDescription
    }
    if let debug = nsError.userInfo[NSDebugDescriptionErrorKey] as? String {
      return debug
    }
    return nsError.localizedDescription
  }
}
