import PrefAuditPluginAPI

/// The detectors an audit can use, loaded from plugins through the plugin API.
///
/// Built-in detector modules register exactly as external plugins will: each
/// provides a ``DetectorPlugin`` whose detectors are checked here (API version,
/// unique detector ids, well-formed feature names) before any data is read.
public struct DetectorRegistry: Sendable {
  /// Every loaded detector, in registration order.
  public private(set) var detectors: [any Detector] = []

  /// Creates a registry from plugins.
  ///
  /// - Throws: ``DetectorError`` when a plugin was built against another API version,
  ///   two detectors share an id, or a descriptor is malformed.
  public init(plugins: [any DetectorPlugin]) throws {
    for plugin in plugins {
      guard plugin.apiVersion == pluginAPIVersion else {
        throw DetectorError(
          detector: plugin.name,
          message: "built against plugin API version \(plugin.apiVersion); this prefaudit has version \(pluginAPIVersion)")
      }
      for detector in try plugin.makeDetectors() {
        do {
          try register(detector)
        } catch {
          throw DetectorError(detector: error.detector, message: "\(error.message) (plugin \(plugin.name))")
        }
      }
    }
  }

  /// Adds a detector after checking its descriptor.
  public mutating func register(_ detector: any Detector) throws(DetectorError) {
    let descriptor = detector.descriptor
    guard Self.isIdentifier(descriptor.id) else {
      throw DetectorError(
        detector: descriptor.id.isEmpty ? "(empty id)" : descriptor.id,
        message: "detector ids are lowercase letters, digits, - and _")
    }
    guard !detectors.contains(where: { $0.descriptor.id == descriptor.id }) else {
      throw DetectorError(detector: descriptor.id, message: "a detector with this id is already registered")
    }
    var names = Set<String>()
    for feature in descriptor.features {
      guard Self.isIdentifier(feature.name), names.insert(feature.name).inserted else {
        throw DetectorError(
          detector: descriptor.id, message: "feature name \"\(feature.name)\" is empty, malformed or repeated")
      }
    }
    detectors.append(detector)
  }

  /// The detectors and features an audit measures.
  ///
  /// - Parameters:
  ///   - ids: Detector ids to use (`--detectors`), or `nil` for all.
  ///   - kinds: Feature kinds to keep (`--kinds`); detectors without such features are skipped.
  /// - Throws: ``DetectorError`` naming an unknown id (and the known ones).
  public func selection(ids: [String]? = nil, kinds: Set<FeatureKind> = Set(FeatureKind.allCases)) throws
    -> DetectorSelection
  {
    if let ids {
      let known = detectors.map(\.descriptor.id)
      for id in ids where !known.contains(id) {
        throw DetectorError(detector: id, message: "unknown detector; known detectors: \(known.joined(separator: ", "))")
      }
    }
    var chosen: [DetectorSelection.Entry] = []
    for detector in detectors where ids?.contains(detector.descriptor.id) ?? true {
      let columns = detector.descriptor.features.indices.filter { kinds.contains(detector.descriptor.features[$0].kind) }
      guard !columns.isEmpty else { continue }
      chosen.append(DetectorSelection.Entry(detector: detector, columns: columns))
    }
    return DetectorSelection(entries: chosen)
  }

  /// Whether `text` is a non-empty run of lowercase ASCII letters, digits, `-` and `_`.
  static func isIdentifier(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
  }
}
