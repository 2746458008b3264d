// Copied as Formats/ShareGPT/JSONValue+Editing.swift and Formats/GenericJSON/JSONValue+Editing.swift (adapters depend
// only on PreferenceModel); keep the copies in step.

import PreferenceModel

extension JSONValue {
  /// A copy of this object without its members named `key` (non-objects unchanged).
  func removingMember(_ key: String) -> JSONValue {
    guard case .object(let members) = self else { return self }
    return .object(members.filter { $0.key != key })
  }

  /// A copy of this object with `key` set to `value`, or removed when `value` is nil.
  func setting(_ key: String, toOptional value: JSONValue?) -> JSONValue {
    if let value { return setting(key, to: value) }
    return removingMember(key)
  }

}
