import Foundation
import SentenceEncoder
import Synchronization
import Testing

/// The on-disk embedding cache, with a deterministic stand-in for the encoder.
@Suite("Embedding cache")
struct EmbeddingCacheTests {
  static let dimension = 6
  static let fingerprint = String(repeating: "ab", count: 32)

  /// A vector that depends on every byte of the text.
  static func vector(_ text: String) -> [Float] {
    var hasher: UInt64 = 1_469_598_103_934_665_603
    for byte in text.utf8 { hasher = (hasher ^ UInt64(byte)) &* 1_099_511_628_211 }
    return (0..<dimension).map { Float(Int64(bitPattern: hasher &* UInt64($0 + 1)) % 10_000) / 997 }
  }

  /// Records the texts it is asked to embed.
  final class Recorder: Sendable {
    let calls = Mutex<[[String]]>([])
    func compute(_ texts: [String]) -> [[Float]] {
      calls.withLock { $0.append(texts) }
      return texts.map(EmbeddingCacheTests.vector)
    }
    var texts: [String] { calls.withLock { $0.flatMap { $0 } } }
  }

  static func cache(_ root: String, normalized: Bool = true, maxShardBytes: Int64 = 1 << 30) throws -> EmbeddingCache {
    try EmbeddingCache(
      root: root, modelFingerprint: fingerprint, normalized: normalized, dimension: dimension, maxShardBytes: maxShardBytes)
  }

  static func shards(_ cache: EmbeddingCache) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: cache.directory).filter { $0.hasSuffix(".shard") }.sorted()
      .map { cache.directory + "/" + $0 }
  }

  static let recordSize = 16 + 4 * dimension + 8
  static let headerSize = 64

  /// Overwrites one byte of a file.
  static func flipByte(in path: String, at offset: Int) throws {
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seek(toOffset: UInt64(offset))
    let byte = try handle.read(upToCount: 1)![0]
    try handle.seek(toOffset: UInt64(offset))
    try handle.write(contentsOf: [byte ^ 0x5A])
  }

  static let texts = ["first", "second", "first", "", "unicode: héllo 👋", "third"]

  @Test("A second call returns identical vectors without calling compute, also from a new instance")
  func reuse() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    let recorder = Recorder()
    let first = try Self.cache(root).embeddings(for: Self.texts, compute: recorder.compute)
    #expect(first == Self.texts.map(Self.vector))
    #expect(recorder.texts == ["first", "second", "", "unicode: héllo 👋", "third"], "each distinct text once, in order")

    let cache = try Self.cache(root)
    let again = try cache.embeddings(for: Self.texts) { texts in
      Issue.record("compute was called with \(texts)")
      return texts.map(Self.vector)
    }
    #expect(again == first)
    #expect(cache.statistics.reused == Self.texts.count && cache.statistics.computed == 0)
    #expect(try cache.embeddings(for: ["second", "first"]) { _ in [] } == [Self.vector("second"), Self.vector("first")])

    // Partly cached: only the new text is computed.
    let mixed = try cache.embeddings(for: ["third", "fourth", "first"], compute: recorder.compute)
    #expect(mixed == ["third", "fourth", "first"].map(Self.vector))
    #expect(recorder.calls.withLock { $0.last } == ["fourth"])
    #expect(cache.statistics == {
      var expected = EmbeddingCacheStatistics()
      expected.reused = Self.texts.count + 4
      expected.computed = 1
      expected.stored = 1
      return expected
    }())
    #expect(try cache.embeddings(for: []) { _ in [] } == [])
    #expect(cache.writeFailure == nil)
    #expect(cache.directory == root + "/" + Self.fingerprint)
    #expect(try Self.shards(cache).count == 1)
  }

  @Test("Entries are kept apart by model fingerprint and normalization")
  func keys() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    _ = try Self.cache(root).embeddings(for: ["a", "b"]) { $0.map(Self.vector) }
    let recorder = Recorder()
    _ = try Self.cache(root, normalized: false).embeddings(for: ["a", "b"], compute: recorder.compute)
    let other = try EmbeddingCache(root: root, modelFingerprint: "other", normalized: true, dimension: Self.dimension)
    _ = try other.embeddings(for: ["a"], compute: recorder.compute)
    #expect(recorder.texts == ["a", "b", "a"])
    let names = try Self.shards(try Self.cache(root)).map { ($0 as NSString).lastPathComponent }
    #expect(names.count == 2 && names.contains { $0.hasPrefix("normalized-") } && names.contains { $0.hasPrefix("pooled-") })
  }

  @Test("A corrupted record is detected and recomputed, never returned")
  func corruptedRecord() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    let texts = ["one", "two", "three"]
    let writer = try Self.cache(root)
    _ = try writer.embeddings(for: texts) { $0.map(Self.vector) }
    let shard = try #require(try Self.shards(writer).first)
    // A byte inside the vector of "two" (the second record).
    try Self.flipByte(in: shard, at: Self.headerSize + Self.recordSize + 16 + 5)

    let recorder = Recorder()
    let reader = try Self.cache(root)
    let vectors = try reader.embeddings(for: texts, compute: recorder.compute)
    #expect(vectors == texts.map(Self.vector))
    #expect(recorder.texts == ["two"])
    #expect(reader.statistics.discarded == 1 && reader.statistics.reused == 2 && reader.statistics.computed == 1)

    // The recomputed record was appended: a new instance needs nothing.
    let later = try Self.cache(root)
    #expect(try later.embeddings(for: texts) { _ in
      Issue.record("compute was called")
      return []
    } == texts.map(Self.vector))
  }

  @Test("Damage after the index was read is caught when the record is read")
  func corruptionAfterLoading() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    let cache = try Self.cache(root)
    _ = try cache.embeddings(for: ["one", "two"]) { $0.map(Self.vector) }
    let shard = try #require(try Self.shards(cache).first)
    try Self.flipByte(in: shard, at: Self.headerSize + 3)  // the key of "one"
    let recorder = Recorder()
    #expect(try cache.embeddings(for: ["one", "two"], compute: recorder.compute) == ["one", "two"].map(Self.vector))
    #expect(recorder.texts == ["one"])
    #expect(cache.statistics.discarded == 1)
  }

  @Test("A truncated shard: the partial record is recomputed and cut off before appending")
  func truncatedShard() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    let texts = ["one", "two", "three"]
    let writer = try Self.cache(root)
    _ = try writer.embeddings(for: texts) { $0.map(Self.vector) }
    let shard = try #require(try Self.shards(writer).first)
    let fullSize = Self.headerSize + 3 * Self.recordSize
    #expect(try FileManager.default.attributesOfItem(atPath: shard)[.size] as? Int == fullSize)
    // Released by the writer only when it goes away.
    _ = consume writer
    #expect(truncate(shard, off_t(fullSize - 10)) == 0)

    let recorder = Recorder()
    let reader = try Self.cache(root)
    #expect(try reader.embeddings(for: texts, compute: recorder.compute) == texts.map(Self.vector))
    #expect(recorder.texts == ["three"])
    // The same shard was taken for writing, its partial record cut off, and "three" appended.
    #expect(try Self.shards(reader) == [shard])
    #expect(try FileManager.default.attributesOfItem(atPath: shard)[.size] as? Int == fullSize)
    #expect(reader.statistics.discarded == 1)
  }

  @Test("A shard with a damaged or foreign header is ignored")
  func damagedHeader() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    let writer = try Self.cache(root)
    _ = try writer.embeddings(for: ["one"]) { $0.map(Self.vector) }
    let shard = try #require(try Self.shards(writer).first)
    _ = consume writer
    try Self.flipByte(in: shard, at: 9)  // the width
    let recorder = Recorder()
    let reader = try Self.cache(root)
    #expect(try reader.embeddings(for: ["one"], compute: recorder.compute) == [Self.vector("one")])
    #expect(recorder.texts == ["one"] && reader.statistics.discarded == 1)
    #expect(try Self.shards(reader).count == 2, "a new shard is started beside the ignored one")
  }

  @Test("Two writers append to separate shards; a reader sees both")
  func concurrentWriters() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    let first = try Self.cache(root)
    let second = try Self.cache(root)
    _ = try first.embeddings(for: ["a", "b"]) { $0.map(Self.vector) }
    _ = try second.embeddings(for: ["c"]) { $0.map(Self.vector) }  // cannot lock the first's shard
    _ = try first.embeddings(for: ["d"]) { $0.map(Self.vector) }
    #expect(try Self.shards(first).count == 2)
    let reader = try Self.cache(root)
    #expect(try reader.embeddings(for: ["d", "c", "b", "a"]) { _ in
      Issue.record("compute was called")
      return []
    } == ["d", "c", "b", "a"].map(Self.vector))
    // The second finds what the first wrote after it had read the index.
    #expect(try second.embeddings(for: ["d"]) { _ in
      Issue.record("compute was called")
      return []
    } == [Self.vector("d")])
  }

  @Test("Many threads on one cache get the right vectors")
  func threads() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    let cache = try Self.cache(root)
    let failures = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 16) { round in
      let texts = (0..<50).map { "text \(($0 * 7 + round) % 120)" }
      let vectors = try? cache.embeddings(for: texts) { $0.map(Self.vector) }
      if vectors != texts.map(Self.vector) { failures.withLock { $0 += 1 } }
    }
    #expect(failures.withLock { $0 } == 0)
    let reader = try Self.cache(root)
    let all = (0..<120).map { "text \($0)" }
    #expect(try reader.embeddings(for: all) { _ in
      Issue.record("compute was called")
      return []
    } == all.map(Self.vector))
  }

  @Test("Full shards are closed and new ones started")
  func rollover() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    let texts = (0..<10).map { "t\($0)" }
    let cache = try Self.cache(root, maxShardBytes: Int64(Self.headerSize + 3 * Self.recordSize))
    _ = try cache.embeddings(for: texts) { $0.map(Self.vector) }
    let shards = try Self.shards(cache)
    #expect(shards.count == 4)
    for shard in shards {
      let size = try FileManager.default.attributesOfItem(atPath: shard)[.size] as? Int ?? 0
      #expect(size <= Self.headerSize + 3 * Self.recordSize && (size - Self.headerSize) % Self.recordSize == 0)
    }
    #expect(try Self.cache(root).embeddings(for: texts) { _ in [] } == texts.map(Self.vector))
  }

  @Test("Wrong results from compute, a bad fingerprint or width are errors")
  func errors() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    let cache = try Self.cache(root)
    let count = #expect(throws: EmbeddingCacheError.self) { try cache.embeddings(for: ["a", "b"]) { _ in [[1, 2, 3, 4, 5, 6]] } }
    #expect(count?.description.contains("1 vectors for 2 texts") == true)
    #expect(throws: EmbeddingCacheError.self) { try cache.embeddings(for: ["a"]) { _ in [[1]] } }
    #expect(throws: EmbeddingCacheError.invalidFingerprint("../x")) {
      try EmbeddingCache(root: root, modelFingerprint: "../x", normalized: true, dimension: 4)
    }
    #expect(throws: EmbeddingCacheError.invalidDimension(0)) {
      try EmbeddingCache(root: root, modelFingerprint: "x", normalized: true, dimension: 0)
    }
    struct Failure: Error {}
    #expect(throws: Failure.self) { try cache.embeddings(for: ["a"]) { _ in throw Failure() } }
    #expect(try cache.embeddings(for: ["a"]) { $0.map(Self.vector) } == [Self.vector("a")])
  }

  @Test("A cache that cannot be written still answers, and says why")
  func readOnly() throws {
    let root = try ModelFolder.make("prefaudit-cache")
    try Data("not a folder".utf8).write(to: URL(fileURLWithPath: root + "/" + Self.fingerprint))
    let cache = try Self.cache(root)
    let recorder = Recorder()
    #expect(try cache.embeddings(for: ["a"], compute: recorder.compute) == [Self.vector("a")])
    #expect(try cache.embeddings(for: ["a"], compute: recorder.compute) == [Self.vector("a")])
    #expect(recorder.texts == ["a", "a"])
    #expect(cache.writeFailure?.contains(Self.fingerprint) == true)
  }

  @Test("With the real model: cached vectors equal the encoder's, bit for bit", .enabled(if: !EncoderFixtures.skipsModelTests))
  func realModel() throws {
    let embedder = try EncoderFixtures.requireEmbedder()
    let root = try ModelFolder.make("prefaudit-cache")
    let texts = ["Paris is the capital of France.", "I'm sorry, but I can't help with that.", "Paris is the capital of France."]
    for output in EmbeddingOutput.allCases {
      let options = EmbeddingOptions(output: output)
      let direct = try embedder.embed(texts, options: options)
      let compute = { (texts: [String]) throws -> [[Float]] in
        let matrix = try embedder.embed(texts, options: options)
        return (0..<matrix.rows).map { matrix.rowVector($0) }
      }
      _ = try EmbeddingCache(embedder: embedder, output: output, root: root).embeddings(for: texts, compute: compute)
      let cache = try EmbeddingCache(embedder: embedder, output: output, root: root)
      #expect(cache.normalized == (output == .sentenceTransformers))
      let cached = try cache.embeddings(for: texts) { _ in
        Issue.record("compute was called")
        return []
      }
      #expect(cached == (0..<direct.rows).map { direct.rowVector($0) })
    }
  }
}
