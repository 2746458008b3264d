// swift-tools-version:6.0
//
// The detector plugin API of prefaudit: the one module a detector depends on.
//
// It is a package of its own, with a dynamic library product, so that a
// detector built as a separate shared object and loaded with dlopen conforms
// to the same `Detector` protocol as the host (see docs/ARCHITECTURE.md and
// ../shared/reference/swift-toolchain.md §5): inside one package SwiftPM links
// the module statically into both sides and the conformance check fails.

import PackageDescription

let package = Package(
  name: "PluginAPI",
  products: [
    .library(name: "PrefAuditPluginAPI", type: .dynamic, targets: ["PrefAuditPluginAPI"]),
  ],
  targets: [
    .target(name: "PrefAuditPluginAPI"),
    .testTarget(name: "PrefAuditPluginAPITests", dependencies: ["PrefAuditPluginAPI"]),
  ]
)
