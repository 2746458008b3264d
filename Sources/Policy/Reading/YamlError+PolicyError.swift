import Yams

extension PolicyError {
  /// The policy error for a YAML or JSON syntax error from Yams, located in `file`.
  init(syntax error: YamlError, in text: String, file: String) {
    func located(_ mark: Mark) -> PolicyLocation {
      PolicyLocation(file: file, line: mark.line, column: mark.column)
    }
    func phrase(_ context: YamlError.Context?, _ problem: String) -> String {
      guard let context else { return problem }
      return "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
    }
    switch error {
    case let .scanner(context, problem, mark, _):
      self.init("syntax error: \(phrase(context, problem))", at: located(mark))
    case let .parser(context, problem, mark, _):
      self.init("syntax error: \(phrase(context, problem))", at: located(mark))
    case let .composer(context, problem, mark, _):
      self.init("syntax error: \(phrase(context, problem))", at: located(mark))
    case let .reader(problem, offset, _, _):
      self.init("unreadable text: \(problem)", at: offset.map { Self.location(ofCharacter: $0, in: text, file: file) })
    case let .duplicatedKeysInMapping(duplicates, context):
      let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
      self.init("a key is written twice in the same mapping: \(keys)", at: located(context.mark))
    default:
      self.init("cannot read the policy: \(error)", at: PolicyLocation(file: file, line: 1, column: 1))
    }
  }

  /// The line and column (from 1, in Unicode scalars) of the character at `offset` in `text`.
  static func location(ofCharacter offset: Int, in text: String, file: String) -> PolicyLocation {
    var line = 1
    var column = 1
    for character in text.prefix(offset) {
      if character == "\n" || character == "\r\n" || character == "\r" {
        line += 1
        column = 1
      } else {
        column += character.unicodeScalars.count
      }
    }
    return PolicyLocation(file: file, line: line, column: column)
  }
}
