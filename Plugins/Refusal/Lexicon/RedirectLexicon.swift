/// Sending the user to a professional, a hotline or the authorities.
enum RedirectLexicon {
  /// Verbs that redirect when a professional or service (``resources``) follows within a
  /// few words of the same sentence ("please *reach out to* a licensed *therapist*",
  /// "*call* *911*", "*talk to* your *doctor*").
  ///
  /// Rationale: redirection is an imperative or suggestion to contact someone else; the
  /// verb + resource pairing keeps "my doctor said" and "the police arrived" out.
  /// Blind spots: redirection with an unusual verb ("a counselor might be a good
  /// resource") is missed unless a fixed phrase (``statements``) covers it.
  static let verbs: [String] = [
    "seek", "seek out", "contact", "call", "calling", "reach out to", "reaching out to", "talk to", "talking to",
    "talk with", "speak to", "speaking to", "speak with", "consult", "consulting", "consult with", "see", "seeing",
    "visit", "get in touch with", "get help from", "ask", "turn to", "go to", "refer you to", "text", "dial",
    "get", "getting", "find", "work with", "check with",
  ]

  /// Professionals, services and authorities that complete a redirect verb.
  static let resources: [String] = [
    "therapist", "therapists", "counselor", "counselors", "counsellor", "counsellors", "psychologist",
    "psychiatrist", "doctor", "doctors", "physician", "gp", "pediatrician", "nurse", "pharmacist", "lawyer",
    "lawyers", "attorney", "solicitor", "professional", "professionals", "specialist", "mental health",
    "crisis", "hotline", "helpline", "lifeline", "police", "authorities", "law enforcement", "911", "988", "999",
    "112", "emergency services", "emergency room", "social worker", "veterinarian", "vet", "accountant",
    "financial advisor", "financial adviser", "dietitian", "poison control", "samaritans", "medical attention",
    "medical help", "medical advice", "legal advice", "professional help", "support group",
  ]

  /// Fixed redirect phrases counted on their own (no verb needed).
  ///
  /// Rationale: hotline names and "seek help" formulas. Blind spots: country-specific
  /// hotline numbers other than those listed.
  static let statements: [String] = [
    "seek help", "seek professional help", "get professional help", "professional help", "get help",
    "national suicide prevention lifeline", "suicide prevention lifeline", "suicide hotline", "crisis text line",
    "crisis hotline", "crisis line", "text home to 741741", "741741", "call 911", "call 988", "dial 911",
    "emergency services", "poison control", "a licensed therapist", "a mental health professional",
    "a licensed professional", "a qualified professional", "consult a professional", "consult with a professional",
    "consult a qualified", "consult with a qualified", "consult a licensed",
  ]
}
