import HHRLHFFormat
import PreferenceModel
import Testing

/// `HHTranscript`: parsing one transcript and writing messages back.
@Suite("HH-RLHF transcripts")
struct HHRLHFTranscriptTests {
  @Test func parsesTurnsAndCounts() throws {
    let transcript = try HHTranscript(
      parsing: "\n\nHuman: Hi\n\nAssistant: Hello! Human: ok?\n\nHuman: Bye\n\nAssistant: See you\n\nAssistant: ")
    #expect(transcript.messages.map(\.role) == [.user, .assistant, .user, .assistant, .assistant])
    #expect(transcript.messages.map(\.content) == ["Hi", "Hello! Human: ok?", "Bye", "See you", ""])
    #expect(transcript.humanTurnCount == 2)
    #expect(transcript.assistantTurnCount == 3)
    #expect(transcript.inlineHumanMarkerCount == 1)
    #expect(transcript.finalReply == "")
    #expect(transcript.speakerOrderBreak == "2 Human vs 3 Assistant turns, two Assistant turns in a row (turns 4 and 5)")
  }

  @Test func alternatingTranscriptHasNoOrderBreak() throws {
    let transcript = try HHTranscript(parsing: "\n\nHuman: a\n\nAssistant: b\n\nHuman: c\n\nAssistant: d")
    #expect(transcript.speakerOrderBreak == nil)
    #expect(transcript.inlineHumanMarkerCount == 0)
    #expect(transcript.finalReply == "d")
  }

  @Test func keepsNonASCIIAndEmojiIntact() throws {
    let text = "\n\nHuman: Caf\u{E9} \u{201C}quoted\u{201D}?\n\nAssistant: \u{1F600} \u{301}x\u{2019}s"
    let transcript = try HHTranscript(parsing: text)
    #expect(transcript.messages[0].content == "Caf\u{E9} \u{201C}quoted\u{201D}?")
    #expect(transcript.finalReply == "\u{1F600} \u{301}x\u{2019}s")
    #expect(HHTranscript.render(transcript.messages) == text)
    // A reply starting with a combining mark forms one Character with the separator's
    // space; it is still cut at the scalar boundary.
    let combining = try HHTranscript(parsing: "\n\nHuman: Q\n\nAssistant: \u{301}e")
    #expect(combining.finalReply.unicodeScalars.map(\.value) == [0x301, 0x65])
  }

  @Test func namesTheFieldInErrors() {
    #expect(throws: RecordError(#""chosen" has no Assistant turn (no "\n\nAssistant:" separator)"#)) {
      try HHTranscript(parsing: "\n\nHuman: only", field: "chosen")
    }
    #expect(throws: RecordError.self) { try HHTranscript(parsing: "Assistant: hi\n\nHuman: x\n\nAssistant: y") }
  }

  @Test func rendersSystemTurnsIntoTheNextHumanTurn() {
    let messages = [
      Message(role: .system, content: "S1"), Message(role: .system, content: "S2"),
      Message(role: .user, content: "U"), Message(role: .assistant, content: "A"),
    ]
    #expect(HHTranscript.render(messages) == "\n\nHuman: S1\n\nS2\n\nU\n\nAssistant: A")
    #expect(
      HHTranscript.render([Message(role: .system, content: "S"), Message(role: .assistant, content: "A")])
        == "\n\nHuman: S\n\nAssistant: A")
    #expect(
      HHTranscript.render([Message(role: .user, content: "U"), Message(role: .system, content: "late")])
        == "\n\nHuman: U\n\nHuman: late")
  }

  @Test func rendersToolAndOtherRolesAsHumanAndStartsWithHuman() {
    let messages = [
      Message(role: .assistant, content: "Hi"), Message(role: .tool, content: "42"),
      Message(role: .other("critic"), content: "meh"), Message(role: .assistant, content: "Ok"),
    ]
    #expect(HHTranscript.render(messages) == "\n\nHuman: \n\nAssistant: Hi\n\nHuman: 42\n\nHuman: meh\n\nAssistant: Ok")
    #expect(HHTranscript.render([]) == "")
  }

  @Test func rendersCanonicalSeparatorsForTolerantInput() throws {
    let transcript = try HHTranscript(parsing: "Human:Hi\n\nAssistant:Hello")
    #expect(HHTranscript.render(transcript.messages) == "\n\nHuman: Hi\n\nAssistant: Hello")
  }
}
