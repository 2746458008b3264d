import Foundation
import PreferenceModel
import TestSupport
import Testing

@Suite("JSON parser")
struct JSONParserTests {
  func parse(_ text: String) throws -> JSONValue {
    try JSONValue.parse(text)
  }

  @Test func parsesScalarsWithSurroundingWhitespace() throws {
    #expect(try parse(" \n\t null \r\n") == .null)
    #expect(try parse("true") == .bool(true))
    #expect(try parse("false") == .bool(false))
    #expect(try parse("\"x\"") == .string("x"))
    #expect(try parse("42") == .number(JSONNumber(text: "42")))
  }

  @Test func parsesNestedStructure() throws {
    let value = try parse(#"{"a": [1, {"b": null}, "c"], "d": {"e": [true, false]}}"#)
    let expected: JSONValue = .object([
      JSONMember("a", .array([.number(JSONNumber(text: "1")), .object([JSONMember("b", .null)]), .string("c")])),
      JSONMember("d", .object([JSONMember("e", .array([.bool(true), .bool(false)]))])),
    ])
    #expect(value == expected)
  }

  @Test func keepsKeyOrderAndDuplicateKeys() throws {
    let value = try parse(#"{"zeta": 1, "alpha": 2, "zeta": 3, "mid": 4}"#)
    #expect(value.keys == ["zeta", "alpha", "zeta", "mid"])
    #expect(value["zeta"] == .number(JSONNumber(text: "1")))
    #expect(value.objectMembers?[2].value == .number(JSONNumber(text: "3")))
  }

  @Test func parsesEmptyContainers() throws {
    #expect(try parse("[]") == .array([]))
    #expect(try parse("{}") == .object([]))
    #expect(try parse("[ ]") == .array([]))
    #expect(try parse("{ \n }") == .object([]))
    #expect(try parse("[[], {}, [[]]]") == .array([.array([]), .object([]), .array([.array([])])]))
    #expect(try parse(#"{"a": {}, "b": []}"#) == .object([JSONMember("a", .object([])), JSONMember("b", .array([]))]))
  }

  @Test(arguments: [
    "0", "-0", "7", "-12", "7.50", "0.5", "-0.001", "1e3", "1E3", "1e+3", "1e-07", "2.5E-10",
    "12345678901234567890123", "0.1000000000000000055511151231257827", "NaN", "Infinity", "-Infinity",
  ])
  func keepsNumberText(_ text: String) throws {
    #expect(try parse(text) == .number(JSONNumber(text: text)))
    #expect(try parse("[\(text)]") == .array([.number(JSONNumber(text: text))]))
    #expect(try parse("{\"n\":\(text)}")["n"] == .number(JSONNumber(text: text)))
  }

  @Test func acceptsPythonNonFiniteNumbers() throws {
    let value = try parse(#"{"a": NaN, "b": Infinity, "c": -Infinity}"#)
    #expect(value["a"]?.doubleValue?.isNaN == true)
    #expect(value["b"]?.doubleValue == .infinity)
    #expect(value["c"]?.doubleValue == -.infinity)
  }

  @Test func decodesEscapes() throws {
    let value = try parse(#""q\"b\\s\/n\nr\rt\tb\bf\fu\u0041\u00e9\u4e2d""#)
    #expect(value == .string("q\"b\\s/n\nr\rt\tb\u{8}f\u{C}uA\u{E9}\u{4E2D}"))
    #expect(try parse(#""\u0000""#) == .string("\u{0}"))
  }

  @Test func decodesSurrogatePairs() throws {
    #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
    #expect(try parse(#""\uD83D\uDE00""#) == .string("😀"))
    #expect(try parse(#""a\ud835\udd18b""#) == .string("a𝔘b"))
  }

  @Test func decodesLoneSurrogatesToReplacementCharacter() throws {
    #expect(try parse(#""\ud83d""#) == .string("\u{FFFD}"))
    #expect(try parse(#""\ude00""#) == .string("\u{FFFD}"))
    #expect(try parse(#""\ud83dx""#) == .string("\u{FFFD}x"))
    #expect(try parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
    #expect(try parse(#""\ude00\ud83d""#) == .string("\u{FFFD}\u{FFFD}"))
    #expect(try parse(#""\ud83d\ud83d\ude00""#) == .string("\u{FFFD}😀"))
  }

  @Test func keepsRawUTF8() throws {
    let text = "{\"s\": \"café — 日本語 😀 \u{2028} \u{FEFF}\"}"
    #expect(try parse(text)["s"] == .string("café — 日本語 😀 \u{2028} \u{FEFF}"))
  }

  @Test func entryPointsAgree() throws {
    let text = #"{"a": ["x\n", 1.0, {"b": null}]}"#
    let bytes = Array(text.utf8)
    let fromString = try JSONValue.parse(text)
    let fromArray = try JSONValue.parse(bytes)
    let fromBuffer = try bytes.withUnsafeBytes { buffer in
      Result { () throws(JSONParseError) in try JSONValue.parse(buffer) }
    }.get()
    #expect(fromString == fromArray)
    #expect(fromString == fromBuffer)
  }

  @Test func acceptsNestingUpToTheLimit() throws {
    let depth = JSONValue.maximumDepth
    var value = try parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
    var levels = 0
    while case .array(let elements) = value {
      levels += 1
      guard let first = elements.first else { break }
      value = first
    }
    #expect(levels == depth)
    let objects = String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
    #expect(throws: Never.self) { try parse(objects) }
  }

  /// Strings long enough to cross the 8-byte scanning boundaries at every alignment.
  @Test func parsesStringsAtEveryAlignment() throws {
    let pieces = ["a", "\"", "\\", "\n", "é", "😀", "\u{1}", "/", "xyz", "\u{7F}", "ab\tcd"]
    for length in 0..<40 {
      for shift in 0..<pieces.count {
        var string = ""
        for k in 0..<length { string += pieces[(k * 7 + shift) % pieces.count] }
        for style in [JSONStyle.python, .pythonASCII, .pandas] {
          let text = JSONValue.string(string).serialized(style: style)
          #expect(try JSONValue.parse(text) == .string(string), "length \(length), shift \(shift)")
          let padded = Array("[1, ".utf8) + text + Array("]".utf8)
          #expect(try JSONValue.parse(padded) == .array([.number(JSONNumber(text: "1")), .string(string)]))
        }
      }
    }
  }

  @Test func parsesLongStringsWithManyEscapes() throws {
    var string = ""
    while string.utf8.count < 200_000 {
      string += "\n\nHuman: what does \"é\" mean?\\ 😀\n\nAssistant: It’s a letter.\t\u{1F}"
    }
    let value: JSONValue = .object([JSONMember("chosen", .string(string)), JSONMember("rejected", .string(""))])
    for style in [JSONStyle.python, .pythonASCII, .compact] {
      #expect(try JSONValue.parse(value.serialized(style: style)) == value)
    }
  }

  /// Foundation decodes the same strings from the same text.
  ///
  /// U+FEFF is left out of the alphabet: Foundation's parser drops it even in the
  /// middle of a string (checked with swift-corelibs-foundation of Swift 6.3.1);
  /// ``keepsRawUTF8()`` and the serializer tests cover it.
  @Test func agreesWithFoundationOnGeneratedStrings() throws {
    var generator = SeededGenerator(state: 7)
    let alphabet: [Unicode.Scalar] = [
      "a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "é", "\u{7FF}",
      "\u{800}", "中", "\u{FFFF}", "\u{10000}", "😀", "\u{10FFFF}", "\u{2028}",
    ]
    for _ in 0..<300 {
      let length = Int(generator.next() % 64)
      var scalars = String.UnicodeScalarView()
      for _ in 0..<length { scalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
      let string = String(scalars)
      for style in [JSONStyle.python, .pythonASCII, .pandas] {
        let text = JSONValue.array([.string(string)]).serialized(style: style)
        let ours = try JSONValue.parse(text)
        let theirs = try JSONSerialization.jsonObject(with: Data(text)) as? [String]
        #expect(ours == .array([.string(string)]))
        #expect(theirs.map { Array($0[0].unicodeScalars) } == Array(string.unicodeScalars))
      }
    }
  }
}
