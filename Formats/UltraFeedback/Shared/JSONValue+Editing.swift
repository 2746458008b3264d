import PreferenceModel

extension JSONValue {
  /// A copy of this object without members named `key`; other values are returned unchanged.
  func removing(_ key: String) -> JSONValue {
    guard case .object(let members) = self else { return self }
    return .object(members.filter { $0.key != key })
  }

  /// Sets `key` to `value` (keeping the member's position) or removes it when `value` is `nil`.
  func setting(_ key: String, toOptional value: JSONValue?) -> JSONValue {
    guard let value else { return removing(key) }
    return setting(key, to: value)
  }

  /// Whether this object has a member named `key`.
  func hasKey(_ key: String) -> Bool {
    guard case .object(let members) = self else { return false }
    return members.contains { $0.key == key }
  }

  /// A JSON object of named numbers, keys sorted so that output is deterministic.
  static func ratings(_ ratings: [String: Double]) -> JSONValue {
    .object(ratings.sorted { $0.key < $1.key }.map { JSONMember($0.key, .number(JSONNumber($0.value))) })
  }
}
