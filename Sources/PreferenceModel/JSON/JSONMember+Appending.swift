extension Array where Element == JSONMember {
  /// Appends the members of `object` whose keys are not in this list yet, in their order.
  ///
  /// Adapters use it to write a record's metadata after the fields they wrote
  /// themselves. A key already in the list is skipped; a key repeated in `object`
  /// is appended once, from its first occurrence. A value that is not an object
  /// appends nothing.
  public mutating func appendNewMembers(of object: JSONValue) {
    guard case .object(let members) = object else { return }
    var written = Set(map(\.key))
    for member in members where !written.contains(member.key) {
      append(member)
      written.insert(member.key)
    }
  }
}
