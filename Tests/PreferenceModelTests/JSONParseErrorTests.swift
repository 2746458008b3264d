import PreferenceModel
import Testing

/// One malformed input and where and why the parser must reject it.
struct MalformedJSON: Sendable, CustomStringConvertible {
  var name: String
  var bytes: [UInt8]
  var offset: Int
  var line: Int
  var column: Int
  var message: String

  init(_ name: String, _ text: String, offset: Int, line: Int = 1, column: Int? = nil, _ message: String) {
    self.init(name, Array(text.utf8), offset: offset, line: line, column: column, message)
  }

  init(_ name: String, _ bytes: [UInt8], offset: Int, line: Int = 1, column: Int? = nil, _ message: String) {
    self.name = name
    self.bytes = bytes
    self.offset = offset
    self.line = line
    self.column = column ?? offset + 1
    self.message = message
  }

  var description: String { name }

  static let all: [MalformedJSON] = [
    // Truncated input
    MalformedJSON("empty", "", offset: 0, "unexpected end of input, expected a value"),
    MalformedJSON("only whitespace", " \n ", offset: 3, line: 2, column: 2, "unexpected end of input, expected a value"),
    MalformedJSON("truncated string", #"{"a": "xy"#, offset: 9, "unterminated string (opened at offset 6)"),
    MalformedJSON("truncated escaped string", #"{"a": "x\ny"#, offset: 11, "unterminated string (opened at offset 6)"),
    MalformedJSON("truncated in escape", #""ab\"#, offset: 4, "unterminated string: input ends inside an escape sequence"),
    MalformedJSON("truncated in \\u", #""ab\u00"#, offset: 7, #"unterminated string: input ends inside a \u escape"#),
    MalformedJSON("truncated object", #"{"a": 1"#, offset: 7, "unexpected end of input, expected ',' or '}' after object member"),
    MalformedJSON("truncated array", "[1, 2", offset: 5, "unexpected end of input, expected ',' or ']' after array element"),
    MalformedJSON("truncated after colon", #"{"a":"#, offset: 5, "unexpected end of input, expected a value"),
    MalformedJSON("truncated after key", #"{"a""#, offset: 4, "unexpected end of input, expected ':' after object key"),
    MalformedJSON("truncated literal", "tru", offset: 3, "invalid literal, expected 'true'"),
    // Bad escapes
    MalformedJSON("unknown escape", #""ab\x""#, offset: 3, #"invalid escape sequence '\x'"#),
    MalformedJSON("bad hex in \\u", #""\u12G4""#, offset: 1, #"invalid \u escape: expected four hexadecimal digits"#),
    MalformedJSON("escape of a control byte", [0x22, 0x5C, 0x01, 0x22], offset: 1, "invalid escape sequence: '\\' followed by byte 0x01"),
    // Bad UTF-8
    MalformedJSON("invalid byte in string", [0x22, 0x61, 0xFF, 0x62, 0x22], offset: 2, "invalid UTF-8 byte 0xFF in string"),
    MalformedJSON("invalid byte in escaped string", [0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], offset: 3, "invalid UTF-8 byte 0xC3 (incomplete or invalid sequence) in string"),
    MalformedJSON("truncated sequence", [0x22, 0xE2, 0x82, 0x22], offset: 1, "invalid UTF-8 byte 0xE2 (incomplete or invalid sequence) in string"),
    MalformedJSON("overlong encoding", [0x22, 0xC0, 0xAF, 0x22], offset: 1, "invalid UTF-8 byte 0xC0 in string"),
    MalformedJSON("encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], offset: 1, "invalid UTF-8 byte 0xED (incomplete or invalid sequence) in string"),
    MalformedJSON("beyond U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], offset: 1, "invalid UTF-8 byte 0xF4 (incomplete or invalid sequence) in string"),
    MalformedJSON("invalid byte outside strings", [0x5B, 0x31, 0x2C, 0x20, 0xFF, 0x5D], offset: 4, "invalid UTF-8 byte 0xFF"),
    MalformedJSON("invalid byte before an escape error", [0x22, 0xFF, 0x5C, 0x78, 0x22], offset: 1, "invalid UTF-8 byte 0xFF in string"),
    MalformedJSON("invalid byte in unterminated string", [0x22, 0x61, 0xFE], offset: 2, "invalid UTF-8 byte 0xFE in string"),
    MalformedJSON("byte order mark", [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], offset: 0, "unexpected UTF-8 byte order mark before the JSON text"),
    MalformedJSON("byte order mark inside", [0x5B, 0xEF, 0xBB, 0xBF, 0x31, 0x5D], offset: 1, "unexpected byte order mark (U+FEFF), expected a value"),
    // Control characters
    MalformedJSON("raw line feed in string", "\"a\nb\"", offset: 2, "unescaped control character U+000A (line feed) in string"),
    MalformedJSON("raw tab in string", "\"a\tb\"", offset: 2, "unescaped control character U+0009 (tab) in string"),
    MalformedJSON("raw control on a later line", "{\n\"a\":\n\"x\u{1}\"}", offset: 9, line: 3, column: 3, "unescaped control character U+0001 in string"),
    MalformedJSON("raw NUL after an escape", [0x22, 0x5C, 0x6E, 0x00, 0x22], offset: 3, "unescaped control character U+0000 (NUL) in string"),
    // Trailing garbage
    MalformedJSON("text after object", "{} x", offset: 3, "unexpected data after the JSON value"),
    MalformedJSON("two values", "1 2", offset: 2, "unexpected data after the JSON value"),
    MalformedJSON("second record on a new line", "{}\n{}", offset: 3, line: 2, column: 1, "unexpected data after the JSON value"),
    MalformedJSON("hexadecimal number", "0x10", offset: 1, "unexpected data after the JSON value"),
    // Structure
    MalformedJSON("trailing comma in array", "[1,]", offset: 3, "unexpected character ']', expected a value"),
    MalformedJSON("trailing comma in object", #"{"a":1,}"#, offset: 7, "expected a string key after ',' in object (trailing comma)"),
    MalformedJSON("missing colon", #"{"a" 1}"#, offset: 5, "unexpected character '1', expected ':' after object key"),
    MalformedJSON("number key", "{1: 2}", offset: 1, "unexpected character '1', expected a string key"),
    MalformedJSON("missing comma", #"{"a": 1 "b": 2}"#, offset: 8, "expected ',' or '}' after object member"),
    MalformedJSON("missing array comma", "[1 2]", offset: 3, "expected ',' or ']' after array element"),
    MalformedJSON("mismatched bracket", "[1}", offset: 2, "expected ',' or ']' after array element"),
    MalformedJSON("single quotes", "{'a': 1}", offset: 1, "unexpected character ''', expected a string key"),
    MalformedJSON("capitalised literal", "True", offset: 0, "unexpected character 'T', expected a value"),
    MalformedJSON("non-ASCII outside strings", "[é]", offset: 1, "unexpected character U+00E9, expected a value"),
    // Numbers
    MalformedJSON("leading zero", "01", offset: 0, "invalid number: leading zeros are not allowed"),
    MalformedJSON("negative leading zero", "-01", offset: 1, "invalid number: leading zeros are not allowed"),
    MalformedJSON("dot without fraction", "1.", offset: 2, "invalid number: expected a digit after '.'"),
    MalformedJSON("dot without fraction in array", "[1.]", offset: 3, "invalid number: expected a digit after '.'"),
    MalformedJSON("lone minus", "-", offset: 1, "invalid number: expected a digit after '-'"),
    MalformedJSON("minus before letter", "-NaN", offset: 1, "invalid number: expected a digit after '-'"),
    MalformedJSON("leading dot", ".5", offset: 0, "invalid number: a digit must come before '.'"),
    MalformedJSON("leading plus", "+1", offset: 0, "invalid number: a number cannot start with '+'"),
    MalformedJSON("empty exponent", "1e", offset: 2, "invalid number: expected a digit in the exponent"),
    MalformedJSON("signed empty exponent", "1e+", offset: 3, "invalid number: expected a digit in the exponent"),
    MalformedJSON("short Infinity", "Inf", offset: 3, "invalid literal, expected 'Infinity'"),
    MalformedJSON("lowercase nan", "nan", offset: 1, "invalid literal, expected 'null'"),
  ]
}

@Suite("JSON parse errors")
struct JSONParseErrorTests {
  @Test(arguments: MalformedJSON.all)
  func reportsPositionAndReason(_ input: MalformedJSON) {
    #expect {
      try JSONValue.parse(input.bytes)
    } throws: { error in
      guard let error = error as? JSONParseError else { return false }
      #expect(error.message == input.message)
      #expect(error.offset == input.offset)
      #expect(error.line == input.line)
      #expect(error.column == input.column)
      #expect(error.description == "line \(input.line), column \(input.column): \(input.message)")
      return true
    }
  }

  @Test func rejectsNestingBeyondTheLimit() {
    let depth = JSONValue.maximumDepth
    for open in ["[", #"{"k":"#] {
      let text = String(repeating: open, count: depth + 1) + "1"
      let openLength = open.utf8.count
      #expect(throws: JSONParseError(
        offset: depth * openLength, line: 1, column: depth * openLength + 1,
        message: "nesting too deep: more than \(depth) levels of arrays and objects"
      )) {
        try JSONValue.parse(text)
      }
    }
  }

  @Test func rejectsVeryDeepNestingWithoutRecursion() {
    let text = String(repeating: "[", count: 1_000_000)
    #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
  }

  @Test func reportsLineAndColumnInMultilineText() throws {
    let text = "{\n  \"a\": 1,\n  \"b\": [1, 2,, 3]\n}"
    let error = try #require(throws: JSONParseError.self) { try JSONValue.parse(text) }
    #expect(error.line == 3)
    #expect(error.column == 14)
    #expect(error.offset == 25)
    #expect(error.message == "unexpected character ',', expected a value")
  }
}
