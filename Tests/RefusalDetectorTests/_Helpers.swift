import PrefAuditPluginAPI
@testable import RefusalDetector

/// One shared detector for the tests (it is immutable and thread-safe).
let detector = RefusalDetector()

/// The response-side signals of `response`.
func signals(_ response: String) -> ResponseSignals {
  detector.measure(response: response)
}

/// The refusal score of `response`.
func refusal(_ response: String) -> Float {
  signals(response).refusal
}

/// The harm score of a single-turn prompt.
func harm(_ prompt: String) -> Float {
  detector.promptHarm([Turn(speaker: .user, text: prompt)])
}

/// Every feature of one response to a single-turn prompt, by feature name.
func features(prompt: String, response: String) throws -> [String: Float] {
  let batch = ResponseBatch(items: [
    ResponseContext(prompt: [Turn(speaker: .user, text: prompt)], response: response, side: .chosen)
  ])
  let values = try detector.measure(batch)
  var result: [String: Float] = [:]
  for (column, feature) in detector.descriptor.features.enumerated() { result[feature.name] = values[0, column] }
  return result
}
