import Synchronization

/// How far a ``DatasetReader`` has got through its input files, in bytes on disk.
///
/// Updated by the reading thread, read from any thread (a progress display). Bytes
/// are counted as they are read from disk (compressed bytes for compressed files);
/// for archives that libarchive opens by name (zip, xz, zstd, bzip2) a file counts
/// only once it is finished.
public final class ReadProgress: Sendable {
  /// The total size of the input files.
  public let totalBytes: Int64
  private let finishedFiles = Atomic<Int64>(0)
  private let currentFile = Atomic<Int64>(0)

  /// Creates progress for inputs of `totalBytes` bytes.
  public init(totalBytes: Int64) {
    self.totalBytes = totalBytes
  }

  /// The bytes read so far.
  public var bytesRead: Int64 {
    finishedFiles.load(ordering: .relaxed) + currentFile.load(ordering: .relaxed)
  }

  /// The share of the input read so far, 0...1.
  public var fraction: Double {
    totalBytes > 0 ? min(1, Double(bytesRead) / Double(totalBytes)) : 0
  }

  /// Adds bytes read from the current file.
  func add(_ bytes: Int) {
    currentFile.add(Int64(bytes), ordering: .relaxed)
  }

  /// The current file of `size` bytes is done.
  func finishFile(size: Int64) {
    currentFile.store(0, ordering: .relaxed)
    finishedFiles.add(size, ordering: .relaxed)
  }
}
