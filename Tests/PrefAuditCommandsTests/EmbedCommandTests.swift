import DatasetIO
import Foundation
import MatrixCore
import PreferenceModel
import SentenceEncoder
import Testing
import TestSupport

@testable import PrefAuditCommands

@Suite("prefaudit embed")
struct EmbedCommandTests {
  static let texts = ["Paris is the capital of France.", "I'm sorry, but I can't help with that.", "naïve café — “quotes”\n\ttab"]

  /// The texts as a JSON Lines file, with a CRLF line end and no final newline.
  static func input(in folder: String) throws -> String {
    let lines = texts.map { String(decoding: JSONValue.string($0).serialized(), as: UTF8.self) }
    let path = folder + "/texts.jsonl"
    try Data((lines[0] + "\r\n" + lines[1] + "\n" + lines[2]).utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// The vectors of an output file, checking that each number is written in its shortest round-trip form.
  static func vectors(_ path: String) throws -> [[Float]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasSuffix("\n"))
    return try text.split(separator: "\n").map { line in
      #expect(line.hasPrefix("[") && line.hasSuffix("]") && !line.contains(" "))
      return try line.dropFirst().dropLast().split(separator: ",").map { number in
        let value = try #require(Float(String(number)))
        #expect(value.description == number, "\(number) is not the shortest form of \(value)")
        return value
      }
    }
  }

  @Test("Round trip on 3 texts: the vectors equal SentenceEmbedder's, normalized or --raw; the cache gives the same file", .enabled(if: !ModelFixtures.skipsModelTests))
  func roundTrip() throws {
    let model = try ModelFixtures.modelDirectory()
    let embedder = try SentenceEmbedder(directory: model)
    let folder = try Fixtures.temporaryDirectory("prefaudit-embed").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let input = try Self.input(in: folder)
    let cache = folder + "/cache"
    for raw in [false, true] {
      let expected = try embedder.embed(Self.texts, options: EmbeddingOptions(output: raw ? .pooled : .sentenceTransformers))
      let first = folder + "/first\(raw).jsonl"
      let common = ["--encoder", model, "--cache-dir", cache, "--chunk-size", "2", "--threads", "2"] + (raw ? ["--raw"] : [])
      #expect(try CommandTests.run(["embed", input, "-o", first] + common) == 0)
      let vectors = try Self.vectors(first)
      #expect(vectors.count == 3)
      for (index, vector) in vectors.enumerated() {
        #expect(vector.count == 384)
        #expect(maxAbsoluteDifference(vector, expected.rowVector(index)) <= 1e-6, "text \(index)")
        let norm = VectorMath.norm(vector)
        #expect(raw ? norm > 1.5 : abs(norm - 1) < 1e-5, "norm \(norm)")
      }
      // From the cache, and without it: the same bytes.
      let second = folder + "/second\(raw).jsonl"
      #expect(try CommandTests.run(["embed", input, "-o", second] + common) == 0)
      #expect(try Data(contentsOf: URL(fileURLWithPath: second)) == Data(contentsOf: URL(fileURLWithPath: first)))
      let uncached = folder + "/uncached\(raw).jsonl"
      #expect(try CommandTests.run(["embed", input, "-o", uncached, "--no-cache"] + common) == 0)
      #expect(try Data(contentsOf: URL(fileURLWithPath: uncached)) == Data(contentsOf: URL(fileURLWithPath: first)))
    }
    // One model folder, two variants: a normalized and a pooled shard.
    let fingerprint = try ModelIdentity(directory: model).fingerprint
    let shards = try FileManager.default.contentsOfDirectory(atPath: cache + "/" + fingerprint).sorted()
    #expect(shards.count == 2 && shards[0].hasPrefix("normalized-") && shards[1].hasPrefix("pooled-"))

    // Compressed input and output.
    let gzipped = folder + "/texts.jsonl.gz"
    let writer = try ContainerWriter(path: gzipped, kind: .gzip)
    try writer.beginMember(MemberInfo())
    try writer.write(Array(try Data(contentsOf: URL(fileURLWithPath: input))))
    try writer.commit()
    let compressed = folder + "/vectors.jsonl.zst"
    #expect(try CommandTests.run(["embed", gzipped, "-o", compressed, "--encoder", model, "--cache-dir", cache, "--chunk-size", "2"]) == 0)
    var bytes: [UInt8] = []
    try ContainerReader(path: compressed).read(member: { _ in true }, chunk: { bytes += $0 }, endMember: { _ in })
    #expect(Data(bytes) == (try Data(contentsOf: URL(fileURLWithPath: folder + "/firstfalse.jsonl"))))
  }

  @Test("A line that is not a JSON string stops the run naming file:line; no output is left", .enabled(if: !ModelFixtures.skipsModelTests))
  func badLine() throws {
    let model = try ModelFixtures.modelDirectory()
    let folder = try Fixtures.temporaryDirectory("prefaudit-embed").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let input = folder + "/texts.jsonl"
    try Data("\"one\"\n\"two\"\n42\n\"four\"\n".utf8).write(to: URL(fileURLWithPath: input))
    let output = folder + "/vectors.jsonl"
    #expect(try CommandTests.run(["embed", input, "-o", output, "--encoder", model, "--no-cache", "--chunk-size", "2"]) == 65)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["texts.jsonl"])
  }

  @Test("Blank lines, non-strings and invalid JSON are errors naming file and line")
  func readerErrors() throws {
    let folder = try Fixtures.temporaryDirectory("prefaudit-embed").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cases: [(String, Int, String)] = [
      ("\"a\"\n\"b\"\n42\n", 3, "expected a JSON string, found number"),
      ("\"a\"\n\n\"c\"\n", 2, "blank line; every line must hold one JSON string"),
      ("\"a\"\n  \t\r\n", 2, "blank line"),
      ("{\"text\": \"a\"}\n", 1, "expected a JSON string, found object"),
      ("\"a\"\n\"b\" \"c\"\n", 2, "not valid JSON: column 5"),
      ("\"a\"\n\"unterminated\n", 2, "not valid JSON"),
      ("\"a\"\n\"b\"\n\n", 3, "blank line"),
    ]
    for (index, (content, line, reason)) in cases.enumerated() {
      let path = folder + "/case\(index).jsonl"
      try Data(content.utf8).write(to: URL(fileURLWithPath: path))
      var seen: [String] = []
      let error = #expect(throws: TextLineError.self) {
        try TextLineReader(path: path, chunkSize: 1).read { seen += $0 }
      }
      #expect(error?.line == line, "\(content.debugDescription)")
      #expect(error?.description.hasPrefix("\(path):\(line): ") == true, "\(error?.description ?? "")")
      #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
      #expect(seen.count == line - 1, "the texts before the bad line were handed out")
    }
  }

  @Test("Texts come out in order, in chunks, whatever the read block boundaries")
  func readerChunks() throws {
    let folder = try Fixtures.temporaryDirectory("prefaudit-embed").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let texts = (0..<10_000).map { "text \($0) " + String(repeating: "é", count: $0 % 300) }
    let path = folder + "/many.jsonl"
    let lines = texts.map { String(decoding: JSONValue.string($0).serialized(), as: UTF8.self) }
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    var chunks: [[String]] = []
    try TextLineReader(path: path, chunkSize: 4096).read { chunks.append($0) }
    #expect(chunks.map(\.count) == [4096, 4096, 1808])
    #expect(chunks.flatMap { $0 } == texts)

    let empty = folder + "/empty.jsonl"
    try Data().write(to: URL(fileURLWithPath: empty))
    var called = false
    try TextLineReader(path: empty, chunkSize: 4).read { _ in called = true }
    #expect(!called)
  }

  @Test("Options are checked: threads, the output equal to the input, archive outputs")
  func options() throws {
    let folder = try Fixtures.temporaryDirectory("prefaudit-embed").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let input = try Self.input(in: folder)
    #expect(throws: (any Error).self) { _ = try CommandTests.run(["embed", input, "--threads", "0"]) }
    #expect(throws: (any Error).self) { _ = try CommandTests.run(["embed", input, "-o", input]) }
    #expect(throws: (any Error).self) { _ = try VectorLineWriter(path: folder + "/out.tar.gz") }
    let missing = #expect(throws: EncoderError.self) {
      _ = try CommandTests.run(["embed", input, "--encoder", folder + "/no-model"])
    }
    #expect(missing?.description.contains("prefaudit model install") == true)
  }
}

/// The largest |a[i] − b[i]|.
private func maxAbsoluteDifference(_ a: [Float], _ b: [Float]) -> Float {
  zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
}
