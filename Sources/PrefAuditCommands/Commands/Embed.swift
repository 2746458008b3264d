import ArgumentParser
import DatasetIO
import Foundation
import MatrixCore
import SentenceEncoder

/// `prefaudit embed`: sentence embeddings of a file of texts, as sentence-transformers computes them.
struct Embed: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Embed texts with all-MiniLM-L6-v2: one JSON string per line in, one JSON array per line out.",
    discussion: """
      The vectors are what sentence-transformers' encode returns for the model (all-MiniLM-L6-v2: \
      mean pooling, then normalization to length 1); --raw gives the mean-pooled vectors before \
      normalization. Texts are read and embedded 4,096 at a time, and the output keeps the input \
      order. Vectors are kept in prefaudit's embedding cache, keyed by the model's files and the \
      text, so that a text is embedded once. The model is found as `prefaudit model where` says; \
      install it with `prefaudit model install`.
      """)

  @Argument(help: "A file of texts, one JSON string per line (plain, or gzip/zstd/xz/bzip2 compressed).")
  var file: String

  @Option(name: .shortAndLong, help: "Write the vectors to this file (default: standard output); .gz/.zst/.xz/.bz2 compress.")
  var output: String?

  @Option(help: ArgumentHelp("The model folder (default: PREFAUDIT_ENCODER, then the caches).", valueName: "folder"))
  var encoder: String?

  @Option(help: "Threads to use (default: all processors).")
  var threads: Int?

  @Flag(help: "Write the mean-pooled vectors without the model's final normalization.")
  var raw = false

  @Flag(help: "Neither read nor write the embedding cache.")
  var noCache = false

  @Option(help: ArgumentHelp("The embedding cache folder (default: $XDG_CACHE_HOME/prefaudit/embeddings).", valueName: "folder"))
  var cacheDir: String?

  @Option(help: .hidden)
  var chunkSize = 4096

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    if chunkSize < 1 { throw ValidationError("--chunk-size must be at least 1") }
    if let output, sameFile(output, file) { throw ValidationError("-o \(output) is the input file") }
  }

  func run() throws {
    let location = try ModelStore().locate(explicitDirectory: encoder)
    let embedder = try SentenceEmbedder(directory: location.directory)
    let options = EmbeddingOptions(
      compute: ComputeOptions(threadCount: threads ?? ComputeOptions.processorCount),
      output: raw ? .pooled : .sentenceTransformers)
    let cache = noCache
      ? nil
      : try EmbeddingCache(
        embedder: embedder, output: options.output, root: cacheDir ?? ModelStore().embeddingCacheDirectory)
    let compute = { (texts: [String]) throws -> [[Float]] in
      let matrix = try embedder.embed(texts, options: options)
      return (0..<matrix.rows).map { matrix.rowVector($0) }
    }

    let sink = try VectorLineWriter(path: output)
    var count = 0
    do {
      try TextLineReader(path: file, chunkSize: chunkSize).read { texts in
        let vectors = try cache?.embeddings(for: texts, compute: compute) ?? compute(texts)
        try sink.write(vectors)
        count += texts.count
      }
      try sink.commit()
    } catch let error as TextLineError {
      sink.abort()
      printError("error: \(error.description)")
      throw ExitCode(65)
    } catch {
      sink.abort()
      throw error
    }

    let kind = embedder.normalizes(options.output) ? "normalized" : "mean-pooled, not normalized"
    var summary = "embedded \(count.grouped) texts (\(embedder.dimension) dimensions, \(kind))"
    if let output { summary += " → \(output)" }
    if let cache {
      let statistics = cache.statistics
      summary += "; cache: \(statistics.reused.grouped) reused, \(statistics.computed.grouped) computed"
      if statistics.discarded > 0 { summary += ", \(statistics.discarded.grouped) damaged entries ignored" }
      if let failure = cache.writeFailure { printError("warning: the embedding cache was not written: \(failure)") }
    }
    printError(summary)
  }
}

/// Whether two paths name the same existing file.
private func sameFile(_ first: String, _ second: String) -> Bool {
  guard let a = try? FileManager.default.attributesOfItem(atPath: first),
    let b = try? FileManager.default.attributesOfItem(atPath: second)
  else { return false }
  return (a[.systemNumber] as? NSNumber) == (b[.systemNumber] as? NSNumber)
    && (a[.systemFileNumber] as? NSNumber) == (b[.systemFileNumber] as? NSNumber)
    && a[.systemFileNumber] != nil
}
