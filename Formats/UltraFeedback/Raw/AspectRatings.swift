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
  init(_ value: JSONValue?, path: String) throws(RecordError) {
    guard let value, !value.isNull else { return }
    guard case .object(let aspects) = value else {
      throw RecordError.wrongType(path, value, expected: "an object of aspect ratings")
    }
    for aspect in aspects {
      let aspectPath = "\(path).\(aspect.key)"
      var entries: [(JSONValue, String)] = []
      switch aspect.value {
      case .null:
        continue
      case .object:
        entries = [(aspect.value, aspectPath)]
      case .array(let list):
        entries = list.enumerated().map { ($1, "\(aspectPath)[\($0)]") }
      default:
        throw RecordError.wrongType(
          aspectPath, aspect.value, expected: "an object {Rating, Rationale, ...} or a list of them")
      }
      var values: [Double] = []
      for (entry, entryPath) in entries {
        guard case .object = entry else {
          throw RecordError.wrongType(entryPath, entry, expected: "an object {Rating, Rationale, ...}")
        }
        let ratingValue = entry["Rating"] ?? entry["rating"]
        guard let rating = try Self.rating(ratingValue, path: "\(entryPath).Rating") else { continue }
        if !Self.validRange.contains(rating) {
          anomalies.append(
            Anomaly(
              "rating-out-of-range",
              "\(entryPath).Rating is \(Self.spelling(of: ratingValue)), outside 1–5 (kept)"))
        }
        values.append(rating)
      }
      if values.count > 1 {
        anomalies.append(
          Anomaly("multiple-annotations", "\(aspectPath) holds \(values.count) ratings; their mean is used"))
      }
      if !values.isEmpty {
        ratings[aspect.key] = values.reduce(0, +) / Double(values.count)
      }
    }
  }

  /// Reads one `Rating`: a numeric string, a number, or `"N/A"`/empty/`null` for "not rated".
  static func rating(_ value: JSONValue?, path: String) throws(RecordError) -> Double? {
    switch value {
    case nil, .null?:
      return nil
    case .number(let number)?:
      return number.doubleValue
    case .string(let text)?:
      let trimmed = trimmed(text)
      let upper = trimmed.uppercased()
      if trimmed.isEmpty || upper == "N/A" || upper == "NA" { return nil }
      guard let rating = Double(trimmed), rating.isFinite else {
        throw RecordError("\"\(path)\" is \"\(text)\", expected \"1\"–\"5\" or \"N/A\"")
      }
      return rating
    case let other?:
      throw RecordError.wrongType(path, other, expected: "a string \"1\"–\"5\" or \"N/A\"")
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
