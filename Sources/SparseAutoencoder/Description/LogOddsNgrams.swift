#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The word n-grams most over-represented in one set of texts against another, by the log-odds
/// ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words").
///
/// For a term w with counts y_h in the high texts (n_h terms of its order in all) and y_r in the
/// rest (n_r), and prior α_w = α₀ · (y_h + y_r) / (n_h + n_r):
///
/// δ_w = log((y_h + α_w) / (n_h + α₀ − y_h − α_w)) − log((y_r + α_w) / (n_r + α₀ − y_r − α_w)),
/// σ²_w ≈ 1 / (y_h + α_w) + 1 / (y_r + α_w), z_w = δ_w / σ_w.
///
/// The pooled counts of both sides act as the background corpus; α₀ defaults to their total, so
/// the prior weighs as much as the data and rare terms are shrunk toward "no difference".
/// Unigrams and bigrams are scored separately (each against the totals of its own order) and
/// merged by z. Tokens are lower-cased runs of letters and digits, with apostrophes inside a
/// word kept (`don't`); bigrams never span two texts.
///
/// ```swift
/// let terms = LogOddsNgrams().overRepresented(high: refusals, rest: others)
/// print(terms.first?.text ?? "")   // e.g. "i can't"
/// ```
public struct LogOddsNgrams: Sendable, Hashable {
  /// One scored term.
  public struct Term: Sendable, Hashable {
    /// The n-gram, words joined by single spaces.
    public var text: String
    /// Its number of words (1 or 2).
    public var order: Int
    /// Occurrences in the high texts.
    public var highCount: Int
    /// Occurrences in the other texts.
    public var restCount: Int
    /// δ_w, the log-odds ratio with the prior.
    public var logOddsRatio: Double
    /// z_w = δ_w / σ_w.
    public var zScore: Double
  }

  /// The longest n-gram scored (1 = words only, 2 = words and bigrams).
  public var maximumOrder: Int
  /// Terms seen fewer times than this over both sides are skipped.
  public var minimumCount: Int
  /// α₀; `nil` means the pooled count of the term's order.
  public var priorStrength: Double?
  /// Count each term at most once per text (presence) instead of every occurrence.
  public var countsOncePerText: Bool
  /// The most terms returned.
  public var limit: Int

  /// Creates a scorer.
  ///
  /// - Parameters:
  ///   - maximumOrder: 1 or more (default 2).
  ///   - minimumCount: Pooled occurrences a term needs (default 3).
  ///   - priorStrength: α₀, or `nil` for the pooled total.
  ///   - countsOncePerText: Presence instead of frequency.
  ///   - limit: The most terms returned (default 20).
  public init(
    maximumOrder: Int = 2, minimumCount: Int = 3, priorStrength: Double? = nil, countsOncePerText: Bool = false,
    limit: Int = 20
  ) {
    self.maximumOrder = Swift.max(1, maximumOrder)
    self.minimumCount = Swift.max(1, minimumCount)
    self.priorStrength = priorStrength
    self.countsOncePerText = countsOncePerText
    self.limit = Swift.max(0, limit)
  }

  /// The terms over-represented in `high` (z > 0), largest z first (ties by text).
  ///
  /// - Parameters:
  ///   - high: The texts on the latent's high side.
  ///   - rest: The other texts.
  /// - Returns: At most ``limit`` terms.
  public func overRepresented(high: [String], rest: [String]) -> [Term] {
    let highTokens = high.map(Self.words(in:))
    let restTokens = rest.map(Self.words(in:))
    var terms: [Term] = []
    for order in 1...maximumOrder {
      let (highCounts, highTotal) = counts(highTokens, order: order)
      let (restCounts, restTotal) = counts(restTokens, order: order)
      let pooledTotal = Double(highTotal + restTotal)
      guard highTotal > 0, restTotal > 0 else { continue }
      let alpha0 = priorStrength ?? pooledTotal
      for (text, yHigh) in highCounts {
        let yRest = restCounts[text] ?? 0
        guard yHigh + yRest >= minimumCount else { continue }
        let alpha = alpha0 * Double(yHigh + yRest) / pooledTotal
        let h = Double(yHigh) + alpha
        let r = Double(yRest) + alpha
        let delta = log(h / (Double(highTotal) + alpha0 - h)) - log(r / (Double(restTotal) + alpha0 - r))
        let z = delta / (1 / h + 1 / r).squareRoot()
        guard z > 0 else { continue }
        terms.append(Term(text: text, order: order, highCount: yHigh, restCount: yRest, logOddsRatio: delta, zScore: z))
      }
    }
    terms.sort { $0.zScore != $1.zScore ? $0.zScore > $1.zScore : $0.text < $1.text }
    return Array(terms.prefix(limit))
  }

  /// Counts the n-grams of one order over texts; returns the counts and their total.
  func counts(_ texts: [[String]], order: Int) -> ([String: Int], Int) {
    var result: [String: Int] = [:]
    var total = 0
    for words in texts where words.count >= order {
      var seen = Set<String>()
      for start in 0...(words.count - order) {
        let term = words[start..<(start + order)].joined(separator: " ")
        if countsOncePerText {
          guard seen.insert(term).inserted else { continue }
        }
        result[term, default: 0] += 1
        total += 1
      }
    }
    return (result, total)
  }

  /// The lower-cased words of `text`: runs of letters and digits, with inner apostrophes kept.
  ///
  /// - Parameter text: Any text.
  /// - Returns: The words in order.
  public static func words(in text: String) -> [String] {
    var words: [String] = []
    var current = String.UnicodeScalarView()
    var pendingApostrophe = false
    func flush() {
      if !current.isEmpty { words.append(String(current)) }
      current = String.UnicodeScalarView()
      pendingApostrophe = false
    }
    for scalar in text.lowercased().unicodeScalars {
      if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        if pendingApostrophe {
          current.append("'")
          pendingApostrophe = false
        }
        current.append(scalar)
      } else if (scalar == "'" || scalar == "\u{2019}") && !current.isEmpty && !pendingApostrophe {
        pendingApostrophe = true
      } else {
        flush()
      }
    }
    flush()
    return words
  }
}
