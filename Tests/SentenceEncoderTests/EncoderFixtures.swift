import Foundation
import MatrixCore
import SentenceEncoder
import Testing

/// The real model and the reference file the model tests need.
///
/// The model is found like the command line finds it (``ModelStore``): `PREFAUDIT_ENCODER`
/// first, then the caches. When it is missing the tests fail, unless
/// `PREFAUDIT_SKIP_ENCODER_TESTS=1` turns them off.
enum EncoderFixtures {
  /// Whether the tests that need the real model are switched off.
  static let skipsModelTests = ProcessInfo.processInfo.environment["PREFAUDIT_SKIP_ENCODER_TESTS"] == "1"

  /// The repository root (the folder holding Package.swift).
  static let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/SentenceEncoderTests/EncoderFixtures.swift
    return url
  }()

  /// `../shared/reference` beside the checkout (or beside `PREFAUDIT_SHARED_DATA` when set).
  static var sharedReference: URL {
    if let data = ProcessInfo.processInfo.environment["PREFAUDIT_SHARED_DATA"] {
      return URL(fileURLWithPath: data).deletingLastPathComponent().appendingPathComponent("reference")
    }
    return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")
  }

  /// A file of this test target's `Reference` folder.
  static func reference(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference/\(name)")
  }

  /// The model folder, or an error explaining how to provide it.
  static let modelDirectory: Result<String, ModelMissing> = {
    do {
      return .success(try ModelStore().locate().directory)
    } catch {
      return .failure(ModelMissing(reason: "\(error)"))
    }
  }()

  /// The loaded model (loaded once for all tests).
  static let embedder: Result<SentenceEmbedder, ModelMissing> = modelDirectory.flatMap { directory in
    do {
      return .success(try SentenceEmbedder(directory: directory))
    } catch {
      return .failure(ModelMissing(reason: "\(error)"))
    }
  }

  /// The loaded model; the calling test fails with instructions when it is missing.
  static func requireEmbedder() throws -> SentenceEmbedder {
    try embedder.get()
  }

  /// The model folder; the calling test fails with instructions when it is missing.
  static func requireModelDirectory() throws -> String {
    try modelDirectory.get()
  }

  /// Why the real model is unavailable.
  struct ModelMissing: Error, CustomStringConvertible {
    var reason: String
    var description: String {
      "the sentence-encoder tests need all-MiniLM-L6-v2: set \(ModelStore.environmentVariable) to the model "
        + "folder (or PREFAUDIT_SKIP_ENCODER_TESTS=1 to skip these tests). \(reason)"
    }
  }
}

/// The cosine similarity of two vectors, in `Double`.
func cosine(_ a: [Float], _ b: [Float]) -> Double {
  var dot = 0.0
  var normA = 0.0
  var normB = 0.0
  for (x, y) in zip(a, b) {
    dot += Double(x) * Double(y)
    normA += Double(x) * Double(x)
    normB += Double(y) * Double(y)
  }
  return dot / (normA.squareRoot() * normB.squareRoot())
}

/// The largest |a[i] − b[i]|.
func maxAbsoluteDifference(_ a: [Float], _ b: [Float]) -> Float {
  zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
