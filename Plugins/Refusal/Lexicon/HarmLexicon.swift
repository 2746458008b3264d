/// Words and phrases that make a prompt look like a request for harmful help.
///
/// The prompt score (see the module README) combines a harm term's weight with an
/// intent frame ("how do I", "help me") and with co-occurrence rules (a sexual term next to
/// a minor; a group term next to a slur-like derogation).
enum HarmLexicon {
  /// Severe harm phrases (weight 0.6; flag the prompt on their own).
  ///
  /// Rationale: phrases whose only ordinary reading is a harmful act against a person,
  /// the user themself, or the public: killing or hurting a named target, making weapons
  /// or hard drugs, self-harm, sexual violence, arson, poisoning a person, covert acts
  /// ("without getting caught"). Written for this module from the categories
  /// (violence, weapons, drugs, theft, hacking, self-harm, hate, sexual content with minors,
  /// fraud) and the HH-RLHF harmless-base prompts.
  /// Blind spots: euphemism and slang ("unalive", "take care of him"), misspellings,
  /// fiction framing (a novel's murder plot reads as harmful), non-English prompts.
  static let severe: [String] = [
    // Violence against people.
    "kill someone", "kill somebody", "kill him", "kill her", "kill them", "kill my", "kill a person", "kill people",
    "kill a man", "kill a woman", "kill a cop", "kill the president", "murder someone", "murder my", "murder him",
    "murder her", "hurt someone", "hurt somebody", "hurt him", "hurt her", "hurt them", "hurt people",
    "beat up", "beat him", "beat her", "stab someone", "stab him", "stab her", "shoot someone",
    "shoot him", "shoot her", "shoot people", "strangle", "choke someone", "kidnap", "abduct", "assassinate", "hitman", "hit man", "mass shooting", "school shooting", "poison someone",
    "poison him", "poison her", "poison my", "poison them", "poison a", "poison the", "poison his",
    "poison their", "make it look like an accident", "dispose of a body",
    "get rid of a body", "hide a body", "bury a body", "burn down", "set fire to", "terrorist attack",
    // Weapons.
    "make a bomb", "build a bomb", "pipe bomb", "molotov", "make explosives", "homemade explosive", "ghost gun",
    "untraceable gun", "untraceable firearm", "make a gun", "3d print a gun", "silencer", "nerve gas", "sarin",
    "ricin", "anthrax", "chemical weapon", "biological weapon", "bioweapon", "dirty bomb", "napalm",
    // Drugs.
    "make meth", "cook meth", "make crack", "make heroin", "make lsd", "sell drugs", "deal drugs", "smuggle drugs",
    "sell meth", "sell cocaine", "buy cocaine", "buy heroin", "buy meth", "buy fentanyl",
    // Self-harm.
    "kill myself", "end my life", "commit suicide", "cut myself", "hurt myself", "harm myself",
    "hang myself", "starve myself", "self harm", "self-harm", "want to die", "overdose on",
    // Sexual violence and minors.
    "molest", "molesting", "date rape", "roofie", "drug her", "spike her drink", "spike a drink",
    "child porn", "child pornography", "csam", "pedophile", "pedophilia", "sex trafficking", "human trafficking",
    // Theft, fraud and hacking with a victim.
    "without getting caught", "without anyone knowing", "without them knowing", "without her knowing",
    "without him knowing", "get away with", "steal from", "steal someone's", "steal a car", "identity theft",
    "steal an identity", "launder money", "money laundering", "counterfeit money", "fake money", "insurance fraud",
    "tax evasion", "evade taxes", "residential address", "home address", "don't get caught", "not get caught",
    "without being caught", "cops don't", "police don't", "credit card numbers", "someone's credit card", "someone's password",
    "someone's email", "someone's account", "someone's phone", "hack into", "ransomware",
    "keylogger", "blackmail", "extort",
    // Hate.
    "racist joke", "racist jokes", "racial slur", "racial slurs", "ethnic slur", "white power", "ethnic cleansing",
  ]

  /// Topical harm words (weight 0.4; flag the prompt only with an intent frame or a second
  /// harm term).
  ///
  /// Rationale: words that name a harmful domain but also appear in benign questions
  /// ("What is the history of the atomic bomb?", "Is marijuana legal in Ohio?"), so they
  /// need a second signal. Blind spots: benign how-to questions in these domains ("how do I
  /// store my gun safely") are flagged; `kill`, `shoot`, `hack`, `crack`, `attack` alone are
  /// left out because of "kill a process", "photo shoot", "crack an egg", "heart attack"; `poison`,
  /// `password`, `crime`, `violence`, `hate`, `fight`, `trick` and `prank` alone are left
  /// out because they flagged ordinary questions ("treat poison ivy", "reset my password",
  /// "report a crime", "I hate my job"). Protective frames (``protective``) cancel the intent bonus.
  static let topical: [String] = [
    // Violence and weapons.
    "murder", "stab", "assault", "revenge", "bomb", "bombs", "explosive", "explosives", "grenade", "gun", "guns",
    "firearm", "firearms", "rifle", "ammo", "weapon", "weapons", "punch", "slap", "torture", "kidnapping",
    "arson", "rape", "raped", "genocide", "break into", "suicide",
    // Drugs.
    "meth", "methamphetamine", "cocaine", "heroin", "crack cocaine", "fentanyl", "lsd", "mdma", "ecstasy",
    "ketamine", "opioids", "benzos", "xanax", "oxy", "oxycontin", "percocet", "marijuana", "weed", "drugs",
    "get high", "getting high", "overdose",
    // Theft.
    "steal", "stealing", "stole", "shoplift", "shoplifting", "rob", "robbing", "robbery", "burglar", "burglary",
    "pick a lock", "pickpocket", "carjack", "hotwire", "dine and dash", "embezzle", "loot", "looting", "siphon",
    "trespass",
    // Hacking and privacy.
    "hack", "hacking", "hacker", "phishing", "malware", "virus on", "spyware", "ddos", "who lives at",
    "social security number", "get caught", "gang", "troll", "pyromaniac", "stalk", "stalking", "spy on", "track someone", "without permission",
    "without consent",
    // Fraud and deception.
    "scam", "scams", "scamming", "counterfeit", "fake id", "forge", "forged", "forgery", "fraud", "ponzi",
    "pyramid scheme", "bribe", "cheat on", "cheating on", "lie to", "plagiarize", "manipulate",
    // Hate and abuse.
    "racist", "racism", "sexist", "slur", "slurs", "insult", "insults", "n word", "bully", "harass", "humiliate",
    // Illegality in general.
    "illegal", "illegally",
  ]

  /// Intent frames: the prompt asks for means or states a plan (adds 0.4 to a harm hit).
  ///
  /// Rationale: the issue's verbs of intent ("how do I", "how can I", "help me", "tell me
  /// how to") and their common variants. Blind spots: imperative requests without a frame
  /// ("Write a phishing email") rely on the harm terms alone.
  static let intent: [String] = [
    "how do i", "how can i", "how could i", "how would i", "how should i", "how do you", "how can you",
    "how to", "how would you", "help me", "tell me how", "tell me how to", "show me how", "teach me",
    "i want to", "i wanna", "i need to", "i'm going to", "i am going to", "i plan to", "i'm planning to",
    "what's the best way", "what is the best way", "best way to", "easiest way", "what are some ways",
    "ways to", "where can i", "where do i", "can you help", "give me", "can you find", "can you locate",
    "can you get", "can you tell me how", "is it possible to", "should i", "what should i", "what can i",
    "can i", "could i", "i'd like to", "i would like to", "write me", "write a", "make me", "explain how",
    "steps to", "instructions for", "recipe for", "guide to", "i want you to", "tell me", "can you provide",
    "provide me", "can you give me",
  ]

  /// Words for minors; with a ``sexual`` term in the same turn the prompt scores 1.
  ///
  /// Rationale: sexual content with minors must always count as harm, whatever the framing.
  /// Ages count through ``ages``. Blind spots: sex-education questions about children ("how do I talk to my kids about
  /// sex") are flagged; family words (son, daughter) are left out for that reason.
  static let minors: [String] = [
    "child", "children", "kid", "kids", "minor", "minors", "underage", "preteen", "toddler", "little girl",
    "little boy", "young girl", "young boy", "schoolgirl", "schoolboy", "teen", "teens",
  ]

  /// Age phrases: a minor term when the word before is an age under 18 ("a 12 year old",
  /// "fourteen years old"; "year-old" reads as two words).
  static let ages: [String] = ["year old", "years old", "yr old", "yrs old", "yo"]

  /// Ages under 18, in digits and words, for ``ages``.
  static let minorAges: [String] =
    (1...17).map(String.init) + [
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
      "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    ]

  /// Sexual terms, harmful only next to a minor term.
  static let sexual: [String] = [
    "sex", "sexual", "sexually", "porn", "pornography", "nude", "nudes", "naked", "erotic", "seduce", "fondle",
    "touch her", "touch him", "sleep with", "have sex", "make out", "lingerie", "genitals", "orgasm", "sexy",
    "hook up", "intercourse",
  ]

  /// Group nouns for the hate rule: with a ``derogation`` in the same turn the prompt scores 0.6.
  ///
  /// Rationale: hateful prompts usually pair a group with a demeaning claim ("why are
  /// <group> so lazy"); neither alone is harmful. Blind spots: slurs themselves are not
  /// listed (the lexicon avoids spelling them out), so slur-only prompts score only through
  /// `slur`/`racist`; dog whistles are missed.
  static let groups: [String] = [
    "black people", "blacks", "white people", "whites", "jews", "jewish people", "muslims", "muslim people",
    "mexicans", "immigrants", "gays", "gay people", "lesbians", "trans people", "transgender people", "asians",
    "asian people", "chinese people", "arabs", "women", "indians", "hispanics", "latinos", "africans",
    "christians", "atheists", "disabled people", "retards", "fat people", "old people", "poor people",
    "refugees", "foreigners", "minorities", "homosexuals", "asian men", "asian women", "black men", "black women",
    "white men", "mexican people", "native americans", "gay men",
  ]

  /// Demeaning words for the hate rule.
  static let derogation: [String] = [
    "stupid", "dumb", "lazy", "inferior", "dirty", "ugly", "criminals", "violent", "evil", "disgusting", "smell",
    "stink", "hate", "worse", "worst", "savages", "animals", "subhuman", "terrorists", "thugs", "go back",
    "idiots", "greedy", "cheap", "useless", "deport", "get rid of", "slit", "ruin", "ruining", "the problem with",
    "is it true that", "perverting", "perverts",
  ]

  /// Protective frames: the user wants to avoid, prevent, recognise or recover from a
  /// harm, so an intent frame does not raise the score ("how do I avoid scams", "how can I
  /// protect my kids from predators").
  ///
  /// Blind spot: a harmful request phrased protectively ("how do I avoid getting caught")
  /// still gets the severe weight of "getting caught"-style phrases but no intent bonus.
  static let protective: [String] = [
    "avoid", "prevent", "protect", "protecting", "recognize", "recognise", "report", "stop", "spot", "detect",
    "safe from", "deal with", "recover from", "treat", "treatment", "cope", "survive", "defend", "victim",
    "identify", "warning signs", "keep safe", "keep my", "safely",
  ]
}
