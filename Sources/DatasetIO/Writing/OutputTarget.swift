import PreferenceModel

/// Where `convert` and `apply` write: a folder mirroring the inputs, or one file (`convert` only).
public enum OutputTarget: Sendable, Hashable {
  /// One output file per input file, same relative names, same containers.
  case directory(String)
  /// Everything in one file; its container comes from the name (`.jsonl.gz` → gzip, `.tar.gz` → tar + gzip).
  case file(String)

  /// `name` with its data extension (`.jsonl`, `.json`, `.csv`) changed to fit `framing`, keeping any
  /// compression suffix: `train.json` → `train.jsonl`, `test.csv.gz` → `test.jsonl.gz`.
  public static func renamed(_ name: String, for framing: Framing) -> String {
    let wanted: String
    switch framing {
    case .jsonLines: wanted = ".jsonl"
    case .jsonArray: wanted = ".json"
    case .csv: wanted = ".csv"
    }
    var base = name
    var compression = ""
    for suffix in [".gz", ".zst", ".xz", ".bz2"] where base.lowercased().hasSuffix(suffix) {
      compression = String(base.suffix(suffix.count))
      base.removeLast(suffix.count)
      break
    }
    for ext in [".jsonl", ".json", ".csv", ".tsv", ".ndjson", ".txt"] where base.lowercased().hasSuffix(ext) {
      base.removeLast(ext.count)
      return base + wanted + compression
    }
    return base + wanted + compression
  }
}

/// A file that a writer produced.
public struct WrittenFile: Sendable, Hashable {
  /// Its path.
  public var path: String
  /// Records (source records in preserved members, pairs in re-encoded ones) written into it.
  public var records: Int

  /// Creates a record of a written file.
  public init(path: String, records: Int) {
    self.path = path
    self.records = records
  }
}

/// What to do with a source record when writing it out.
public enum UnitEdit: Sendable {
  /// Write it as read (its original bytes when the format is unchanged).
  case keep
  /// Leave it out.
  case drop
  /// Write these pairs in its place (re-encoded by the format adapter).
  case replace([PreferenceRecord])
}

/// Writing failed for a reason that concerns the data, not the disk.
public struct WriteError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, naming the record or file.
  public var description: String

  /// Creates an error.
  public init(_ description: String) {
    self.description = description
  }
}
