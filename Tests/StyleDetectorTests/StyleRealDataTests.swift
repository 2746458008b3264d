import PrefAuditPluginAPI
import PreferenceModel
import Testing

@testable import StyleDetector

/// Feature values of both sides of every record, measured through the detector in batches.
private struct MeasuredPairs {
  let chosen: FeatureValues
  let rejected: FeatureValues

  init(_ records: [PreferenceRecord]) throws {
    let detector = StyleDetector()
    chosen = try detector.measure(ResponseBatch(items: records.map { $0.context(.chosen) }))
    rejected = try detector.measure(ResponseBatch(items: records.map { $0.context(.rejected) }))
  }

  /// The mean of `feature` over one side.
  func mean(_ feature: StyleFeature, _ side: PairSide) -> Double {
    let values = side == .chosen ? chosen : rejected
    guard values.rowCount > 0 else { return 0 }
    var total = 0.0
    for row in 0..<values.rowCount { total += Double(values[row, feature.rawValue]) }
    return total / Double(values.rowCount)
  }

  /// The share of responses (both sides) where `feature` is positive.
  func share(_ feature: StyleFeature) -> Double {
    var hits = 0
    for values in [chosen, rejected] {
      for row in 0..<values.rowCount where values[row, feature.rawValue] > 0 { hits += 1 }
    }
    return Double(hits) / Double(chosen.rowCount + rejected.rowCount)
  }

  /// Every value is finite and in range (counts ≥ 0, the ratio in [0, 1]).
  var allValid: Bool {
    for values in [chosen, rejected] {
      for row in 0..<values.rowCount {
        for feature in StyleFeature.allCases {
          let v = values[row, feature.rawValue]
          guard v.isFinite, v >= 0 else { return false }
          if feature == .visibleTextRatio, v > 1 { return false }
        }
      }
    }
    return true
  }
}

@Suite("Style features on real records")
struct StyleRealDataTests {
  @Test("HH-RLHF helpful-base: plain chat text, chosen answers longer, markdown rare, no HTML")
  func helpfulBase() throws {
    let records = try sharedRecords(SharedData.helpful)
    #expect(records.count == 2354)
    let measured = try MeasuredPairs(records)
    #expect(measured.allValid)
    // The known length bias of HH-RLHF helpful: chosen answers are longer.
    #expect(measured.mean(.words, .chosen) > measured.mean(.words, .rejected) + 5)
    #expect(measured.mean(.tokens, .chosen) > measured.mean(.tokens, .rejected))
    // Tokens per word of English chat text: about 1.2–1.4 for cl100k_base.
    let tokensPerWord = measured.mean(.tokens, .chosen) / measured.mean(.words, .chosen)
    #expect(tokensPerWord > 1.1 && tokensPerWord < 1.5)
    let charactersPerWord = measured.mean(.characters, .chosen) / measured.mean(.words, .chosen)
    #expect(charactersPerWord > 4.5 && charactersPerWord < 6.5)
    // Conversational text: almost no markdown structure and no HTML at all.
    #expect(measured.share(.headers) < 0.005)
    #expect(measured.share(.tables) == 0)
    #expect(measured.share(.codeBlocks) < 0.005)
    #expect(measured.share(.bulletItems) < 0.02 && measured.share(.numberedItems) < 0.02)
    #expect(measured.share(.htmlTags) == 0)
    #expect(measured.share(.exclamationMarks) > 0.05)
    for values in [measured.chosen, measured.rejected] {
      for row in 0..<values.rowCount { #expect(values[row, StyleFeature.visibleTextRatio.rawValue] == 1) }
    }
  }

  @Test("HH-RLHF harmless-base: one real HTML fragment; <stage directions> are not HTML")
  func harmlessBase() throws {
    let records = try sharedRecords(SharedData.harmless)
    #expect(records.count > 2000)
    let measured = try MeasuredPairs(records)
    #expect(measured.allValid)
    #expect(measured.share(.tables) == 0)
    // Exactly one answer holds markup: a chosen one ending in `<pre><h3>`.
    var withHTML: [String] = []
    for (row, record) in records.enumerated() {
      if measured.chosen[row, StyleFeature.htmlTags.rawValue] > 0 { withHTML.append(record.chosen.text) }
      if measured.rejected[row, StyleFeature.htmlTags.rawValue] > 0 { withHTML.append(record.rejected.text) }
    }
    #expect(withHTML.count == 1)
    #expect(withHTML.first?.hasPrefix("First I got an internet address") == true)
    #expect(withHTML.first.map { StyleMeasurement($0).counts.links } == 1)  // http://www.111.com/
    // Angle-bracketed stage directions in the same file are prose.
    let directions = records.filter { $0.chosen.text.hasPrefix("<repeats himself") }
    #expect(directions.count == 1)
    for record in directions {
      let m = StyleMeasurement(record.chosen.text)
      #expect(m.counts.mayHoldHTML && m.htmlTags == 0 && m.visibleTextRatio == 1)
    }
  }

  @Test("UltraFeedback: markdown-rich, chosen answers longer, specific records")
  func ultraFeedback() throws {
    let records = try sharedRecords(SharedData.ultraFeedback)
    #expect(records.count == 1000)
    let measured = try MeasuredPairs(records)
    #expect(measured.allValid)
    #expect(measured.mean(.words, .chosen) > measured.mean(.words, .rejected))
    // Model-written answers use far more structure than HH-RLHF chat.
    #expect(measured.share(.numberedItems) > 0.15)
    #expect(measured.share(.codeBlocks) > 0.05)
    #expect(measured.share(.bold) > 0.01)  // 2023-era models bold little: 2.4% of answers
    let tokensPerWord = measured.mean(.tokens, .chosen) / measured.mean(.words, .chosen)
    #expect(tokensPerWord > 1.1 && tokensPerWord < 1.7)

    // Line 214: a rejected answer that switches to raw HTML (`<p>…</p` left unclosed).
    let html = StyleMeasurement(records[213].rejected.text)
    #expect(records[213].rejected.text.hasPrefix("You don't have enough context"))
    #expect(html.htmlTags == 1)
    #expect(html.visibleTextRatio > 0.9 && html.visibleTextRatio < 1)
    // Line 265: a website template whose HTML is all inside ```html fences: not an HTML answer.
    let template = StyleMeasurement(records[264].chosen.text)
    #expect(records[264].chosen.text.hasPrefix("Creating a complete website"))
    #expect(template.counts.codeBlocks >= 2)
    #expect(template.htmlTags == 0 && template.visibleTextRatio == 1)
    #expect(template.counts.headers == 0)  // `h1, h2 {` and `# comments` stay inside the fences
  }
}
