import Foundation
import MatrixCore
import SentenceEncoder
import Testing

/// all-MiniLM-L6-v2 against sentence-transformers: `../shared/reference/minilm-golden.json` holds
/// 30 texts with the token ids and embeddings that sentence-transformers 6.2 computed (torch
/// CPU, fp32, max_seq_length 256). Although the file's `pooling` field says "no normalization",
/// every stored embedding has norm 1: `SentenceTransformer.encode` ran every module the model's
/// `modules.json` lists, `Normalize` included. The encoder's default output
/// (``EmbeddingOutput/sentenceTransformers``) is compared with them as it is; the raw mean
/// pooling (``EmbeddingOutput/pooled``) by direction.
@Suite("Golden embeddings (all-MiniLM-L6-v2 vs sentence-transformers)", .enabled(if: !EncoderFixtures.skipsModelTests))
struct GoldenEmbeddingTests {
  struct Golden: Decodable {
    struct Item: Decodable {
      var text: String
      var input_ids: [Int32]
      var embedding: [Float]
    }
    var max_seq_length: Int
    var items: [Item]
  }

  static func golden() throws -> Golden {
    let url = EncoderFixtures.sharedReference.appendingPathComponent("minilm-golden.json")
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw GoldenMissing(path: url.path)
    }
    return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
  }

  struct GoldenMissing: Error, CustomStringConvertible {
    var path: String
    var description: String { "\(path) is missing: the shared reference folder must sit beside the checkout" }
  }

  @Test("Token ids equal BertTokenizerFast's for all 30 texts")
  func tokenIDs() throws {
    let embedder = try EncoderFixtures.requireEmbedder()
    let golden = try Self.golden()
    #expect(golden.items.count == 30)
    #expect(embedder.tokenizer.maxLength == golden.max_seq_length)
    for item in golden.items {
      let ids = embedder.tokenizer.encode(item.text)
      #expect(ids == item.input_ids, "\(item.text.debugDescription): \(embedder.tokenizer.tokens(ids))")
    }
  }

  @Test("The model folder lists Transformer, Pooling and Normalize")
  func modules() throws {
    let embedder = try EncoderFixtures.requireEmbedder()
    #expect(embedder.settings.modules.map(\.kind) == [.transformer, .pooling, .normalize])
    #expect(embedder.settings.poolingConfigurationFile == "1_Pooling/config.json")
    #expect(embedder.normalizes(.sentenceTransformers) && !embedder.normalizes(.pooled))
  }

  @Test("Default embeddings match sentence-transformers: cosine ≥ 0.9999, max |Δ| ≤ 1e-4, norm 1")
  func embeddings() throws {
    let embedder = try EncoderFixtures.requireEmbedder()
    let golden = try Self.golden()
    let embeddings = try embedder.embed(golden.items.map(\.text))
    #expect(embeddings.rows == 30 && embeddings.columns == 384)
    for (index, item) in golden.items.enumerated() {
      let row = embeddings.rowVector(index)
      let similarity = cosine(row, item.embedding)
      let difference = maxAbsoluteDifference(row, item.embedding)
      #expect(similarity >= 0.9999, "\(item.text.debugDescription): cosine \(similarity)")
      #expect(difference <= 1e-4, "\(item.text.debugDescription): max |Δ| \(difference)")
      #expect(abs(VectorMath.norm(item.embedding) - 1) < 1e-5, "the golden vectors are normalized")
      #expect(abs(VectorMath.norm(row) - 1) < 1e-5)
    }
  }

  @Test("The golden token ids embed to the golden embeddings")
  func embeddingsFromIDs() throws {
    let embedder = try EncoderFixtures.requireEmbedder()
    let golden = try Self.golden()
    let embeddings = try embedder.embed(tokenSequences: golden.items.map(\.input_ids))
    for (index, item) in golden.items.enumerated() {
      #expect(maxAbsoluteDifference(embeddings.rowVector(index), item.embedding) <= 1e-4, "\(item.text.debugDescription)")
    }
  }

  @Test("The pooled output points the same way and is not normalized")
  func rawMeanPooling() throws {
    let embedder = try EncoderFixtures.requireEmbedder()
    let golden = try Self.golden()
    let raw = try embedder.embed(golden.items.map(\.text), options: EmbeddingOptions(output: .pooled))
    for (index, item) in golden.items.enumerated() {
      let row = raw.rowVector(index)
      let norm = VectorMath.norm(row)
      #expect(cosine(row, item.embedding) >= 0.9999, "\(item.text.debugDescription)")
      #expect(norm > 1.5, "\(item.text.debugDescription): norm \(norm)")
      #expect(maxAbsoluteDifference(row.map { $0 / Float(norm) }, item.embedding) <= 1e-4)
    }
  }
}
