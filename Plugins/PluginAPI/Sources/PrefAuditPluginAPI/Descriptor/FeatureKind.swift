/// How a feature is computed, used to select features (`--kinds lexical,probe,sae`).
public enum FeatureKind: String, Sendable, Hashable, CaseIterable, Codable {
  /// Counts and rules over the text: lengths, markdown, phrases from a lexicon.
  case lexical
  /// The score of a linear probe over sentence embeddings.
  case probe
  /// The activation of a sparse-autoencoder latent over sentence embeddings.
  case sae
}
