import AuditEngine
import PreferenceStatistics
import PreferenceModel

extension AuditReport {
  /// The report as one JSON object (schema: docs/report-schema.md).
  public var json: JSONValue {
    .object([
      JSONMember("schemaVersion", 2),
      JSONMember("dataset", dataset.json),
      JSONMember("settings", settings.json),
      JSONMember("features", .array(features.map(\.json))),
      JSONMember("hypotheses", .array(hypotheses.map(\.json))),
      JSONMember("model", model?.json ?? .null),
      JSONMember("encoder", encoder?.json ?? .null),
      JSONMember("latents", .array(latents.map(\.json))),
    ])
  }
}

extension DatasetFacts {
  var json: JSONValue {
    .object([
      JSONMember("files", .array(files.map { .string($0) })),
      JSONMember("format", .string(format)),
      JSONMember("records", .number(JSONNumber(records))),
      JSONMember("kept", .number(JSONNumber(kept))),
      JSONMember("rejected", .number(JSONNumber(rejected))),
      JSONMember("pairs", .number(JSONNumber(pairs))),
      JSONMember("prompts", .number(JSONNumber(prompts))),
      JSONMember("promptsExact", .bool(promptsAreExact)),
    ])
  }
}

extension AuditSettings {
  var json: JSONValue {
    .object([
      JSONMember(
        "detectors",
        .array(detectors.map { .object([JSONMember("id", .string($0.id)), JSONMember("version", .string($0.version))]) })),
      JSONMember("kinds", .array(kinds.map { .string($0.rawValue) })),
      JSONMember("seed", .number(JSONNumber(text: String(seed)))),
      JSONMember("bootstrapResamples", .number(JSONNumber(bootstrapResamples))),
      JSONMember("falseDiscoveryRate", .number(JSONNumber(falseDiscoveryRate))),
    ])
  }
}

extension FeatureResult {
  var json: JSONValue {
    let descriptor = feature.descriptor
    let members = [
      JSONMember("id", .string(feature.id)),
      JSONMember("detector", .string(feature.detector)),
      JSONMember("name", .string(descriptor.name)),
      JSONMember("description", .string(descriptor.description)),
      JSONMember("kind", .string(descriptor.kind.rawValue)),
      JSONMember("unit", .string(descriptor.unit)),
      JSONMember("higherMeans", .string(descriptor.higherMeans)),
      JSONMember("n", .number(JSONNumber(n))),
      JSONMember("meanChosen", .finite(meanChosen)),
      JSONMember("meanRejected", .finite(meanRejected)),
      JSONMember("meanDelta", .finite(meanDelta)),
      JSONMember("deltaCI95", interval(deltaCI95)),
      JSONMember("cohenDz", .finite(cohenDz)),
      JSONMember("winRate", .finite(winRate)),
      JSONMember("winRateCI95", interval(winRateCI95)),
      JSONMember("tieShare", .finite(tieShare)),
      JSONMember("pValue", .finite(pValue)),
      JSONMember("qValue", .finite(qValue)),
      JSONMember(
        "splitHalf",
        .object([
          JSONMember("first", .finite(splitHalf.first)),
          JSONMember("second", .finite(splitHalf.second)),
          JSONMember("agree", .bool(splitHalf.agree)),
        ])),
      JSONMember(
        "lengthControlled",
        .object([
          JSONMember("beta", .finite(lengthControlled.beta)),
          JSONMember("pValue", .finite(lengthControlled.pValue)),
          JSONMember("status", .string(lengthControlled.status)),
        ])),
    ]
    return .object(members + diagnosticMembers)
  }

  /// `"diagnostic": {summary, metrics}` when the detector reported one (metrics sorted by name,
  /// so that reports are reproducible); nothing otherwise.
  private var diagnosticMembers: [JSONMember] {
    guard let diagnostic else { return [] }
    let metrics = diagnostic.metrics.sorted { $0.key < $1.key }.map { JSONMember($0.key, .finite($0.value)) }
    return [
      JSONMember(
        "diagnostic",
        .object([JSONMember("summary", .string(diagnostic.summary)), JSONMember("metrics", .object(metrics))]))
    ]
  }
}

extension Hypothesis {
  var json: JSONValue {
    .object([JSONMember("featureId", .string(featureID)), JSONMember("statement", .string(statement))])
  }
}

extension JointModelResult {
  var json: JSONValue {
    .object([
      JSONMember("auc", .finite(auc)),
      JSONMember("coefficients", .object(coefficients.map { JSONMember($0.feature, .finite($0.value)) })),
      JSONMember("pairs", .number(JSONNumber(pairs))),
      // Present and null when no embeddings were used, so that consumers can rely on the keys.
      JSONMember("aucDense", signal.map { .finite($0.aucDense) } ?? .null),
      JSONMember("aucFeatures", signal.map { .finite($0.aucFeatures) } ?? .null),
      JSONMember("signalExplained", signal.map { .finite($0.fraction) } ?? .null),
      JSONMember("signalPairs", signal.map { .number(JSONNumber($0.pairs)) } ?? .null),
    ])
  }
}

extension EncoderUse {
  var json: JSONValue {
    .object([
      JSONMember("modelId", modelID.map { .string($0) } ?? .null),
      JSONMember("fingerprint", fingerprint.map { .string($0) } ?? .null),
      JSONMember("directory", directory.map { .string($0) } ?? .null),
      JSONMember("textsEncoded", .number(JSONNumber(textsEncoded))),
      JSONMember("textsReused", .number(JSONNumber(textsReused))),
      JSONMember("seconds", .finite(seconds)),
      JSONMember("note", note.map { .string($0) } ?? .null),
    ])
  }
}

extension LatentProfile {
  var json: JSONValue {
    .object([
      JSONMember("featureId", .string(featureID)),
      JSONMember("label", .string(label)),
      JSONMember("activeShare", .finite(activeShare)),
      JSONMember("towardChosen", .array(towardChosen.map(\.json))),
      JSONMember("towardRejected", .array(towardRejected.map(\.json))),
      JSONMember(
        "ngrams",
        .array(ngrams.map { .object([JSONMember("text", .string($0.text)), JSONMember("z", .finite($0.zScore))]) })),
      JSONMember(
        "correlations",
        .array(
          correlations.map { .object([JSONMember("feature", .string($0.featureID)), JSONMember("r", .finite($0.r))]) })),
    ])
  }
}

extension LatentPair {
  var json: JSONValue {
    .object([
      JSONMember("id", .string(id)),
      JSONMember("activation", .finite(activation)),
      JSONMember("prompt", .string(prompt)),
      JSONMember("chosen", .string(chosen)),
      JSONMember("rejected", .string(rejected)),
    ])
  }
}

/// `[lower, upper]`.
func interval(_ range: ConfidenceInterval) -> JSONValue {
  .array([.finite(range.lower), .finite(range.upper)])
}
