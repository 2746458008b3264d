import PreferenceModel

/// How a dataset is read.
public struct ReadOptions: Sendable {
  /// A format id that overrides sniffing (`--format`), optionally with a variant: `trl:conversational`.
  public var format: String?
  /// Options passed to format adapters (field map, pairing, seed, prompt split).
  public var formatOptions: FormatOptions
  /// Stop at the first unreadable record or file (`--strict`).
  public var strict: Bool
  /// Decompression safety limits.
  public var limits: DecompressionLimits
  /// The longest record kept whole; longer ones are rejected (`--max-record-bytes`).
  public var maxRecordBytes: Int
  /// Roughly how many bytes of records travel together through the pipeline.
  public var batchBytes: Int
  /// Threads that parse and decode records (the reading thread comes on top).
  public var threads: Int
  /// How many records of a member are looked at to recognise its format.
  public var sniffSampleSize: Int

  /// Creates options with the defaults.
  public init(
    format: String? = nil,
    formatOptions: FormatOptions = FormatOptions(),
    strict: Bool = false,
    limits: DecompressionLimits = .default,
    maxRecordBytes: Int = 256 << 20,
    batchBytes: Int = 2 << 20,
    threads: Int = 2,
    sniffSampleSize: Int = 20
  ) {
    self.format = format
    self.formatOptions = formatOptions
    self.strict = strict
    self.limits = limits
    self.maxRecordBytes = maxRecordBytes
    self.batchBytes = batchBytes
    self.threads = threads
    self.sniffSampleSize = sniffSampleSize
  }
}
