/// The response talking about itself as an AI.
enum AISelfReferenceLexicon {
  /// "As an AI" phrases, each counted once per occurrence.
  ///
  /// Rationale: the machine self-reference of assistant models ("As an AI language model",
  /// "I'm just an AI", "I don't have personal opinions") and of HH-RLHF's assistant ("I'm
  /// just a computer program", "I'm a bot"): it marks answers that decline by pointing at
  /// the model's nature. From the examples and common assistant boilerplate.
  /// Blind spots: "as an AI researcher" and similar compounds are excluded by the scanner
  /// (the word after the phrase); an answer role-playing a human who says "I'm not a
  /// person" counts; self-reference in the third person ("this assistant") is missed.
  static let phrases: [String] = [
    "as an ai", "as an ai language model", "as an ai assistant", "as a language model", "as a large language model",
    "as an artificial intelligence", "as a machine", "as a computer program", "as a computer", "as a chatbot",
    "as a bot", "as a virtual assistant", "as a digital assistant", "as an ai model",
    "i'm an ai", "i am an ai", "i'm just an ai", "i am just an ai", "i'm only an ai", "i am only an ai",
    "i'm an artificial intelligence", "i am an artificial intelligence", "i'm a language model",
    "i am a language model", "i'm just a language model", "i'm a large language model", "i am a large language model",
    "i'm a computer program", "i am a computer program", "i'm just a computer program", "i'm only a computer program",
    "i'm a computer", "i am a computer", "i'm just a computer", "i'm a machine", "i am a machine", "i'm just a machine",
    "i'm a bot", "i am a bot", "i'm just a bot", "i'm a chatbot", "i am a chatbot", "i'm just a chatbot",
    "i'm just a little chatbot", "i'm a robot", "i am a robot", "i'm just a robot", "i'm a virtual assistant",
    "i'm not a person", "i am not a person", "i'm not a human", "i am not a human", "i'm not human",
    "i am not human", "i'm not a real person", "i am not a real person", "i'm not a living",
    "i don't have personal opinions", "i do not have personal opinions", "i don't have personal feelings",
    "i don't have personal experiences", "i don't have personal beliefs", "i don't have personal preferences",
    "i don't have personal views", "i do not have personal feelings", "i do not have personal experiences",
    "i do not have personal beliefs", "i don't have opinions", "i do not have opinions", "i don't have feelings",
    "i do not have feelings", "i don't have emotions", "i do not have emotions", "i don't have a body",
    "i do not have a body", "i don't have beliefs", "i don't have preferences", "i do not have preferences",
    "i don't have a physical", "i do not have a physical", "i don't have consciousness",
    "i can't feel", "i cannot feel", "i don't experience", "i do not experience",
    "my training data", "my knowledge cutoff", "my knowledge cut-off", "i was trained", "i've been trained",
    "i have been trained", "i was programmed", "i'm programmed", "i am programmed", "my programming",
    "i'm designed to", "i am designed to", "i was designed to", "i was created by", "i was made by",
  ]

  /// Words that, right after "as an AI" / "I'm an AI", make it a job or field, not a
  /// self-reference ("as an AI researcher").
  static let compoundNouns: [String] = [
    "researcher", "researchers", "engineer", "engineers", "developer", "developers", "scientist", "scientists",
    "enthusiast", "expert", "experts", "ethicist", "company", "startup", "professional", "practitioner",
    "student", "artist", "specialist", "consultant", "investor", "hobbyist", "trainer",
  ]
}
