import DatasetIO
import PrefAuditPluginAPI
import PreferenceModel
import TestSupport
@_exported import DetectorTestSupport
import Testing

/// Shared-data paths used by the tests.
enum SharedData {
  static let helpful = "hh-rlhf/helpful-base/test.jsonl.gz"
  static let harmless = "hh-rlhf/harmless-base/test.jsonl.gz"
  static let ultraFeedback = "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl"
}
