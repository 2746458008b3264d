import DatasetIO
import PreferenceModel

/// A reward model's scores of the pairs of a dataset, read from a JSON Lines side-car.
///
/// Each line is one JSON object for one pair:
///
/// ```json
/// {"id": "test.jsonl.gz:12", "score_chosen": 1.25, "score_rejected": -0.5}
/// {"index": 11, "chosen_score": 1.25, "rejected_score": -0.5}
/// {"id": "train.jsonl:40#2", "margin": 1.75}
/// ```
///
/// - The pair is named by `id`, prefaudit's pair id (`RecordID.description`: `file:line`,
///   `file[member]:line`, with `#k` for the later pairs of a record — the ids `audit --pairs` and
///   `apply`'s side-cars write, with the data files spelled as on the command line), or by
///   `index`, the 0-based pair index in reading order. With both, they must name the same pair.
/// - The scores are `score_chosen` and `score_rejected` (or `chosen_score` and
///   `rejected_score`), or one `margin` = score(chosen) − score(rejected); a line with both the
///   scores and a margin must agree on the margin.
/// - Scores are finite numbers. Other keys are ignored; blank lines are skipped.
///
/// The file may be compressed (gzip, zstd, xz, bzip2) but not an archive of several files.
/// Every problem is a ``RewardScoresError`` naming the side-car's `file:line`.
public struct RewardScores: Sendable {
  /// How a side-car line names its pair.
  public enum PairKey: Sendable, Hashable, CustomStringConvertible {
    /// prefaudit's pair id (`file:line`, `file[member]:line`, `…#k`).
    case id(String)
    /// The 0-based pair index in reading order.
    case index(Int)

    public var description: String {
      switch self {
      case .id(let id): "id \"\(id)\""
      case .index(let index): "index \(index)"
      }
    }
  }

  /// One line of the side-car.
  public struct Entry: Sendable, Hashable {
    /// The pair the line scores.
    public var pair: PairKey
    /// The pair index the line also gives, when it names the pair by id and index.
    public var index: Int?
    /// score(chosen) − score(rejected).
    public var margin: Double
    /// The 1-based line in the side-car.
    public var line: Int
  }

  /// The side-car file as given.
  public let path: String
  /// The lines that score a pair, in file order.
  public let entries: [Entry]

  /// The keys that may hold the chosen answer's score.
  public static let chosenKeys = ["score_chosen", "chosen_score"]
  /// The keys that may hold the rejected answer's score.
  public static let rejectedKeys = ["score_rejected", "rejected_score"]

  /// Reads the side-car at `path` (plain or compressed).
  ///
  /// - Throws: ``RewardScoresError`` when the file cannot be read or a line is bad (duplicate
  ///   ids and indices included).
  public init(contentsOf path: String, limits: DecompressionLimits = .default) throws(RewardScoresError) {
    var parser = LineParser(path: path)
    do {
      let container = try ContainerReader(path: path, limits: limits)
      guard !container.kind.isArchive else {
        throw RewardScoresError(
          file: path, message: "the scores must be one JSON Lines file (plain or compressed), not an archive")
      }
      try container.read(
        member: { _ in true },
        chunk: { chunk in try parser.take(chunk) },
        endMember: { _ in })
      try parser.finish()
    } catch let error as RewardScoresError {
      throw error
    } catch {
      throw RewardScoresError(file: path, message: "cannot read the scores: \(error)")
    }
    self.path = path
    entries = parser.entries
  }

  /// Parses side-car text already in memory.
  ///
  /// - Parameters:
  ///   - bytes: The UTF-8 JSON Lines text.
  ///   - path: The name errors give the text.
  /// - Throws: ``RewardScoresError`` on a bad line.
  public init(parsing bytes: [UInt8], path: String) throws(RewardScoresError) {
    var parser = LineParser(path: path)
    let read: Result<Void, RewardScoresError> = bytes.withUnsafeBytes { buffer in
      do throws(RewardScoresError) {
        try parser.take(buffer)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try read.get()
    try parser.finish()
    self.path = path
    entries = parser.entries
  }

  /// Reads one side-car line: nil for a blank line.
  static func entry(_ bytes: ArraySlice<UInt8>, line: Int, path: String) throws(RewardScoresError) -> Entry? {
    var bytes = bytes
    if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    if bytes.last == 0x0D { bytes = bytes.dropLast() }
    guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return nil }
    func fail(_ message: String) -> RewardScoresError { RewardScoresError(file: path, line: line, message: message) }
    let value: JSONValue
    do {
      value = try JSONValue.parse(Array(bytes))
    } catch {
      throw fail("not valid JSON: \(error.message) (column \(error.column))")
    }
    guard value.objectMembers != nil else {
      throw fail("expected a JSON object like {\"id\": \"FILE:LINE\", \"score_chosen\": 1.5, \"score_rejected\": 0.2}, found \(value.typeName)")
    }

    var index: Int?
    if let raw = value["index"] {
      guard case .number(let number) = raw, let parsed = number.intValue ?? Self.integral(number.doubleValue), parsed >= 0
      else { throw fail("\"index\" must be a whole number ≥ 0 (the 0-based pair index), found \(Self.spelling(raw))") }
      index = parsed
    }
    var pair: PairKey
    if let raw = value["id"] {
      guard let id = raw.stringValue, !id.isEmpty else {
        throw fail("\"id\" must be a pair id string like \"data.jsonl:12\", found \(Self.spelling(raw))")
      }
      pair = .id(id)
    } else if let index {
      pair = .index(index)
    } else {
      throw fail("no pair: give \"id\" (a pair id like \"data.jsonl:12\", as `prefaudit audit --pairs` writes) or \"index\" (0-based)")
    }

    func score(_ keys: [String]) throws(RewardScoresError) -> Double? {
      let present = keys.filter { value[$0] != nil }
      guard let key = present.first else { return nil }
      guard present.count == 1 else { throw fail("both \"\(present[0])\" and \"\(present[1])\" are given: keep one") }
      return try number(key)
    }
    func number(_ key: String) throws(RewardScoresError) -> Double {
      let raw = value[key]!
      guard case .number(let number) = raw, let parsed = number.doubleValue else {
        throw fail("\"\(key)\" must be a number, found \(Self.spelling(raw)) (leave a pair out of the file to skip it)")
      }
      guard parsed.isFinite else { throw fail("\"\(key)\" is \(number.text): scores must be finite") }
      return parsed
    }
    let chosen = try score(Self.chosenKeys)
    let rejected = try score(Self.rejectedKeys)
    let stated = value["margin"] == nil ? nil : try number("margin")
    let margin: Double
    switch (chosen, rejected, stated) {
    case (let chosen?, let rejected?, let stated):
      margin = chosen - rejected
      guard margin.isFinite else { throw fail("score_chosen − score_rejected overflows") }
      if let stated, abs(stated - margin) > 1e-9 * Swift.max(1, abs(margin)) {
        throw fail("\"margin\" \(stated) is not score_chosen − score_rejected = \(margin): give one or the other")
      }
    case (nil, nil, let stated?):
      margin = stated
    case (nil, nil, nil):
      throw fail("no score: give \"score_chosen\" and \"score_rejected\" (or \"chosen_score\" and \"rejected_score\"), or \"margin\"")
    case (nil, _, _):
      throw fail("\"score_rejected\" is given without \"score_chosen\"")
    case (_, nil, _):
      throw fail("\"score_chosen\" is given without \"score_rejected\"")
    }
    return Entry(pair: pair, index: index, margin: margin, line: line)
  }

  /// `value` as an Int when it is a whole number that fits.
  private static func integral(_ value: Double?) -> Int? {
    guard let value, value.isFinite, value.rounded() == value, abs(value) < 9e15 else { return nil }
    return Int(value)
  }

  /// A short spelling of a JSON value for error messages.
  static func spelling(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): "the string \"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
    case .number(let number): number.text
    default: value.typeName
    }
  }

  /// Cuts chunks into lines and reads each, checking for duplicates as it goes.
  struct LineParser {
    let path: String
    var entries: [Entry] = []
    var line = 1
    var pending: [UInt8] = []
    var ids: [String: Int] = [:]
    var indices: [Int: Int] = [:]

    init(path: String) { self.path = path }

    mutating func take(_ chunk: UnsafeRawBufferPointer) throws(RewardScoresError) {
      var start = 0
      while let offset = chunk[start...].firstIndex(of: 0x0A) {
        if pending.isEmpty {
          try add(Array(chunk[start..<offset])[...])
        } else {
          pending.append(contentsOf: chunk[start..<offset])
          let bytes = pending
          pending.removeAll(keepingCapacity: true)
          try add(bytes[...])
        }
        start = offset + 1
      }
      pending.append(contentsOf: chunk[start...])
    }

    mutating func finish() throws(RewardScoresError) {
      if !pending.isEmpty {
        let bytes = pending
        pending = []
        try add(bytes[...])
      }
    }

    private mutating func add(_ bytes: ArraySlice<UInt8>) throws(RewardScoresError) {
      defer { line += 1 }
      guard let entry = try RewardScores.entry(bytes, line: line, path: path) else { return }
      switch entry.pair {
      case .id(let id):
        if let first = ids[id] {
          throw RewardScoresError(file: path, line: line, message: "duplicate id \"\(id)\" (first on line \(first))")
        }
        ids[id] = line
      case .index(let index):
        if let first = indices[index] {
          throw RewardScoresError(file: path, line: line, message: "duplicate index \(index) (first on line \(first))")
        }
        indices[index] = line
      }
      entries.append(entry)
    }
  }
}

/// A side-car of reward-model scores cannot be used; the message names the file and line.
public struct RewardScoresError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The side-car, or nil when the problem is with the data's own scores.
  public var file: String?
  /// The 1-based line, when the problem is on one line.
  public var line: Int?
  /// What is wrong and what to do.
  public var message: String

  /// Creates an error.
  public init(file: String? = nil, line: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message`, `file: message` or the message alone.
  public var description: String {
    switch (file, line) {
    case (let file?, let line?): "\(file):\(line): \(message)"
    case (let file?, nil): "\(file): \(message)"
    default: message
    }
  }
}
