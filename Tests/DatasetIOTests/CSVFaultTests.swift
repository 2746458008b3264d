import Foundation
import PreferenceModel
import Testing
import TestSupport

@testable import DatasetIO

/// Faulty and unusual CSV files, end to end: reading, `convert --to same` and `--to trl`.
///
/// Every case keeps the dataset's promises: each fault is named with its file and line,
/// no record is lost (`read == kept + rejected`, rejected rows keep their bytes), and a
/// file written back in its own format is byte-identical apart from the rejected rows.
/// The samples are Examples/csv (../shared/data holds no CSV file) and small
/// constructed files.
@Suite("CSV faults")
struct CSVFaultTests {
  // MARK: Samples

  /// `Examples/csv/arena_sample.csv`: LF rows, one row per line, 7 pairs and 3 ties.
  static func arena() throws -> [UInt8] {
    try Fixtures.decompressedBytes(of: Fixtures.example("csv/arena_sample.csv"))
  }

  /// `Examples/csv/orca_dpo_pairs_sample.csv`: CRLF rows, LF line breaks inside quoted cells.
  static func orca() throws -> [UInt8] {
    try Fixtures.decompressedBytes(of: Fixtures.example("csv/orca_dpo_pairs_sample.csv"))
  }

  /// The header and data rows of the arena sample, without their LF terminators.
  static func arenaLines() throws -> [[UInt8]] {
    var lines = try arena().split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    #expect(lines.last == [])  // the file ends in LF
    lines.removeLast()
    #expect(lines.count == 11)
    return lines
  }

  /// The header and rows of the orca sample, split on the CRLF that ends each row.
  static func orcaRows() throws -> [[UInt8]] {
    let bytes = try orca()
    var rows: [[UInt8]] = []
    var start = 0
    var i = 0
    while i + 1 < bytes.count {
      if bytes[i] == 0x0D && bytes[i + 1] == 0x0A {
        rows.append(Array(bytes[start..<i]))
        start = i + 2
        i += 2
      } else {
        i += 1
      }
    }
    #expect(start == bytes.count)  // the file ends in CRLF
    #expect(rows.count == 11)
    return rows
  }

  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// `lines`, each followed by LF.
  static func joined(_ lines: [[UInt8]]) -> [UInt8] {
    var bytes: [UInt8] = []
    for line in lines { bytes += line + [0x0A] }
    return bytes
  }

  // MARK: Checks

  /// The counts add up, every unit reached the visitor, and zero-pair units are counted as such.
  static func checkCounts(_ c: Collector) {
    let s = c.summary.summary
    #expect(s.read == s.kept + s.rejected)
    #expect(s.read == c.units.count)
    #expect(s.rejected == c.rejected.count)
    #expect(s.noPair == c.units.filter { $0.rejectionReason == nil && $0.records.isEmpty }.count)
    #expect(s.pairs == c.units.reduce(0) { $0 + $1.records.count })
    #expect(s.members.reduce(0) { $0 + $1.noPair } == s.noPair)
  }

  /// The member's bytes rebuilt from its leading bytes and every unit, kept or rejected:
  /// nothing read is dropped.
  static func reassembled(_ c: Collector) throws -> [UInt8] {
    let layout = try #require(c.layouts.first)
    return layout.leading + c.units.flatMap { $0.bytes + $0.trailing }
  }

  /// `convert --to same` into a new folder; the one output file's bytes.
  static func same(_ path: String) throws -> (collector: Collector, bytes: [UInt8]) {
    let out = try Fixtures.temporaryDirectory().path
    let (collector, written) = try convert([path], to: .directory(out))
    #expect(written.count == 1)
    let file = try #require(written.first)
    #expect(file.path.hasSuffix(".csv"))
    return (collector, try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path))))
  }

  /// `convert --to trl` into a new folder; the output's JSON lines.
  static func trl(_ path: String, options: ReadOptions = ReadOptions()) throws
    -> (collector: Collector, written: WrittenFile, lines: [JSONValue])
  {
    let out = try Fixtures.temporaryDirectory().path
    let (collector, written) = try convert([path], to: .directory(out), format: "trl", options: options)
    let file = try #require(written.first)
    #expect(file.path.hasSuffix(".jsonl"))
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path)))
    let lines = try bytes.split(separator: 0x0A).map { try JSONValue.parse(Array($0)) }
    #expect(lines.count == file.records)
    return (collector, file, lines)
  }

  /// The rejects file of reading `path`, one parsed JSON object per rejected record.
  static func rejectsFile(of path: String) throws -> [JSONValue] {
    let rejectsPath = try Fixtures.temporaryDirectory().appendingPathComponent("rejects.jsonl").path
    var rejects = RejectsWriter(path: rejectsPath)
    try DatasetReader(inputs: [path]).read(into: &rejects)
    try rejects.commit()
    guard FileManager.default.fileExists(atPath: rejectsPath) else { return [] }
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: rejectsPath)))
    return try bytes.split(separator: 0x0A).map { try JSONValue.parse(Array($0)) }
  }

  /// The original bytes a rejects-file line holds (`original` text or `originalBase64`).
  static func originalBytes(_ line: JSONValue) -> [UInt8]? {
    if let text = line["original"]?.stringValue { return Array(text.utf8) }
    if let base64 = line["originalBase64"]?.stringValue, let data = Data(base64Encoded: base64) {
      return [UInt8](data)
    }
    return nil
  }

  /// The chosen texts of a collector's pairs, in order (for comparing two readings).
  static func chosenTexts(_ c: Collector) -> [String] {
    c.units.flatMap(\.records).map(\.chosen.text)
  }

  // MARK: 1. Byte-order mark

  @Test("A UTF-8 BOM is not part of the first column name and is written back by --to same")
  func byteOrderMark() throws {
    for (name, original) in [("orca.csv", try Self.orca()), ("arena.csv", try Self.arena())] {
      let plain = try read([try temporaryFile(name, original)])
      let bytes = Self.byteOrderMark + original
      let path = try temporaryFile(name, bytes)
      let c = try read([path])
      Self.checkCounts(c)
      let layout = try #require(c.layouts.first)
      #expect(layout.format?.id == "csv")
      #expect(layout.variant == plain.layouts.first?.variant)
      #expect(layout.csvHeader == plain.layouts.first?.csvHeader)
      #expect(layout.csvHeader?.first?.unicodeScalars.first != "\u{FEFF}")
      #expect(layout.leading.starts(with: Self.byteOrderMark))
      #expect(c.summary.summary.kept == 10)
      #expect(c.summary.summary.rejected == 0)
      #expect(c.summary.summary.fields.keys.allSatisfy { !$0.hasPrefix("\u{FEFF}") })
      #expect(Self.chosenTexts(c) == Self.chosenTexts(plain))
      #expect(c.units.map(\.location.line) == plain.units.map(\.location.line))
      #expect(try Self.reassembled(c) == bytes)

      #expect(try Self.same(path).bytes == bytes)
      let converted = try Self.trl(path)
      #expect(converted.lines.count == c.summary.summary.pairs)
    }
    // The first column is a role (`system`) only when the BOM is not glued to its name.
    let orca = try read([try temporaryFile("orca.csv", Self.byteOrderMark + (try Self.orca()))])
    #expect(orca.layouts.first?.csvHeader?.first == "system")
    #expect(orca.units.first?.records.first?.prompt.first?.role == .system)
  }

  @Test("A BOM-only file and a BOM before a header-only file keep their bytes")
  func byteOrderMarkWithoutRows() throws {
    for bytes in [Self.byteOrderMark, Self.byteOrderMark + Array("prompt,chosen,rejected\r\n".utf8)] {
      let path = try temporaryFile("short.csv", bytes)
      let c = try read([path])
      #expect(c.summary.summary.read == 0)
      #expect(c.summary.summary.problems.isEmpty)
      #expect(try Self.same(path).bytes == bytes)
    }
  }

  // MARK: 2. Blank lines

  @Test("Blank and whitespace-only lines are layout: not records, not rejected, kept by --to same")
  func blankLines() throws {
    let lines = try Self.arenaLines()
    var bytes = Array("\n \t\n".utf8) + lines[0] + [0x0A]  // blank lines before the header
    for (k, line) in lines.dropFirst().enumerated() {
      bytes += line + [0x0A]
      switch k % 4 {
      case 0: bytes += [0x0A]
      case 1: bytes += Array("   \n\t\n".utf8)
      case 2: bytes += Array(" \r\n\r\n".utf8)
      default: break
      }
    }
    bytes += Array("\n  \n \t ".utf8)  // blank lines at the end, the last one unterminated
    let path = try temporaryFile("blank.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    let s = c.summary.summary
    #expect(s.read == 10)
    #expect(s.kept == 10)
    #expect(s.rejected == 0)
    #expect(s.problems.isEmpty)
    #expect(c.layouts.first?.variant == "arena")
    #expect(try Self.reassembled(c) == bytes)
    // Line numbers count the blank lines.
    #expect(c.units.first?.location.line == 4)
    #expect(c.units.map(\.location.line) == [4, 6, 9, 12, 13, 15, 18, 21, 22, 24])

    #expect(try Self.same(path).bytes == bytes)
    let converted = try Self.trl(path)
    let plain = try Self.trl(try temporaryFile("arena.csv", try Self.arena()))
    #expect(converted.lines == plain.lines)
  }

  @Test("Blank lines between CRLF rows with multi-line cells round-trip")
  func blankLinesCRLF() throws {
    let rows = try Self.orcaRows()
    var bytes: [UInt8] = []
    for (k, row) in rows.enumerated() {
      bytes += row + [0x0D, 0x0A]
      if k % 3 == 1 { bytes += Array("\r\n  \r\n".utf8) }
    }
    let path = try temporaryFile("orca-blank.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    #expect(c.summary.summary.kept == 10)
    #expect(c.summary.summary.rejected == 0)
    #expect(try Self.same(path).bytes == bytes)
    #expect(Self.chosenTexts(c) == Self.chosenTexts(try read([try temporaryFile("orca.csv", try Self.orca())])))
  }

  // MARK: 3. Invalid UTF-8

  @Test("A row with invalid UTF-8 is rejected with file, line and reason, in base64; the next rows are read")
  func invalidUTF8() throws {
    var lines = try Self.arenaLines()
    // Line 4 (id 65089, a two-turn pair): a stray 0xFF 0xFE inside the prompt cell.
    let good = lines[3]
    let at = try #require(good.firstIndex(of: UInt8(ascii: "[")))
    lines[3] = Array(good[...at]) + [0xFF, 0xFE] + Array(good[(at + 1)...])
    let bytes = Self.joined(lines)
    let path = try temporaryFile("bad-utf8.csv", bytes)

    let c = try read([path])
    Self.checkCounts(c)
    let s = c.summary.summary
    #expect(s.read == 10)
    #expect(s.kept == 9)
    #expect(s.rejected == 1)
    #expect(s.pairs == 6)
    #expect(s.noPair == 3)
    #expect(s.problems.isEmpty)
    let bad = try #require(c.rejected.first)
    #expect(bad.location.file == path)
    #expect(bad.location.line == 4)
    #expect(bad.bytes == lines[3])
    #expect(bad.rejectionReason?.contains("invalid UTF-8") == true)
    #expect(bad.rejectionReason?.contains("column 4") == true)
    #expect(bad.rejectionReason?.contains("prompt") == true)
    #expect(c.units.map(\.location.line) == Array(2...11))
    #expect(try Self.reassembled(c) == bytes)

    let rejects = try Self.rejectsFile(of: path)
    #expect(rejects.count == 1)
    let line = try #require(rejects.first)
    #expect(line["file"]?.stringValue == path)
    #expect(line["line"]?.doubleValue == 4)
    #expect(line["reason"]?.stringValue?.contains("UTF-8") == true)
    #expect(line["original"] == nil)
    #expect(Self.originalBytes(line) == lines[3])

    var expected = lines
    expected.remove(at: 3)
    #expect(try Self.same(path).bytes == Self.joined(expected))
    let converted = try Self.trl(path)
    #expect(converted.lines.count == 6)
    #expect(converted.collector.summary.summary.rejected == 1)
  }

  @Test("Invalid UTF-8 deep inside a big file does not end the file: every later row is read")
  func invalidUTF8AcrossChunks() throws {
    let lines = try Self.arenaLines()
    let rows = Array(lines.dropFirst())
    // About 3 MB, so the file is read in several chunks and batches.
    let copies = 1_200
    var body: [[UInt8]] = []
    for _ in 0..<copies { body += rows }
    body[1] = body[1] + [0xC3]  // a truncated two-byte sequence at the end of the row (line 3)
    let last = body.count - 1
    body[last] = [0xE0, 0x80] + body[last]  // an overlong form at the start of the last row
    var bytes = lines[0] + [0x0A]
    for (k, row) in body.enumerated() {
      bytes += row
      if k < last { bytes += [0x0A] }  // the last row has no terminator
    }
    #expect(bytes.count > 3 << 20)
    let path = try temporaryFile("big.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    let s = c.summary.summary
    #expect(s.read == copies * 10)
    #expect(s.rejected == 2)
    #expect(s.kept == copies * 10 - 2)
    #expect(s.problems.isEmpty)
    #expect(c.rejected.map(\.location.line) == [3, copies * 10 + 1])
    #expect(c.rejected.allSatisfy { $0.rejectionReason?.contains("invalid UTF-8") == true })
    #expect(c.rejected.last?.rejectionReason?.contains("column 1") == true)
    #expect(try Self.reassembled(c) == bytes)
  }

  @Test("Invalid UTF-8 on a later line of a multi-line cell names that line")
  func invalidUTF8InMultilineCell() throws {
    // The row starts on line 2; its third cell starts on line 3.
    let bytes =
      Array("prompt,chosen,rejected\nq1,\"first line\nsecond line\",\"r".utf8) + [0xFF] + Array("1\"\nq2,c2,r2\n".utf8)
    let path = try temporaryFile("multiline.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    #expect(c.summary.summary.kept == 1)
    let bad = try #require(c.rejected.first)
    #expect(bad.location.line == 2)
    #expect(bad.rejectionReason == "invalid UTF-8 in column 3 (\"rejected\") on line 3")
    #expect(c.units.last?.location.line == 4)
    #expect(try Self.reassembled(c) == bytes)
  }

  @Test("A header with invalid UTF-8 rejects every row with the header's line; its bytes stay layout")
  func invalidUTF8InHeader() throws {
    let bytes = Array("prompt,cho".utf8) + [0xFF] + Array("sen,rejected\nq1,c1,r1\nq2,c2,r2\n".utf8)
    let path = try temporaryFile("bad-header.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    let s = c.summary.summary
    #expect(s.read == 2)
    #expect(s.rejected == 2)
    #expect(c.rejected.map(\.location.line) == [2, 3])
    #expect(c.rejected.allSatisfy { $0.rejectionReason?.contains("header (line 1) is not valid UTF-8") == true })
    #expect(s.problems.count == 1)  // the format could not be recognised
    #expect(s.problems.first?.file == path)
    #expect(try Self.reassembled(c) == bytes)
  }

  // MARK: 4. Unterminated quoted cell

  @Test("An unterminated quoted cell at the end: rejected with the line where the quote opened; rows before kept")
  func unterminatedQuote() throws {
    let arena = try Self.arena()
    let tail = Array("99999,model-x,model-y,\"[\"\"an unterminated prompt\nthat goes on\n".utf8)
    let bytes = arena + tail
    let path = try temporaryFile("open-quote.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    let s = c.summary.summary
    #expect(s.read == 11)
    #expect(s.kept == 10)
    #expect(s.pairs == 7)
    #expect(s.rejected == 1)
    let bad = try #require(c.rejected.first)
    #expect(bad.location.line == 12)
    #expect(bad.bytes == tail)
    let reason = try #require(bad.rejectionReason)
    #expect(reason.contains("unterminated quoted cell"))
    #expect(reason.contains("column 4 on line 12"))
    #expect(reason.contains("lines 12–13"))
    // Also a problem naming file and line: everything after the quote was swallowed.
    #expect(s.problems.count == 1)
    let problem = try #require(s.problems.first)
    #expect(problem.file == path)
    #expect(problem.line == 12)
    #expect(problem.description.hasPrefix("\(path):12: unterminated quoted cell"))
    #expect(try Self.reassembled(c) == bytes)

    let rejects = try Self.rejectsFile(of: path)
    #expect(rejects.count == 1)
    #expect(rejects.first.flatMap(Self.originalBytes) == tail)
    #expect(try Self.same(path).bytes == arena)
    #expect(try Self.trl(path).lines.count == 7)

    let failure = #expect(throws: StrictModeFailure.self) {
      _ = try read([path], options: ReadOptions(strict: true))
    }
    #expect(failure?.description.hasPrefix("\(path):12: unterminated quoted cell") == true)
  }

  @Test("An unterminated quote in an archive member does not stop the next member")
  func unterminatedQuoteInArchive() throws {
    let folder = try Fixtures.temporaryDirectory()
    let arena = try Self.arena()
    try Data(Array("prompt,chosen,rejected\nq1,c1,r1\nq2,\"c2 never closed,r2\n".utf8))
      .write(to: folder.appendingPathComponent("a.csv"))
    try Data(arena).write(to: folder.appendingPathComponent("b.csv"))
    try ContainerTesting.shell("zip -q -X both.zip a.csv b.csv", in: folder)
    let path = folder.appendingPathComponent("both.zip").path
    let c = try read([path])
    Self.checkCounts(c)
    #expect(c.layouts.map(\.member.name) == ["a.csv", "b.csv"])
    let s = c.summary.summary
    #expect(s.members.map(\.read) == [2, 10])
    #expect(s.rejected == 1)
    #expect(c.rejected.first?.location.member == "a.csv")
    #expect(c.rejected.first?.location.line == 3)
    #expect(s.problems.count == 1)
    #expect(s.problems.first?.member == "a.csv")
  }

  // MARK: 5. Ragged rows

  @Test("Rows with too few or too many cells are rejected with line and reason; the others are kept")
  func raggedRows() throws {
    var lines = try Self.arenaLines()
    let short = Array("1,2,3".utf8)
    let long = lines[5] + Array(",extra,\"cells\"".utf8)
    lines.insert(short, at: 3)
    lines[6] = long  // the same row, now on line 7, with two cells more
    let bytes = Self.joined(lines)
    let path = try temporaryFile("ragged.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    let s = c.summary.summary
    #expect(s.read == 11)
    #expect(s.rejected == 2)
    #expect(s.kept == 9)
    #expect(s.problems.isEmpty)
    #expect(c.layouts.first?.variant == "arena")
    let reasons = Dictionary(uniqueKeysWithValues: c.rejected.map { ($0.location.line, $0.rejectionReason ?? "") })
    #expect(reasons[4] == "row has 3 cells but the header has 9 columns")
    #expect(reasons[7] == "row has 11 cells but the header has 9 columns")
    #expect(try Self.reassembled(c) == bytes)

    let rejects = try Self.rejectsFile(of: path)
    #expect(rejects.map { $0["line"]?.doubleValue } == [4, 7])
    #expect(rejects.compactMap(Self.originalBytes) == [short, long])
    var expected = lines
    expected.remove(at: 6)
    expected.remove(at: 3)
    #expect(try Self.same(path).bytes == Self.joined(expected))
  }

  // MARK: 6. Ties

  @Test("Arena ties decode to no pair: counted as noPair, written back by --to same, not written as TRL pairs")
  func arenaTies() throws {
    let bytes = try Self.arena()
    let path = try temporaryFile("arena.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    let s = c.summary.summary
    #expect(s.read == 10)
    #expect(s.kept == 10)
    #expect(s.rejected == 0)
    #expect(s.pairs == 7)
    #expect(s.noPair == 3)
    #expect(s.members.first?.noPair == 3)
    let ties = c.units.filter { $0.rejectionReason == nil && $0.records.isEmpty }
    let tieIDs = ties.map { String(decoding: $0.bytes.prefix { $0 != UInt8(ascii: ",") }, as: UTF8.self) }
    #expect(tieIDs == ["53567", "198779", "370945"])

    let (sameCollector, same) = try Self.same(path)
    #expect(same == bytes)
    #expect(sameCollector.summary.summary.noPair == 3)

    let converted = try Self.trl(path)
    let summary = converted.collector.summary.summary
    #expect(converted.written.records == 7)
    #expect(converted.lines.count == 7)
    #expect(summary.read == summary.kept + summary.rejected)
    #expect(summary.kept - summary.noPair == 7)  // every kept record without a tie became one pair
    #expect(converted.lines.allSatisfy { !["53567", "198779", "370945"].contains($0["id"]?.stringValue ?? "") })
  }

  @Test("A single winner column with tie values: ties are counted, pairs follow the winner")
  func singleWinnerTies() throws {
    let text = """
      prompt,response_a,response_b,winner\r
      q1,alpha,beta,a\r
      q2,gamma,delta,tie\r
      q3,eps,zeta,model_b\r
      q4,eta,theta,Tie (bothbad)\r

      """
    let bytes = Array(text.utf8)
    let path = try temporaryFile("winner.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    #expect(c.layouts.first?.variant == "pairwise")
    let s = c.summary.summary
    #expect(s.read == 4 && s.kept == 4 && s.pairs == 2 && s.noPair == 2)
    #expect(Self.chosenTexts(c) == ["alpha", "zeta"])
    #expect(try Self.same(path).bytes == bytes)
    let converted = try Self.trl(path)
    #expect(converted.lines.map { $0["chosen"]?.stringValue } == ["alpha", "zeta"])
    #expect(converted.lines.map { $0["rejected"]?.stringValue } == ["beta", "eps"])
  }

  // MARK: 7. CRLF in a quoted cell, duplicate column names

  @Test("A quoted cell holding CRLF keeps it; line numbers count it; --to same is exact")
  func quotedCRLF() throws {
    let bytes = Array("prompt,chosen,rejected\r\n\"line1\r\nline2\",\"good\r\n\r\nanswer\",bad\r\nq2,c2,\"r\r\"\r\n".utf8)
    let path = try temporaryFile("crlf.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    #expect(c.summary.summary.kept == 2)
    #expect(c.units.map(\.location.line) == [2, 6])  // the first row spans lines 2–5
    let first = try #require(c.units.first?.records.first)
    #expect(first.lastUserTurn == "line1\r\nline2")
    #expect(first.chosen.text == "good\r\n\r\nanswer")
    #expect(c.units.last?.records.first?.rejected.text == "r\r")
    #expect(try Self.same(path).bytes == bytes)
    let converted = try Self.trl(path)
    #expect(converted.lines.first?["chosen"]?.stringValue == "good\r\n\r\nanswer")
    #expect(converted.lines.last?["rejected"]?.stringValue == "r\r")
  }

  @Test("Repeated column names are numbered like pandas (note, note.1): the first takes the role, --map picks another")
  func duplicateColumns() throws {
    let text = "prompt,chosen,rejected,note,note,chosen\nq1,c1,r1,x,y,c1-bis\nq2,c2,r2,a,b,c2-bis\n"
    let bytes = Array(text.utf8)
    let path = try temporaryFile("dup.csv", bytes)
    let c = try read([path])
    Self.checkCounts(c)
    #expect(c.summary.summary.kept == 2)
    #expect(c.layouts.first?.csvHeader == ["prompt", "chosen", "rejected", "note", "note", "chosen"])
    let first = try #require(c.units.first?.records.first)
    #expect(first.chosen.text == "c1")
    #expect(first.metadata.keys == ["note", "note.1", "chosen.1"])
    #expect(first.metadata["note"]?.stringValue == "x")
    #expect(first.metadata["note.1"]?.stringValue == "y")
    #expect(first.metadata["chosen.1"]?.stringValue == "c1-bis")
    #expect(try Self.same(path).bytes == bytes)
    let converted = try Self.trl(path)
    #expect(converted.lines.map { $0["note.1"]?.stringValue } == ["y", "b"])
    #expect(converted.lines.map { $0["chosen"]?.stringValue } == ["c1", "c2"])

    var options = ReadOptions()
    options.formatOptions.fieldMap = ["chosen": "chosen.1"]
    let mapped = try read([path], options: options)
    Self.checkCounts(mapped)
    #expect(Self.chosenTexts(mapped) == ["c1-bis", "c2-bis"])
    #expect(mapped.units.first?.records.first?.metadata["chosen"]?.stringValue == "c1")
  }

  // MARK: Archives

  @Test("CSV members of a .zip and a .tar.gz come back byte-exact with --to same", arguments: ["zip", "tar.gz"])
  func archives(_ kind: String) throws {
    let folder = try Fixtures.temporaryDirectory()
    let members: [(String, [UInt8])] = [
      ("arena.csv", try Self.arena()),
      ("bom/orca.csv", Self.byteOrderMark + (try Self.orca())),
      ("blank.csv", Array("prompt,chosen,rejected\n\nq,\"c\r\nc\",r\n  \nq2,c2,r2\n\n".utf8)),
      ("dup.csv", Array("prompt,chosen,rejected,note,note\r\nq,c,r,x,y".utf8)),
    ]
    let staging = folder.appendingPathComponent("src")
    for (name, bytes) in members {
      try ContainerTesting.write(bytes, to: name, in: staging)
    }
    let names = members.map(\.0).joined(separator: " ")
    let archive = folder.appendingPathComponent("data.\(kind)").path
    try ContainerTesting.shell(
      kind == "zip" ? "zip -q -X '\(archive)' \(names)" : "tar -czf '\(archive)' \(names)", in: staging)

    let out = folder.appendingPathComponent("out").path
    let (collector, written) = try convert([archive], to: .directory(out))
    let s = collector.summary.summary
    #expect(s.read == s.kept + s.rejected)
    #expect(s.rejected == 0)
    #expect(s.problems.isEmpty)
    #expect(s.members.map(\.read) == [10, 10, 2, 1])
    #expect(s.noPair == 3)
    #expect(written.count == 1)
    let copy = try decompressedMembers(try #require(written.first).path)
    #expect(copy.map(\.name) == members.map(\.0))
    for ((name, bytes), member) in zip(members, copy) {
      #expect(member.bytes == bytes, "\(name)")
    }
  }
}
