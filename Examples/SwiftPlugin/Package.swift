// swift-tools-version:6.0
//
// An example prefaudit detector plugin, `citation`, in both forms a Swift detector can take:
// - the shared object libCitationPlugin.so, loaded at run time with
//   `prefaudit audit --plugin .build/release/libCitationPlugin.so`;
// - the library CitationDetector, linked into a custom build of prefaudit (Examples/CustomBuild).
//
// It depends on the plugin API package by path, as a product of another package: SwiftPM
// then links libPrefAuditPluginAPI.so dynamically, and at run time the plugin shares the
// copy prefaudit loaded, so its `DetectorPlugin` conformance is the host's protocol.

import PackageDescription

let package = Package(
  name: "CitationPlugin",
  products: [
    .library(name: "CitationPlugin", type: .dynamic, targets: ["CitationPlugin"]),
    .library(name: "CitationDetector", targets: ["CitationDetector"]),
  ],
  dependencies: [
    .package(path: "../../Plugins/PluginAPI"),
  ],
  targets: [
    // The detector and its plugin: ordinary Swift against the plugin API.
    .target(
      name: "CitationDetector",
      dependencies: [.product(name: "PrefAuditPluginAPI", package: "PluginAPI")]),
    // The two C entry points that make the shared object loadable with --plugin.
    .target(
      name: "CitationPlugin",
      dependencies: ["CitationDetector", .product(name: "PrefAuditPluginAPI", package: "PluginAPI")]),
  ]
)
