/// A member name made safe for use as a relative path under an output folder.
///
/// Archive member names are untrusted: `../../.bashrc` or `/etc/passwd` would escape a
/// folder they are extracted into. This function:
/// - treats `\` as a separator too (zip files made on Windows use it),
/// - strips a leading drive letter (`C:`) and leading `/`,
/// - drops empty, `.` and `..` components (`..` is dropped, not resolved),
/// - returns `nil` when nothing is left (e.g. `/`, `..`, `./`).
///
/// Examples: `"/etc/passwd"` → `"etc/passwd"`, `"../../x.jsonl"` → `"x.jsonl"`,
/// `"a/./b//c"` → `"a/b/c"`, `"C:\\data\\x.jsonl"` → `"data/x.jsonl"`, `".."` → `nil`.
/// ``ContainerReader`` reports names as stored; ``ContainerWriter`` refuses names for
/// which ``isSafeMemberPath(_:)`` is false, so pass them through this function first.
public func safeMemberPath(_ name: String) -> String? {
  var text = Substring(name)
  if text.count >= 2, let first = text.unicodeScalars.first, first.isASCII,
    first.properties.isAlphabetic, text.dropFirst().first == ":"
  {
    text = text.dropFirst(2)
  }
  let parts = text.split(whereSeparator: { $0 == "/" || $0 == "\\" })
    .filter { $0 != "." && $0 != ".." }
  return parts.isEmpty ? nil : parts.joined(separator: "/")
}

/// Whether an archive member name is safe to write as is: relative, without a drive
/// letter, without a `..` component (with `/` or `\` as separators), not a folder name
/// ending in `/`, and not empty.
///
/// A harmless `./` prefix or `.` component is allowed, so archives made with
/// `tar -cf x.tar ./data` keep their names on write-back.
public func isSafeMemberPath(_ name: String) -> Bool {
  guard let safe = safeMemberPath(name), !safe.isEmpty else { return false }
  if name.hasPrefix("/") || name.hasPrefix("\\") || name.hasSuffix("/") { return false }
  if let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
    name.dropFirst().first == ":"
  {
    return false
  }
  return !name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
}
