import AuditEngine
import PreferenceModel
import Testing

@Suite("Prompt keys")
struct PromptKeyTests {
  @Test func equalPromptsShareAKeyAndAnyDifferenceChangesIt() {
    let text = "How do I bake bread at home without a stand mixer? ünïcode ✓"
    let prompt = [Message(role: .system, content: "Be brief."), Message(role: .user, content: text)]
    #expect(PromptKey.of(prompt) == PromptKey.of(prompt.map { Message(role: $0.role, content: String($0.content)) }))
    var keys: Set<UInt64> = [PromptKey.of(prompt)]
    // Every one-byte change, at every position (word-aligned or in the tail).
    let bytes = Array(text.utf8)
    for position in bytes.indices where bytes[position] < 0x80 {
      var changed = bytes
      changed[position] ^= 0x01
      keys.insert(PromptKey.of([prompt[0], Message(role: .user, content: String(decoding: changed, as: UTF8.self))]))
    }
    let ascii = bytes.indices.count { bytes[$0] < 0x80 }
    #expect(keys.count == ascii + 1)
    // Message boundaries, roles, order and trailing zero bytes all count.
    let variants: [[Message]] = [
      [Message(role: .user, content: "ab"), Message(role: .assistant, content: "c")],
      [Message(role: .user, content: "a"), Message(role: .assistant, content: "bc")],
      [Message(role: .assistant, content: "ab"), Message(role: .user, content: "c")],
      [Message(role: .user, content: "abc")],
      [Message(role: .user, content: "abc\u{0}")],
      [Message(role: .user, content: "")],
      [],
    ]
    #expect(Set(variants.map(PromptKey.of)).count == variants.count)
  }
}
