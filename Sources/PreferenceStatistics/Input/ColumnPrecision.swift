/// How a feature's chosen and rejected columns are stored in memory.
///
/// Storage is what limits memory at scale (1M pairs × 60 features is 480 MB in `Float32` and
/// 960 MB in `Float64`); every computation reads the stored values into `Double`.
/// `Float32` is exact for integers up to 2²⁴ (counts of words, tokens, bullets, URLs) and keeps
/// about 7 significant digits otherwise, far below the sampling error of any statistic here.
/// Differences are formed in `Double` from the stored values, so they are exact for integer
/// features.
public enum ColumnPrecision: String, Sendable, Hashable, Codable {
  /// `Float32` when every value converts to `Float` without rounding, otherwise `Float64`.
  case automatic
  /// Always `Float32` (values are rounded to the nearest `Float`).
  case float32
  /// Always `Float64`.
  case float64
}

/// The storage a feature actually uses.
public enum StoredPrecision: String, Sendable, Hashable, Codable {
  /// 4 bytes per value.
  case float32
  /// 8 bytes per value.
  case float64
}
