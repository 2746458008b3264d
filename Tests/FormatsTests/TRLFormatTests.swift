import PreferenceModel
import TestSupport
import Testing

@testable import TRLFormat

/// The TRL adapter on the real TRL-shaped files in ../shared/data.
@Suite("TRL adapter: real files")
struct TRLFormatTests {
  let format = TRLFormat()

  static let autoAlign = "other-formats/icip-cas__AutoAlign/data/eval/rm/"
  static let v1File = "other-formats/hiyouga__LLaMA-Factory/data/v1_dpo_demo.jsonl"

  func load(_ path: String) throws -> (sources: [SourceRecord], records: [PreferenceRecord]) {
    let sources = try Fixtures.sourceRecords(Fixtures.shared(path))
    var records: [PreferenceRecord] = []
    for source in sources { records += try format.decode(source, options: FormatOptions()) }
    return (sources, records)
  }

  @Test("AutoAlign anthropic_helpful: from/value prompt lists repeated in full conversations")
  func autoAlignAnthropicHelpful() throws {
    let (sources, records) = try load(Self.autoAlign + "anthropic_helpful.jsonl")
    #expect(records.count == 8)
    let match = try #require(format.sniff(sources))
    #expect(match.variant == "full-conversation-sharegpt")
    #expect(match.confidence >= 0.85)
    #expect(records.map(\.prompt.count) == [1, 5, 3, 7, 3, 3, 1, 11])
    let first = records[0]
    #expect(first.prompt == [Message(role: .user, content: "Do you know why turkeys became the official food of thanksgiving?")])
    #expect(first.chosen.text.hasPrefix("To be honest, I don\u{2019}t know anything about that."))
    #expect(first.rejected.text.hasPrefix("I know that the American Indians were the first"))
    #expect(first.chosen.conversation?.count == 2)
    #expect(first.chosen.conversation?.last?.role == .assistant)
    #expect(first.metadata == .object([JSONMember("subset", "helpful-base"), JSONMember("id", 2266)]))
    #expect(first.sourceFormat == "trl")
    #expect(first.id == RecordID(location: sources[0].location))
    for record in records {
      // Prompts alternate user/assistant and end with the user; replies are the final gpt turns.
      #expect(record.prompt.enumerated().allSatisfy { $0.element.role == ($0.offset.isMultiple(of: 2) ? .user : .assistant) })
      #expect(record.chosen.conversation == record.prompt + [Message(role: .assistant, content: record.chosen.text)])
      #expect(record.rejected.conversation == record.prompt + [Message(role: .assistant, content: record.rejected.text)])
      #expect(record.anomalies.isEmpty, "\(record.id): \(record.anomalies)")
      #expect(record.source?.bytes.isEmpty == false)
    }
  }

  @Test("AutoAlign shp and summarize: one-turn prompts, subsets kept as metadata")
  func autoAlignSHPAndSummarize() throws {
    let (shpSources, shp) = try load(Self.autoAlign + "shp.jsonl")
    #expect(shp.count == 8)
    #expect(format.sniff(shpSources)?.variant == "full-conversation-sharegpt")
    #expect(shp.allSatisfy { $0.prompt.count == 1 && $0.anomalies.isEmpty })
    #expect(shp[0].metadata["subset"] == "explainlikeimfive_test")
    #expect(shp[0].chosen.text.hasPrefix("Lots of good answers already."))
    #expect(shp.map { $0.metadata["id"]?.doubleValue ?? 0 } == (35458...35465).map(Double.init))

    let (summarizeSources, summarize) = try load(Self.autoAlign + "summarize.jsonl")
    #expect(summarize.count == 8)
    #expect(format.sniff(summarizeSources)?.variant == "full-conversation-sharegpt")
    #expect(summarize[0].prompt[0].content.hasPrefix("SUBREDDIT: r/relationship_advice"))
    #expect(summarize.allSatisfy { $0.chosen.text.hasPrefix("TL;DR:") && $0.metadata["subset"] == "" })
  }

  @Test("AutoAlign rewardbench: string prompt, from/value conversations, models")
  func autoAlignRewardBench() throws {
    let (sources, records) = try load(Self.autoAlign + "rewardbench.jsonl")
    #expect(records.count == 8)
    let match = try #require(format.sniff(sources))
    #expect(match.variant == "full-conversation-sharegpt-text-prompt")
    #expect(match.confidence >= 0.8)
    #expect(records[0].prompt == [Message(role: .user, content: "How do I detail a car?")])
    #expect(records[0].chosen.text.hasPrefix("Detailing a car involves a thorough cleaning"))
    for record in records {
      #expect(record.chosen.model == "GPT4-Turbo")
      #expect(record.rejected.model == "alpaca-7b")
      #expect(record.metadata.keys == ["subset", "id"])
      #expect(record.metadata["subset"] == "alpacaeval-easy")
      #expect(record.chosen.conversation?.count == 2)
      #expect(record.anomalies.isEmpty, "\(record.id): \(record.anomalies)")
    }
  }

  @Test("LLaMA-Factory v1: system turns, content parts, loss_weight")
  func llamaFactoryV1() throws {
    let (sources, records) = try load(Self.v1File)
    #expect(records.count == 10)
    let match = try #require(format.sniff(sources))
    #expect(match.variant == "v1-messages")
    #expect(match.confidence >= 0.95)
    let first = records[0]
    #expect(first.prompt.map(\.role) == [.system, .user])
    #expect(first.systemPrompt == "You are an AI assistant. You will be given a task. You must generate a detailed and long answer.")
    #expect(first.lastUserTurn?.hasPrefix("Abdulah Hasanagic este m\u{e2}ndrul proprietar") == true)
    #expect(first.chosen.text.hasPrefix("Abdulah Hasanagic is the proud owner of AS Company in Gorazde"))
    #expect(first.rejected.text.hasPrefix(" Abdulah Hasanagic is the proud owner of AS Company, a small town"))
    #expect(records[1].chosen.text == "D: considerate")
    for record in records {
      #expect(record.prompt.count == 2 && record.prompt[0].role == .system)
      #expect(record.chosen.conversation?.count == 3)
      #expect(record.metadata == .object([]))
      #expect(record.anomalies.isEmpty, "\(record.id): \(record.anomalies)")
    }
  }

  @Test("Unchanged real records patch back to their source objects", arguments: [
    autoAlign + "anthropic_helpful.jsonl", autoAlign + "shp.jsonl", autoAlign + "summarize.jsonl",
    autoAlign + "rewardbench.jsonl", v1File,
  ])
  func unchangedRecordsPatchToSource(path: String) throws {
    let (sources, records) = try load(path)
    for (source, record) in zip(sources, records) {
      let encoded = try format.encode(record, context: EncodingContext())
      #expect(encoded == .json(try #require(source.json)))
    }
  }

  @Test("Fresh encoding in the sniffed variant rebuilds the same objects", arguments: [
    autoAlign + "anthropic_helpful.jsonl", autoAlign + "shp.jsonl", autoAlign + "summarize.jsonl",
    autoAlign + "rewardbench.jsonl", v1File,
  ])
  func freshEncodingMatchesSource(path: String) throws {
    let (sources, records) = try load(path)
    let variant = try #require(format.sniff(sources)?.variant)
    for (source, var record) in zip(sources, records) {
      record.source = nil
      let encoded = try format.encode(record, context: EncodingContext(variant: variant))
      #expect(encoded == .json(try #require(source.json)))
    }
  }

  @Test("Swapping real records: patched keeps every other byte, fresh keeps every field")
  func swappingRealRecords() throws {
    let (sources, records) = try load(Self.autoAlign + "rewardbench.jsonl")
    let variant = try #require(format.sniff(sources)?.variant)
    for (source, record) in zip(sources, records) {
      let original = try #require(source.json)
      let swapped = record.swapped()
      guard case .json(let patched) = try format.encode(swapped, context: EncodingContext()) else {
        Issue.record("not JSON"); continue
      }
      #expect(patched.keys == original.keys)
      #expect(patched["chosen"] == original["rejected"])
      #expect(patched["rejected"] == original["chosen"])
      #expect(patched["chosen_model"] == original["rejected_model"])
      #expect(patched["rejected_model"] == original["chosen_model"])
      #expect(patched["prompt"] == original["prompt"] && patched["id"] == original["id"])

      var unpatched = record.swapped()
      unpatched.source = nil
      guard case .json(let fresh) = try format.encode(unpatched, context: EncodingContext(variant: variant)) else {
        Issue.record("not JSON"); continue
      }
      let back = try format.decode(try Fixtures.sourceRecord(String(decoding: fresh.serialized(), as: UTF8.self)),
        options: FormatOptions())[0]
      #expect(back.chosen == record.rejected)
      #expect(back.rejected == record.chosen)
      #expect(back.prompt == record.prompt)
      #expect(back.metadata == record.metadata)
    }
  }

  @Test("Swapping v1 records keeps loss_weight and content parts when patched")
  func swappingV1KeepsMessageKeys() throws {
    let (sources, records) = try load(Self.v1File)
    let source = sources[3]
    let swapped = records[3].swapped()
    guard case .json(let patched) = try format.encode(swapped, context: EncodingContext()) else {
      Issue.record("not JSON"); return
    }
    let original = try #require(source.json)
    #expect(patched["chosen_messages"] == original["rejected_messages"])
    #expect(patched["rejected_messages"] == original["chosen_messages"])
    let decoded = try format.decode(
      try Fixtures.sourceRecord(String(decoding: patched.serialized(), as: UTF8.self)), options: FormatOptions())[0]
    #expect(decoded.chosen.text == records[3].rejected.text)
    #expect(decoded.rejected.text == records[3].chosen.text)
  }

  @Test("Sniffing leaves other adapters' files alone")
  func sniffPrecision() throws {
    let hh = try Fixtures.sourceRecords(Fixtures.shared("hh-rlhf/helpful-base/test.jsonl.gz"))
    let hhMatch = format.sniff(Array(hh.prefix(20)))
    #expect((hhMatch?.confidence ?? 0) <= 0.5, "HH transcripts claimed at \(hhMatch?.confidence ?? 0)")
    let harmless = try Fixtures.sourceRecords(Fixtures.shared("hh-rlhf/harmless-base/test.jsonl.gz"))
    #expect((format.sniff(Array(harmless.prefix(20)))?.confidence ?? 0) <= 0.5)

    let flattened = try Fixtures.sourceRecords(
      Fixtures.shared("ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl"))
    let flattenedMatch = try #require(format.sniff(Array(flattened.prefix(20))))
    #expect(flattenedMatch.variant == "standard")
    #expect(flattenedMatch.confidence <= 0.6)

    let argilla = try Fixtures.sourceRecords(Fixtures.shared("ultrafeedback/icip-cas__AutoAlign/data/ultra_binary.jsonl"))
    #expect((format.sniff(argilla)?.confidence ?? 0) <= 0.6)

    let shareGPT = try Fixtures.sourceRecords(
      Fixtures.shared("other-formats/hiyouga__LLaMA-Factory/data/dpo_en_demo.json"))
    #expect(format.sniff(Array(shareGPT.prefix(20))) == nil)
  }
}
