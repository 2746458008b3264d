import PrefAuditPluginAPI
import Testing

/// What a plugin reports through its C entry points must follow the API version and name the compiler.
@Suite struct PluginVersionTests {
  @Test func buildVersionMatchesAPIVersion() {
    #expect(Int(pluginAPIBuildVersion) == pluginAPIVersion)
  }

  @Test func compilerVersionNamesThisCompiler() {
    // Fails when the toolchain is newer than the list in DetectorPlugin.swift: extend the list.
    let version = String(cString: pluginCompilerBuildVersion)
    #expect(!version.hasSuffix("or later"), "add this compiler to pluginCompilerBuildVersion")
    #expect(version.split(separator: ".").count >= 2)
    #expect(version.split(separator: ".").allSatisfy { Int($0) != nil })
  }

  @Test func entryPointNamesAreDistinctCIdentifiers() {
    let names = [detectorPluginEntryPoint, detectorPluginVersionEntryPoint, detectorPluginCompilerEntryPoint]
    for name in names {
      #expect(name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F })
    }
    #expect(Set(names).count == names.count)
  }
}
