import MatrixCore
import Synchronization

/// A BERT encoder with mean pooling: all-MiniLM-L6-v2's forward pass, from token ids to
/// sentence embeddings, on MatrixCore.
///
/// The whole computation is in this file and reads top to bottom:
///
/// ```
/// x = LayerNorm(word[id] + token_type[0] + position[p])          embeddings
/// for each of the 6 layers:
///     q, k, v = x · Wqkvᵀ + bqkv                                   one fused GEMM
///     per sequence and head: a = softmax(q kᵀ / √32) v             the sequence's own tokens only
///     x = LayerNorm(x + a · Woᵀ + bo)
///     x = LayerNorm(x + GELU(x · W1ᵀ + b1) · W2ᵀ + b2)              exact (erf) GELU
/// embedding = mean of x over the sequence's tokens                no normalization
/// ```
///
/// **No padding.** A batch packs its sequences back to back (`total tokens × 384`), so the
/// linear layers never touch padding, and attention runs per sequence over that sequence's
/// tokens. This equals BERT with padding and an attention mask: a padded query row never
/// reaches a real token, and masked keys get zero weight (`exp(−∞) = 0`).
///
/// Weights are kept as `Float32` (the safetensors file is `F32`; `F16`/`BF16` files are widened).
/// An instance is immutable and can be shared by threads.
public final class MiniLMEncoder: Sendable {
  /// The architecture.
  public let configuration: BertConfiguration
  private let embeddings: EmbeddingWeights
  private let layers: [LayerWeights]

  /// The embedding tables and their layer normalization.
  struct EmbeddingWeights: Sendable {
    /// `vocab × hidden`.
    var words: Matrix<Float>
    /// `max_position × hidden`.
    var positions: Matrix<Float>
    /// The embedding of token type 0 (`hidden` values).
    var tokenType: [Float]
    var normScale: [Float]
    var normShift: [Float]
  }

  /// One transformer layer. Linear weights are kept transposed, `[in, out]` (PyTorch stores
  /// `[out, in]`), so that the GEMM packs them with plain row copies.
  struct LayerWeights: Sendable {
    /// Query, key and value weights side by side: `hidden × 3·hidden`.
    var queryKeyValue: Matrix<Float>
    var queryKeyValueBias: [Float]
    /// `hidden × hidden`.
    var attentionOutput: Matrix<Float>
    var attentionOutputBias: [Float]
    var attentionNormScale: [Float]
    var attentionNormShift: [Float]
    /// `hidden × intermediate`.
    var intermediate: Matrix<Float>
    var intermediateBias: [Float]
    /// `intermediate × hidden`.
    var output: Matrix<Float>
    var outputBias: [Float]
    var outputNormScale: [Float]
    var outputNormShift: [Float]
  }

  // MARK: - Loading

  /// Loads the weights of a BERT model (names as in Hugging Face's `BertModel`, optionally
  /// prefixed with `bert.`) and checks every shape against the configuration.
  ///
  /// - Parameters:
  ///   - file: The opened `model.safetensors`.
  ///   - configuration: The architecture from `config.json`.
  /// - Throws: ``EncoderError/invalidWeights(path:detail:)`` for a missing tensor, a wrong
  ///   shape or an unreadable type.
  public init(weights file: SafetensorsFile, configuration: BertConfiguration) throws(EncoderError) {
    self.configuration = configuration
    let hidden = configuration.hiddenSize
    let prefix = file.tensor(named: "embeddings.word_embeddings.weight") == nil
      && file.tensor(named: "bert.embeddings.word_embeddings.weight") != nil ? "bert." : ""

    func matrix(_ name: String, _ rows: Int, _ columns: Int) throws(EncoderError) -> Matrix<Float> {
      let fullName = prefix + name
      guard let tensor = file.tensor(named: fullName) else {
        throw .invalidWeights(path: file.path, detail: "tensor \"\(fullName)\" is missing")
      }
      guard tensor.shape == [rows, columns] else {
        throw .invalidWeights(
          path: file.path,
          detail: "tensor \"\(fullName)\" has shape \(tensor.shape); config.json implies [\(rows), \(columns)]")
      }
      do {
        return try file.matrix(named: fullName)
      } catch {
        throw .invalidWeights(path: file.path, detail: error.description)
      }
    }
    func vector(_ name: String, _ count: Int) throws(EncoderError) -> [Float] {
      let fullName = prefix + name
      guard let tensor = file.tensor(named: fullName) else {
        throw .invalidWeights(path: file.path, detail: "tensor \"\(fullName)\" is missing")
      }
      guard tensor.shape == [count] else {
        throw .invalidWeights(
          path: file.path, detail: "tensor \"\(fullName)\" has shape \(tensor.shape); config.json implies [\(count)]")
      }
      do {
        return try file.floats(named: fullName)
      } catch {
        throw .invalidWeights(path: file.path, detail: error.description)
      }
    }

    let tokenTypes = try matrix(
      "embeddings.token_type_embeddings.weight", configuration.typeVocabularySize, hidden)
    embeddings = EmbeddingWeights(
      words: try matrix("embeddings.word_embeddings.weight", configuration.vocabularySize, hidden),
      positions: try matrix("embeddings.position_embeddings.weight", configuration.maxPositionEmbeddings, hidden),
      tokenType: tokenTypes.rowVector(0),
      normScale: try vector("embeddings.LayerNorm.weight", hidden),
      normShift: try vector("embeddings.LayerNorm.bias", hidden))

    var layers: [LayerWeights] = []
    for index in 0..<configuration.layerCount {
      let name = "encoder.layer.\(index)."
      let query = try matrix(name + "attention.self.query.weight", hidden, hidden)
      let key = try matrix(name + "attention.self.key.weight", hidden, hidden)
      let value = try matrix(name + "attention.self.value.weight", hidden, hidden)
      let stacked: Matrix<Float>
      do {
        stacked = try Matrix(rows: 3 * hidden, columns: hidden, elements: query.elements + key.elements + value.elements)
      } catch {
        throw .invalidWeights(path: file.path, detail: "\(error)")
      }
      layers.append(
        LayerWeights(
          queryKeyValue: stacked.transposed().contiguous(),
          queryKeyValueBias: try vector(name + "attention.self.query.bias", hidden)
            + vector(name + "attention.self.key.bias", hidden) + vector(name + "attention.self.value.bias", hidden),
          attentionOutput: try matrix(name + "attention.output.dense.weight", hidden, hidden).transposed().contiguous(),
          attentionOutputBias: try vector(name + "attention.output.dense.bias", hidden),
          attentionNormScale: try vector(name + "attention.output.LayerNorm.weight", hidden),
          attentionNormShift: try vector(name + "attention.output.LayerNorm.bias", hidden),
          intermediate: try matrix(name + "intermediate.dense.weight", configuration.intermediateSize, hidden)
            .transposed().contiguous(),
          intermediateBias: try vector(name + "intermediate.dense.bias", configuration.intermediateSize),
          output: try matrix(name + "output.dense.weight", hidden, configuration.intermediateSize)
            .transposed().contiguous(),
          outputBias: try vector(name + "output.dense.bias", hidden),
          outputNormScale: try vector(name + "output.LayerNorm.weight", hidden),
          outputNormShift: try vector(name + "output.LayerNorm.bias", hidden)))
    }
    self.layers = layers
  }

  /// The width of an embedding (`hidden_size`, 384).
  public var dimension: Int { configuration.hiddenSize }

  // MARK: - Forward pass

  /// The mean-pooled embeddings of a batch of token sequences, one row per sequence, in order.
  ///
  /// - Parameters:
  ///   - sequences: Token ids, each starting with `[CLS]` and ending with `[SEP]` (as
  ///     ``WordPieceTokenizer/encode(_:)`` returns), 1 to `max_position_embeddings` ids.
  ///   - options: Threads and SIMD tier for the GEMMs, attention and row operations.
  /// - Returns: A `sequences.count × dimension` matrix.
  /// - Throws: ``EncoderError/invalidInput(detail:)`` for an empty or too long sequence or an id
  ///   outside the vocabulary; ``EncoderError/computationFailed(detail:)`` when memory runs out.
  public func embed(_ sequences: [[Int32]], options: ComputeOptions = .default) throws(EncoderError) -> Matrix<Float> {
    try validate(sequences)
    do {
      return try forward(sequences, options: options, workspace: Workspace())
    } catch {
      throw .computationFailed(detail: error.description)
    }
  }

  /// Checks that every sequence has 1 to `max_position_embeddings` ids, all in the vocabulary.
  func validate(_ sequences: [[Int32]]) throws(EncoderError) {
    for (index, sequence) in sequences.enumerated() {
      guard !sequence.isEmpty, sequence.count <= configuration.maxPositionEmbeddings else {
        throw .invalidInput(
          detail: "sequence \(index) has \(sequence.count) tokens; 1 to \(configuration.maxPositionEmbeddings) are allowed")
      }
      if let bad = sequence.first(where: { $0 < 0 || Int($0) >= configuration.vocabularySize }) {
        throw .invalidInput(
          detail: "sequence \(index) holds token id \(bad), outside the vocabulary of \(configuration.vocabularySize)")
      }
    }
  }

  /// The forward pass on validated sequences, with its activations in `workspace`.
  func forward(_ sequences: [[Int32]], options: ComputeOptions, workspace: Workspace) throws(MatrixError) -> Matrix<Float> {
    let hidden = configuration.hiddenSize
    let epsilon = configuration.layerNormEpsilon
    var offsets = [0]  // sequence s occupies rows offsets[s]..<offsets[s + 1]
    for sequence in sequences { offsets.append(offsets.last! + sequence.count) }
    let s = workspace.activations(
      tokens: offsets.last!, longestSequence: sequences.map(\.count).max() ?? 0, threads: options.threadCount,
      configuration: configuration)

    // 1. Embeddings: x = LayerNorm(word + token type 0 + position).
    embeddings.words.withUnsafeView { words in
      embeddings.positions.withUnsafeView { positions in
        embeddings.tokenType.withUnsafeBufferPointer { tokenType in
          for (index, sequence) in sequences.enumerated() {
            for (position, id) in sequence.enumerated() {
              let row = s.x.baseAddress + (offsets[index] + position) * s.x.rowStride
              let word = words.baseAddress + Int(id) * words.rowStride
              let place = positions.baseAddress + position * positions.rowStride
              for j in 0..<hidden { row[j] = (word[j] + tokenType[j]) + place[j] }
            }
          }
        }
      }
    }
    s.x.layerNormRows(gamma: embeddings.normScale, beta: embeddings.normShift, epsilon: epsilon, options: options)

    for layer in layers {
      // 2. Self-attention: fused QKV projection, attention per sequence and head, output
      //    projection; x = LayerNorm(x + attended + bias).
      try linear(s.x, layer.queryKeyValue, bias: layer.queryKeyValueBias, into: s.queryKeyValue, options: options)
      try attention(s.queryKeyValue, offsets: offsets, into: s.context, scores: s.scores, options: options)
      try linear(s.context, layer.attentionOutput, into: s.sublayer, options: options)
      s.x.layerNormRows(
        adding: s.sublayer.readOnly, bias: layer.attentionOutputBias, gamma: layer.attentionNormScale,
        beta: layer.attentionNormShift, epsilon: epsilon, options: options)

      // 3. Feed-forward: x = LayerNorm(x + GELU(x · W1ᵀ + b1) · W2ᵀ + b2).
      try linear(s.x, layer.intermediate, into: s.expanded, options: options)
      s.expanded.apply(.gelu, addingRowVector: layer.intermediateBias, options: options)
      try linear(s.expanded, layer.output, into: s.sublayer, options: options)
      s.x.layerNormRows(
        adding: s.sublayer.readOnly, bias: layer.outputBias, gamma: layer.outputNormScale,
        beta: layer.outputNormShift, epsilon: epsilon, options: options)
    }

    // 4. Mean pooling over each sequence's tokens.
    return Matrix<Float>(rows: sequences.count, columns: hidden) { pooled in
      for index in sequences.indices {
        let row = pooled.baseAddress! + index * hidden
        for token in offsets[index]..<offsets[index + 1] {
          let state = s.x.baseAddress + token * s.x.rowStride
          for j in 0..<hidden { row[j] += state[j] }
        }
        let scale = 1 / Float(offsets[index + 1] - offsets[index])
        for j in 0..<hidden { row[j] *= scale }
      }
    }
  }

  /// `output = input · weight (+ bias)`: a linear layer with its weight stored `[in, out]`.
  private func linear(
    _ input: UnsafeMutableMatrixView<Float>, _ weight: Matrix<Float>, bias: [Float]? = nil,
    into output: UnsafeMutableMatrixView<Float>, options: ComputeOptions
  ) throws(MatrixError) {
    if let bias { output.fillRows(with: bias, options: options) }
    var failure: MatrixError?
    weight.withUnsafeView { weight in
      do throws(MatrixError) {
        try GEMM.multiply(input.readOnly, weight, into: output, alpha: 1, beta: bias == nil ? 0 : 1, options: options)
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }

  /// Multi-head self-attention of every sequence over its own tokens.
  ///
  /// - Parameters:
  ///   - queryKeyValue: `tokens × 3·hidden`: queries, then keys, then values, head after head.
  ///   - offsets: The first row of each sequence, and the total at the end.
  ///   - context: `tokens × hidden`, receives the heads side by side (before the output projection).
  ///   - scores: Room for one `longest × longest` score matrix per thread.
  ///   - options: Threads: (sequence, head) pairs are spread over them, one GEMM thread each.
  private func attention(
    _ queryKeyValue: UnsafeMutableMatrixView<Float>, offsets: [Int], into context: UnsafeMutableMatrixView<Float>,
    scores: UnsafeMutableBufferPointer<Float>, options: ComputeOptions
  ) throws(MatrixError) {
    let hidden = configuration.hiddenSize
    let heads = configuration.attentionHeadCount
    let headSize = configuration.headSize
    let scale = 1 / Float(headSize).squareRoot()
    let single = ComputeOptions(threadCount: 1, tier: options.tier)
    let tasks = (offsets.count - 1) * heads
    let workers = Swift.max(1, Swift.min(options.threadCount, tasks))
    let slot = scores.count / workers
    let qkv = queryKeyValue.readOnly
    let shared = SharedPointer(base: scores.baseAddress!)
    let next = Atomic<Int>(0)
    let failed = Atomic<Bool>(false)
    ParallelWork.forEach(itemCount: workers, threadCount: workers) { worker in
      let buffer = shared.base + worker * slot
      while true {
        let task = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if task >= tasks { break }
        let (sequence, head) = task.quotientAndRemainder(dividingBy: heads)
        let rows = offsets[sequence]..<offsets[sequence + 1]
        let length = rows.count
        let columns = (head * headSize)..<((head + 1) * headSize)
        let query = qkv.block(rows: rows, columns: columns)
        let key = qkv.block(rows: rows, columns: (hidden + columns.lowerBound)..<(hidden + columns.upperBound))
        let value = qkv.block(rows: rows, columns: (2 * hidden + columns.lowerBound)..<(2 * hidden + columns.upperBound))
        let weights = UnsafeMutableMatrixView(
          rowMajor: UnsafeMutableBufferPointer(start: buffer, count: length * length), rows: length, columns: length)
        do {
          // scores = q kᵀ / √d, then softmax over each query's row of keys.
          try GEMM.multiply(query, key.transposed(), into: weights, alpha: scale, beta: 0, options: single)
          for row in 0..<length {
            VectorMath.softmax(UnsafeMutableBufferPointer(start: buffer + row * length, count: length), tier: options.tier)
          }
          // a = weights · v, written into this head's columns of the sequence's rows.
          try GEMM.multiply(
            weights.readOnly, value, into: context.block(rows: rows, columns: columns), alpha: 1, beta: 0, options: single)
        } catch {
          failed.store(true, ordering: .relaxed)
        }
      }
    }
    if failed.load(ordering: .relaxed) { throw .allocationFailed(operation: "MiniLMEncoder attention") }
  }

  // MARK: - Activations

  /// The activations of forward passes (llama2.c's `RunState`): one allocation holding every
  /// intermediate matrix of a batch, reused by each layer and by later batches that fit.
  ///
  /// Fresh matrices per layer would make the kernel map and zero hundreds of megabytes per batch
  /// (a seventh of the time, measured); with a workspace a forward pass allocates only its
  /// pooled output. A workspace serves one forward pass at a time.
  final class Workspace: @unchecked Sendable {
    private var storage = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    deinit { storage.deallocate() }

    /// Views of the workspace for a batch, growing it when the batch needs more room.
    func activations(tokens: Int, longestSequence: Int, threads: Int, configuration: BertConfiguration) -> Activations {
      let hidden = configuration.hiddenSize
      let widths = [hidden, hidden, 3 * hidden, hidden, configuration.intermediateSize]
      // Every part starts on a 64-byte boundary (16 floats).
      func rounded(_ count: Int) -> Int { (count + 15) / 16 * 16 }
      let scores = rounded(longestSequence * longestSequence) * Swift.max(1, threads)
      let floats = widths.reduce(scores) { $0 + rounded(tokens * $1) }
      if storage.count < floats * 4 {
        storage.deallocate()
        // Some headroom, so that a slightly larger later batch does not reallocate.
        storage = .allocate(byteCount: (floats + floats / 8) * 4, alignment: 64)
      }
      let base = storage.baseAddress!.bindMemory(to: Float.self, capacity: storage.count / 4)
      var offset = 0
      func next(_ columns: Int) -> UnsafeMutableMatrixView<Float> {
        defer { offset += rounded(tokens * columns) }
        return UnsafeMutableMatrixView(baseAddress: base + offset, rows: tokens, columns: columns, rowStride: columns, columnStride: 1)
      }
      let x = next(widths[0]), sublayer = next(widths[1]), queryKeyValue = next(widths[2])
      let context = next(widths[3]), expanded = next(widths[4])
      return Activations(
        x: x, sublayer: sublayer, queryKeyValue: queryKeyValue, context: context, expanded: expanded,
        scores: UnsafeMutableBufferPointer(start: base + offset, count: scores))
    }
  }

  /// Views of a workspace for one batch (`tokens` rows each).
  struct Activations {
    /// The hidden states, `tokens × hidden`, updated in place by every layer.
    var x: UnsafeMutableMatrixView<Float>
    /// A sublayer's output before its residual connection, `tokens × hidden`.
    var sublayer: UnsafeMutableMatrixView<Float>
    /// Queries, keys and values, `tokens × 3·hidden`.
    var queryKeyValue: UnsafeMutableMatrixView<Float>
    /// The attention heads side by side, `tokens × hidden`.
    var context: UnsafeMutableMatrixView<Float>
    /// The feed-forward layer's inner activations, `tokens × intermediate`.
    var expanded: UnsafeMutableMatrixView<Float>
    /// One `longest × longest` score matrix per thread.
    var scores: UnsafeMutableBufferPointer<Float>
  }
}
