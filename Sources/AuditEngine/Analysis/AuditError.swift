/// A failure of the audit outside the detectors and the statistics.
public enum AuditError: Error, Sendable, CustomStringConvertible {
  /// The temporary file holding every pair for per-pair output failed.
  case spill(String)

  public var description: String {
    switch self {
    case .spill(let detail): return detail
    }
  }
}
