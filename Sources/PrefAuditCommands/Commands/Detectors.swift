import ArgumentParser
import AuditEngine
import PrefAuditPluginAPI
import PreferenceModel

/// `prefaudit detectors`: the detectors an audit can run and the features each measures.
struct Detectors: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the detectors and the features they measure.",
    discussion: "Feature ids (detector.feature) are what `audit --json` reports and policy files name.")

  @Option(help: "Only this detector (by id).")
  var detector: String?

  @Flag(help: "Print one JSON object per detector instead of text.")
  var json = false

  func run() throws {
    let registry = try DetectorRegistry.builtIn()
    let selection = try registry.selection(ids: detector.map { [$0] })
    for entry in selection.entries {
      let d = entry.detector.descriptor
      if json {
        print(String(decoding: Self.json(d).serialized(), as: UTF8.self))
        continue
      }
      print("\(d.id) \(d.version)\(d.needsEmbeddings ? " (uses sentence embeddings)" : "")")
      print("    \(d.summary)")
      let width = d.features.map { d.featureID($0.name).count }.max() ?? 0
      for feature in d.features {
        let id = d.featureID(feature.name)
        print("  \(id)\(String(repeating: " ", count: width - id.count))  [\(feature.kind.rawValue), \(feature.unit)]")
        print("      \(feature.description) Higher: \(feature.higherMeans).")
      }
      print("")
    }
  }

  /// A detector's descriptor as JSON.
  static func json(_ d: DetectorDescriptor) -> JSONValue {
    .object([
      JSONMember("id", .string(d.id)),
      JSONMember("version", .string(d.version)),
      JSONMember("summary", .string(d.summary)),
      JSONMember("needsEmbeddings", .bool(d.needsEmbeddings)),
      JSONMember(
        "features",
        .array(
          d.features.map { f in
            .object([
              JSONMember("id", .string(d.featureID(f.name))),
              JSONMember("name", .string(f.name)),
              JSONMember("kind", .string(f.kind.rawValue)),
              JSONMember("unit", .string(f.unit)),
              JSONMember("description", .string(f.description)),
              JSONMember("higherMeans", .string(f.higherMeans)),
            ])
          })),
    ])
  }
}
