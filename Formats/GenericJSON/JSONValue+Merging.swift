import PreferenceModel

extension JSONValue {
  /// This value with `other` merged in: objects gain the members they lack
  /// (members under the same key are merged the same way), arrays gain the
  /// elements they lack (element by element; a `null` element takes the other's),
  /// anything else keeps this value.
  func merging(_ other: JSONValue) -> JSONValue {
    switch (self, other) {
    case (.object(var members), .object(let extra)):
      for member in extra {
        if let i = members.firstIndex(where: { $0.key == member.key }) {
          members[i].value = members[i].value.merging(member.value)
        } else {
          members.append(member)
        }
      }
      return .object(members)
    case (.array(var elements), .array(let extra)):
      for (i, element) in extra.enumerated() {
        if i < elements.count {
          elements[i] = elements[i].isNull ? element : elements[i].merging(element)
        } else {
          elements.append(element)
        }
      }
      return .array(elements)
    default:
      return self
    }
  }
}
