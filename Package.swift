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

/// Modules a format adapter needs besides PreferenceModel.
let formatDependencies: [String: [Target.Dependency]] = ["UltraFeedbackFormat": ["Checksums"]]

/// Built-in detector modules: one per concept under Plugins/, each with its test target.
let detectors: [(module: String, folder: String, dependencies: [Target.Dependency])] = [
  ("StyleDetector", "Style", ["HTMLText", "ProbeSupport"]),
  ("SycophancyDetector", "Sycophancy", ["ProbeSupport"]),
  ("RefusalDetector", "Refusal", ["ProbeSupport"]),
  ("PersonaDetector", "Persona", ["ProbeSupport"]),
  ("SAEDetector", "SAE", ["SparseAutoencoder", "MatrixCore"]),
]

/// The plugin API, a package of its own so that shared-object plugins share its protocols.
let pluginAPI = Target.Dependency.product(name: "PrefAuditPluginAPI", package: "PluginAPI")

let package = Package(
  name: "prefaudit",
  products: [
    .executable(name: "prefaudit", targets: ["prefaudit"]),
    .library(name: "PreferenceModel", targets: ["PreferenceModel"]),
    .library(name: "DatasetIO", targets: ["DatasetIO"]),
    .library(name: "MatrixCore", targets: ["MatrixCore"]),
    .library(name: "HTMLText", targets: ["HTMLText"]),
    // A custom build: an executable calling PrefAudit.main(linking: [its plugins]) (docs/plugins.md)
    .library(name: "PrefAuditCommands", targets: ["PrefAuditCommands"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(path: "Plugins/PluginAPI"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
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

    // Paired statistics of chosen − rejected feature differences, and the joint preference model
    .target(name: "PreferenceStatistics", dependencies: ["MatrixCore"]),

    // SHA-256, written out (no dependencies): H4 prompt ids, model files, cached texts
    .target(name: "Checksums"),

    // Safetensors files: a checked memory-mapped reader and an F32 writer (encoder weights, SAE files)
    .target(name: "Safetensors", dependencies: ["MatrixCore"]),

    // Sentence embeddings (all-MiniLM-L6-v2): WordPiece, the BERT forward pass (re-exports Safetensors)
    .target(name: "SentenceEncoder", dependencies: ["MatrixCore", "Safetensors", "Checksums"]),

    // Sparse autoencoders on Δ-embeddings: signed BatchTopK training, safetensors files, latent descriptions
    .target(name: "SparseAutoencoder", dependencies: ["MatrixCore", "Safetensors"]),

    // Records and the format protocol
    .target(name: "PreferenceModel"),

    // HTML visible text (libxml2)
    .target(name: "HTMLText", dependencies: ["CLibXML2"]),

    // Reading and writing datasets: containers, framing, sniffing, write-back
    .target(
      name: "DatasetIO",
      dependencies: ["PreferenceModel", "CArchive"] + formats.map { .target(name: $0.module) }
    ),

    // The audit: detectors over pairs, statistics, hypotheses
    .target(
      name: "AuditEngine",
      dependencies: [
        "DatasetIO", "PreferenceModel", "PreferenceStatistics", "MatrixCore", "SentenceEncoder", "SparseAutoencoder",
        pluginAPI,
      ] + detectors.map { .target(name: $0.module) }
    ),

    // Detectors from outside the executable: shared-object plugins (dlopen) and subprocess plugins (JSON lines)
    .target(name: "ExternalDetectors", dependencies: [pluginAPI]),

    // Policy files: per concept allow / block / amplify and the interventions to apply (YAML or JSON)
    .target(name: "Policy", dependencies: [.product(name: "Yams", package: "Yams")]),

    // Interventions: rebalancing, reweighting, concept erasure, reward-model audits, and `apply`'s pipeline
    .target(
      name: "Interventions",
      dependencies: [
        "AuditEngine", "DatasetIO", "PreferenceModel", "PreferenceStatistics", "MatrixCore", "Policy", "Checksums",
        "Safetensors", pluginAPI,
      ]),

    // Rendering audit reports: terminal, JSON, per-pair scores, HTML (libxml2 tree)
    .target(
      name: "AuditReporting",
      dependencies: ["AuditEngine", "DatasetIO", "PreferenceModel", "PreferenceStatistics", "CLibXML2"]),

    // Command line
    .target(
      name: "PrefAuditCommands",
      dependencies: [
        "DatasetIO", "MatrixCore", "HTMLText", "AuditEngine", "AuditReporting", "SentenceEncoder", "SparseAutoencoder",
        "SAEDetector", "Policy", "Interventions", "ExternalDetectors", "CAllocatorTuning", pluginAPI,
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "CAllocatorTuning"),
    .executableTarget(name: "prefaudit", dependencies: ["PrefAuditCommands"]),

    // Tests
    .target(name: "TestSupport", dependencies: ["PreferenceModel"], path: "Tests/TestSupport"),
    .target(
      name: "DetectorTestSupport",
      dependencies: [
        "DatasetIO", "PreferenceModel", "TestSupport", "SentenceEncoder", "MatrixCore", "LexicalSupport", pluginAPI,
      ],
      path: "Tests/DetectorTestSupport"),
    .testTarget(name: "PreferenceModelTests", dependencies: ["PreferenceModel", "TestSupport"]),
    .testTarget(
      name: "FormatsTests",
      dependencies: ["PreferenceModel", "TestSupport", "DatasetIO"] + formats.map { .target(name: $0.module) }
    ),
    .testTarget(name: "DatasetIOTests", dependencies: ["DatasetIO", "TestSupport"]),
    .testTarget(name: "HTMLTextTests", dependencies: ["HTMLText"]),
    .testTarget(name: "MatrixCoreTests", dependencies: ["MatrixCore", "TestSupport"]),
    .testTarget(
      name: "PreferenceStatisticsTests", dependencies: ["PreferenceStatistics", "MatrixCore"],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "PrefAuditCommandsTests",
      dependencies: [
        "PrefAuditCommands", "SentenceEncoder", "TestSupport", "DatasetIO", "Checksums", "Policy", "PreferenceModel",
        "ExternalDetectors", pluginAPI,
      ]),
    .testTarget(name: "ExternalDetectorsTests", dependencies: ["ExternalDetectors", "AuditEngine", "TestSupport", pluginAPI]),
    .testTarget(
      name: "SentenceEncoderTests", dependencies: ["SentenceEncoder", "MatrixCore", "TestSupport"], exclude: ["Reference"]),
    .testTarget(name: "SparseAutoencoderTests", dependencies: ["SparseAutoencoder", "Safetensors", "MatrixCore"]),
    .testTarget(name: "ChecksumsTests", dependencies: ["Checksums"]),
    .testTarget(name: "PolicyTests", dependencies: ["Policy"]),
    .testTarget(
      name: "InterventionsTests",
      dependencies: [
        "Interventions", "Policy", "AuditEngine", "DatasetIO", "PreferenceModel", "PreferenceStatistics", "MatrixCore",
        "TestSupport", "DetectorTestSupport",
      ],
      exclude: ["Reference"]),
    .testTarget(name: "SafetensorsTests", dependencies: ["Safetensors", "MatrixCore", "TestSupport"]),
    .testTarget(
      name: "AuditEngineTests",
      dependencies: [
        "AuditEngine", "AuditReporting", "DatasetIO", "PreferenceModel", "TestSupport", "DetectorTestSupport", pluginAPI,
        "SentenceEncoder", "SparseAutoencoder", "SAEDetector",
      ]),

    // Shared text scanning for the lexical detectors
    .target(name: "LexicalSupport", path: "Plugins/LexicalSupport"),
    .testTarget(name: "LexicalSupportTests", dependencies: ["LexicalSupport", "TestSupport"]),

    // Probe features over sentence embeddings: contrast-set directions and logistic probes, cached
    .target(name: "ProbeSupport", dependencies: ["LexicalSupport", "MatrixCore", pluginAPI], path: "Plugins/ProbeSupport"),
    .testTarget(
      name: "ProbeSupportTests", dependencies: ["ProbeSupport", "LexicalSupport", "MatrixCore", "DetectorTestSupport", pluginAPI]),
  ] + formats.map {
    .target(
      name: $0.module, dependencies: ["PreferenceModel"] + (formatDependencies[$0.module] ?? []),
      path: "Formats/\($0.folder)")
  } + detectors.map {
    .target(
      name: $0.module, dependencies: [pluginAPI, "LexicalSupport"] + $0.dependencies, path: "Plugins/\($0.folder)",
      exclude: ["README.md"])
  } + detectors.map {
    .testTarget(
      name: "\($0.module)Tests",
      dependencies: [.target(name: $0.module), pluginAPI, "LexicalSupport", "DatasetIO", "TestSupport", "DetectorTestSupport"]
        + $0.dependencies
    )
  }
)
