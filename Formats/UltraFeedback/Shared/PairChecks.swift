import PreferenceModel

/// The anomalies every UltraFeedback pair is checked for, whatever its layout.
enum PairChecks {
  /// `tie`, `rejected-scored-higher`, `identical-pair`, `empty-chosen` and `empty-rejected`.
  ///
  /// A tie is a pair whose two scores are equal: the preference carries no signal
  /// (HuggingFaceH4 picked the rejected response at random, so about one pair in nine
  /// is a tie). `rejected-scored-higher` marks a pair whose labels contradict its scores.
  static func anomalies(chosen: Response, rejected: Response) -> [Anomaly] {
    var anomalies: [Anomaly] = []
    if let c = chosen.score, let r = rejected.score {
      if c == r {
        anomalies.append(Anomaly("tie", "chosen and rejected both scored \(JSONNumber(c).text)"))
      } else if r > c {
        anomalies.append(
          Anomaly(
            "rejected-scored-higher",
            "rejected scored \(JSONNumber(r).text), chosen \(JSONNumber(c).text)"))
      }
    }
    if chosen.text.hasSameUTF8(as: rejected.text) {
      anomalies.append(Anomaly("identical-pair", "chosen and rejected responses are the same text"))
    }
    if chosen.text.isBlank {
      anomalies.append(Anomaly("empty-chosen", "the chosen response is empty or whitespace only"))
    }
    if rejected.text.isBlank {
      anomalies.append(Anomaly("empty-rejected", "the rejected response is empty or whitespace only"))
    }
    return anomalies
  }
}
