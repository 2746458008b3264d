/// The sentence encoder whose embeddings an SAE was trained on.
///
/// An SAE's latents are directions in one encoder's embedding space; applying it to another
/// encoder's embeddings gives meaningless activations, so the configuration records the encoder's
/// name and a hash of its weights and ``BatchTopKSAE/checkEncoder(_:path:)`` compares them.
public struct SAEEncoderReference: Sendable, Hashable, Codable {
  /// The encoder's name, e.g. `sentence-transformers/all-MiniLM-L6-v2`.
  public var name: String
  /// A hash identifying the encoder's weights (e.g. its model fingerprint); empty when unknown.
  public var modelHash: String

  /// Creates a reference.
  ///
  /// - Parameters:
  ///   - name: The encoder's name.
  ///   - modelHash: A hash of its weights and settings; empty when unknown.
  public init(name: String, modelHash: String) {
    self.name = name
    self.modelHash = modelHash
  }

  enum CodingKeys: String, CodingKey {
    case name
    case modelHash = "model_hash"
  }
}

extension SAEEncoderReference: CustomStringConvertible {
  /// `name (hash)`, or just the name when the hash is unknown.
  public var description: String { modelHash.isEmpty ? name : "\(name) (\(modelHash))" }
}
