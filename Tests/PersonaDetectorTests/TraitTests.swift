import LexicalSupport
import PrefAuditPluginAPI
import Testing

@testable import PersonaDetector

@Suite("Persona traits on hand-written responses")
struct TraitTests {
  let detector = PersonaDetector()

  func row(_ response: String) throws -> [String: Float] {
    try measure(detector, context(response))
  }

  @Test("the descriptor lists nine lexical features with units, then the probe features")
  func descriptor() {
    let features = detector.descriptor.features.filter { $0.kind == .lexical }
    #expect(features.map(\.name) == [
      "enthusiasm_rate", "formal_connective_rate", "contraction_rate", "slang_rate", "humour_markers",
      "warmth_markers", "hedge_rate", "confidence_rate", "roleplay_voice",
    ])
    #expect(detector.descriptor.features.prefix(9) == features[...])
    #expect(detector.descriptor.features.dropFirst(9).allSatisfy { $0.kind == .probe })
    #expect(features.filter { $0.unit == "per 100 words" }.count == 6)
    #expect(features.filter { $0.unit == "count" }.count == 3)
  }

  @Test("enthusiasm: eager phrases, intensified positives and positive exclamations")
  func enthusiasm() throws {
    // "I'd love to" + "so exciting" + two positive exclamations = 4 markers; 8 words count as 10.
    #expect(try row("I'd love to help! This is so exciting!")["enthusiasm_rate"] == 40)
    #expect(try row("Congratulations on the new job 🎉")["enthusiasm_rate"] == 10)  // positive word without "!" does not count; 🎉 does
    #expect(try row("Stop! The stove is hot!")["enthusiasm_rate"] == 0)  // exclamations without a positive word
    #expect(try row("The report is due on Monday.")["enthusiasm_rate"] == 0)
    // 20 words, one positive exclamation → 5 per 100 words.
    let long = "Here is the plan for the week and the list of tasks we agreed on in the long meeting. Great!"
    #expect(try row(long)["enthusiasm_rate"] == 5)
  }

  @Test("formality: connectives, contractions and slang are separate rates")
  func formality() throws {
    let formal = try row("Furthermore, the results are significant. Moreover, in addition to this, they are robust; therefore we proceed.")
    #expect(formal["formal_connective_rate"]! == Float(400) / 16)  // 4 markers in 16 words
    #expect(formal["contraction_rate"] == 0 && formal["slang_rate"] == 0)
    let casual = try row("I don’t think it's ready, and we're late.")
    #expect(casual["contraction_rate"] == 30)  // don't (curly), it's, we're; 8 words count as 10
    #expect(try row("John's car is Mary's now.")["contraction_rate"] == 0)  // possessives
    #expect(try row("Yeah, gonna grab some stuff, okay?")["slang_rate"] == 40)
    #expect(try row("Thus the theorem holds.")["slang_rate"] == 0)
  }

  @Test("humour: laughter, joke phrases, laughing emoji and emoticons — not talk about jokes")
  func humour() throws {
    #expect(try row("Haha, that one gets me 😄 just kidding ;)")["humour_markers"] == 4)
    #expect(try row("Why did it cross the road? :D")["humour_markers"] == 1)
    for text in [
      "I can't tell jokes, but here's a funny fact.", "See http://example.com:8080/a for details.",
      "Note:Do this first.", "Puns are a kind of wordplay.",
    ] {
      #expect(try row(text)["humour_markers"] == 0, "\(text)")
    }
  }

  @Test("warmth: empathy and care phrases, warm emoji; \"take care of\" is not care for the user")
  func warmth() throws {
    #expect(try row("I'm so sorry to hear that. That must be hard. Take care.")["warmth_markers"] == 3)
    #expect(try row("I understand how you feel 🤗")["warmth_markers"] == 2)
    #expect(try row("You're welcome :)")["warmth_markers"] == 1)
    #expect(try row("Take care of the dog's teeth by brushing them weekly.")["warmth_markers"] == 0)
    #expect(try row("The pump moves 3 liters per minute.")["warmth_markers"] == 0)
  }

  @Test("hedging and confidence: \"I'm not sure\" is a hedge, not a confident \"sure\"")
  func hedgesAndConfidence() throws {
    let hedged = try row("I'm not sure, but it might rain; perhaps it depends on the wind.")
    #expect(hedged["hedge_rate"]! == Float(400) / 13)  // i'm not sure, might, perhaps, it depends; 13 words
    #expect(hedged["confidence_rate"] == 0)
    let confident = try row("It will definitely rain, without a doubt. Clearly.")
    #expect(confident["confidence_rate"] == 30)  // 3 markers, 8 words count as 10
    #expect(confident["hedge_rate"] == 0)
    #expect(try row("It is not definitely known.")["confidence_rate"] == 0)
  }

  @Test("role-play voice: actions, character openers and claims, character words")
  func rolePlay() throws {
    let pirate = try row("*adjusts glasses* Ahoy, matey! As a pirate, I sail the seas. I am a captain.")
    #expect(pirate["roleplay_voice"] == 5)
    #expect(try row("*smiles warmly* Hello there.")["roleplay_voice"] == 1)
    let nearMisses = [
      "As an AI, I cannot do that.", "I'm a bit confused.", "I am an AI language model.",
      "As a result, I will wait.", "This is *very* important.", "**Bold** and *italic* text.",
      "I am a helpful assistant.", "As a parent, you should set limits.", "I'm a big fan of jazz.",
      "Press *nods button in the app\nnext line*", "a*smiles*b",
    ]
    for text in nearMisses {
      #expect(try row(text)["roleplay_voice"] == 0, "\(text)")
    }
  }

  @Test("empty and very short responses give zeros, and every value is finite")
  func edges() throws {
    let empty = try row("")
    let lexical = detector.descriptor.features.filter { $0.kind == .lexical }.map(\.name)
    #expect(lexical.allSatisfy { empty[$0] == 0 })
    #expect(Set(empty.keys).subtracting(lexical).allSatisfy { empty[$0]!.isNaN })  // probes need embeddings
    #expect(try row("Definitely!")["confidence_rate"] == 10)  // one word counts as ten
  }
}
