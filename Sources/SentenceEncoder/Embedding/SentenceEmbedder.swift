import MatrixCore
import Safetensors
import Synchronization

/// Sentence embeddings of many texts with a sentence-transformers BERT model (all-MiniLM-L6-v2).
///
/// Reproduces `SentenceTransformer(folder).encode(texts)` by running the modules the folder's
/// `modules.json` lists: WordPiece tokens truncated to `max_seq_length` (256), the BERT
/// encoder, mean pooling over the tokens and, when the model lists `Normalize` (all-MiniLM-L6-v2
/// does), division by the Euclidean norm. ``EmbeddingOutput/pooled`` returns the vector before
/// `Normalize`.
/// Texts are tokenized on all threads, sorted by token count, packed into batches of at most
/// ``EmbeddingOptions/maxBatchTokens`` tokens without padding, and encoded on all threads;
/// the rows of the result follow the order of the input.
///
/// ```swift
/// let location = try ModelStore().locate()
/// let embedder = try SentenceEmbedder(directory: location.directory)
/// let embeddings = try embedder.embed(["Hello world!", "Paris is the capital of France."])
/// // embeddings is 2 × 384, each row of norm 1, as sentence-transformers gives them
/// let pooled = try embedder.embed(texts, options: EmbeddingOptions(output: .pooled))
/// ```
public final class SentenceEmbedder: Sendable {
  /// The model folder.
  public let directory: String
  /// The tokenizer, truncating to ``SentenceTransformerConfiguration/maxSequenceLength``.
  public let tokenizer: WordPieceTokenizer
  /// The encoder.
  public let encoder: MiniLMEncoder
  /// The sentence-transformers settings, with the modules `modules.json` lists.
  public let settings: SentenceTransformerConfiguration

  /// Loads the model in `directory`: modules, configuration, tokenizer and weights.
  ///
  /// - Parameter directory: A sentence-transformers folder (see ``ModelStore``).
  /// - Throws: ``EncoderError`` naming the file that is missing, malformed or unsupported
  ///   (including a `modules.json` that lists a module other than Transformer, Pooling and Normalize).
  public init(directory: String) throws(EncoderError) {
    let missing = ModelFiles.missingFiles(in: directory)
    guard missing.isEmpty else {
      throw .incompleteModel(path: directory, source: ModelLocation.Source.explicitDirectory.rawValue, missing: missing)
    }
    let configurationPath = ModelFiles.path(directory, ModelFiles.configuration)
    let configuration = try BertConfiguration(contentsOf: configurationPath)
    let settings = try SentenceTransformerConfiguration(directory: directory)
    if let width = settings.embeddingDimension, width != configuration.hiddenSize {
      throw .invalidConfiguration(
        path: ModelFiles.path(directory, settings.poolingConfigurationFile ?? ModelFiles.poolingConfiguration),
        detail: "word_embedding_dimension is \(width) but config.json's hidden_size is \(configuration.hiddenSize)")
    }
    let maxLength = Swift.min(settings.maxSequenceLength, configuration.maxPositionEmbeddings)
    let tokenizer = try WordPieceTokenizer(directory: directory, maxLength: maxLength)
    guard tokenizer.vocabularySize <= configuration.vocabularySize else {
      throw .invalidConfiguration(
        path: configurationPath,
        detail: "vocab_size is \(configuration.vocabularySize) but the tokenizer has \(tokenizer.vocabularySize) tokens")
    }
    let weightsPath = ModelFiles.path(directory, ModelFiles.weights)
    let weights: SafetensorsFile
    do {
      weights = try SafetensorsFile(path: weightsPath)
    } catch {
      throw .invalidWeights(path: weightsPath, detail: error.description)
    }
    self.directory = directory
    self.settings = settings
    self.tokenizer = tokenizer
    self.encoder = try MiniLMEncoder(weights: weights, configuration: configuration)
  }

  /// Loads the model the store finds (see ``ModelStore/locate(explicitDirectory:)``).
  ///
  /// - Parameters:
  ///   - store: Where to look; defaults to the process environment.
  ///   - explicitDirectory: A folder to use instead of searching.
  /// - Throws: ``EncoderError``; ``EncoderError/modelNotFound(searched:)`` says how to install the model.
  public convenience init(store: ModelStore = ModelStore(), explicitDirectory: String? = nil) throws(EncoderError) {
    try self.init(directory: store.locate(explicitDirectory: explicitDirectory).directory)
  }

  /// The width of an embedding (384).
  public var dimension: Int { encoder.dimension }

  /// Whether `output` divides each vector by its norm: for ``EmbeddingOutput/sentenceTransformers``
  /// when the model lists a `Normalize` module, never for ``EmbeddingOutput/pooled``.
  public func normalizes(_ output: EmbeddingOutput) -> Bool {
    output == .sentenceTransformers && settings.normalizes
  }

  /// The token ids of each text, tokenized on up to `threadCount` threads.
  ///
  /// - Parameters:
  ///   - texts: The texts.
  ///   - threadCount: The most threads.
  /// - Returns: One id array per text, in order, each `[CLS] … [SEP]` and at most `max_seq_length` long.
  public func tokenize(_ texts: [String], threadCount: Int = ComputeOptions.processorCount) -> [[Int32]] {
    var sequences = [[Int32]](repeating: [], count: texts.count)
    let chunk = 64
    let tokenizer = self.tokenizer
    sequences.withUnsafeMutableBufferPointer { output in
      let shared = SharedPointer(base: output.baseAddress!)
      ParallelWork.forEach(itemCount: (texts.count + chunk - 1) / chunk, threadCount: threadCount) { part in
        for index in (part * chunk)..<Swift.min(texts.count, (part + 1) * chunk) {
          shared.base[index] = tokenizer.encode(texts[index])
        }
      }
    }
    return sequences
  }

  /// The sentence embeddings of `texts`, one row per text in input order.
  ///
  /// - Parameters:
  ///   - texts: The texts; an empty text is embedded as `[CLS] [SEP]`.
  ///   - options: Threads, batch size and which vector to return.
  /// - Returns: A `texts.count × dimension` matrix.
  /// - Throws: ``EncoderError/computationFailed(detail:)`` when memory runs out.
  public func embed(_ texts: [String], options: EmbeddingOptions = EmbeddingOptions()) throws(EncoderError) -> Matrix<Float> {
    try embed(tokenSequences: tokenize(texts, threadCount: options.compute.threadCount), options: options)
  }

  /// The sentence embeddings of token sequences, one row per sequence in input order.
  ///
  /// - Parameters:
  ///   - tokenSequences: Ids as ``WordPieceTokenizer/encode(_:)`` returns them.
  ///   - options: Threads, batch size and which vector to return.
  /// - Returns: A `tokenSequences.count × dimension` matrix.
  /// - Throws: ``EncoderError/invalidInput(detail:)`` for an empty or too long sequence or an
  ///   unknown id, ``EncoderError/computationFailed(detail:)`` when memory runs out.
  public func embed(tokenSequences: [[Int32]], options: EmbeddingOptions = EmbeddingOptions()) throws(EncoderError)
    -> Matrix<Float>
  {
    try encoder.validate(tokenSequences)
    let plan = TokenBatchPlan(lengths: tokenSequences.map(\.count), maxBatchTokens: options.maxBatchTokens)
    let threads = options.compute.threadCount
    // Many batches: one thread per batch, no synchronization inside. Few: threads share each batch.
    let perBatch = threads > 1 && plan.batches.count >= 2 * threads
    let batchOptions = perBatch ? ComputeOptions(threadCount: 1, tier: options.compute.tier) : options.compute
    let encoder = self.encoder
    let width = dimension
    var result = Matrix<Float>(rows: tokenSequences.count, columns: width)
    let failure = Mutex<MatrixError?>(nil)
    // Activation buffers, one per batch in flight, reused by the batches that follow.
    let workspaces = Mutex<[MiniLMEncoder.Workspace]>([])
    result.withUnsafeMutableView { output in
      ParallelWork.forEach(itemCount: plan.batches.count, threadCount: perBatch ? threads : 1) { batch in
        let members = plan.batches[batch]
        let workspace = workspaces.withLock { $0.popLast() } ?? MiniLMEncoder.Workspace()
        defer { workspaces.withLock { $0.append(workspace) } }
        do throws(MatrixError) {
          let pooled = try encoder.forward(members.map { tokenSequences[$0] }, options: batchOptions, workspace: workspace)
          pooled.withUnsafeView { rows in
            for (row, index) in members.enumerated() {
              (output.baseAddress + index * output.rowStride)
                .update(from: rows.baseAddress + row * rows.rowStride, count: width)
            }
          }
        } catch {
          failure.withLock { $0 = $0 ?? error }
        }
      }
    }
    if let error = failure.withLock({ $0 }) {
      throw .computationFailed(detail: error.description)
    }
    if normalizes(options.output) {
      result.normalizeRows(options: options.compute)
    }
    return result
  }
}
