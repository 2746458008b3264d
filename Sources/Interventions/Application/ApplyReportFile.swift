import Checksums
import Policy
import PreferenceModel

/// `apply-report.json`: what `apply` did and what it changed, for people and for scripts.
///
/// Holds the policy (file and SHA-256), the counts, each intervention's figures, before → after for
/// every blocked and amplified feature (and the weighted after, with reweight), the erasure audit
/// and the notes.
enum ApplyReportFile {
  /// The file's name in the output folder.
  static let name = "apply-report.json"

  /// Writes the report of `outcome`.
  static func write(_ outcome: ApplyOutcome, policy: Policy, inputs: [String], to path: String) throws {
    let plan = outcome.plan
    var interventions: [JSONMember] = []
    if plan.relabeledPairCount > 0 || outcome.shifts.contains(where: { $0.interventions.contains(.relabel) }) {
      interventions.append(JSONMember("relabel", .object([JSONMember("pairs", .integer(plan.relabeledPairCount))])))
    }
    if outcome.shifts.contains(where: { $0.interventions.contains(.filter) }) {
      interventions.append(JSONMember("filter", .object([JSONMember("pairs", .integer(plan.filteredPairCount))])))
    }
    if let rebalance = plan.rebalance {
      interventions.append(
        JSONMember(
          "rebalance",
          .object([
            JSONMember("offeredPairs", .integer(rebalance.offeredPairs)),
            JSONMember("keptPairs", .integer(rebalance.keptPairs)),
            JSONMember("retainedShare", .finite(rebalance.retainedShare)),
          ])))
    }
    if let balancing = plan.balancing {
      interventions.append(
        JSONMember(
          "reweight",
          .object([
            JSONMember("effectiveSampleSize", .finite(balancing.effectiveSampleSize)),
            JSONMember("maximumWeight", .finite(balancing.maximumWeight)),
            JSONMember("iterations", .integer(balancing.iterations)),
            JSONMember("largestImbalance", .finite(balancing.largestImbalance)),
          ])))
    }
    if let shaping = plan.shaping {
      let kept = shaping.offsets.indices.filter { !plan.droppedPairs[$0] }
      let mean = kept.isEmpty ? 0 : kept.reduce(0) { $0 + shaping.offsets[$1] } / Double(kept.count)
      let largest = kept.reduce(0) { max($0, abs(shaping.offsets[$1])) }
      interventions.append(
        JSONMember(
          "shape",
          .object([
            JSONMember(
              "concepts",
              .object(shaping.featureIDs.enumerated().map { JSONMember($1, .finite(shaping.lambdas[$0])) })),
            JSONMember("meanOffset", .finite(mean)),
            JSONMember("largestOffset", .finite(largest)),
          ])))
    }
    let counts = outcome.counts
    var members: [JSONMember] = [
      JSONMember("inputs", .array(inputs.map { .string($0) })),
      JSONMember("output", .string(outcome.output)),
      JSONMember(
        "policy",
        .object([
          JSONMember("file", .string(policy.file)),
          JSONMember("sha256", (try? SHA256.hexDigest(ofFileAt: policy.file)).map { .string($0) } ?? .null),
        ])),
      JSONMember(
        "counts",
        .object([
          JSONMember("read", .integer(counts.read)), JSONMember("kept", .integer(counts.kept)),
          JSONMember("dropped", .integer(counts.dropped)), JSONMember("relabeled", .integer(counts.relabeled)),
          JSONMember("rejected", .integer(counts.rejected)),
          JSONMember("keptPairs", .integer(counts.keptPairs)), JSONMember("droppedPairs", .integer(counts.droppedPairs)),
          JSONMember("relabeledPairs", .integer(counts.relabeledPairs)),
        ])),
      JSONMember("interventions", .object(interventions)),
      JSONMember("concepts", .array(outcome.shifts.map(conceptJSON))),
    ]
    if let erasure = outcome.erasure { members.append(JSONMember("erasure", erasure.json)) }
    members.append(JSONMember("notes", .array(outcome.notes.map { .string($0) })))
    try writeJSON(.object(members), to: path)
  }

  private static func conceptJSON(_ shift: ConceptShift) -> JSONValue {
    var members = [
      JSONMember("feature", .string(shift.featureID)),
      JSONMember("verdict", .string(shift.verdict.rawValue)),
      JSONMember("interventions", .array(shift.interventions.map { .string($0.rawValue) })),
      JSONMember("before", figures(shift.before)),
      JSONMember("after", figures(shift.after)),
    ]
    if let weighted = shift.weightedAfter { members.append(JSONMember("weightedAfter", figures(weighted))) }
    return .object(members)
  }

  private static func figures(_ figures: PreferenceFigures) -> JSONValue {
    .object([
      JSONMember("pairs", .integer(figures.pairs)),
      JSONMember("winRate", .finite(figures.winRate)),
      JSONMember("meanDelta", .finite(figures.meanDelta)),
    ])
  }
}

