#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// Sentence embeddings kept on disk, so that a text is embedded once per model and output.
///
/// Entries are keyed by the model fingerprint (``ModelIdentity/fingerprint``), whether the
/// vectors are normalized, and the first 128 bits of the SHA-256 of each text's UTF-8 bytes.
/// They live in append-only shard files under
/// `…/prefaudit/embeddings/<fingerprint>/` (``ModelStore/embeddingCacheDirectory``), named
/// `normalized-….shard` or `pooled-….shard`; each record carries a checksum. The index of a
/// folder is read on the first call, and the shards are read again on later calls that miss.
///
/// Several processes may share a folder: each appends only to a shard it holds an exclusive
/// `flock` on (creating a new one when all are taken), and readers take only whole records
/// whose checksum matches. A damaged or truncated record is never returned: its text is
/// computed again and appended. Failing to write (a full disk, a read-only folder) stops
/// writing for the rest of the session and is reported in ``writeFailure``; reading goes on.
///
/// ```swift
/// let embedder = try SentenceEmbedder(directory: try ModelStore().locate().directory)
/// let options = EmbeddingOptions()
/// let cache = try EmbeddingCache(embedder: embedder, output: options.output)
/// let vectors = try cache.embeddings(for: texts) { missing in
///   let matrix = try embedder.embed(missing, options: options)
///   return (0..<matrix.rows).map { matrix.rowVector($0) }
/// }
/// ```
public final class EmbeddingCache: Sendable {
  /// The folder of this model's shards (`root/<fingerprint>`).
  public let directory: String
  /// The model fingerprint the entries belong to.
  public let modelFingerprint: String
  /// Whether the cached vectors are normalized (separate shards from the pooled ones).
  public let normalized: Bool
  /// The vector width.
  public let dimension: Int
  /// A shard stops taking records once it reaches this many bytes.
  public let maxShardBytes: Int64

  private let format: EmbeddingShardFormat
  private let state = Mutex(State())

  /// Creates a cache over `root/<modelFingerprint>`; nothing is read or created until the first call.
  ///
  /// - Parameters:
  ///   - root: The folder holding one subfolder per model (``ModelStore/embeddingCacheDirectory``).
  ///   - modelFingerprint: ``ModelIdentity/fingerprint`` of the model that computes the vectors.
  ///   - normalized: Whether the vectors are normalized (see ``SentenceEmbedder/normalizes(_:)``).
  ///   - dimension: The vector width.
  ///   - maxShardBytes: When a shard is full and a new one is started; default 1 GiB.
  /// - Throws: ``EmbeddingCacheError/invalidFingerprint(_:)`` or ``EmbeddingCacheError/invalidDimension(_:)``.
  public init(
    root: String, modelFingerprint: String, normalized: Bool, dimension: Int, maxShardBytes: Int64 = 1 << 30
  ) throws(EmbeddingCacheError) {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
    guard !modelFingerprint.isEmpty, !modelFingerprint.hasPrefix("."), modelFingerprint.allSatisfy(allowed.contains)
    else { throw .invalidFingerprint(modelFingerprint) }
    guard dimension >= 1 else { throw .invalidDimension(dimension) }
    directory = ModelFiles.path(root, modelFingerprint)
    self.modelFingerprint = modelFingerprint
    self.normalized = normalized
    self.dimension = dimension
    format = EmbeddingShardFormat(dimension: dimension, normalized: normalized, fingerprint: modelFingerprint)
    self.maxShardBytes = max(maxShardBytes, Int64(EmbeddingShardFormat.headerSize + format.recordSize))
  }

  /// Creates the cache for what `embedder` returns for `output`.
  ///
  /// - Parameters:
  ///   - embedder: The loaded model; its folder is hashed for ``ModelIdentity/fingerprint``.
  ///   - output: Which vector the entries are.
  ///   - root: Defaults to ``ModelStore/embeddingCacheDirectory`` of the process environment.
  /// - Throws: ``EncoderError/unreadableFile(path:reason:)`` when the model files cannot be hashed.
  public convenience init(
    embedder: SentenceEmbedder, output: EmbeddingOutput, root: String = ModelStore().embeddingCacheDirectory
  ) throws {
    let identity = try ModelIdentity(directory: embedder.directory)
    try self.init(
      root: root, modelFingerprint: identity.fingerprint, normalized: embedder.normalizes(output),
      dimension: embedder.dimension)
  }

  deinit {
    state.withLock { state in
      for shard in state.shards where shard.descriptor >= 0 { close(shard.descriptor) }
      if let writer = state.writer { close(writer.descriptor) }
    }
  }

  /// What the cache did so far.
  public var statistics: EmbeddingCacheStatistics { state.withLock { $0.statistics } }

  /// Why writing stopped, when it did (`nil` while the cache writes normally).
  public var writeFailure: String? { state.withLock { $0.writeFailure } }

  /// The vectors of `texts` in order: cached ones read back, the others computed by `compute`
  /// (each distinct text once) and stored.
  ///
  /// - Parameters:
  ///   - texts: The texts.
  ///   - compute: Embeds the texts it is given (distinct, in first-seen order) and returns
  ///     one vector of ``dimension`` floats per text, in order. It is not called when every
  ///     text is cached, and runs without holding the cache's lock.
  /// - Returns: One vector per text.
  /// - Throws: What `compute` throws, or ``EmbeddingCacheError/computationMismatch(detail:)``.
  public func embeddings(for texts: [String], compute: ([String]) throws -> [[Float]]) throws -> [[Float]] {
    guard !texts.isEmpty else { return [] }
    let keys = texts.map(EmbeddingTextKey.init)
    var vectors = [[Float]?](repeating: nil, count: texts.count)
    state.withLock { state in
      lookUp(keys, into: &vectors, state: &state)
      if vectors.contains(where: { $0 == nil }) {
        // Another process may have added them since the index was read.
        scan(&state)
        lookUp(keys, into: &vectors, state: &state)
      }
    }

    var firstIndex: [EmbeddingTextKey: Int] = [:]
    var missingTexts: [String] = []
    var missingKeys: [EmbeddingTextKey] = []
    for index in texts.indices where vectors[index] == nil && firstIndex[keys[index]] == nil {
      firstIndex[keys[index]] = missingKeys.count
      missingTexts.append(texts[index])
      missingKeys.append(keys[index])
    }
    state.withLock { $0.statistics.reused += texts.count - vectors.lazy.filter { $0 == nil }.count }
    guard !missingTexts.isEmpty else { return vectors.map { $0! } }

    let computed = try compute(missingTexts)
    guard computed.count == missingTexts.count else {
      throw EmbeddingCacheError.computationMismatch(
        detail: "\(computed.count) vectors for \(missingTexts.count) texts")
    }
    if let wrong = computed.firstIndex(where: { $0.count != dimension }) {
      throw EmbeddingCacheError.computationMismatch(
        detail: "a vector of \(computed[wrong].count) values where \(dimension) were expected")
    }
    for index in texts.indices where vectors[index] == nil {
      vectors[index] = computed[firstIndex[keys[index]]!]
    }
    state.withLock { state in
      state.statistics.computed += missingTexts.count
      append(keys: missingKeys, vectors: computed, state: &state)
    }
    return vectors.map { $0! }
  }

  // MARK: - State

  /// One shard file known to this cache.
  private struct Shard {
    var path: String
    /// A read-only descriptor, or -1 for a shard that is ignored (foreign or damaged header).
    var descriptor: Int32
    /// The bytes read into the index so far (header included).
    var scanned: Int64
  }

  /// The shard this process appends to, locked with `flock`.
  private struct Writer {
    var shard: Int
    var descriptor: Int32
    var size: Int64
  }

  private struct State {
    var shards: [Shard] = []
    var shardNames: Set<String> = []
    /// Key → shard index (high 24 bits) and record number (low 40 bits).
    var index: [EmbeddingTextKey: UInt64] = [:]
    var loaded = false
    var writer: Writer?
    var writeFailure: String?
    var statistics = EmbeddingCacheStatistics()
  }

  private static let recordBits: UInt64 = 40

  // MARK: - Reading

  /// Fills the missing `vectors` whose keys the index knows, dropping records that fail their check.
  private func lookUp(_ keys: [EmbeddingTextKey], into vectors: inout [[Float]?], state: inout State) {
    if !state.loaded {
      scan(&state)
      state.loaded = true
    }
    let size = format.recordSize
    let record = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    defer { record.deallocate() }
    var known: [EmbeddingTextKey: [Float]] = [:]
    for (position, key) in keys.enumerated() where vectors[position] == nil {
      if let vector = known[key] {
        vectors[position] = vector
        continue
      }
      guard let location = state.index[key] else { continue }
      let shard = state.shards[Int(location >> Self.recordBits)]
      let offset = Int64(EmbeddingShardFormat.headerSize) + Int64(location & ((1 << Self.recordBits) - 1)) * Int64(size)
      let valid =
        readFully(shard.descriptor, record, at: offset)
        && format.validKey(UnsafeRawBufferPointer(record)) == key
      guard valid else {
        state.index[key] = nil
        state.statistics.discarded += 1
        continue
      }
      let vector = format.vector(UnsafeRawBufferPointer(record))
      known[key] = vector
      vectors[position] = vector
    }
  }

  /// Reads shards that appeared and records appended since the last scan into the index.
  private func scan(_ state: inout State) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    for name in names.sorted()
    where name.hasPrefix(format.namePrefix) && name.hasSuffix(EmbeddingShardFormat.fileExtension)
      && !state.shardNames.contains(name)
    {
      state.shardNames.insert(name)
      let path = ModelFiles.path(directory, name)
      let descriptor = open(path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else { continue }
      var header = [UInt8](repeating: 0, count: EmbeddingShardFormat.headerSize)
      let matches = header.withUnsafeMutableBytes { buffer in
        readFully(descriptor, buffer, at: 0) && format.matchesHeader(UnsafeRawBufferPointer(buffer))
      }
      if matches {
        state.shards.append(Shard(path: path, descriptor: descriptor, scanned: Int64(EmbeddingShardFormat.headerSize)))
      } else {
        close(descriptor)
        state.shards.append(Shard(path: path, descriptor: -1, scanned: 0))
        state.statistics.discarded += 1
      }
    }
    for shardIndex in state.shards.indices where state.shards[shardIndex].descriptor >= 0 {
      scanRecords(shard: shardIndex, state: &state)
    }
  }

  /// Indexes the whole records of a shard beyond what was scanned, skipping those whose checksum fails.
  private func scanRecords(shard shardIndex: Int, state: inout State) {
    let shard = state.shards[shardIndex]
    var status = stat()
    guard fstat(shard.descriptor, &status) == 0 else { return }
    let size = Int64(format.recordSize)
    let header = Int64(EmbeddingShardFormat.headerSize)
    let end = header + (Int64(status.st_size) - header) / size * size
    guard end > shard.scanned else { return }
    let perRead = max(1, (4 << 20) / format.recordSize)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: perRead * format.recordSize, alignment: 16)
    defer { buffer.deallocate() }
    var position = shard.scanned
    while position < end {
      let count = Int(min(Int64(perRead), (end - position) / size))
      let chunk = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(count * format.recordSize)])
      guard readFully(shard.descriptor, chunk, at: position) else { break }
      let firstRecord = UInt64((position - header) / size)
      for record in 0..<count {
        let bytes = UnsafeRawBufferPointer(rebasing: chunk[(record * format.recordSize)..<((record + 1) * format.recordSize)])
        if let key = format.validKey(bytes) {
          state.index[key] = UInt64(shardIndex) << Self.recordBits | (firstRecord + UInt64(record))
        } else {
          state.statistics.discarded += 1
        }
      }
      position += Int64(count) * size
    }
    state.shards[shardIndex].scanned = position
  }

  // MARK: - Writing

  /// Appends records for `keys` and `vectors` to the writer's shard and indexes them.
  private func append(keys: [EmbeddingTextKey], vectors: [[Float]], state: inout State) {
    var next = 0
    while next < keys.count, state.writeFailure == nil {
      guard let writer = acquireWriter(&state) else { return }
      let room = max(1, Int((maxShardBytes - writer.size) / Int64(format.recordSize)))
      let count = min(room, keys.count - next)
      let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: count * format.recordSize, alignment: 16)
      defer { bytes.deallocate() }
      for item in 0..<count {
        let slot = UnsafeMutableRawBufferPointer(
          rebasing: bytes[(item * format.recordSize)..<((item + 1) * format.recordSize)])
        format.encode(key: keys[next + item], vector: vectors[next + item], into: slot)
      }
      if let failure = writeAll(writer.descriptor, UnsafeRawBufferPointer(bytes)) {
        // Cut a partial write off so the shard stays whole records, and stop writing.
        _ = ftruncate(writer.descriptor, off_t(writer.size))
        state.writeFailure = "\(state.shards[writer.shard].path): \(failure)"
        releaseWriter(&state)
        return
      }
      let header = Int64(EmbeddingShardFormat.headerSize)
      let firstRecord = UInt64((writer.size - header) / Int64(format.recordSize))
      for item in 0..<count {
        state.index[keys[next + item]] = UInt64(writer.shard) << Self.recordBits | (firstRecord + UInt64(item))
      }
      let newSize = writer.size + Int64(count * format.recordSize)
      state.writer?.size = newSize
      if state.shards[writer.shard].scanned == writer.size { state.shards[writer.shard].scanned = newSize }
      state.statistics.stored += count
      next += count
      if newSize >= maxShardBytes { releaseWriter(&state) }
    }
  }

  /// The shard to append to: an existing one nobody else is writing, else a new one.
  private func acquireWriter(_ state: inout State) -> Writer? {
    if let writer = state.writer { return writer }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      state.writeFailure = "\(directory): cannot create the folder: \(error.localizedDescription)"
      return nil
    }
    scan(&state)
    for shardIndex in state.shards.indices where state.shards[shardIndex].descriptor >= 0 {
      let path = state.shards[shardIndex].path
      let descriptor = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
      guard descriptor >= 0 else { continue }
      guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
        close(descriptor)
        continue
      }
      var status = stat()
      guard fstat(descriptor, &status) == 0, Int64(status.st_size) < maxShardBytes else {
        close(descriptor)
        continue
      }
      // Only the holder of the lock appends: a partial record at the end is damage; cut it off.
      let header = Int64(EmbeddingShardFormat.headerSize)
      let size = Int64(status.st_size)
      let whole = header + (size - header) / Int64(format.recordSize) * Int64(format.recordSize)
      if whole != size {
        guard ftruncate(descriptor, off_t(whole)) == 0 else {
          close(descriptor)
          continue
        }
        state.statistics.discarded += 1
      }
      scanRecords(shard: shardIndex, state: &state)
      state.writer = Writer(shard: shardIndex, descriptor: descriptor, size: whole)
      return state.writer
    }
    return createShard(&state)
  }

  /// Creates a shard under a temporary name, writes its header, locks it and renames it into place.
  private func createShard(_ state: inout State) -> Writer? {
    let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    let temporary = ModelFiles.path(directory, ".\(format.namePrefix)\(getpid())-\(token).tmp")
    let name = "\(format.namePrefix)\(Int(Date().timeIntervalSince1970))-\(getpid())-\(token)\(EmbeddingShardFormat.fileExtension)"
    let path = ModelFiles.path(directory, name)
    let descriptor = open(temporary, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      state.writeFailure = "\(temporary): cannot create: \(String(cString: strerror(errno)))"
      return nil
    }
    let header = format.header
    var failure = header.withUnsafeBytes { writeAll(descriptor, $0) }
    if failure == nil, flock(descriptor, LOCK_EX | LOCK_NB) != 0 { failure = String(cString: strerror(errno)) }
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    let reader = failure == nil ? open(path, O_RDONLY | O_CLOEXEC) : -1
    guard failure == nil, reader >= 0 else {
      state.writeFailure = "\(path): cannot create: \(failure ?? String(cString: strerror(errno)))"
      close(descriptor)
      unlink(temporary)
      return nil
    }
    state.shardNames.insert(name)
    state.shards.append(Shard(path: path, descriptor: reader, scanned: Int64(header.count)))
    state.writer = Writer(shard: state.shards.count - 1, descriptor: descriptor, size: Int64(header.count))
    return state.writer
  }

  /// Closes the writer's descriptor, which releases its lock.
  private func releaseWriter(_ state: inout State) {
    if let writer = state.writer { close(writer.descriptor) }
    state.writer = nil
  }
}

/// Reads exactly `buffer.count` bytes at `offset`; `false` on an error or an early end of file.
private func readFully(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Bool {
  var done = 0
  while done < buffer.count {
    let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
    if count < 0 && errno == EINTR { continue }
    guard count > 0 else { return false }
    done += count
  }
  return true
}

/// Writes all of `bytes`; the system's explanation on failure.
private func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> String? {
  var done = 0
  while done < bytes.count {
    let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
    if count < 0 && errno == EINTR { continue }
    guard count > 0 else { return count < 0 ? String(cString: strerror(errno)) : "nothing was written" }
    done += count
  }
  return nil
}
