import AuditEngine
import ExternalDetectors
import Foundation
import PrefAuditPluginAPI
import Testing
import TestSupport

/// Loading detector plugins from shared objects (`--plugin`): the example plugin, and every way
/// a file can fail to be one.
@Suite("Plugin libraries")
struct PluginLibraryTests {
  /// The compiler this host reports (and accepts from plugins).
  static let compiler = String(cString: pluginCompilerBuildVersion)

  /// The reason `path` cannot be loaded, or nil when it loads.
  private func failure(_ path: String) -> PluginLibraryError.Reason? {
    do {
      _ = try PluginLibrary(path: path)
      return nil
    } catch {
      #expect(error.description.hasPrefix("plugin \(path): "))
      return error.reason
    }
  }

  @Test("Examples/SwiftPlugin builds, loads and measures citations next to the built-in detectors")
  func examplePlugin() throws {
    let library = try NativeBuild.exampleSwiftPlugin()
    let loaded = try PluginLibrary(path: library.path)
    #expect(loaded.plugin.name == "example-citation")
    let registry = try DetectorRegistry.builtIn(plugins: [loaded.plugin])
    #expect(registry.detectors.map(\.descriptor.id).suffix(2) == ["sae", "citation"])
    let selection = try registry.selection(ids: ["citation"], kinds: [.lexical])
    let detector = try #require(selection.entries.first?.detector)
    #expect(detector.descriptor.features.map(\.name) == ["bracket_refs", "urls", "attributions"])
    let texts = [
      "According to Smith et al. [1], see https://www.example.org and www.foo.com [2, 3]. Not [a] or [].",
      "No sources here, just an array x[i] and www dot nothing.",
    ]
    let batch = ResponseBatch(items: texts.map { ResponseContext(prompt: [], response: $0, side: .chosen) })
    let values = try detector.measure(batch)
    #expect([values[0, 0], values[0, 1], values[0, 2]] == [2, 2, 2])
    #expect([values[1, 0], values[1, 1], values[1, 2]] == [0, 0, 0])
    // Loading the same file again gives a working plugin (the library is never closed).
    #expect(try PluginLibrary(path: library.path).plugin.makeDetectors().count == 1)
  }

  @Test("a missing file, a folder and a text file are refused with the path and the linker's message")
  func notSharedObjects() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(failure(folder.appendingPathComponent("missing.so").path) == .missingFile)
    #expect(failure(folder.path) == .notAFile)
    let text = folder.appendingPathComponent("notes.so")
    try "not a library\n".write(to: text, atomically: false, encoding: .utf8)
    guard case .notLoadable(let message) = failure(text.path) else {
      Issue.record("a text file loaded")
      return
    }
    #expect(message.contains("notes.so"))
  }

  @Test("a shared object without the entry points is refused, naming the missing symbol")
  func missingEntryPoints() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let none = try NativeBuild.cLibrary("int unrelated(void) { return 1; }\n", name: "noentry", in: folder)
    #expect(failure(none.path) == .missingEntryPoint(detectorPluginVersionEntryPoint))
    let versionOnly = try NativeBuild.cLibrary(
      "int prefaudit_detector_plugin_api_version(void) { return \(pluginAPIVersion); }\n", name: "versiononly", in: folder)
    #expect(failure(versionOnly.path) == .missingEntryPoint(detectorPluginCompilerEntryPoint))
    let noCreate = try NativeBuild.cLibrary(
      """
      int prefaudit_detector_plugin_api_version(void) { return \(pluginAPIVersion); }
      const char *prefaudit_detector_plugin_compiler(void) { return "\(Self.compiler)"; }
      """, name: "nocreate", in: folder)
    #expect(failure(noCreate.path) == .missingEntryPoint(detectorPluginEntryPoint))
    let null = try NativeBuild.cLibrary(
      """
      int prefaudit_detector_plugin_api_version(void) { return \(pluginAPIVersion); }
      const char *prefaudit_detector_plugin_compiler(void) { return "\(Self.compiler)"; }
      void *prefaudit_detector_plugin_create(void) { return 0; }
      """, name: "nullplugin", in: folder)
    #expect(failure(null.path) == .noPlugin)
  }

  @Test("another API version is refused before the plugin's create function runs")
  func versionMismatch() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Calling create would abort the test process.
    let library = try NativeBuild.cLibrary(
      """
      #include <stdlib.h>
      int prefaudit_detector_plugin_api_version(void) { return 999; }
      void *prefaudit_detector_plugin_create(void) { abort(); }
      """, name: "wrongversion", in: folder)
    #expect(failure(library.path) == .versionMismatch(plugin: 999, host: pluginAPIVersion))
    let error = PluginLibraryError(path: library.path, reason: .versionMismatch(plugin: 999, host: pluginAPIVersion))
    #expect(error.description.contains("version 999; this prefaudit has version \(pluginAPIVersion)"))
  }

  @Test("a plugin built by another Swift compiler is refused before its create function runs")
  func compilerMismatch() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let library = try NativeBuild.cLibrary(
      """
      #include <stdlib.h>
      int prefaudit_detector_plugin_api_version(void) { return \(pluginAPIVersion); }
      const char *prefaudit_detector_plugin_compiler(void) { return "5.9"; }
      void *prefaudit_detector_plugin_create(void) { abort(); }
      """, name: "oldcompiler", in: folder)
    #expect(failure(library.path) == .compilerMismatch(plugin: "5.9", host: Self.compiler))
    let error = PluginLibraryError(path: library.path, reason: .compilerMismatch(plugin: "5.9", host: Self.compiler))
    #expect(error.description.contains("built by Swift 5.9; this prefaudit was built by Swift \(Self.compiler)"))
  }

  @Test("an object that is not a DetectorPlugin of this API is refused with its type")
  func notADetectorPlugin() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let library = try NativeBuild.swiftLibrary(
      """
      final class Impostor { let name = "impostor" }
      @_cdecl("prefaudit_detector_plugin_api_version") public func version() -> Int32 { \(pluginAPIVersion) }
      @_cdecl("prefaudit_detector_plugin_compiler") public func compiler() -> UnsafePointer<CChar> {
        UnsafeRawPointer(("\(Self.compiler)" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
      }
      @_cdecl("prefaudit_detector_plugin_create") public func create() -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(Impostor() as AnyObject).toOpaque()
      }
      """, name: "impostor", in: folder)
    #expect(failure(library.path) == .notADetectorPlugin(typeName: "impostor.Impostor"))
  }
}
