import PreferenceModel

/// The per-aspect ratings read from one raw completion's `annotations`.
///
/// Each aspect (`instruction_following`, `honesty`, `truthfulness`, `helpfulness`) is
/// either one object `{Rating, Rationale, ...}` (the Hub files) or a list of such objects
/// (the shape of the GitHub README's example). `Rating` is a string, `"1"`…`"5"` or
/// `"N/A"`; `"N/A"` means the aspect was not rated, not a rating of 0. A list with several
/// rated objects gives their mean. Ratings outside 1–5 are kept and reported.
struct AspectRatings {
  /// The usable rating of each aspect, keyed by the aspect's name as written.
  var ratings: [String: Double] = [:]
  /// Oddities: ratings out of range, aspects rated several times.
  var anomalies: [Anomaly] = []

  /// The range of a valid aspect rating.
  static let validRange = 1.0...5.0

  /// Reads `annotations` (absent or `null` gives no ratings).
  ///
  /// - Parameters:
  ///   - value: The `annotations` value.
  ///   - path: Its path for messages, such as `completions[1].annotations`.
  /// - Throws: ``RecordError`` when an aspect or a `Rating` has a type that cannot hold a rating.
  init(_ value: JSONValue?, path: @autoclosure () -> String) throws(RecordError) {
    guard let value, !value.isNull else { return }
    guard case .object(let aspects) = value else {
      throw RecordError.wrongType(path(), value, expected: "an object of aspect ratings")
    }
    for aspect in aspects {
      // Paths are only spelled out for errors and anomalies.
      func aspectPath() -> String { "\(path()).\(aspect.key)" }
      func entryPath(_ i: Int?) -> String { i.map { "\(aspectPath())[\($0)]" } ?? aspectPath() }
      let entries: [JSONValue]
      let isList: Bool
      switch aspect.value {
      case .null:
        continue
      case .object:
        entries = [aspect.value]
        isList = false
      case .array(let list):
        entries = list
        isList = true
      default:
        throw RecordError.wrongType(
          aspectPath(), aspect.value, expected: "an object {Rating, Rationale, ...} or a list of them")
      }
      var sum = 0.0
      var count = 0
      for (i, entry) in entries.enumerated() {
        guard case .object = entry else {
          throw RecordError.wrongType(
            entryPath(isList ? i : nil), entry, expected: "an object {Rating, Rationale, ...}")
        }
        let ratingValue = entry["Rating"] ?? entry["rating"]
        guard let rating = try Self.rating(ratingValue, path: "\(entryPath(isList ? i : nil)).Rating") else {
          continue
        }
        if !Self.validRange.contains(rating) {
          anomalies.append(
            Anomaly(
              "rating-out-of-range",
              "\(entryPath(isList ? i : nil)).Rating is \(Self.spelling(of: ratingValue)), outside 1–5 (kept)"))
        }
        sum += rating
        count += 1
      }
      if count > 1 {
        anomalies.append(
          Anomaly("multiple-annotations", "\(aspectPath()) holds \(count) ratings; their mean is used"))
      }
      if count > 0 {
        ratings[aspect.key] = sum / Double(count)
      }
    }
  }

  /// Reads one `Rating`: a numeric string, a number, or `"N/A"`/empty/`null` for "not rated".
  static func rating(_ value: JSONValue?, path: @autoclosure () -> String) throws(RecordError) -> Double? {
    switch value {
    case nil, .null?:
      return nil
    case .number(let number)?:
      return number.doubleValue
    case .string(let text)?:
      // Fast path: the usual single digit.
      var utf8 = text.utf8.makeIterator()
      if let first = utf8.next(), utf8.next() == nil, (0x30...0x39).contains(first) {
        return Double(first - 0x30)
      }
      if text == "N/A" { return nil }
      let trimmed = trimmed(text)
      let upper = trimmed.uppercased()
      if trimmed.isEmpty || upper == "N/A" || upper == "NA" { return nil }
      guard let rating = Double(trimmed), rating.isFinite else {
        throw RecordError("\"\(path())\" is \"\(text)\", expected \"1\"–\"5\" or \"N/A\"")
      }
      return rating
    case let other?:
      throw RecordError.wrongType(path(), other, expected: "a string \"1\"–\"5\" or \"N/A\"")
    }
  }

  private static func trimmed(_ text: String) -> Substring {
    let start = text.drop { $0.isWhitespace }
    var end = start.endIndex
    while end > start.startIndex, start[start.index(before: end)].isWhitespace {
      end = start.index(before: end)
    }
    return start[start.startIndex..<end]
  }

  private static func spelling(of value: JSONValue?) -> String {
    switch value {
    case .string(let text)?: return "\"\(text)\""
    case .number(let number)?: return number.text
    default: return "?"
    }
  }
}
