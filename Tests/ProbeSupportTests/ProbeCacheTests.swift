import Foundation
import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import ProbeSupport

@Suite("Probe cache")
struct ProbeCacheTests {
  let set = plantedSet(name: "alpha")

  func bank() -> ProbeBank {
    ProbeBank(detector: "test", concepts: [ProbeConcept(set, higherMeans: "sound more like alpha")])
  }

  /// The path of alpha's cache file under `root`.
  func file(_ root: String, fingerprint: String = "planted-1") -> String {
    ProbeCache(root: root, detector: "test").path(for: set, modelFingerprint: fingerprint)
  }

  @Test("the file is <root>/probes/<detector>/<set>-<fingerprint hex>-<model>.json")
  func layout() throws {
    let path = ProbeCache(root: "/tmp/x/", detector: "test").path(for: set, modelFingerprint: "abc123")
    let hex = String(set.fingerprint, radix: 16)
    #expect(path == "/tmp/x/probes/test/alpha-\(String(repeating: "0", count: 16 - hex.count) + hex)-abc123.json")
    #expect(ProbeCache.fileSafe("../a b") == ".._a_b" && ProbeCache.fileSafe("..") == "__" && ProbeCache.fileSafe("") == "_")
  }

  @Test("a trained probe is written, then loaded unchanged without embedding anything")
  func roundTrip() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let embedder = PlantedEmbedder()
    let first = bank()
    let trained = try first.prepare(DetectorEnvironment(embedder: embedder, cacheDirectory: root))
    #expect(FileManager.default.fileExists(atPath: file(root)))
    #expect(trained.allSatisfy { $0.metrics["cached"] == 0 })
    let count = embedder.embeddedCount

    let second = bank()
    let loaded = try second.prepare(DetectorEnvironment(embedder: embedder, cacheDirectory: root))
    #expect(embedder.embeddedCount == count)
    #expect(loaded.allSatisfy { $0.metrics["cached"] == 1 })
    #expect(second.probes == first.probes)
    #expect(loaded.map(\.summary) == trained.map(\.summary))
    // No temporary file is left behind.
    let names = try FileManager.default.contentsOfDirectory(atPath: (file(root) as NSString).deletingLastPathComponent)
    #expect(names.count == 1, "\(names)")
  }

  @Test("another encoder, seed or set text is not served from the cache")
  func keyedByEverything() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    _ = try bank().prepare(DetectorEnvironment(embedder: PlantedEmbedder(), cacheDirectory: root, seed: 42))
    let otherModel = PlantedEmbedder(fingerprint: "planted-2")
    #expect(try bank().prepare(DetectorEnvironment(embedder: otherModel, cacheDirectory: root)).allSatisfy { $0.metrics["cached"] == 0 })
    #expect(FileManager.default.fileExists(atPath: file(root, fingerprint: "planted-2")))
    let otherSeed = try bank().prepare(DetectorEnvironment(embedder: PlantedEmbedder(), cacheDirectory: root, seed: 7))
    #expect(otherSeed.allSatisfy { $0.metrics["cached"] == 0 })
    var negatives = set.negatives
    negatives[0] = "negative example, edited"
    let edited = ContrastSet(name: set.name, summary: set.summary, positives: set.positives, negatives: negatives)
    let editedBank = ProbeBank(detector: "test", concepts: [ProbeConcept(edited, higherMeans: "x")])
    let embedder = PlantedEmbedder()
    let diagnostics = try editedBank.prepare(DetectorEnvironment(embedder: embedder, cacheDirectory: root, seed: 7))
    #expect(diagnostics.allSatisfy { $0.metrics["cached"] == 0 } && embedder.embeddedCount == 230)
  }

  /// Ways a cache file can be wrong.
  enum Corruption: String, CaseIterable, Sendable {
    case garbage, truncated, otherVersion, otherDimension, shortWeights, nonFinite, otherFingerprint, empty
  }

  /// `json` (a valid cache file) damaged by `corruption`.
  static func damage(_ json: String, _ corruption: Corruption) throws -> String {
    func replacing(_ pattern: String, _ replacement: String) throws -> String {
      let regex = try NSRegularExpression(pattern: pattern)
      let range = NSRange(json.startIndex..., in: json)
      let result = regex.stringByReplacingMatches(in: json, range: range, withTemplate: replacement)
      #expect(result != json, "\(corruption): pattern \(pattern) did not match")
      return result
    }
    switch corruption {
    case .garbage: return "\u{0}\u{1}not json at all"
    case .truncated: return String(json.prefix(json.count / 2))
    case .otherVersion: return try replacing("\"formatVersion\":1", "\"formatVersion\":99")
    case .otherDimension: return try replacing("\"dimension\":32", "\"dimension\":31")
    case .shortWeights: return try replacing("\"weights\":\\[[^,\\]]+,", "\"weights\":[")
    case .nonFinite: return try replacing("\"bias\":[^,}]+", "\"bias\":1e999")
    case .otherFingerprint: return try replacing("\"setFingerprint\":\"[0-9a-f]+\"", "\"setFingerprint\":\"0000000000000000\"")
    case .empty: return ""
    }
  }

  @Test("a damaged or mismatching file is retrained and overwritten", arguments: Corruption.allCases)
  func corruptedFileRetrained(_ corruption: Corruption) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let original = bank()
    _ = try original.prepare(DetectorEnvironment(embedder: PlantedEmbedder(), cacheDirectory: root))
    let path = file(root)
    let json = try String(contentsOfFile: path, encoding: .utf8)
    try Self.damage(json, corruption).write(toFile: path, atomically: false, encoding: .utf8)

    let embedder = PlantedEmbedder()
    let retrained = bank()
    let diagnostics = try retrained.prepare(DetectorEnvironment(embedder: embedder, cacheDirectory: root))
    #expect(diagnostics.allSatisfy { $0.metrics["cached"] == 0 })
    #expect(embedder.embeddedCount == 230)
    #expect(retrained.probes == original.probes)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == json)  // overwritten with the good file
  }

  @Test("a cache folder that cannot be created or written does not fail prepare")
  func unwritableCache() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    // A regular file where the folder should be: no folder can be created below it, even as root.
    let blocker = root + "/blocked"
    try "x".write(toFile: blocker, atomically: false, encoding: .utf8)
    let embedder = PlantedEmbedder()
    let bank = bank()
    let diagnostics = try bank.prepare(DetectorEnvironment(embedder: embedder, cacheDirectory: blocker))
    #expect(diagnostics.count == 2 && diagnostics.allSatisfy { $0.metrics["cached"] == 0 })
    #expect(bank.probes != nil)
    // A read-only folder (writable anyway when the tests run as root).
    let readOnly = root + "/read-only"
    try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: readOnly)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: readOnly) }
    let again = try ProbeBank(detector: "test", concepts: bank.concepts)
      .prepare(DetectorEnvironment(embedder: embedder, cacheDirectory: readOnly))
    #expect(again.count == 2)
    if geteuid() != 0 {
      #expect(!FileManager.default.fileExists(atPath: file(readOnly)))
    }
  }
}
