import AuditEngine
import PreferenceStatistics
import PreferenceModel

extension AuditReport {
  /// The report as one JSON object (schema: docs/report-schema.md).
  public var json: JSONValue {
    .object([
      JSONMember("schemaVersion", 1),
      JSONMember("dataset", dataset.json),
      JSONMember("settings", settings.json),
      JSONMember("features", .array(features.map(\.json))),
      JSONMember("hypotheses", .array(hypotheses.map(\.json))),
      JSONMember("model", model?.json ?? .null),
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
    return .object([
      JSONMember("id", .string(feature.id)),
      JSONMember("detector", .string(feature.detector)),
      JSONMember("name", .string(descriptor.name)),
      JSONMember("description", .string(descriptor.description)),
      JSONMember("kind", .string(descriptor.kind.rawValue)),
      JSONMember("unit", .string(descriptor.unit)),
      JSONMember("higherMeans", .string(descriptor.higherMeans)),
      JSONMember("n", .number(JSONNumber(n))),
      JSONMember("meanChosen", number(meanChosen)),
      JSONMember("meanRejected", number(meanRejected)),
      JSONMember("meanDelta", number(meanDelta)),
      JSONMember("deltaCI95", interval(deltaCI95)),
      JSONMember("cohenDz", number(cohenDz)),
      JSONMember("winRate", number(winRate)),
      JSONMember("winRateCI95", interval(winRateCI95)),
      JSONMember("tieShare", number(tieShare)),
      JSONMember("pValue", number(pValue)),
      JSONMember("qValue", number(qValue)),
      JSONMember(
        "splitHalf",
        .object([
          JSONMember("first", number(splitHalf.first)),
          JSONMember("second", number(splitHalf.second)),
          JSONMember("agree", .bool(splitHalf.agree)),
        ])),
      JSONMember(
        "lengthControlled",
        .object([
          JSONMember("beta", number(lengthControlled.beta)),
          JSONMember("pValue", number(lengthControlled.pValue)),
          JSONMember("status", .string(lengthControlled.status)),
        ])),
    ])
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
      JSONMember("auc", number(auc)),
      JSONMember("coefficients", .object(coefficients.map { JSONMember($0.feature, number($0.value)) })),
      JSONMember("pairs", .number(JSONNumber(pairs))),
    ])
  }
}

/// A JSON number, or `null` for NaN and infinities (JSON has no spelling for them).
func number(_ value: Double) -> JSONValue {
  value.isFinite ? .number(JSONNumber(value)) : .null
}

/// `[lower, upper]`.
func interval(_ range: ConfidenceInterval) -> JSONValue {
  .array([number(range.lower), number(range.upper)])
}
