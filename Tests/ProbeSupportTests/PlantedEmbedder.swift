import Foundation
import LexicalSupport
import MatrixCore
import PrefAuditPluginAPI
import Synchronization

/// A fake sentence encoder with a planted concept direction: a text starting with "positive"
/// lies `strength` along ``planted``, one starting with "negative" `strength` against it, and
/// every text adds seeded Gaussian noise (one per text, from a hash of the text); rows are
/// L2-normalized.
final class PlantedEmbedder: TextEmbedder {
  let modelID = "test/planted"
  let fingerprint: String
  let dimension: Int
  /// The unit concept direction.
  let planted: [Float]
  /// How far along ``planted`` positives and negatives lie (the noise has unit variance per value).
  let strength: Float
  /// Whether the label is ignored (then no direction separates the lists).
  let ignoresLabels: Bool
  private let embedded = Mutex(0)

  init(dimension: Int = 32, strength: Float = 3, fingerprint: String = "planted-1", ignoresLabels: Bool = false) {
    self.dimension = dimension
    self.strength = strength
    self.fingerprint = fingerprint
    self.ignoresLabels = ignoresLabels
    var random = SeededRandomNumberGenerator(seed: 7)
    let direction = (0..<dimension).map { _ in Float(random.nextNormal()) }
    let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
    planted = direction.map { $0 / norm }
  }

  /// How many texts were embedded so far.
  var embeddedCount: Int { embedded.withLock { $0 } }

  func embed(_ texts: [String]) throws -> [Float] {
    embedded.withLock { $0 += texts.count }
    return texts.flatMap(vector)
  }

  /// The normalized embedding of one text.
  func vector(_ text: String) -> [Float] {
    var hash = WordHash.seed
    for byte in text.utf8 { hash = WordHash.combine(hash, byte) }
    var random = SeededRandomNumberGenerator(seed: hash)
    let sign: Float = ignoresLabels ? 0 : text.hasPrefix("positive") ? 1 : text.hasPrefix("negative") ? -1 : 0
    var row = (0..<dimension).map { Float(random.nextNormal()) + sign * strength * planted[$0] }
    let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
    for index in row.indices { row[index] /= norm }
    return row
  }
}

/// A set of `positives` texts "positive …" and `negatives` texts "negative …".
func plantedSet(name: String = "planted", positives: Int = 120, negatives: Int = 110) -> ContrastSet {
  ContrastSet(
    name: name, summary: "The text is on the planted side.",
    positives: (0..<positives).map { "positive example \($0) of \(name)" },
    negatives: (0..<negatives).map { "negative example \($0) of \(name)" })
}

/// A fresh empty folder under the temporary directory.
func temporaryFolder() throws -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("probe-tests-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// The cosine of two vectors.
func cosine(_ x: [Float], _ y: [Float]) -> Double {
  let dot = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
  let nx = x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
  let ny = y.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
  return dot / (nx * ny)
}
