import Testing
import UltraFeedbackFormat

@Suite("UltraFeedback H4 prompt_id (SHA-256)")
struct UltraFeedbackSHA256Tests {
  // Expected digests from Python: hashlib.sha256(text.encode("utf-8")).hexdigest(). The hash
  // itself (FIPS examples, block boundaries, streaming) is tested in ChecksumsTests.
  @Test(arguments: [
    ("how can i develop a habit of drawing daily", "086b3e24f29b8956a01059f79c56db35d118a06fb6b844b095737d042795cd43"),
    ("Bibliothèque 📚 — naïve café", "f93e5ec76faf98c08fa3cd15e95f5a894badcd66c5b52d347f507cdc6af057aa"),
  ])
  func matchesHashlib(text: String, digest: String) {
    #expect(UltraFeedbackBinarizedFormat.promptID(for: text) == digest)
  }
}
