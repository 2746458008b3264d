import Foundation
import PreferenceModel
import TestSupport
import Testing

/// The real JSON Lines files under ../shared/data that the JSON engine is checked on.
enum RealJSONFiles {
  static let jsonLines = [
    "hh-rlhf/harmless-base/test.jsonl.gz",
    "hh-rlhf/helpful-base/test.jsonl.gz",
    "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl",
    "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/eval_clean.jsonl",
    "ultrafeedback/icip-cas__AutoAlign/data/ultra_binary.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/anthropic_helpful.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/rewardbench.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/shp.jsonl",
    "other-formats/icip-cas__AutoAlign/data/eval/rm/summarize.jsonl",
    "other-formats/hiyouga__LLaMA-Factory/data/v1_dpo_demo.jsonl",
  ]

  /// A pretty-printed JSON array file.
  static let prettyArray = "other-formats/hiyouga__LLaMA-Factory/data/dpo_en_demo.json"

  /// The non-empty lines of a (possibly gzipped) JSON Lines file.
  static func lines(_ path: String) throws -> [[UInt8]] {
    let bytes = try Fixtures.decompressedBytes(of: Fixtures.shared(path))
    return bytes.split(separator: 0x0A, omittingEmptySubsequences: true).map { Array($0) }
  }
}

@Suite("JSON on real data")
struct JSONRealDataTests {
  @Test(arguments: RealJSONFiles.jsonLines)
  func agreesWithFoundation(_ path: String) throws {
    let lines = try RealJSONFiles.lines(path)
    #expect(!lines.isEmpty)
    for (index, line) in lines.enumerated() {
      let ours = try JSONValue.parse(line)
      let theirs = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
      if let difference = firstDifference(ours, theirs, at: "$") {
        Issue.record("\(path):\(index + 1): \(difference)")
        return
      }
    }
  }

  @Test func agreesWithFoundationOnAPrettyPrintedArray() throws {
    let bytes = try Fixtures.decompressedBytes(of: Fixtures.shared(RealJSONFiles.prettyArray))
    let ours = try JSONValue.parse(bytes)
    let theirs = try JSONSerialization.jsonObject(with: Data(bytes))
    #expect(firstDifference(ours, theirs, at: "$") == nil)
    #expect(ours.arrayValue?.count == 300)
  }

  @Test(arguments: RealJSONFiles.jsonLines)
  func reserializesEveryRecordExactlyInTheDetectedStyle(_ path: String) throws {
    let lines = try RealJSONFiles.lines(path)
    let style = JSONStyle.detect(in: Array(lines.prefix(100)))
    var mismatches = 0
    for (index, line) in lines.enumerated() {
      let output = try JSONValue.parse(line).serialized(style: style)
      if output != line {
        mismatches += 1
        if mismatches <= 3 {
          let at = zip(output, line).prefix { $0 == $1 }.count
          Issue.record("\(path):\(index + 1): differs from byte \(at) in style \(style)")
        }
      }
    }
    #expect(mismatches == 0)
  }

  @Test func detectsTheKnownStylesOfTheRealFiles() throws {
    func style(_ path: String) throws -> JSONStyle {
      JSONStyle.detect(in: Array(try RealJSONFiles.lines(path).prefix(100)))
    }
    #expect(try style("hh-rlhf/helpful-base/test.jsonl.gz") == .python)
    #expect(try style("ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl") == .python)
    #expect(try style("ultrafeedback/icip-cas__AutoAlign/data/ultra_binary.jsonl") == .pandas)
    #expect(try style("other-formats/icip-cas__AutoAlign/data/eval/rm/shp.jsonl") == .pandas)
    // No non-ASCII text at all: the escaped slashes mark it as pandas output.
    #expect(try style("other-formats/icip-cas__AutoAlign/data/eval/rm/summarize.jsonl") == .pandas)
    #expect(try style("other-formats/hiyouga__LLaMA-Factory/data/v1_dpo_demo.jsonl") == .python)
  }

  @Test func reserializesAPrettyPrintedArrayExactly() throws {
    var bytes = try Fixtures.decompressedBytes(of: Fixtures.shared(RealJSONFiles.prettyArray))
    let style = JSONStyle.detect(in: [bytes])
    #expect(style == JSONStyle.pythonIndented(2))
    let value = try JSONValue.parse(bytes)
    while bytes.last == 0x0A { bytes.removeLast() }
    #expect(value.serialized(style: style) == bytes)

    // Each element, serialized at level 1, is exactly its slice of the file.
    let elements = try #require(value.arrayValue)
    var output = Array("[".utf8)
    for (index, element) in elements.enumerated() {
      output += Array((index == 0 ? "\n  " : ",\n  ").utf8)
      element.serialize(into: &output, style: style, indentLevel: 1)
    }
    output += Array("\n]".utf8)
    #expect(output == bytes)
  }

  /// A description of the first place where `value` and Foundation's `object` differ, or `nil`.
  func firstDifference(_ value: JSONValue, _ object: Any, at path: String) -> String? {
    switch value {
    case .null:
      return object is NSNull ? nil : "\(path): null vs \(object)"
    case .bool(let flag):
      return (object as? NSNumber)?.boolValue == flag ? nil : "\(path): \(flag) vs \(object)"
    case .number(let number):
      guard let theirs = object as? NSNumber, let ours = number.doubleValue else {
        return "\(path): number \(number) vs \(object)"
      }
      return ours == theirs.doubleValue || (ours.isNaN && theirs.doubleValue.isNaN) ? nil : "\(path): \(number) vs \(theirs)"
    case .string(let string):
      guard let theirs = object as? String, Array(theirs.unicodeScalars) == Array(string.unicodeScalars) else {
        return "\(path): string differs"
      }
      return nil
    case .array(let elements):
      guard let theirs = object as? [Any], theirs.count == elements.count else {
        return "\(path): array of \(elements.count) vs \(type(of: object))"
      }
      for (index, element) in elements.enumerated() {
        if let difference = firstDifference(element, theirs[index], at: "\(path)[\(index)]") { return difference }
      }
      return nil
    case .object(let members):
      guard let theirs = object as? [String: Any], theirs.count == Set(members.map(\.key)).count else {
        return "\(path): object of \(members.count) members vs \(type(of: object))"
      }
      for member in members {
        guard let other = theirs[member.key] else { return "\(path): key \(member.key) missing in Foundation" }
        if let difference = firstDifference(member.value, other, at: "\(path).\(member.key)") { return difference }
      }
      return nil
    }
  }
}
