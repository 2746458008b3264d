import DatasetIO
import PreferenceModel

/// Where a kept pair is in the output: the side-car rows' join key.
struct SidecarPosition {
  /// The input pair's id (`file:line`, `file[member]:line`, `#k` for later pairs of a record).
  var id: String
  /// The output file, relative to the output folder.
  var file: String
  /// The archive member, when the output is an archive.
  var member: String?
  /// The 0-based index of the record in its output member.
  var row: Int
  /// The pair's index within that record (0 for one-pair formats).
  var pair: Int

  /// The leading members of a side-car row.
  var members: [JSONMember] {
    var members = [JSONMember("id", .string(id)), JSONMember("file", .string(file))]
    if let member { members.append(JSONMember("member", .string(member))) }
    members.append(JSONMember("row", .number(JSONNumber(row))))
    members.append(JSONMember("pair", .number(JSONNumber(pair))))
    return members
  }
}

/// The per-pair side-car files of `apply`: weights.jsonl (reweight) and shaping.jsonl (shape).
final class SidecarWriters {
  /// The weights file's name in the output folder.
  static let weightsName = "weights.jsonl"
  /// The shaping file's name in the output folder.
  static let shapingName = "shaping.jsonl"

  private let plan: InterventionPlan
  private var weights: ContainerWriter?
  private var shaping: ContainerWriter?
  private var weightsBuffer: [UInt8] = []
  private var shapingBuffer: [UInt8] = []

  /// Opens the side-cars the plan calls for in `directory`.
  init(plan: InterventionPlan, directory: String) throws {
    self.plan = plan
    if plan.weights != nil { weights = try Self.open(directory + "/" + Self.weightsName) }
    if plan.shaping != nil { shaping = try Self.open(directory + "/" + Self.shapingName) }
  }

  private static func open(_ path: String) throws -> ContainerWriter {
    let writer = try ContainerWriter(path: path, kind: .plain)
    try writer.beginMember(MemberInfo(name: nil, index: 0))
    return writer
  }

  /// Writes the rows of kept pair `pair`.
  func write(pair: Int, at position: SidecarPosition) throws {
    if let weights = plan.weights {
      var members = position.members
      members.append(JSONMember("weight", .number(JSONNumber(weights[pair]))))
      append(.object(members), to: &weightsBuffer)
    }
    if let shaping = plan.shaping {
      var members = position.members
      members.append(JSONMember("offset", .number(JSONNumber(shaping.offsets[pair]))))
      var concepts: [JSONMember] = []
      for (c, id) in shaping.featureIDs.enumerated() {
        let score = shaping.scores[c][pair]
        concepts.append(
          JSONMember(
            id,
            .object([
              JSONMember("delta", .number(JSONNumber(score))),
              JSONMember("lambda", .number(JSONNumber(shaping.lambdas[c]))),
              JSONMember("offset", .number(JSONNumber(shaping.lambdas[c] * score))),
            ])))
      }
      members.append(JSONMember("concepts", .object(concepts)))
      append(.object(members), to: &shapingBuffer)
    }
    if weightsBuffer.count >= 1 << 20 || shapingBuffer.count >= 1 << 20 { try flush() }
  }

  private func append(_ value: JSONValue, to buffer: inout [UInt8]) {
    value.serialize(into: &buffer, style: .python, indentLevel: 0)
    buffer.append(0x0A)
  }

  private func flush() throws {
    if let weights { try weights.write(weightsBuffer) }
    if let shaping { try shaping.write(shapingBuffer) }
    weightsBuffer.removeAll(keepingCapacity: true)
    shapingBuffer.removeAll(keepingCapacity: true)
  }

  /// Completes the files.
  func commit() throws {
    try flush()
    for writer in [weights, shaping].compactMap({ $0 }) {
      try writer.endMember()
      try writer.commit()
    }
  }

  /// Removes partly written files.
  func abort() {
    weights?.abort()
    shaping?.abort()
  }
}
