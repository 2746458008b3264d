// swift-tools-version:6.0
//
// prefaudit: audits LLM preference datasets (chosen vs rejected pairs) before
// post-training. See docs/ARCHITECTURE.md for how the modules fit together.

import PackageDescription

/// Format adapters: one module per layout under Formats/.
let formats: [(module: String, folder: String)] = [
  ("HHRLHFFormat", "HHRLHF"),
  ("UltraFeedbackFormat", "UltraFeedback"),
  ("TRLFormat", "TRL"),
  ("ShareGPTFormat", "ShareGPT"),
  ("CSVFormat", "CSV"),
  ("GenericJSONFormat", "GenericJSON"),
]

let package = Package(
  name: "prefaudit",
  products: [
    .executable(name: "prefaudit", targets: ["prefaudit"]),
    .library(name: "PreferenceModel", targets: ["PreferenceModel"]),
    .library(name: "DatasetIO", targets: ["DatasetIO"]),
    .library(name: "MatrixCore", targets: ["MatrixCore"]),
    .library(name: "HTMLText", targets: ["HTMLText"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
  ],
  targets: [
    // System libraries (Debian: libarchive-dev, libxml2-dev)
    .systemLibrary(
      name: "CArchive",
      pkgConfig: "libarchive",
      providers: [.apt(["libarchive-dev"])]
    ),
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),

    // Matrix core
    .target(name: "CMatrixKernels"),
    .target(name: "MatrixCore", dependencies: ["CMatrixKernels"]),

    // Records and the format protocol
    .target(name: "PreferenceModel"),

    // HTML visible text (libxml2)
    .target(name: "HTMLText", dependencies: ["CLibXML2"]),

    // Reading and writing datasets: containers, framing, sniffing, write-back
    .target(
      name: "DatasetIO",
      dependencies: ["PreferenceModel", "CArchive"] + formats.map { .target(name: $0.module) }
    ),

    // Command line
    .target(
      name: "PrefAuditCommands",
      dependencies: [
        "DatasetIO", "MatrixCore", "HTMLText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "CAllocatorTuning"),
    .executableTarget(name: "prefaudit", dependencies: ["PrefAuditCommands", "CAllocatorTuning"]),

    // Tests
    .target(name: "TestSupport", dependencies: ["PreferenceModel"], path: "Tests/TestSupport"),
    .testTarget(name: "PreferenceModelTests", dependencies: ["PreferenceModel", "TestSupport"]),
    .testTarget(
      name: "FormatsTests",
      dependencies: ["PreferenceModel", "TestSupport", "DatasetIO"] + formats.map { .target(name: $0.module) }
    ),
    .testTarget(name: "DatasetIOTests", dependencies: ["DatasetIO", "TestSupport"]),
    .testTarget(name: "HTMLTextTests", dependencies: ["HTMLText"]),
    .testTarget(name: "MatrixCoreTests", dependencies: ["MatrixCore", "TestSupport"]),
    .testTarget(name: "PrefAuditCommandsTests", dependencies: ["PrefAuditCommands", "TestSupport"]),
  ] + formats.map {
    .target(name: $0.module, dependencies: ["PreferenceModel"], path: "Formats/\($0.folder)")
  }
)
