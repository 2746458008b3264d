import PreferenceModel
import Testing

@Suite("JSON style detection")
struct JSONStyleDetectionTests {
  let sample: JSONValue = .object([
    JSONMember("prompt", "café / naïve"),
    JSONMember("chosen", .array([.object([JSONMember("from", "gpt"), JSONMember("value", "ok 😀")])])),
    JSONMember("score", .number(JSONNumber(text: "8.5"))),
  ])

  @Test(arguments: [
    JSONStyle.python, .pythonASCII, .compact, .pandas,
    JSONStyle.pythonIndented(2),
    JSONStyle(itemSeparator: ",", indent: 4, escapeNonASCII: true),
    JSONStyle(itemSeparator: ", ", keySeparator: ":"),
  ])
  func detectsTheStyleThatWroteTheRecords(_ style: JSONStyle) {
    let records = [sample.serialized(style: style), JSONValue.array([1, 2]).serialized(style: style)]
    #expect(JSONStyle.detect(in: records) == style)
  }

  @Test func detectsIndentOfArrayElements() {
    // An element of a pretty-printed top-level array starts at nesting level 1.
    let style = JSONStyle.pythonIndented(2)
    var element: [UInt8] = []
    sample.serialize(into: &element, style: style, indentLevel: 1)
    #expect(JSONStyle.detect(in: [element]) == style)
  }

  @Test func keepsPythonDefaultsWithoutEvidence() {
    #expect(JSONStyle.detect(in: []) == .python)
    #expect(JSONStyle.detect(in: [Array("{}".utf8), Array("\"plain\"".utf8)]) == .python)
  }

  @Test func takesEscapedSlashesAsPandasWhenNoNonASCIIIsSeen() {
    let records = [Array(#"{"a":"x\/y","b":[1,2]}"#.utf8)]
    #expect(JSONStyle.detect(in: records) == .pandas)
  }

  @Test func doesNotCountEscapedBackslashesAsEscapes() {
    // `\\u25CF` is a backslash followed by text, not a \u escape; `\\/` is a backslash and a raw slash.
    let records = [Array(#"{"a": "\\u25CF é", "b": "\\/"}"#.utf8)]
    let style = JSONStyle.detect(in: records)
    #expect(style.escapeNonASCII == false)
    #expect(style.escapeSlash == false)
  }
}
