import AuditEngine
import ExternalDetectors
import Foundation
import PrefAuditPluginAPI
import Testing
import TestSupport

/// docs/plugins.md's Swift tutorial, built as written: its detector in a package of its own with the
/// example's entry points, built as a shared object and loaded like `--plugin` does.
@Suite("Swift plugin tutorial")
struct SwiftPluginTutorialTests {
  @Test("the tutorial's EnthusiasmPlugin builds with the example's entry points, loads and counts exclamation marks")
  func enthusiasmPlugin() throws {
    let folder = try Fixtures.temporaryDirectory("prefaudit-tutorial")
    defer { try? FileManager.default.removeItem(at: folder) }
    let api = Fixtures.repositoryRoot.appendingPathComponent("Plugins/PluginAPI").path
    try """
      // swift-tools-version:6.0
      import PackageDescription
      let package = Package(
        name: "Enthusiasm",
        products: [.library(name: "Enthusiasm", type: .dynamic, targets: ["Enthusiasm"])],
        dependencies: [.package(path: \(String(reflecting: api)))],
        targets: [.target(name: "Enthusiasm", dependencies: [.product(name: "PrefAuditPluginAPI", package: "PluginAPI")])]
      )
      """.write(to: folder.appendingPathComponent("Package.swift"), atomically: false, encoding: .utf8)
    let sources = folder.appendingPathComponent("Sources/Enthusiasm")
    try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
    try Fixtures.documentedCode(named: "EnthusiasmPlugin.swift", language: "swift", in: "docs/plugins.md")
      .write(to: sources.appendingPathComponent("EnthusiasmPlugin.swift"), atomically: false, encoding: .utf8)
    // The example's entry points, creating this plugin instead of the citation one.
    let entryPoints = try String(
      contentsOf: Fixtures.example("SwiftPlugin/Sources/CitationPlugin/EntryPoints.swift"), encoding: .utf8)
    #expect(entryPoints.contains("CitationPlugin()"))
    try entryPoints.replacingOccurrences(of: "import CitationDetector\n", with: "")
      .replacingOccurrences(of: "CitationPlugin()", with: "EnthusiasmPlugin()")
      .write(to: sources.appendingPathComponent("EntryPoints.swift"), atomically: false, encoding: .utf8)
    let scratch = folder.appendingPathComponent(".build")
    try NativeBuild.run(["swift", "build", "-c", "release", "--package-path", folder.path, "--scratch-path", scratch.path])

    let loaded = try PluginLibrary(path: scratch.appendingPathComponent("release/libEnthusiasm.so").path)
    let registry = try DetectorRegistry.builtIn(plugins: [loaded.plugin])
    let detector = try #require(registry.selection(ids: ["enthusiasm"]).entries.first?.detector)
    let batch = ResponseBatch(
      items: ["Wow!! Great!", "Calm."].map { ResponseContext(prompt: [], response: $0, side: .chosen) })
    let values = try detector.measure(batch)
    #expect(values[0, 0] == 3)
    #expect(values[1, 0] == 0)
  }
}
