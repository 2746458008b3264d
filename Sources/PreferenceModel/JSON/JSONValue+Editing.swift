extension JSONValue {
  /// A copy of this object without its members named `key`; other values are returned unchanged.
  public func removingMembers(named key: String) -> JSONValue {
    guard case .object(let members) = self else { return self }
    return .object(members.filter { $0.key != key })
  }

  /// A copy of this object with `key` set to `value`, or without `key` when `value` is `nil`.
  ///
  /// Setting keeps an existing member's position (see ``setting(_:to:)``); removing
  /// drops every member named `key`. Non-objects are returned unchanged.
  public func setting(_ key: String, toOptional value: JSONValue?) -> JSONValue {
    guard let value else { return removingMembers(named: key) }
    return setting(key, to: value)
  }

  /// Creates an object of named numbers (ratings), keys sorted so that output is deterministic;
  /// `nil` when there are no ratings, which layouts write as an absent key or `null`.
  ///
  /// ```swift
  /// JSONValue(ratings: ["honesty": 5, "helpfulness": 4.5])  // {"helpfulness": 4.5, "honesty": 5.0}
  /// JSONValue(ratings: [:])                                 // nil
  /// ```
  public init?(ratings: [String: Double]) {
    guard !ratings.isEmpty else { return nil }
    self = .object(ratings.sorted { $0.key < $1.key }.map { JSONMember($0.key, .number(JSONNumber($0.value))) })
  }
}
