import AuditEngine

extension AuditReport {
  /// The latent profiles ordered by the |d_z| of their features, strongest first (undefined d_z last,
  /// ties in feature order), as the terminal and HTML reports list them.
  var latentsByEffect: [LatentProfile] {
    var effects: [String: Double] = [:]
    for result in features where result.cohenDz.isFinite { effects[result.feature.id] = abs(result.cohenDz) }
    return latents.enumerated()
      .sorted { (effects[$0.element.featureID] ?? -1, $1.offset) > (effects[$1.element.featureID] ?? -1, $0.offset) }
      .map(\.element)
  }
}
