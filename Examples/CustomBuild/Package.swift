// swift-tools-version:6.0
//
// A custom build of prefaudit with an extra detector compiled in: the Swift-package way to add a
// detector (docs/plugins.md). The executable `prefaudit-citations` is prefaudit with the `citation`
// detector of Examples/SwiftPlugin registered after the built-in ones, in every command.
//
// Your own build depends on prefaudit by URL or path, and on the package of your detectors.

import PackageDescription

let package = Package(
  name: "CustomBuild",
  dependencies: [
    .package(name: "prefaudit", path: "../.."),
    .package(path: "../SwiftPlugin"),
  ],
  targets: [
    .executableTarget(
      name: "prefaudit-citations",
      dependencies: [
        .product(name: "PrefAuditCommands", package: "prefaudit"),
        .product(name: "CitationDetector", package: "SwiftPlugin"),
      ]),
  ]
)
