/// A feature id or a glob over feature ids: `*` matches any run of characters (also none), `?`
/// exactly one; every other character matches itself.
struct FeaturePattern: Sendable, Hashable {
  /// The pattern as written.
  var text: String
  private var characters: [Character]

  /// Creates a pattern.
  init(_ text: String) {
    self.text = text
    characters = Array(text)
  }

  /// Whether the pattern holds `*` or `?` (else it names one feature).
  var isGlob: Bool { characters.contains { $0 == "*" || $0 == "?" } }

  /// Whether `id` matches the whole pattern.
  func matches(_ id: String) -> Bool {
    let subject = Array(id)
    var p = 0
    var s = 0
    // The last `*` seen and the subject position it was tried at, to backtrack to.
    var star: Int?
    var starSubject = 0
    while s < subject.count {
      if p < characters.count, characters[p] == "?" || (characters[p] != "*" && characters[p] == subject[s]) {
        p += 1
        s += 1
      } else if p < characters.count, characters[p] == "*" {
        star = p
        starSubject = s
        p += 1
      } else if let star {
        p = star + 1
        starSubject += 1
        s = starSubject
      } else {
        return false
      }
    }
    while p < characters.count, characters[p] == "*" { p += 1 }
    return p == characters.count
  }
}
