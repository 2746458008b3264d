import Foundation
import LexicalSupport

/// Trained probes kept on disk, one JSON file per contrast set, so that later runs load them
/// instead of training again.
///
/// A detector's probes live in `<root>/probes/<detector>/`, one file per set named
/// `<set>-<set fingerprint in hex>-<model fingerprint>.json`. A file is used only when it was
/// written by this format version for the same detector, set texts, encoder, dimension, seed,
/// folds and penalty, and every number in it is finite with the right count; anything else
/// (missing, unreadable, mismatching) is treated as absent, and the probe retrained and the file
/// overwritten. Files are written under a temporary name and renamed, so a reader never sees half
/// a file. A folder that cannot be written is not an error: the probe is then simply not kept.
///
/// ```swift
/// let cache = ProbeCache(root: "/home/me/.cache/prefaudit/detectors", detector: "refusal")
/// if let probe = cache.probe(for: set, trainer: trainer, modelFingerprint: embedder.fingerprint,
///                            dimension: embedder.dimension) { … }
/// cache.store(probe, for: set, trainer: trainer, modelID: embedder.modelID, modelFingerprint: embedder.fingerprint)
/// ```
public struct ProbeCache: Sendable, Hashable {
  /// The folder of the detector's probe files, `<root>/probes/<detector>`.
  public let directory: String
  /// The detector's id.
  public let detector: String

  /// Creates the cache of `detector`'s probes under `root`
  /// (``PrefAuditPluginAPI/DetectorEnvironment/cacheDirectory``).
  public init(root: String, detector: String) {
    self.detector = detector
    var root = root
    while root.count > 1, root.hasSuffix("/") { root.removeLast() }
    directory = "\(root)/probes/\(Self.fileSafe(detector))"
  }

  /// The path of the file for `set` trained on embeddings of the encoder with `modelFingerprint`.
  public func path(for set: ContrastSet, modelFingerprint: String) -> String {
    "\(directory)/\(Self.fileSafe(set.name))-\(Self.hex(set.fingerprint))-\(Self.fileSafe(modelFingerprint)).json"
  }

  /// The probe stored for `set`, or `nil` when the file is missing, unreadable, or was written
  /// for anything else than `set`'s texts, `trainer`'s settings and this encoder.
  ///
  /// - Parameters:
  ///   - set: The contrast set.
  ///   - trainer: The settings the probe must have been trained with (seed, folds, penalty).
  ///   - modelFingerprint: The encoder's fingerprint.
  ///   - dimension: The encoder's embedding dimension.
  public func probe(for set: ContrastSet, trainer: ProbeTrainer, modelFingerprint: String, dimension: Int)
    -> ContrastProbe?
  {
    guard let data = FileManager.default.contents(atPath: path(for: set, modelFingerprint: modelFingerprint)),
      let file = try? JSONDecoder().decode(ProbeCacheFile.self, from: data)
    else { return nil }
    let probe = file.probe
    guard file.formatVersion == ProbeCacheFile.currentFormatVersion, file.detector == detector,
      file.set == set.name, probe.setName == set.name, file.setFingerprint == Self.hex(set.fingerprint),
      file.modelFingerprint == modelFingerprint, file.seed == String(trainer.seed),
      file.l2Penalty == trainer.l2Penalty, probe.folds == trainer.folds, probe.dimension == dimension,
      probe.positiveCount == set.positives.count, probe.negativeCount == set.negatives.count, probe.isWellFormed
    else { return nil }
    return probe
  }

  /// Writes `probe` as the file of `set`, replacing any older one.
  ///
  /// - Returns: Whether the file was written; `false` when the folder cannot be created or
  ///   written (the caller goes on without a cache).
  @discardableResult
  public func store(
    _ probe: ContrastProbe, for set: ContrastSet, trainer: ProbeTrainer, modelID: String, modelFingerprint: String
  ) -> Bool {
    let file = ProbeCacheFile(
      formatVersion: ProbeCacheFile.currentFormatVersion, detector: detector, set: set.name,
      setFingerprint: Self.hex(set.fingerprint), modelID: modelID, modelFingerprint: modelFingerprint,
      seed: String(trainer.seed), l2Penalty: trainer.l2Penalty, probe: probe)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(file) else { return false }
    let destination = path(for: set, modelFingerprint: modelFingerprint)
    let temporary = "\(directory)/.\(UUID().uuidString).tmp"
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try data.write(to: URL(fileURLWithPath: temporary))
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      return false
    }
    guard rename(temporary, destination) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      return false
    }
    return true
  }

  /// `value` as 16 lowercase hex digits.
  static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// `text` with every character other than ASCII letters, digits, `.`, `_` and `-` replaced by
  /// `_`, and `_` for an empty text: a file-name part that cannot leave its folder.
  static func fileSafe(_ text: String) -> String {
    let safe = String(
      text.unicodeScalars.map { scalar -> Character in
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return Character(scalar)
        case "." where text != "." && text != "..": return "."
        default: return "_"
        }
      })
    return safe.isEmpty ? "_" : safe
  }
}
