import PreferenceModel

extension JSONValue {
  /// Whether this object has a member named `key`.
  func hasKey(_ key: String) -> Bool {
    guard case .object(let members) = self else { return false }
    return members.contains { $0.key == key }
  }
}
