import Testing
import UltraFeedbackFormat

@Suite("UltraFeedback H4 prompt_id (SHA-256)")
struct UltraFeedbackSHA256Tests {
  // Expected digests from Python: hashlib.sha256(text.encode("utf-8")).hexdigest().
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("how can i develop a habit of drawing daily", "086b3e24f29b8956a01059f79c56db35d118a06fb6b844b095737d042795cd43"),
    ("Bibliothèque 📚 — naïve café", "f93e5ec76faf98c08fa3cd15e95f5a894badcd66c5b52d347f507cdc6af057aa"),
    (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
    (String(repeating: "b", count: 56), "a5fc6e203a4c2b657d0d153885932414b2ffc6a93f0f8bf8b3183315e5a7212c"),
    (String(repeating: "c", count: 64), "52b6419d27bd7f547cee3b92f8c17a908b8a49601ecbec161e5030de1dfe9e0a"),
    ("日本語のテキスト\n\r\n", "474a4d1f25c984cf262e43acbe2715751e140882387c2b4f793162846778c41b"),
    (String(repeating: "x", count: 1000), "44f8354494a5ba03ba1792a8d3e9c534c47a9181980fde7a3f44b06ef2ae7c7f"),
  ])
  func matchesHashlib(text: String, digest: String) {
    #expect(UltraFeedbackBinarizedFormat.promptID(for: text) == digest)
  }
}
