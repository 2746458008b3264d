import DatasetIO
import PreferenceModel

/// The writing pass of `apply`: every decoded record goes to the output or to dropped/, as the plan
/// says, rejected records to the rejects file, and each kept pair's side-car rows are written.
///
/// Kept records are written byte for byte; relabeled ones are re-encoded by their adapter with
/// chosen and rejected swapped. The pass follows the ``UnitLedger`` of the measuring pass and
/// stops if the input differs from what was measured.
final class OutputPass: DatasetVisitor {
  let plan: InterventionPlan
  let kept: DatasetWriter
  let dropped: DatasetWriter?
  let rejects: RejectsWriter
  let sidecars: SidecarWriters
  private(set) var cursor: UnitLedgerCursor
  /// Source records read, kept, dropped, relabeled (kept records with a swapped pair), rejected.
  private(set) var counts = ApplyCounts()

  private var outputFile = ""
  private var outputMember: String?
  private var row = 0

  init(plan: InterventionPlan, ledger: UnitLedger, kept: DatasetWriter, dropped: DatasetWriter?, rejects: RejectsWriter, sidecars: SidecarWriters) {
    self.plan = plan
    self.kept = kept
    self.dropped = dropped
    self.rejects = rejects
    self.sidecars = sidecars
    cursor = UnitLedgerCursor(ledger)
  }

  func beginMember(_ layout: MemberLayout) throws {
    try kept.beginMember(layout)
    try dropped?.beginMember(layout)
    outputFile = kept.relativeOutputPath(of: layout.file)
    outputMember = layout.member.name
    row = 0
  }

  func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    try rejects.visit(units, of: layout)
    var keptEdits: [UnitEdit] = []
    var droppedEdits: [UnitEdit] = []
    for unit in units {
      counts.read += 1
      guard unit.rejectionReason == nil else {
        counts.rejected += 1
        continue
      }
      let index = try cursor.advance(past: unit)
      let pairs = cursor.ledger.pairs(ofUnit: index)
      if plan.droppedUnits[index] {
        counts.dropped += 1
        counts.droppedPairs += pairs.count
        keptEdits.append(.drop)
        droppedEdits.append(.keep)
        continue
      }
      counts.kept += 1
      counts.keptPairs += pairs.count
      droppedEdits.append(.drop)
      let records = unit.records
      // A kept record is one output record holding its pairs; a relabeled one is re-encoded as
      // one output record per pair.
      let replaced = pairs.contains { plan.swapped[$0] }
      if replaced {
        counts.relabeled += 1
        counts.relabeledPairs += pairs.filter { plan.swapped[$0] }.count
        keptEdits.append(.replace(records.enumerated().map { k, record in plan.swapped[pairs.lowerBound + k] ? record.swapped() : record }))
      } else {
        keptEdits.append(.keep)
      }
      for (k, record) in records.enumerated() {
        let position = SidecarPosition(
          id: record.id.description, file: outputFile, member: outputMember, row: replaced ? row + k : row,
          pair: replaced ? 0 : k)
        try sidecars.write(pair: pairs.lowerBound + k, at: position)
      }
      row += replaced ? records.count : 1
    }
    var next = keptEdits.makeIterator()
    try kept.write(units, of: layout) { _ in next.next()! }
    var nextDropped = droppedEdits.makeIterator()
    try dropped?.write(units, of: layout) { _ in nextDropped.next()! }
  }

  func endMember(_ layout: MemberLayout) throws {
    try kept.endMember(layout)
    try dropped?.endMember(layout)
  }
}

/// Counts of an `apply` run, in source records (and pairs).
public struct ApplyCounts: Sendable, Hashable {
  /// Source records read: kept + dropped + rejected.
  public var read = 0
  /// Records written to the output (relabeled ones included).
  public var kept = 0
  /// Records written to dropped/.
  public var dropped = 0
  /// Kept records with at least one pair swapped.
  public var relabeled = 0
  /// Records that could not be read (in rejects.jsonl).
  public var rejected = 0
  /// Pairs in kept records, in dropped records, and swapped pairs.
  public var keptPairs = 0, droppedPairs = 0, relabeledPairs = 0
}
