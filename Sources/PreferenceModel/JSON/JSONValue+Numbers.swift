extension JSONValue {
  /// `value` as a JSON number, or null when it is missing, NaN or infinite (JSON has neither).
  ///
  /// Reports use it for every statistic that can be undefined: a p-value without variance, an
  /// AUC without both classes.
  public static func finite(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(JSONNumber(value))
  }

  /// `value` as a JSON integer.
  public static func integer(_ value: Int) -> JSONValue {
    .number(JSONNumber(value))
  }
}
