import DatasetIO
import PreferenceModel
import TestSupport
import Testing

/// With every built-in adapter competing, each real file goes to the adapter written for it.
@Suite("TRL, ShareGPT and generic adapters among all formats")
struct TRLRegistrySniffTests {
  static let cases: [(path: String, format: String, variant: String?)] = [
    ("other-formats/icip-cas__AutoAlign/data/eval/rm/anthropic_helpful.jsonl", "trl", "full-conversation-sharegpt"),
    ("other-formats/icip-cas__AutoAlign/data/eval/rm/shp.jsonl", "trl", "full-conversation-sharegpt"),
    ("other-formats/icip-cas__AutoAlign/data/eval/rm/summarize.jsonl", "trl", "full-conversation-sharegpt"),
    ("other-formats/icip-cas__AutoAlign/data/eval/rm/rewardbench.jsonl", "trl", "full-conversation-sharegpt-text-prompt"),
    ("other-formats/hiyouga__LLaMA-Factory/data/v1_dpo_demo.jsonl", "trl", "v1-messages"),
    ("other-formats/hiyouga__LLaMA-Factory/data/dpo_en_demo.json", "sharegpt", "conversations"),
    ("hh-rlhf/helpful-base/test.jsonl.gz", "hh-rlhf", nil),
    ("hh-rlhf/harmless-base/test.jsonl.gz", "hh-rlhf", nil),
    ("ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl", "ultrafeedback", nil),
    ("ultrafeedback/icip-cas__AutoAlign/data/ultra_binary.jsonl", "ultrafeedback", nil),
  ]

  @Test("the best sniff for each real file", arguments: cases.indices)
  func bestSniff(index: Int) throws {
    let (path, format, variant) = Self.cases[index]
    let sample = Array(try Fixtures.sourceRecords(Fixtures.shared(path)).prefix(20))
    let best = FormatRegistry.builtIn.sniff(sample)
    let id = best?.format.id ?? "none"
    // UltraFeedback's adapters may carry a suffix in their id (raw / binarized).
    #expect(id == format || id.hasPrefix(format + "-"), "\(path) was sniffed as \(id)")
    if let variant { #expect(best?.match.variant == variant, "\(path)") }
  }
}
