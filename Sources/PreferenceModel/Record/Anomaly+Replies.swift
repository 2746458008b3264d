extension Anomaly {
  /// The anomalies of a pair's two reply texts: `identical-pair`, `empty-chosen`, `empty-rejected`.
  ///
  /// The texts are compared with `==`; a reply is empty when it ``Swift/String/isBlank``.
  /// The anomalies come in that order, each when it applies.
  public static func replyAnomalies(chosen: String, rejected: String) -> [Anomaly] {
    var anomalies: [Anomaly] = []
    if chosen == rejected {
      anomalies.append(Anomaly("identical-pair", "chosen and rejected have the same text"))
    }
    if chosen.isBlank { anomalies.append(Anomaly("empty-chosen", "the chosen reply is empty")) }
    if rejected.isBlank { anomalies.append(Anomaly("empty-rejected", "the rejected reply is empty")) }
    return anomalies
  }
}
