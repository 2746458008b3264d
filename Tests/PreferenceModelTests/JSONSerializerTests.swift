import PreferenceModel
import TestSupport
import Testing

@Suite("JSON serializer")
struct JSONSerializerTests {
  func text(_ value: JSONValue, _ style: JSONStyle) -> String {
    String(decoding: value.serialized(style: style), as: UTF8.self)
  }

  /// Exact bytes of Python's `json.dumps` in four configurations (see JSONPythonFixtures.swift).
  @Test(arguments: PythonJSONCase.all)
  func matchesPythonJSONDumps(_ fixture: PythonJSONCase) throws {
    let value = try JSONValue.parse(fixture.input)
    #expect(value.serialized(style: .python) == Array(fixture.python.utf8))
    #expect(value.serialized(style: .pythonASCII) == Array(fixture.pythonASCII.utf8))
    #expect(value.serialized(style: JSONStyle.pythonIndented(2)) == Array(fixture.pythonIndent2.utf8))
    #expect(value.serialized(style: .compact) == Array(fixture.compact.utf8))
    #expect(value.serialized() == Array(fixture.python.utf8))
  }

  @Test func escapesLikePython() {
    let value: JSONValue = .string("\"\\/\n\r\t\u{8}\u{C}\u{0}\u{1F}\u{7F}é😀")
    #expect(text(value, .python) == #""\"\\/\n\r\t\b\f\u0000\u001f"# + "\u{7F}é😀\"")
    #expect(text(value, .pythonASCII) == #""\"\\/\n\r\t\b\f\u0000\u001f\u007f\u00e9\ud83d\ude00""#)
    #expect(text(value, .pandas) == #""\"\\\/\n\r\t\b\f\u0000\u001f\u007f\u00e9\ud83d\ude00""#)
  }

  @Test func writesSeparatorsAndNumbersVerbatim() {
    let value: JSONValue = .object([
      JSONMember("a", .array([.number(JSONNumber(text: "7.50")), .number(JSONNumber(text: "1e3")), .null])),
      JSONMember("b", .bool(false)),
      JSONMember("a", .number(JSONNumber(text: "-Infinity"))),
    ])
    #expect(text(value, .python) == #"{"a": [7.50, 1e3, null], "b": false, "a": -Infinity}"#)
    #expect(text(value, .compact) == #"{"a":[7.50,1e3,null],"b":false,"a":-Infinity}"#)
  }

  @Test func prettyPrintsLikePythonIndent() {
    let value: JSONValue = .object([
      JSONMember("a", .array([1, .object([]), .array([])])),
      JSONMember("b", .object([JSONMember("c", "d")])),
    ])
    let expected = """
      {
        "a": [
          1,
          {},
          []
        ],
        "b": {
          "c": "d"
        }
      }
      """
    #expect(text(value, JSONStyle.pythonIndented(2)) == expected)
    #expect(text(.array([]), JSONStyle(itemSeparator: ",", indent: 4)) == "[]")
    // json.dumps([1, 2], indent=2, separators=(", ", ": ")) keeps the space before the line break.
    #expect(text(.array([1, 2]), JSONStyle(itemSeparator: ", ", indent: 2)) == "[\n  1, \n  2\n]")
    // json.dumps([1, [2]], indent=0)
    #expect(text(.array([1, .array([2])]), JSONStyle.pythonIndented(0)) == "[\n1,\n[\n2\n]\n]")
  }

  @Test func startsAtTheGivenIndentLevel() {
    let element: JSONValue = .object([JSONMember("from", "gpt"), JSONMember("value", "hi")])
    var output = Array("[\n  ".utf8)
    element.serialize(into: &output, style: JSONStyle.pythonIndented(2), indentLevel: 1)
    output += Array("\n]".utf8)
    let expected = """
      [
        {
          "from": "gpt",
          "value": "hi"
        }
      ]
      """
    #expect(String(decoding: output, as: UTF8.self) == expected)
  }

  @Test func appendsToExistingOutput() {
    var output = Array("x".utf8)
    JSONValue.array([1, 2]).serialize(into: &output, style: .compact)
    #expect(output == Array("x[1,2]".utf8))
  }

  @Test func roundTripsGeneratedValues() throws {
    var generator = SeededGenerator(state: 42)
    let styles: [JSONStyle] = [.python, .pythonASCII, .compact, .pandas, JSONStyle.pythonIndented(2)]
    for _ in 0..<200 {
      let value = randomValue(&generator, depth: 0)
      for style in styles {
        let bytes = value.serialized(style: style)
        #expect(try JSONValue.parse(bytes) == value)
        #expect(try JSONValue.parse(bytes).serialized(style: style) == bytes)
      }
    }
  }

  func randomValue(_ generator: inout SeededGenerator, depth: Int) -> JSONValue {
    let scalars: [Unicode.Scalar] = ["a", "\"", "\\", "/", "\n", "\u{1}", "é", "😀", " ", "\u{2028}"]
    func randomString() -> String {
      var view = String.UnicodeScalarView()
      for _ in 0..<Int(generator.next() % 12) { view.append(scalars[Int(generator.next() % UInt64(scalars.count))]) }
      return String(view)
    }
    switch generator.next() % (depth > 3 ? 4 : 6) {
    case 0: return .null
    case 1: return .bool(generator.next() % 2 == 0)
    case 2: return .number(JSONNumber(text: ["0", "-1.5", "1e-07", "12", "NaN"][Int(generator.next() % 5)]))
    case 3: return .string(randomString())
    case 4: return .array((0..<Int(generator.next() % 4)).map { _ in randomValue(&generator, depth: depth + 1) })
    default:
      return .object((0..<Int(generator.next() % 4)).map { _ in
        JSONMember(randomString(), randomValue(&generator, depth: depth + 1))
      })
    }
  }
}
