import ArgumentParser
import AuditEngine
import ExternalDetectors
import Foundation
import PrefAuditPluginAPI
import PreferenceModel
import SentenceEncoder

/// `prefaudit detectors`: the detectors an audit can run and the features each measures; with
/// `--verbose`, how well each probe feature works.
struct Detectors: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the detectors and the features they measure.",
    discussion: """
      Feature ids (detector.feature) are what `audit --json` reports and policy files name. \
      With --verbose each detector prepares its probe features as an audit does — trains them on \
      its contrast sets with the sentence encoder, or loads them from prefaudit's cache — and \
      the held-out accuracy of each probe (5-fold cross-validation on its contrast set) is shown.
      """)

  @Option(help: "Only this detector (by id).")
  var detector: String?

  @Flag(help: "Print one JSON object per detector instead of text.")
  var json = false

  @Flag(name: .shortAndLong, help: "Train or load the probe features and show each one's held-out accuracy.")
  var verbose = false

  @Option(help: ArgumentHelp("The sentence-encoder folder for --verbose (default: PREFAUDIT_ENCODER, then the caches).", valueName: "folder"))
  var encoder: String?

  @OptionGroup(title: "Third-party detectors")
  var plugins: PluginOptions

  func run() throws {
    let plugins = try self.plugins.load()
    defer { plugins.shutdown() }
    let registry = try DetectorRegistry.builtIn(plugins: plugins.plugins)
    let selection = try registry.selection(ids: detector.map { [$0] })
    var diagnostics: [String: [FeatureDiagnostic]] = [:]
    if verbose {
      let located = try EmbeddingService.locate(explicitDirectory: encoder)
      if let service = located.service {
        let environment = DetectorEnvironment(
          embedder: service, cacheDirectory: EmbeddingService.detectorCacheDirectory(), seed: 42, threads: ProcessInfo.processInfo.activeProcessorCount)
        let clock = ContinuousClock()
        let started = clock.now
        for entry in selection.entries {
          let d = entry.detector.descriptor
          guard d.features.contains(where: { $0.kind == .probe }) else { continue }
          do {
            diagnostics[d.id] = try entry.detector.prepare(environment)
          } catch let error as DetectorError {
            throw error
          } catch {
            throw DetectorError(detector: d.id, message: "\(error)")
          }
        }
        let use = service.use
        let seconds = (clock.now - started).components
        let message =
          "Sentence encoder \(service.modelID) (\(service.embedder.directory)); probes kept in "
          + "\(EmbeddingService.detectorCacheDirectory())/probes; prepared in "
          + String(format: "%.1f s", Double(seconds.seconds) + Double(seconds.attoseconds) * 1e-18)
          + " (\(use.textsEncoded) texts embedded, \(use.textsReused) from the embedding cache)."
        if json { printError(message) } else { print(message + "\n") }
      } else {
        let message = "No sentence encoder is installed, so the probe features cannot be trained here. " + ModelStore.installHint
        if json { printError(message) } else { print(message + "\n") }
      }
    }
    for entry in selection.entries {
      let d = entry.detector.descriptor
      let learned = diagnostics[d.id].map { Dictionary($0.map { ($0.feature, $0) }, uniquingKeysWith: { first, _ in first }) }
      if json {
        print(String(decoding: Self.json(d, diagnostics: diagnostics[d.id]).serialized(), as: UTF8.self))
        continue
      }
      print("\(d.id) \(d.version)\(d.needsEmbeddings ? " (uses sentence embeddings)" : "")")
      print("    \(d.summary)")
      let width = d.features.map { d.featureID($0.name).count }.max() ?? 0
      for feature in d.features {
        let id = d.featureID(feature.name)
        print("  \(id)\(String(repeating: " ", count: width - id.count))  [\(feature.kind.rawValue), \(feature.unit)]")
        print("      \(feature.description) Higher: \(feature.higherMeans).")
        if let diagnostic = learned?[feature.name] {
          let cached = diagnostic.metrics["cached"] == 1 ? "; loaded from the cache" : ""
          print("      Probe: \(diagnostic.summary)\(cached).")
        }
      }
      print("")
    }
  }

  /// A detector's descriptor as JSON, with what preparing it reported when it was prepared.
  static func json(_ d: DetectorDescriptor, diagnostics: [FeatureDiagnostic]? = nil) -> JSONValue {
    var members = [
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
    ]
    if let diagnostics {
      members.append(
        JSONMember(
          "diagnostics",
          .array(
            diagnostics.map { diagnostic in
              .object([
                JSONMember("id", .string(d.featureID(diagnostic.feature))),
                JSONMember("feature", .string(diagnostic.feature)),
                JSONMember("summary", .string(diagnostic.summary)),
                JSONMember(
                  "metrics",
                  .object(diagnostic.metrics.sorted { $0.key < $1.key }.map { JSONMember($0.key, .number(JSONNumber($0.value))) })),
              ])
            })))
    }
    return .object(members)
  }
}
