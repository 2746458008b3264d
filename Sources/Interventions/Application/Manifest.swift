import Checksums
import DatasetIO
import PreferenceModel

/// `manifest.json`: every file of an `apply` output folder with its SHA-256, and the counts.
///
/// ```json
/// {"version": 1, "files": [{"path": "test.jsonl.gz", "role": "data", "records": 2100, "sha256": "…"}, …],
///  "counts": {"read": 2354, "kept": 2100, "dropped": 254, "relabeled": 0, "rejected": 0},
///  "pairs": {"kept": 2100, "dropped": 254, "relabeled": 0}}
/// ```
/// `read = kept + dropped + rejected` always holds (source records).
public enum Manifest {
  /// The manifest's name in the output folder.
  public static let name = "manifest.json"
  /// The folder that dropped records go to, mirroring the input layout.
  public static let droppedFolder = "dropped"
  /// The rejected records' file.
  public static let rejectsName = "rejects.jsonl"

  /// One file of the output folder.
  public struct Entry: Sendable, Hashable {
    /// Its path relative to the output folder.
    public var path: String
    /// What it is: data, dropped, rejects, weights, shaping, erasure, eraser, report.
    public var role: String
    /// Records written into it, for data files.
    public var records: Int?
    /// Its SHA-256, 64 hex digits.
    public var sha256: String
  }

  /// Hashes every file in the staged folder and writes the manifest there; returns the entries.
  static func write(
    _ outcome: ApplyOutcome, staging: OutputStaging, keptFiles: [WrittenFile], droppedFiles: [WrittenFile]
  ) throws -> [Entry] {
    let records = Dictionary(uniqueKeysWithValues: (keptFiles + droppedFiles).map { ($0.path, $0.records) })
    let kept = Set(keptFiles.map(\.path))
    var entries: [Entry] = []
    for path in staging.files() where path != name {
      let role: String
      if kept.contains(path) {
        role = "data"
      } else if path.hasPrefix(droppedFolder + "/") {
        role = "dropped"
      } else {
        role = roles[path] ?? "other"
      }
      entries.append(
        Entry(path: path, role: role, records: records[path], sha256: try SHA256.hexDigest(ofFileAt: staging.path(path))))
    }
    let counts = outcome.counts
    let json = JSONValue.object([
      JSONMember("version", 1),
      JSONMember(
        "files",
        .array(
          entries.map { entry in
            var members = [JSONMember("path", .string(entry.path)), JSONMember("role", .string(entry.role))]
            if let records = entry.records { members.append(JSONMember("records", .number(JSONNumber(records)))) }
            members.append(JSONMember("sha256", .string(entry.sha256)))
            return .object(members)
          })),
      JSONMember(
        "counts",
        .object([
          JSONMember("read", .number(JSONNumber(counts.read))),
          JSONMember("kept", .number(JSONNumber(counts.kept))),
          JSONMember("dropped", .number(JSONNumber(counts.dropped))),
          JSONMember("relabeled", .number(JSONNumber(counts.relabeled))),
          JSONMember("rejected", .number(JSONNumber(counts.rejected))),
        ])),
      JSONMember(
        "pairs",
        .object([
          JSONMember("kept", .number(JSONNumber(counts.keptPairs))),
          JSONMember("dropped", .number(JSONNumber(counts.droppedPairs))),
          JSONMember("relabeled", .number(JSONNumber(counts.relabeledPairs))),
        ])),
    ])
    try writeJSON(json, to: staging.path(name))
    return entries
  }

  /// Roles of the fixed file names.
  static let roles: [String: String] = [
    rejectsName: "rejects", SidecarWriters.weightsName: "weights", SidecarWriters.shapingName: "shaping",
    ApplyReportFile.name: "report", ErasureStep.reportName: "erasure", ErasureStep.eraserName: "eraser",
  ]
}

/// Writes a JSON document (indented, as the audit's JSON report) to `path`.
func writeJSON(_ value: JSONValue, to path: String) throws {
  var bytes = value.serialized(style: .pythonIndented(2))
  bytes.append(0x0A)
  let writer = try ContainerWriter(path: path, kind: .plain)
  try writer.beginMember(MemberInfo(name: nil, index: 0))
  try writer.write(bytes)
  try writer.endMember()
  try writer.commit()
}
