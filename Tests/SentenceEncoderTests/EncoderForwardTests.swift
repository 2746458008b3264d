import Foundation
import MatrixCore
import SentenceEncoder
import Testing

/// A tiny BERT with random weights, written with ``SafetensorsWriter``, against a plain
/// double-precision forward pass that pads each batch and masks the padding as Hugging Face does.
@Suite("Encoder forward pass (tiny random BERT)")
struct EncoderForwardTests {
  static let hidden = 8
  static let heads = 2
  static let intermediate = 16
  static let layers = 2
  static let vocabulary = 30
  static let positions = 16

  /// The tiny model's tensors, by name.
  static func weights(seed: UInt64 = 7) -> [String: (shape: [Int], values: [Float])] {
    var generator = SeededRandomNumberGenerator(seed: seed)
    func random(_ shape: [Int], scale: Double = 0.5, offset: Double = 0) -> (shape: [Int], values: [Float]) {
      (shape, (0..<shape.reduce(1, *)).map { _ in Float(offset + scale * (2 * generator.nextUniform() - 1)) })
    }
    var tensors: [String: (shape: [Int], values: [Float])] = [
      "embeddings.word_embeddings.weight": random([vocabulary, hidden], scale: 1),
      "embeddings.position_embeddings.weight": random([positions, hidden], scale: 0.3),
      "embeddings.token_type_embeddings.weight": random([2, hidden], scale: 0.3),
      "embeddings.LayerNorm.weight": random([hidden], scale: 0.2, offset: 1),
      "embeddings.LayerNorm.bias": random([hidden], scale: 0.1),
      "embeddings.position_ids": ([1, positions], (0..<positions).map(Float.init)),
      "pooler.dense.weight": random([hidden, hidden]),
      "pooler.dense.bias": random([hidden]),
    ]
    for layer in 0..<layers {
      let name = "encoder.layer.\(layer)."
      for part in ["query", "key", "value"] {
        tensors[name + "attention.self.\(part).weight"] = random([hidden, hidden])
        tensors[name + "attention.self.\(part).bias"] = random([hidden], scale: 0.1)
      }
      tensors[name + "attention.output.dense.weight"] = random([hidden, hidden])
      tensors[name + "attention.output.dense.bias"] = random([hidden], scale: 0.1)
      tensors[name + "attention.output.LayerNorm.weight"] = random([hidden], scale: 0.2, offset: 1)
      tensors[name + "attention.output.LayerNorm.bias"] = random([hidden], scale: 0.1)
      tensors[name + "intermediate.dense.weight"] = random([intermediate, hidden])
      tensors[name + "intermediate.dense.bias"] = random([intermediate], scale: 0.1)
      tensors[name + "output.dense.weight"] = random([hidden, intermediate])
      tensors[name + "output.dense.bias"] = random([hidden], scale: 0.1)
      tensors[name + "output.LayerNorm.weight"] = random([hidden], scale: 0.2, offset: 1)
      tensors[name + "output.LayerNorm.bias"] = random([hidden], scale: 0.1)
    }
    return tensors
  }

  /// A model folder with the tiny model; `prefix` is put before every tensor name.
  static func folder(
    prefix: String = "", tensors: [String: (shape: [Int], values: [Float])] = weights()
  ) throws -> String {
    let folder = try ModelFolder.complete()
    let tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + (5..<vocabulary).map { "w\($0)" }
    try ModelFolder.write(tokens.joined(separator: "\n") + "\n", to: ModelFiles.vocabulary, in: folder)
    try ModelFolder.write(#"{"max_seq_length": 16}"#, to: ModelFiles.sentenceTransformerConfiguration, in: folder)
    var writer = SafetensorsWriter(metadata: ["format": "pt"])
    for name in tensors.keys.sorted() {
      try writer.add(prefix + name, shape: tensors[name]!.shape, values: tensors[name]!.values)
    }
    try writer.write(to: ModelFiles.path(folder, ModelFiles.weights))
    return folder
  }

  /// Hugging Face's computation in `Double`: pad to the longest sequence, mask padded keys with
  /// −1e9 before the softmax, mean over unpadded tokens.
  static func reference(_ sequences: [[Int32]], tensors: [String: (shape: [Int], values: [Float])]) -> [[Double]] {
    func w(_ name: String) -> [Double] { tensors[name]!.values.map(Double.init) }
    func linear(_ x: [[Double]], _ name: String, out: Int) -> [[Double]] {
      let weight = w(name + ".weight")
      let bias = w(name + ".bias")
      let inputs = x[0].count
      var result: [[Double]] = []
      for row in x {
        var values = bias
        for o in 0..<out {
          for i in 0..<inputs { values[o] += row[i] * weight[o * inputs + i] }
        }
        result.append(values)
      }
      return result
    }
    func layerNorm(_ x: [[Double]], _ name: String) -> [[Double]] {
      let gamma = w(name + ".weight")
      let beta = w(name + ".bias")
      var result: [[Double]] = []
      for row in x {
        let count = Double(row.count)
        let mean = row.reduce(0, +) / count
        var variance = 0.0
        for value in row { variance += (value - mean) * (value - mean) }
        variance /= count
        var normalized = row
        for j in row.indices { normalized[j] = (row[j] - mean) / (variance + 1e-12).squareRoot() * gamma[j] + beta[j] }
        result.append(normalized)
      }
      return result
    }
    func sum(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
      var result = a
      for i in a.indices {
        for j in a[i].indices { result[i][j] += b[i][j] }
      }
      return result
    }
    let length = sequences.map(\.count).max()!
    let headSize = hidden / heads
    let word = w("embeddings.word_embeddings.weight")
    let place = w("embeddings.position_embeddings.weight")
    let type = w("embeddings.token_type_embeddings.weight")
    var pooled: [[Double]] = []
    for sequence in sequences {
      let ids = sequence + Array(repeating: 0, count: length - sequence.count)  // [PAD]
      var x: [[Double]] = []
      for (position, id) in ids.enumerated() {
        var row = Array(repeating: 0.0, count: hidden)
        for j in 0..<hidden { row[j] = word[Int(id) * hidden + j] + type[j] + place[position * hidden + j] }
        x.append(row)
      }
      x = layerNorm(x, "embeddings.LayerNorm")
      for layer in 0..<layers {
        let name = "encoder.layer.\(layer)."
        let q = linear(x, name + "attention.self.query", out: hidden)
        let k = linear(x, name + "attention.self.key", out: hidden)
        let v = linear(x, name + "attention.self.value", out: hidden)
        var context = Array(repeating: Array(repeating: 0.0, count: hidden), count: length)
        for head in 0..<heads {
          let columns = (head * headSize)..<((head + 1) * headSize)
          for i in 0..<length {
            var scores = Array(repeating: 0.0, count: length)
            for j in 0..<length {
              var dot = 0.0
              for c in columns { dot += q[i][c] * k[j][c] }
              scores[j] = dot / Double(headSize).squareRoot() + (j < sequence.count ? 0 : -1e9)
            }
            let top = scores.max()!
            var total = 0.0
            for j in 0..<length {
              scores[j] = Foundation.exp(scores[j] - top)
              total += scores[j]
            }
            for c in columns {
              var value = 0.0
              for j in 0..<length { value += scores[j] / total * v[j][c] }
              context[i][c] = value
            }
          }
        }
        let attended = linear(context, name + "attention.output.dense", out: hidden)
        x = layerNorm(sum(attended, x), name + "attention.output.LayerNorm")
        var expanded = linear(x, name + "intermediate.dense", out: intermediate)
        for i in expanded.indices {
          for j in expanded[i].indices {
            let value = expanded[i][j]
            expanded[i][j] = 0.5 * value * (1 + Foundation.erf(value / 2.0.squareRoot()))
          }
        }
        let output = linear(expanded, name + "output.dense", out: hidden)
        x = layerNorm(sum(output, x), name + "output.LayerNorm")
      }
      var mean = Array(repeating: 0.0, count: hidden)
      for token in 0..<sequence.count {
        for j in 0..<hidden { mean[j] += x[token][j] / Double(sequence.count) }
      }
      pooled.append(mean)
    }
    return pooled
  }

  /// Sequences of every length from 2 to 16, in a shuffled order.
  static let sequences: [[Int32]] = {
    var generator = SeededRandomNumberGenerator(seed: 11)
    var result = (2...positions).map { length -> [Int32] in
      [2] + (0..<(length - 2)).map { _ in Int32(1 + generator.nextInt(below: vocabulary - 1)) } + [3]
    }
    result += [[2, 3], [2, 7, 3], [2, 7, 3]]
    result.shuffle(using: &generator)
    return result
  }()

  static func maxDifference(_ matrix: Matrix<Float>, _ expected: [[Double]]) -> Double {
    var largest = 0.0
    for (row, values) in expected.enumerated() {
      for (column, value) in values.enumerated() {
        largest = Swift.max(largest, abs(Double(matrix[row, column]) - value))
      }
    }
    return largest
  }

  @Test("Packed batches equal the padded, masked reference", arguments: [(5, 1), (20, 2), (40, 2), (10_000, 2)])
  func matchesReference(maxBatchTokens: Int, threads: Int) throws {
    let embedder = try SentenceEmbedder(directory: try Self.folder())
    #expect(embedder.dimension == Self.hidden)
    // The reference pads the whole list to 16 tokens, so every sequence sees padding.
    let expected = Self.reference(Self.sequences, tensors: Self.weights())
    let options = EmbeddingOptions(compute: ComputeOptions(threadCount: threads), maxBatchTokens: maxBatchTokens)
    let embeddings = try embedder.embed(tokenSequences: Self.sequences, options: options)
    #expect(embeddings.rows == Self.sequences.count && embeddings.columns == Self.hidden)
    let difference = Self.maxDifference(embeddings, expected)
    #expect(difference < 2e-5, "max |Δ| \(difference)")
  }

  @Test("Embedding texts tokenizes them first; rows follow the input order")
  func texts() throws {
    let folder = try Self.folder()
    let embedder = try SentenceEmbedder(directory: folder)
    let texts = ["w5 w6 w7", "", "W9", "w12 w5 w5 w5 w5 w5 w5 w5 w5 w5 w5 w5 w5 w5 w5 w5 w5 w5 w5", "w29"]
    let ids = embedder.tokenize(texts)
    #expect(ids[0] == [2, 5, 6, 7, 3] && ids[1] == [2, 3] && ids[2] == [2, 9, 3] && ids[3].count == 16)
    // No modules.json: Transformer and mean pooling, as sentence-transformers builds them; no normalization.
    #expect(!embedder.settings.normalizes && !embedder.normalizes(.sentenceTransformers))
    let embeddings = try embedder.embed(texts, options: EmbeddingOptions(maxBatchTokens: 6))
    let expected = Self.reference(ids, tensors: Self.weights())
    #expect(Self.maxDifference(embeddings, expected) < 2e-5)
    #expect(try embedder.embed(texts, options: EmbeddingOptions(output: .pooled)) == embedder.embed(texts))

    // modules.json listing Normalize: the default output is the pooled vector divided by its norm.
    try ModelFolder.write(ModelFolder.modules(normalize: true), to: ModelFiles.modules, in: folder)
    try ModelFolder.write(ModelFolder.pooling(dimension: Self.hidden), to: ModelFiles.poolingConfiguration, in: folder)
    let listed = try SentenceEmbedder(directory: folder)
    #expect(listed.settings.normalizes && listed.normalizes(.sentenceTransformers) && !listed.normalizes(.pooled))
    let normalized = try listed.embed(texts)
    let pooled = try listed.embed(texts, options: EmbeddingOptions(output: .pooled))
    #expect(Self.maxDifference(pooled, expected) < 2e-5)
    for row in 0..<texts.count {
      let raw = pooled.rowVector(row)
      let norm = Float(VectorMath.norm(raw))
      #expect(norm > 0 && abs(norm - 1) > 1e-3, "row \(row): the pooled vector is not already a unit vector")
      #expect(abs(VectorMath.norm(normalized.rowVector(row)) - 1) < 1e-5)
      #expect(maxAbsoluteDifference(normalized.rowVector(row), raw.map { $0 / norm }) < 1e-6)
    }
  }

  @Test("Weights named with the bert. prefix load the same")
  func prefixedNames() throws {
    let plain = try SentenceEmbedder(directory: try Self.folder())
    let prefixed = try SentenceEmbedder(directory: try Self.folder(prefix: "bert."))
    let sequences = Array(Self.sequences.prefix(4))
    #expect(try plain.embed(tokenSequences: sequences) == prefixed.embed(tokenSequences: sequences))
  }

  @Test("A tensor of the wrong shape or a missing tensor is named")
  func invalidWeights() throws {
    var tensors = Self.weights()
    tensors["encoder.layer.1.intermediate.dense.weight"] = ([Self.hidden, Self.intermediate], tensors["encoder.layer.1.intermediate.dense.weight"]!.values)
    let wrongShape = try Self.folder(tensors: tensors)
    let error = #expect(throws: EncoderError.self) { try SentenceEmbedder(directory: wrongShape) }
    #expect(error?.description.contains("\"encoder.layer.1.intermediate.dense.weight\" has shape [8, 16]") == true)
    #expect(error?.description.contains("[16, 8]") == true)

    tensors = Self.weights()
    tensors["encoder.layer.0.attention.self.key.bias"] = nil
    let missing = try Self.folder(tensors: tensors)
    let second = #expect(throws: EncoderError.self) { try SentenceEmbedder(directory: missing) }
    #expect(second?.description.contains("\"encoder.layer.0.attention.self.key.bias\" is missing") == true)
  }

  @Test("Empty, too long and out-of-vocabulary sequences are refused")
  func invalidInput() throws {
    let embedder = try SentenceEmbedder(directory: try Self.folder())
    for sequences: [[Int32]] in [[[2, 3], []], [Array(repeating: 5, count: 17)], [[2, 30, 3]], [[2, -1, 3]]] {
      let error = #expect(throws: EncoderError.self) { try embedder.embed(tokenSequences: sequences) }
      guard case .invalidInput = error else {
        Issue.record("expected .invalidInput, got \(String(describing: error))")
        continue
      }
    }
    #expect(try embedder.embed(tokenSequences: []).rows == 0)
  }
}
