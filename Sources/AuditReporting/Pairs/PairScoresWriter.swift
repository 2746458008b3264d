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
///
/// The pairs are read back from the audit's ``PairSpill`` in input order, so writing needs no
/// more memory for a million pairs than for ten.
public enum PairScoresWriter {
  /// Writes the score of every pair in `measurements` (whose spill must be kept) to `path`
  /// (under a temporary name, renamed when complete).
  public static func write(_ model: JointPreferenceModel, measurements: PairMeasurements, to path: String) throws {
    guard let spill = measurements.spill else {
      throw AuditError.spill("per-pair scores need the pairs kept (AuditConfiguration.keepsPairs)")
    }
    let termNames = model.terms.map(\.name)
    let temporary = path + ".prefaudit-partial"
    _ = FileManager.default.createFile(atPath: temporary, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: temporary) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    do {
      var buffer: [UInt8] = []
      buffer.reserveCapacity(1 << 20)
      try spill.forEach { _, record in
        let score = model.score(
          differences: record.differences, lengthDifference: Double(record.lengthDifference),
          clusterKey: record.clusterKey)
        line(id: measurements.identifier(record.reference), logit: score.logit, top: score.top, termNames: termNames)
          .serialize(into: &buffer, style: .python, indentLevel: 0)
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

  /// The JSON object of one pair.
  static func line(id: String, logit: Double, top: [TermContribution], termNames: [String]) -> JSONValue {
    .object([
      JSONMember("id", .string(id)),
      JSONMember("preferenceLogit", .finite(logit)),
      JSONMember("flipScore", .finite(LengthControlledEffect.sigmoid(-logit))),
      JSONMember(
        "top",
        .array(
          top.map { c in
            .object([
              JSONMember("feature", .string(termNames[c.term])),
              JSONMember("contribution", .finite(c.value)),
            ])
          })),
    ])
  }
}
