/// Something odd about a record that does not make it unreadable.
///
/// Anomalies are counted and reported by `inspect`; the record is still kept.
/// Their ``kind`` is a stable, kebab-case identifier that scripts can rely on.
public struct Anomaly: Sendable, Hashable, CustomStringConvertible {
  /// Stable identifier such as `identical-pair` or `empty-chosen`.
  public var kind: String
  /// A human-readable explanation for this record.
  public var detail: String

  /// Creates an anomaly.
  public init(_ kind: String, _ detail: String = "") {
    self.kind = kind
    self.detail = detail
  }

  public var description: String { detail.isEmpty ? kind : "\(kind): \(detail)" }
}
