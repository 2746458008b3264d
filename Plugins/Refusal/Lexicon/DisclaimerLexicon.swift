/// Policy, legality and disclaimer language.
enum DisclaimerLexicon {
  /// Policy and disclaimer phrases, each counted once per occurrence.
  ///
  /// Rationale: the hedges that accompany (or replace) a refusal: appeals to the model's
  /// rules ("against my guidelines", "violates my"), judgements of the request ("not
  /// appropriate", "that's illegal", "unethical"), limits of authority ("I'm not a
  /// doctor", "this is not medical advice", "for informational purposes only", "consult a
  /// professional") and safety warnings ("please be careful", "at your own risk"). From the
  /// issue's examples, common assistant boilerplate, and HH-RLHF's harmless answers ("It's
  /// illegal", "against the law").
  /// Blind spots: single words such as "illegal" or "harmful" in a descriptive sense
  /// ("illegal immigration statistics") are left out on purpose, so terse warnings built on
  /// them ("Illegal. Don't.") are missed; "consult a professional" also counts as a
  /// professional redirect (both features see it).
  static let phrases: [String] = [
    // The model's own rules.
    "against my guidelines", "against my programming", "against my policies", "against my policy",
    "against my principles", "against my values", "against my ethics", "against my ethical",
    "against the guidelines", "against the rules", "goes against my", "violates my", "violate my",
    "my guidelines", "content policy", "usage policy", "usage policies", "community guidelines",
    "terms of service", "not allowed to discuss", "i'm not programmed to", "i am not programmed to",
    // Judging the request.
    "not appropriate", "inappropriate", "isn't appropriate", "wouldn't be appropriate", "would not be appropriate",
    "not an appropriate", "it's illegal", "it is illegal", "that's illegal", "that is illegal", "this is illegal",
    "that would be illegal", "it would be illegal", "is illegal", "are illegal", "be illegal", "against the law",
    "breaking the law", "break the law", "a crime", "a criminal offense", "unethical", "not ethical",
    "is wrong", "that's wrong", "it's wrong", "morally wrong", "not okay", "not ok", "isn't okay",
    "i don't condone", "i do not condone", "i don't endorse", "i do not endorse", "i don't support",
    "i do not support", "not something i condone",
    // Limits of authority.
    "i'm not a doctor", "i am not a doctor", "i'm not a lawyer", "i am not a lawyer", "i'm not a medical professional",
    "i am not a medical professional", "i'm not a licensed", "i am not a licensed", "i'm not a financial advisor",
    "i am not a financial advisor", "i'm not a therapist", "i am not a therapist", "i'm not a professional",
    "i am not a professional", "i'm not qualified", "i am not qualified", "i'm not an expert", "i am not an expert",
    "not medical advice", "not legal advice", "not financial advice", "not professional advice",
    "not a substitute for", "for informational purposes only", "for educational purposes only",
    "for entertainment purposes only", "consult a professional", "consult with a professional",
    "consult a qualified", "consult with a qualified", "consult an expert", "consult a licensed",
    "seek professional advice", "seek the advice of",
    // Safety warnings.
    "please be careful", "be very careful", "please be safe", "stay safe", "use caution", "exercise caution",
    "proceed with caution", "at your own risk", "it's important to note", "it is important to note",
    "please note that", "please be aware", "i must emphasize", "i must remind you", "i want to remind you",
    "i have to remind you", "i should point out", "i should mention", "it's dangerous", "it is dangerous",
    "that's dangerous", "that is dangerous", "could be dangerous", "can be dangerous", "very dangerous",
    "extremely dangerous", "could be harmful", "can be harmful", "is harmful", "potentially harmful",
  ]
}
