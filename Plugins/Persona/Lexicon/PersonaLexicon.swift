/// Word and phrase lists of the persona detector.
///
/// Single words are tagged once per response through a word table; phrases of two or more
/// words are matched with one phrase lexicon (longest match first, no overlap). Matching is
/// whole-word and case-insensitive; a hyphenated word is two words.
enum PersonaLexicon {
  // MARK: Enthusiasm

  /// Positive words that make an exclamation enthusiastic ("That sounds *amazing*!").
  ///
  /// Rationale: enthusiasm is positive affect plus arousal; an exclamation mark on a
  /// sentence with a positive word is its most direct lexical trace. Inspiration: the
  /// positive-emotion categories of LIWC-style lexicons (words chosen by hand, not copied).
  /// Blind spots: enthusiasm without "!" or without a listed word; sarcastic "Great!".
  static let positiveWords = [
    "great", "awesome", "amazing", "wonderful", "fantastic", "excellent", "love", "loved", "lovely",
    "fun", "exciting", "excited", "happy", "glad", "delighted", "thrilled", "perfect", "beautiful",
    "brilliant", "incredible", "cool", "yay", "hooray", "woohoo", "nice", "best", "enjoy", "enjoyed",
    "terrific", "superb", "fabulous", "marvelous", "outstanding", "spectacular", "stunning",
    "delicious", "congratulations", "congrats", "sure", "absolutely", "definitely", "yes", "good",
    "exceptional", "magical", "epic", "gorgeous", "cheers", "welcome", "blast", "adore", "joy",
    "yummy", "wow", "hurray", "woo", "fab", "splendid", "ecstatic", "stoked", "pumped",
  ]

  /// Intensifiers that raise a following positive word ("*so* excited", "*super* fun").
  ///
  /// Blind spots: "very" is left out: it is as common in neutral formal prose.
  static let intensifiers = [
    "so", "really", "super", "absolutely", "totally", "incredibly", "extremely", "truly", "soooo",
    "sooo", "soo", "utterly", "insanely", "ridiculously", "crazy", "mega", "uber", "wildly",
  ]

  /// Phrases of eager willingness or excitement ("I'd love to", "happy to help").
  ///
  /// Rationale: the "cheerfulness" persona of chat models announces its eagerness.
  /// Blind spots: "happy to" also appears in neutral service boilerplate (it is counted).
  static let enthusiasmPhrases = [
    "i'd love to", "i would love to", "i'd be happy to", "i'd be glad to", "i would be happy to",
    "i'd be delighted to", "happy to help", "glad to help", "happy to assist", "i'm excited",
    "i am excited", "so excited", "i'm thrilled", "i am thrilled", "can't wait", "cannot wait",
    "love to help", "my pleasure", "with pleasure", "let's do it", "let's do this", "let's go",
    "how exciting", "what fun", "sounds like fun", "sounds fun", "sounds amazing", "sounds great",
    "sounds wonderful", "sounds fantastic", "i love it", "i love that", "love it", "oh boy",
    "here we go", "let's dive in", "let's get started", "i'm so glad", "i'm so happy",
  ]

  // MARK: Formality

  /// Formal connectives and register markers ("furthermore", "moreover", "therefore").
  ///
  /// Rationale: connectives of written academic English are rare in conversation; their
  /// rate, against the rate of contractions and slang, places a response on a formal–casual
  /// axis (Biber's dimension of "involved vs informational" production inspired the choice).
  /// Blind spots: formal vocabulary that is not a connective ("utilize", "commence").
  static let formalWords = [
    "furthermore", "moreover", "therefore", "thus", "hence", "consequently", "additionally",
    "nevertheless", "nonetheless", "accordingly", "whereas", "whereby", "herein", "subsequently",
    "notwithstanding", "henceforth", "thereby", "wherein", "hereby", "thereof", "therein",
    "aforementioned", "albeit", "insofar", "heretofore", "thereafter", "hitherto", "whilst",
    "conversely", "likewise", "ergo", "forthwith", "wherefore",
  ]

  /// Formal multi-word connectives ("in addition", "it is important to note").
  static let formalPhrases = [
    "in addition", "in conclusion", "in summary", "it is important to note", "it should be noted",
    "with regard to", "with respect to", "in accordance with", "pursuant to", "as a result",
    "in light of", "it is worth noting", "it is essential to", "it is recommended", "in order to",
    "on the contrary", "by contrast", "in contrast", "to summarize", "for instance", "that is to say",
    "as previously mentioned", "as mentioned above", "it is advisable", "one must", "one should",
    "in terms of", "prior to", "with the exception of",
  ]

  /// Contractions ("don't", "it's", "I'm"); curly apostrophes read as straight ones.
  ///
  /// Rationale: contraction rate is the classic marker of a conversational register.
  /// Blind spots: "it's"/"that's" are listed, possessives like "John's" are not (so they
  /// are not miscounted); contractions written without an apostrophe ("dont") are missed.
  static let contractions = [
    "don't", "can't", "won't", "isn't", "aren't", "wasn't", "weren't", "doesn't", "didn't",
    "haven't", "hasn't", "hadn't", "wouldn't", "couldn't", "shouldn't", "mustn't", "needn't",
    "mightn't", "shan't", "ain't", "i'm", "you're", "we're", "they're", "it's", "that's", "there's",
    "here's", "what's", "who's", "where's", "how's", "when's", "why's", "he's", "she's", "let's",
    "i've", "you've", "we've", "they've", "could've", "would've", "should've", "might've", "must've",
    "i'll", "you'll", "we'll", "they'll", "he'll", "she'll", "it'll", "that'll", "there'll", "i'd",
    "you'd", "we'd", "they'd", "he'd", "she'd", "it'd", "that'd", "there'd", "who'd", "y'all",
    "o'clock", "ma'am", "'em", "c'mon", "everyone's", "nobody's", "somebody's", "someone's",
  ]

  /// Slang and conversational interjections ("gonna", "yeah", "hey", "okay").
  ///
  /// Rationale: casual chat register. Blind spots: "ok"/"okay" also acknowledge politely in
  /// otherwise formal answers; regional slang is mostly absent.
  static let slangWords = [
    "gonna", "wanna", "gotta", "kinda", "sorta", "yeah", "yep", "yup", "nope", "nah", "hey", "ok",
    "okay", "cool", "dude", "buddy", "btw", "tbh", "imo", "imho", "omg", "wow", "whoa", "oops",
    "ugh", "hmm", "hm", "um", "uh", "umm", "uhh", "lemme", "gimme", "dunno", "cuz", "coz", "ya",
    "yo", "bro", "guys", "awesome", "stuff", "totally", "super", "pretty", "folks", "yay", "meh",
    "huh", "whoops", "geez", "jeez", "gosh", "dang", "heck", "nope", "mate", "kiddo", "y'know",
    "outta", "lotta", "alright", "aight", "ain't", "y'all", "bruh", "fam", "legit", "chill",
  ]

  // MARK: Humour

  /// Laughter and joke markers ("haha", "lol", "just kidding", "pun intended").
  ///
  /// Rationale: text chat marks humour explicitly. Words that only talk about humour
  /// ("joke", "funny", "pun") are left out: a refusal to tell a joke would count.
  /// Blind spots: deadpan jokes and jokes told without a marker are missed.
  static let humourWords = [
    "haha", "hahaha", "hahahaha", "hehe", "hehehe", "heh", "lol", "lmao", "rofl", "lmfao",
    "jk", "lolz", "badum", "tss", "xd", "teehee", "hahah", "ahaha", "bwahaha",
  ]

  /// Multi-word humour markers.
  static let humourPhrases = [
    "just kidding", "only kidding", "i'm kidding", "i'm just kidding", "just joking", "i'm joking",
    "no pun intended", "pun intended", "knock knock", "ba dum tss", "badum tss", "wink wink",
  ]

  // MARK: Warmth

  /// Empathy, comfort and care ("I'm sorry to hear", "that must be hard", "take care").
  ///
  /// Rationale: the "warmth"/"empathy" persona validates feelings and wishes the user well.
  /// Sources: supportive-conversation phrasing (ESConv-style strategies: reflection of
  /// feelings, affirmation, reassurance), written by hand. Blind spots: warmth expressed
  /// through content (practical help) and not words; formulaic "I hope this helps" counts.
  static let warmthPhrases = [
    "sorry to hear", "so sorry to hear", "i'm sorry you're", "i'm sorry that you", "i'm so sorry",
    "i am so sorry", "that must be hard", "that must be difficult", "that must be tough",
    "that must be frustrating", "that must be painful", "that must be scary", "that must be stressful",
    "that must have been", "must be really hard", "must be so hard", "that sounds hard",
    "that sounds difficult", "that sounds tough", "that sounds frustrating", "that sounds really",
    "that sounds painful", "that sounds stressful", "that sounds scary", "sounds like a lot",
    "i understand how you feel", "i understand how", "i can understand", "i understand that you",
    "i understand that you're", "i understand your",
    "i totally understand", "i completely understand", "i can imagine", "i hear you", "take care",
    "hope you feel better", "feel better soon", "hope this helps", "i hope that helps",
    "hope that helps", "you're not alone", "you are not alone", "it's okay to", "it's ok to",
    "it is okay to", "it's completely understandable", "it's understandable", "that's understandable",
    "it's normal to", "it is normal to", "be gentle with yourself", "be kind to yourself",
    "i'm here for you", "here for you", "best wishes", "good luck", "wishing you", "all the best",
    "that's completely normal", "your feelings are valid", "don't be too hard on yourself",
    "i care about", "you deserve", "i'm glad you reached out", "thank you for sharing",
    "thanks for sharing", "sending you", "stay safe", "hang in there", "you've got this",
    "you got this", "i'm proud of you", "it's not your fault", "that's not your fault",
    "i'm happy for you", "so happy for you", "feel free to reach out", "i'm rooting for you",
    "hugs", "big hug", "sending hugs", "my heart goes out", "thinking of you", "get well soon",
    "have a great day", "have a wonderful day", "have a nice day", "you matter",
  ]

  // MARK: Confidence and hedging

  /// Hedging words ("might", "perhaps", "possibly").
  ///
  /// Rationale: epistemic hedges soften a claim (Hyland's hedging categories: modal verbs,
  /// epistemic adverbs and verbs). Blind spots: "may" also names the month and grants
  /// permission; "could" is left out as too often not a hedge.
  static let hedgeWords = [
    "might", "may", "perhaps", "possibly", "maybe", "probably", "likely", "unlikely", "seem",
    "seems", "seemed", "apparently", "somewhat", "arguably", "presumably", "supposedly",
    "conceivably", "perchance", "allegedly", "potentially", "roughly", "approximately",
  ]

  /// Multi-word hedges ("I'm not sure", "it depends").
  static let hedgePhrases = [
    "i'm not sure", "i am not sure", "not sure", "i'm not certain", "i am not certain", "not certain",
    "it depends", "depends on", "i think", "i believe", "i guess", "i suppose", "as far as i know",
    "if i'm not mistaken", "i don't know", "i do not know", "i'm not an expert", "to my knowledge",
    "it's possible", "it is possible", "could be", "sort of", "more or less", "in some cases",
    "it seems", "i would guess", "i'd guess", "not necessarily", "hard to say", "difficult to say",
    "i'm not entirely sure", "i'm unsure", "i can't be sure", "i cannot be sure", "i'm not positive",
    "if i remember correctly", "i could be wrong", "i might be wrong", "i may be wrong", "it's unclear",
    "it is unclear", "not entirely clear", "to some extent", "to a degree", "i'd say", "i would say",
  ]

  /// Confident markers ("definitely", "certainly", "without a doubt").
  ///
  /// Rationale: boosters in Hyland's sense. A word directly after "not" does not count.
  /// Blind spots: "clearly" also means "in a clear way" ("explain clearly").
  static let confidentWords = [
    "definitely", "certainly", "clearly", "obviously", "undoubtedly", "absolutely", "surely",
    "undeniably", "unquestionably", "indisputably", "guaranteed", "indeed",
    "unequivocally", "doubtless", "invariably", "conclusively", "decidedly", "assuredly",
  ]

  /// Multi-word confident markers ("without a doubt", "of course").
  static let confidentPhrases = [
    "without a doubt", "no doubt", "of course", "i'm sure", "i am sure", "i'm certain", "i am certain",
    "i'm confident", "i am confident", "for sure", "there is no question", "there's no question",
    "beyond doubt", "rest assured", "trust me", "make no mistake", "without question",
    "i know for a fact", "no question about it", "absolutely sure", "for certain", "100 percent",
    "i guarantee", "i can guarantee", "the fact is", "the truth is", "there's no doubt",
    "there is no doubt", "it's a fact", "it is a fact", "i'm positive", "i am positive",
  ]

  // MARK: Role-play voice

  /// Verbs that open a role-play action between asterisks ("*adjusts glasses*").
  ///
  /// Rationale: stage directions in asterisks are the hallmark of role-play chat; requiring
  /// a listed verb keeps markdown italics ("*this* matters") out. Blind spots: actions with
  /// unlisted verbs or in the base form ("*sigh*" is listed, "*facepalm*" too, others not).
  static let actionVerbs = [
    "adjusts", "smiles", "grins", "laughs", "chuckles", "giggles", "winks", "nods", "sighs", "sigh",
    "clears", "bows", "waves", "shrugs", "leans", "tips", "raises", "blushes", "gasps", "whispers",
    "points", "looks", "sips", "strokes", "scratches", "taps", "rolls", "crosses", "puts", "pulls",
    "takes", "picks", "hands", "gestures", "pauses", "coughs", "yawns", "stretches", "sits", "stands",
    "walks", "turns", "beams", "smirks", "frowns", "cheers", "claps", "hugs", "growls", "purrs",
    "barks", "meows", "snickers", "squints", "flips", "twirls", "spins", "dances", "sings", "hums",
    "gulps", "cackles", "salutes", "straightens", "peers", "glances", "stares", "shakes", "bounces",
    "jumps", "nudges", "pats", "tilts", "wipes", "sniffs", "snorts", "groans", "mutters", "exclaims",
    "facepalm", "facepalms", "grin", "wink", "smile", "laugh", "shrug", "gasp", "cough", "ahem",
    "bows", "curtsies", "fidgets", "blinks", "hiccups", "munches", "slurps", "ruffles", "flutters",
  ]

  /// Archaic, pirate and other character-voice words ("ahoy", "matey", "thou").
  ///
  /// Rationale: speaking as a character shows in its vocabulary. Blind spots: characters
  /// without marked vocabulary; quoted archaic text (Shakespeare, scripture) counts too.
  static let characterWords = [
    "arr", "arrr", "arrrr", "ahoy", "matey", "mateys", "thee", "thou", "thy", "thine", "hath",
    "doth", "verily", "forsooth", "milady", "m'lady", "huzzah", "landlubber", "yarr",
    "yarrr", "prithee", "methinks", "mwahaha", "muahaha", "mwahahaha", "ye",
    "'tis", "twas", "'twas", "wherefore", "grr", "grrr", "meow", "woof",
  ]

  /// Nouns after "as a"/"I am a" that describe an assistant, a quantity or a phrase, not a
  /// character ("as an AI", "I'm a bit", "as a result").
  static let nonCharacterNouns = [
    "ai", "assistant", "language", "chatbot", "bot", "computer", "machine", "program", "virtual",
    "digital", "large", "artificial", "conversational", "text", "model", "software", "result",
    "rule", "general", "matter", "side", "reminder", "whole", "first", "last", "bit", "little",
    "lot", "tad", "big", "huge", "fan", "helpful", "friendly", "robot", "neural", "algorithm",
    "trained", "system", "service", "tool", "consequence", "precaution", "courtesy", "starting",
    "baseline", "quick", "final", "note", "way", "means", "substitute", "replacement", "guide",
    "general", "team", "society", "species", "group", "country", "nation", "community", "culture",
    "family", "couple", "child", "kid", "beginner", "rough", "sign", "gift", "treat", "reward",
    "example", "non", "matter", "alternative", "precautionary", "last", "simple", "small", "mere",
  ]

  /// Phrases that contain a marker but do not express the trait ("take care *of* the cat",
  /// "good luck with that"): matched so that the markers inside them are not counted.
  static let neutralPhrases = [
    "take care of", "taking care of", "took care of", "takes care of", "care of", "good luck with that",
  ]
}
