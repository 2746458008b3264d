import PrefAuditPluginAPI

/// The sentence encoder an audit used for probe and SAE features, or why it used none.
public struct EncoderUse: Sendable {
  /// The encoder (`sentence-transformers/all-MiniLM-L6-v2`); `nil` when none was used.
  public var modelID: String?
  /// The fingerprint of its files (``TextEmbedder/fingerprint``).
  public var fingerprint: String?
  /// Where it was loaded from.
  public var directory: String?
  /// Texts the encoder computed during the audit.
  public var textsEncoded: Int
  /// Texts read back from the embedding cache instead.
  public var textsReused: Int
  /// Wall-clock seconds spent embedding (including cache reads).
  public var seconds: Double
  /// Why no encoder was used, with what to do (`no sentence encoder installed: …`); `nil` when one was.
  public var note: String?

  /// Creates the record of an encoder that was used.
  public init(modelID: String, fingerprint: String, directory: String, textsEncoded: Int, textsReused: Int, seconds: Double) {
    self.modelID = modelID
    self.fingerprint = fingerprint
    self.directory = directory
    self.textsEncoded = textsEncoded
    self.textsReused = textsReused
    self.seconds = seconds
  }

  /// Creates the record of an audit without an encoder.
  public init(unavailable note: String) {
    textsEncoded = 0
    textsReused = 0
    seconds = 0
    self.note = note
  }
}

/// How much of the preference signal in the embeddings the named features explain.
///
/// Two L2 logistic models of preference, fitted and scored on the same pairs with the same folds
/// (split by prompt): one on the full Δ-embedding (dense), one on the standardized Δ of every
/// kept feature (lexical, probe and SAE). Each uses the L2 penalty (1, 10 or 100) with the best
/// held-out AUC. ``fraction`` is (AUC_features − 0.5) / (AUC_dense − 0.5).
public struct SignalExplained: Sendable {
  /// Held-out AUC of the model on the full Δ-embedding.
  public var aucDense: Double
  /// Held-out AUC of the model on the named features.
  public var aucFeatures: Double
  /// The pairs both models were fitted and scored on.
  public var pairs: Int

  /// Creates the comparison.
  public init(aucDense: Double, aucFeatures: Double, pairs: Int) {
    self.aucDense = aucDense
    self.aucFeatures = aucFeatures
    self.pairs = pairs
  }

  /// (AUC_features − 0.5) / (AUC_dense − 0.5); NaN when the dense model is no better than chance.
  public var fraction: Double {
    aucDense > 0.5 ? (aucFeatures - 0.5) / (aucDense - 0.5) : .nan
  }
}

/// What a sparse-autoencoder latent stands for, described without a language model.
public struct LatentProfile: Sendable {
  /// The latent's feature id (`sae.latent_07`).
  public var featureID: String
  /// A short label from its strongest correlation or n-grams (`≈ style.bullet_items (r = 0.71)`).
  public var label: String
  /// Share of the described pairs on which the latent is active.
  public var activeShare: Double
  /// The pairs where it fires most toward the chosen answer, strongest first.
  public var towardChosen: [LatentPair]
  /// The pairs where it fires most toward the rejected answer, strongest first.
  public var towardRejected: [LatentPair]
  /// Word n-grams most over-represented in the answers on the latent's side (log-odds with a prior).
  public var ngrams: [LatentNgram]
  /// Its correlation with the named (lexical and probe) features, strongest |r| first.
  public var correlations: [LatentCorrelation]

  /// Creates a profile.
  public init(
    featureID: String, label: String, activeShare: Double, towardChosen: [LatentPair], towardRejected: [LatentPair],
    ngrams: [LatentNgram], correlations: [LatentCorrelation]
  ) {
    self.featureID = featureID
    self.label = label
    self.activeShare = activeShare
    self.towardChosen = towardChosen
    self.towardRejected = towardRejected
    self.ngrams = ngrams
    self.correlations = correlations
  }
}

/// One pair that activates a latent strongly.
public struct LatentPair: Sendable {
  /// The pair's id (`file[member]:line`).
  public var id: String
  /// The latent's activation on the pair's Δ-embedding.
  public var activation: Double
  /// The last user turn (cut).
  public var prompt: String
  /// The chosen answer (cut).
  public var chosen: String
  /// The rejected answer (cut).
  public var rejected: String

  /// Creates a pair entry.
  public init(id: String, activation: Double, prompt: String, chosen: String, rejected: String) {
    self.id = id
    self.activation = activation
    self.prompt = prompt
    self.chosen = chosen
    self.rejected = rejected
  }
}

/// An n-gram over-represented on a latent's side.
public struct LatentNgram: Sendable {
  /// The words, space-separated.
  public var text: String
  /// The z-score of its log-odds ratio.
  public var zScore: Double

  /// Creates an entry.
  public init(text: String, zScore: Double) {
    self.text = text
    self.zScore = zScore
  }
}

/// The correlation of a latent with a named feature over pairs.
public struct LatentCorrelation: Sendable {
  /// The feature's id.
  public var featureID: String
  /// Pearson's r of the latent's activation and the feature's Δ.
  public var r: Double

  /// Creates an entry.
  public init(featureID: String, r: Double) {
    self.featureID = featureID
    self.r = r
  }
}
