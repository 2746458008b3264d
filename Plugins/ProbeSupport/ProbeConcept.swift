import LexicalSupport
import PrefAuditPluginAPI

/// A concept a detector learns probe features for: its contrast set and how its features read.
///
/// Each concept gives two features of kind `probe`, named after the set:
/// `<set>_direction` (the projection on the difference-of-means direction) and `<set>_probe`
/// (the logit of a logistic probe).
///
/// ```swift
/// let concept = ProbeConcept(refusalContrastSet, higherMeans: "sound more like a refusal")
/// concept.featureDescriptors.map(\.name)   // ["refusal_direction", "refusal_probe"]
/// ```
public struct ProbeConcept: Sendable, Hashable {
  /// The texts the probes are trained on.
  public var set: ContrastSet
  /// What a higher score means, phrased to complete "Chosen answers …" (`sound more like a refusal`);
  /// each feature adds how it was measured.
  public var higherMeans: String

  /// Creates a concept.
  ///
  /// - Parameters:
  ///   - set: The contrast set (its name becomes the features' prefix).
  ///   - higherMeans: What a higher score means, completing "Chosen answers …".
  public init(_ set: ContrastSet, higherMeans: String) {
    self.set = set
    self.higherMeans = higherMeans
  }

  /// The name of the difference-of-means feature, `<set>_direction`.
  public var directionFeatureName: String { "\(set.name)_direction" }

  /// The name of the logistic-probe feature, `<set>_probe`.
  public var probeFeatureName: String { "\(set.name)_probe" }

  /// The descriptors of the concept's two features, direction first.
  public var featureDescriptors: [FeatureDescriptor] {
    var positive = Self.lowercasingFirst(set.summary)
    while positive.hasSuffix(".") { positive.removeLast() }
    let concept =
      "the \(set.name) contrast set (\(set.positives.count) positives — \(positive) — and \(set.negatives.count) negatives)"
    return [
      FeatureDescriptor(
        name: directionFeatureName,
        description:
          "Projection of the answer's sentence embedding (all-MiniLM-L6-v2, normalized) on the difference-of-means direction of \(concept), centred on the midpoint of the two means: above 0 is nearer the positives.",
        kind: .probe, higherMeans: "\(higherMeans) (embedding projection on the \(set.name) direction)",
        unit: "projection"),
      FeatureDescriptor(
        name: probeFeatureName,
        description:
          "Logit of an L2-regularized logistic probe on the answer's sentence embedding (all-MiniLM-L6-v2, normalized), trained on \(concept): above 0 is classified positive.",
        kind: .probe, higherMeans: "\(higherMeans) (logistic probe on embeddings)", unit: "logit"),
    ]
  }

  /// `text` with its first letter lowercased unless the first word is an acronym.
  private static func lowercasingFirst(_ text: String) -> String {
    guard let first = text.first, first.isUppercase else { return text }
    let word = text.prefix { !$0.isWhitespace }
    if word.count > 1, word.dropFirst().first?.isUppercase == true { return text }
    return first.lowercased() + text.dropFirst()
  }
}
