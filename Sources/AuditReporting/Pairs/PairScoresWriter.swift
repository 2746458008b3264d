import AuditEngine
import Foundation
import PreferenceModel
import PreferenceStatistics

/// Writes one JSON line per pair: its id, the joint model's cross-fitted logit, flip score and top features.
///
/// ```json
/// {"id": "test.jsonl.gz:17", "preferenceLogit": 0.84, "flipScore": 0.30, "top": [{"feature": "style.words", "contribution": 0.52}]}
/// ```
/// `preferenceLogit` is the logit that the chosen answer is preferred, from a model fitted
/// without the pair's prompt (folds split by prompt); `flipScore` is σ(−logit), the model's
/// probability that the label is reversed; `top` lists the terms contributing most
/// (coefficient × scaled Δ), largest magnitude first.
public enum PairScoresWriter {
  /// Writes the scores of every pair of `table` to `path` (under a temporary name, renamed when complete).
  public static func write(_ scoring: PairScoring, table: FeatureTable, to path: String) throws {
    let temporary = path + ".prefaudit-partial"
    _ = FileManager.default.createFile(atPath: temporary, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: temporary) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    do {
      var buffer: [UInt8] = []
      buffer.reserveCapacity(1 << 20)
      for pair in 0..<table.pairCount {
        line(pair, scoring: scoring, table: table).serialize(into: &buffer, style: .python, indentLevel: 0)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 {
          try handle.write(contentsOf: buffer)
          buffer.removeAll(keepingCapacity: true)
        }
      }
      try handle.write(contentsOf: buffer)
      try handle.close()
      if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
      try FileManager.default.moveItem(atPath: temporary, toPath: path)
    } catch {
      try? handle.close()
      try? FileManager.default.removeItem(atPath: temporary)
      throw error
    }
  }

  /// The JSON object of pair `pair`.
  static func line(_ pair: Int, scoring: PairScoring, table: FeatureTable) -> JSONValue {
    let logit = scoring.scores.logits[pair]
    let top = scoring.scores.topContributions(ofPair: pair).map { c in
      JSONValue.object([
        JSONMember("feature", .string(scoring.termNames[c.term])),
        JSONMember("contribution", number(c.value)),
      ])
    }
    return .object([
      JSONMember("id", .string(table.identifier(pair))),
      JSONMember("preferenceLogit", number(logit)),
      JSONMember("flipScore", number(scoring.scores.flipProbability(ofPair: pair))),
      JSONMember("top", .array(top)),
    ])
  }
}
