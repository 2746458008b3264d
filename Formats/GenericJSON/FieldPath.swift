import PreferenceModel

/// A dotted key path into a JSON value: `meta.answer`, `turns.0.text`.
///
/// Segments are separated by `.`; a segment of digits indexes an array (and
/// names a key in an object, so `{"0": ...}` is reachable too). Keys that
/// contain a dot cannot be addressed.
struct FieldPath: Sendable, Hashable, CustomStringConvertible {
  /// The path as written.
  var text: String
  /// The segments.
  var segments: [String]

  /// Parses `text`; `nil` when it is empty or has an empty segment (`a..b`, `.a`).
  init?(_ text: String) {
    guard !text.isEmpty else { return nil }
    let dot = UInt8(ascii: ".")
    if !text.utf8.contains(dot) {
      self.text = text
      self.segments = [text]
      return
    }
    let segments = text.utf8.split(separator: dot, omittingEmptySubsequences: false)
    guard !segments.contains(where: \.isEmpty) else { return nil }
    self.text = text
    self.segments = segments.map { String(Substring($0)) }
  }

  var description: String { text }

  /// The value at this path in `root`, or `nil` when some segment is missing.
  func resolve(in root: JSONValue) -> JSONValue? {
    var current = root
    for segment in segments {
      switch current {
      case .object:
        guard let next = current[segment] else { return nil }
        current = next
      case .array(let elements):
        guard let index = FieldPath.index(segment), index < elements.count else { return nil }
        current = elements[index]
      default:
        return nil
      }
    }
    return current
  }

  /// `root` with the value at this path set to `value`, creating objects (or
  /// arrays, for digit segments, padded with `null`) where the path is missing.
  /// A segment that meets a string or number replaces it with a new container.
  func setting(_ value: JSONValue, in root: JSONValue) -> JSONValue {
    FieldPath.setting(value, in: root, segments: segments[...])
  }

  private static func setting(_ value: JSONValue, in node: JSONValue, segments: ArraySlice<String>) -> JSONValue {
    guard let segment = segments.first else { return value }
    let rest = segments.dropFirst()
    switch node {
    case .object:
      return node.setting(segment, to: setting(value, in: node[segment] ?? .null, segments: rest))
    case .array(var elements):
      if let index = index(segment) {
        while elements.count <= index { elements.append(.null) }
        elements[index] = setting(value, in: elements[index], segments: rest)
        return .array(elements)
      }
      return .object([JSONMember(segment, setting(value, in: .null, segments: rest))])
    default:
      if let index = index(segment) {
        var elements = [JSONValue](repeating: .null, count: index + 1)
        elements[index] = setting(value, in: .null, segments: rest)
        return .array(elements)
      }
      return .object([JSONMember(segment, setting(value, in: .null, segments: rest))])
    }
  }

  /// `root` without the value at this path: a member of an object is removed
  /// (and objects left empty by that are removed too); an array element becomes
  /// `null`, as removing it would shift the elements after it.
  func removing(from root: JSONValue) -> JSONValue {
    FieldPath.removing(from: root, segments: segments[...]) ?? .object([])
  }

  /// The node without the path, or `nil` when the node itself should go.
  private static func removing(from node: JSONValue, segments: ArraySlice<String>) -> JSONValue? {
    guard let segment = segments.first else { return nil }
    let rest = segments.dropFirst()
    switch node {
    case .object(var members):
      guard let i = members.firstIndex(where: { $0.key == segment }) else { return node }
      if rest.isEmpty {
        members.remove(at: i)
      } else if let child = removing(from: members[i].value, segments: rest) {
        members[i].value = child
      } else {
        members.remove(at: i)
      }
      return members.isEmpty ? nil : .object(members)
    case .array(var elements):
      guard let index = index(segment), index < elements.count else { return node }
      elements[index] = rest.isEmpty ? .null : removing(from: elements[index], segments: rest) ?? .object([])
      return .array(elements)
    default:
      return node
    }
  }

  private static func index(_ segment: String) -> Int? {
    guard segment.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    return Int(segment)
  }
}
