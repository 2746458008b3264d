import PreferenceModel

/// A ``DatasetVisitor`` that builds a ``DatasetSummary``; other visitors embed it.
public struct SummaryVisitor: DatasetVisitor {
  /// The summary so far.
  public private(set) var summary = DatasetSummary()
  /// How many records per member have their fields counted (fields are a sample, not a census).
  public var fieldSampleSize = 1000

  /// Creates a visitor.
  public init() {}

  public mutating func beginMember(_ layout: MemberLayout) {
    summary.members.append(
      MemberSummary(
        file: layout.file, member: layout.member.name, container: layout.container, framing: layout.framing,
        format: layout.format?.id, variant: layout.variant))
    if let header = layout.csvHeader {
      for column in header { summary.fields[column, default: 0] += 0 }
    }
  }

  public mutating func visit(_ units: [ReadUnit], of layout: MemberLayout) {
    var member = summary.members.removeLast()
    defer { summary.members.append(member) }
    for index in units.indices {
      let unit = units[index]
      summary.read += 1
      member.read += 1
      switch unit.outcome {
      case .rejected(let reason):
        summary.rejected += 1
        member.rejected += 1
        summary.rejectionReasons[String(reason.prefix(80)), default: 0] += 1
      case .decoded(let records):
        summary.kept += 1
        member.kept += 1
        member.pairs += records.count
        if records.isEmpty {
          summary.noPair += 1
          member.noPair += 1
        }
        if member.kept <= fieldSampleSize { countFields(of: unit, layout: layout) }
        for recordIndex in records.indices { add(records[recordIndex]) }
      }
    }
  }

  public mutating func endMember(_ layout: MemberLayout) {
    guard let member = summary.members.last, member.read == 0 else { return }
    let place = member.member.map { "\(member.file)[\($0)]" } ?? member.file
    summary.notices.append("\(place): empty (no records)")
  }

  public mutating func fileProblem(_ problem: ReadProblem) {
    summary.problems.append(problem)
  }

  private mutating func countFields(of unit: ReadUnit, layout: MemberLayout) {
    if let header = layout.csvHeader {
      for column in header { summary.fields[column, default: 0] += 1 }
      return
    }
    // A sample of records is parsed again for its keys; decoding kept only the model.
    if let keys = _topLevelKeys(unit.bytes) {
      for key in keys { summary.fields[key, default: 0] += 1 }
    }
  }

  private mutating func add(_ record: PreferenceRecord) {
    summary.pairs += 1
    for anomaly in record.anomalies { summary.anomalies[anomaly.kind, default: 0] += 1 }
    let c = record.chosen.text.unicodeScalarCount
    let r = record.rejected.text.unicodeScalarCount
    summary.chosenLength.add(c)
    summary.rejectedLength.add(r)
    if let prompt = record.lastUserTurn { summary.promptLength.add(prompt.unicodeScalarCount) }
    if c > r { summary.chosenLonger += 1 } else if r > c { summary.rejectedLonger += 1 }
    if let a = record.chosen.score, let b = record.rejected.score {
      summary.scoredPairs += 1
      if a == b { summary.scoreTies += 1 }
    }
  }
}

/// The top-level keys of a JSON object's bytes, without building the values.
func _topLevelKeys(_ bytes: [UInt8]) -> [String]? {
  guard case .object(let members)? = try? JSONValue.parse(bytes) else { return nil }
  return members.map(\.key)
}
