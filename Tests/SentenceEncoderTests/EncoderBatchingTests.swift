import Foundation
import MatrixCore
import SentenceEncoder
import Testing

/// all-MiniLM-L6-v2 on real replies: batching, threads and order do not change the embeddings.
@Suite("Batched encoding (all-MiniLM-L6-v2)", .enabled(if: !EncoderFixtures.skipsModelTests))
struct EncoderBatchingTests {
  /// 120 texts of very different lengths: HH-RLHF replies and Unicode strings from the tokenizer reference.
  static func texts() throws -> [String] {
    let data = try Data(contentsOf: EncoderFixtures.reference("tokenizer-reference.jsonl"))
    let all = try data.split(separator: UInt8(ascii: "\n")).map {
      try JSONDecoder().decode(TokenizerReferenceTests.Case.self, from: Data($0)).text
    }
    return Array(all.suffix(100)) + Array(all.prefix(20))
  }

  @Test("Batched on two threads equals one text at a time (≤ 1e-5), in input order")
  func batchedEqualsSingle() throws {
    let embedder = try EncoderFixtures.requireEmbedder()
    let texts = try Self.texts()
    let single = ComputeOptions(threadCount: 1)
    let alone = try texts.map { try embedder.embed([$0], options: EmbeddingOptions(compute: single)).rowVector(0) }
    for (maxBatchTokens, threads) in [(1024, 2), (100_000, 2), (3000, 1)] {
      let options = EmbeddingOptions(compute: ComputeOptions(threadCount: threads), maxBatchTokens: maxBatchTokens)
      let batched = try embedder.embed(texts, options: options)
      #expect(batched.rows == texts.count)
      for (index, expected) in alone.enumerated() {
        let difference = maxAbsoluteDifference(batched.rowVector(index), expected)
        #expect(difference <= 1e-5, "text \(index) (batch \(maxBatchTokens), \(threads) threads): max |Δ| \(difference)")
      }
    }
    let reversed = try embedder.embed(texts.reversed(), options: EmbeddingOptions(maxBatchTokens: 1024))
    for (index, expected) in alone.reversed().enumerated() {
      #expect(maxAbsoluteDifference(reversed.rowVector(index), expected) <= 1e-5)
    }
  }

  @Test("The installed weights are the verified file")
  func verifiedWeights() throws {
    let directory = try EncoderFixtures.requireModelDirectory()
    let identity = try ModelIdentity(directory: directory)
    #expect(identity.weightsSHA256 == ModelStore.weightsSHA256)
    #expect(identity.isVerifiedModel)
    let file = try SafetensorsFile(path: ModelFiles.path(directory, ModelFiles.weights))
    #expect(file.tensors.count == 104)
    #expect(file.metadata == ["format": "pt"])
    #expect(file.tensor(named: "embeddings.position_ids")?.dataType == .int64)
    #expect(file.tensor(named: "embeddings.word_embeddings.weight")?.shape == [30522, 384])
  }
}
