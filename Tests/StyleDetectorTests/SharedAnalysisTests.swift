import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import StyleDetector

@Suite("Style detector and the batch's shared analyses")
struct StyleSharedAnalysisTests {
  @Test("words and sentences come from the batch's shared tokenization when one is there")
  func readsSharedTokenization() throws {
    let detector = StyleDetector()
    let item = context("One two three. Four five.")
    let words = StyleFeature.words.rawValue
    let sentences = StyleFeature.sentences.rawValue
    let alone = try detector.measure(ResponseBatch(items: [item]))
    #expect(alone[0, words] == 5 && alone[0, sentences] == 2)
    // A stand-in tokenization (of another text) shows that the detector reads the shared one.
    let batch = ResponseBatch(items: [item])
    _ = batch.analysis(TokenizedResponses.self) { _ in TokenizedResponses(count: 1) { _ in "a b c. d. e. f" } }
    let shared = try detector.measure(batch)
    #expect(shared[0, words] == 6 && shared[0, sentences] == 4)
    #expect(shared[0, StyleFeature.characters.rawValue] == alone[0, StyleFeature.characters.rawValue])
  }

  @Test("real records: the same values in one batch, one response per batch, and with shared analyses filled in")
  func batchingKeepsValues() throws {
    let records = try sharedRecords(SharedData.helpful) + sharedRecords(SharedData.ultraFeedback)
    try expectBatchingKeepsValues(StyleDetector(), records: records, prefilling: .responses)
  }

  @Test("the scalar count equals a byte-by-byte count for every length and byte mix")
  func scalarCount() {
    var state: UInt64 = 5
    for length in 0..<300 {
      var bytes: [UInt8] = []
      for _ in 0..<length {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes.append(UInt8(truncatingIfNeeded: state >> 56))
      }
      let expected = bytes.filter { $0 & 0xC0 != 0x80 }.count
      #expect(bytes.withUnsafeBufferPointer { StyleMeasurement.scalarCount($0) } == expected)
    }
    let text = "café 日本 🙂 " + String(repeating: "naïve—", count: 20)
    #expect(Array(text.utf8).withUnsafeBufferPointer { StyleMeasurement.scalarCount($0) } == text.unicodeScalars.count)
  }
}
