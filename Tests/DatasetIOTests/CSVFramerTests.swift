import DatasetIO
import Foundation
import TestSupport
import Testing

/// Rows and errors collected from one run of a ``CSVFramer``.
private struct FramedFile {
  var rows: [CSVFramedRow] = []
  var errors: [CSVFramingError] = []
  var sawByteOrderMark = false

  var fields: [[String]] { rows.map(\.fields) }

  /// The bytes the rows give back (BOM, then each row's bytes and terminator).
  var reassembled: [UInt8] {
    var out: [UInt8] = sawByteOrderMark ? [0xEF, 0xBB, 0xBF] : []
    for row in rows { out += row.bytes + row.terminator }
    return out
  }
}

/// Frames `bytes` cut into chunks of the given sizes (the last size repeats); framing
/// errors are collected and reading goes on, as the dataset layer does.
private func frame(_ bytes: [UInt8], chunkSizes: [Int] = [1 << 20], delimiter: UInt8 = 44) -> FramedFile {
  var framer = CSVFramer(delimiter: delimiter)
  var result = FramedFile()
  var offset = 0
  var k = 0
  while offset < bytes.count {
    let size = max(1, chunkSizes[min(k, chunkSizes.count - 1)])
    let end = min(bytes.count, offset + size)
    let chunk = Array(bytes[offset..<end])
    do {
      try chunk.withUnsafeBytes { try framer.consume($0) { result.rows.append($0) } }
    } catch let error as CSVFramingError {
      result.errors.append(error)
    } catch {
      Issue.record("unexpected error \(error)")
    }
    offset = end
    k += 1
  }
  // Keep finishing while rows with errors are pending (each call reads past one).
  for _ in 0..<100 {
    do {
      try framer.finish { result.rows.append($0) }
      break
    } catch let error as CSVFramingError {
      result.errors.append(error)
      if error.kind == .unterminatedQuote { break }
    } catch {
      Issue.record("unexpected error \(error)")
      break
    }
  }
  result.sawByteOrderMark = framer.sawByteOrderMark
  return result
}

private func frame(_ text: String, chunkSizes: [Int] = [1 << 20]) -> FramedFile {
  frame(Array(text.utf8), chunkSizes: chunkSizes)
}

/// Hand-made files that exercise every rule, with what Python's `csv.reader` returns for them
/// (`list(csv.reader(io.StringIO(text, newline="")))`, Python 3.11).
private let trickyFiles: [(name: String, text: String, python: [[String]])] = [
  ("plain LF", "a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
  ("CRLF and lone CR", "a,b\r\n1,2\r3,4\r\n", [["a", "b"], ["1", "2"], ["3", "4"]]),
  (
    "quoted delimiters, escapes and line breaks",
    "q,a\r\n\"Say \"\"hi\"\", then, leave\",\"line one\r\nline two\nline three\"\r\nx,\"\"\r\n",
    [["q", "a"], ["Say \"hi\", then, leave", "line one\r\nline two\nline three"], ["x", ""]]
  ),
  ("quote inside an unquoted cell", "ab\"c\"d,e\n", [["ab\"c\"d", "e"]]),
  ("text after a closing quote", "\"ab\"cd,\"x\" ,y\n", [["abcd", "x ", "y"]]),
  ("space before a quote", "a, \"b\",c\n", [["a", " \"b\"", "c"]]),
  ("blank lines", "a,b\n\n\r\nc,d\n\n", [["a", "b"], [], [], ["c", "d"], []]),
  ("empty cells", ",\n,,\na,\n\"\"\n", [["", ""], ["", "", ""], ["a", ""], [""]]),
  ("no final newline", "a,b\nc,\"d\ne\"", [["a", "b"], ["c", "d\ne"]]),
  ("unicode", "prompt,réponse\n\"日本語, 😀\",ünï\n", [["prompt", "réponse"], ["日本語, 😀", "ünï"]]),
]

@Suite("CSV framer")
struct CSVFramerTests {
  @Test("splits plain rows and numbers their lines")
  func plainRows() {
    let file = frame("id,prompt\n1,hello\n2,world\n")
    #expect(file.errors.isEmpty)
    #expect(file.fields == [["id", "prompt"], ["1", "hello"], ["2", "world"]])
    #expect(file.rows.map(\.line) == [1, 2, 3])
    #expect(file.rows.map(\.terminator) == [[0x0A], [0x0A], [0x0A]])
    #expect(file.rows[1].bytes == Array("1,hello".utf8))
  }

  @Test("keeps each row's terminator: LF, CRLF, lone CR, none at EOF")
  func terminators() {
    let file = frame("a\nb\r\nc\rd")
    #expect(file.fields == [["a"], ["b"], ["c"], ["d"]])
    #expect(file.rows.map(\.terminator) == [[0x0A], [0x0D, 0x0A], [0x0D], []])
    #expect(file.rows.map(\.line) == [1, 2, 3, 4])
    #expect(file.reassembled == Array("a\nb\r\nc\rd".utf8))
  }

  @Test("quoted cells hold delimiters, doubled quotes and line breaks; a multi-line row starts on its first line")
  func quotedCells() {
    let text = "system,question\r\n\"\",\"Line 1,\r\nLine \"\"2\"\"\r\n\r\nLine 4\"\r\nnext,row\r\n"
    let file = frame(text)
    #expect(file.errors.isEmpty)
    #expect(file.fields == [["system", "question"], ["", "Line 1,\r\nLine \"2\"\r\n\r\nLine 4"], ["next", "row"]])
    #expect(file.rows.map(\.line) == [1, 2, 6])
    #expect(file.rows[1].bytes == Array("\"\",\"Line 1,\r\nLine \"\"2\"\"\r\n\r\nLine 4\"".utf8))
    #expect(file.rows[1].terminator == [0x0D, 0x0A])
  }

  @Test("a lone CR inside a quoted cell counts as a line break")
  func loneCarriageReturnInQuotedCell() {
    let file = frame("\"a\rb\",c\nd\n")
    #expect(file.fields == [["a\rb", "c"], ["d"]])
    #expect(file.rows.map(\.line) == [1, 3])
  }

  @Test("quotes inside unquoted cells are literal; text after a closing quote joins the cell")
  func lenientQuotes() {
    let file = frame("ab\"c\"d,\"x\"y,\"q\" \n")
    #expect(file.fields == [["ab\"c\"d", "xy", "q "]])
  }

  @Test("blank lines are rows with no bytes and no fields")
  func blankLines() {
    let text = "a,b\n\n\r\n1,2\n\n"
    let file = frame(text)
    #expect(file.fields == [["a", "b"], [], [], ["1", "2"], []])
    #expect(file.rows.map(\.isBlank) == [false, true, true, false, true])
    #expect(file.rows.map(\.line) == [1, 2, 3, 4, 5])
    #expect(file.rows[2].terminator == [0x0D, 0x0A])
    #expect(file.reassembled == Array(text.utf8))
  }

  @Test("a quoted empty cell is one empty field, not a blank line")
  func quotedEmptyCell() {
    let file = frame("\"\"\n \n")
    #expect(file.fields == [[""], [" "]])
    #expect(file.rows.map(\.isBlank) == [false, false])
  }

  @Test("the last row without a terminator is emitted by finish")
  func missingFinalNewline() {
    let file = frame("a,b\nc,d")
    #expect(file.fields == [["a", "b"], ["c", "d"]])
    #expect(file.rows.last?.terminator == [])
    let trailingComma = frame("a,")
    #expect(trailingComma.fields == [["a", ""]])
  }

  @Test("an empty stream gives no rows")
  func emptyStream() {
    let file = frame([UInt8]())
    #expect(file.rows.isEmpty)
    #expect(file.errors.isEmpty)
    #expect(!file.sawByteOrderMark)
  }

  @Test("a UTF-8 BOM is reported and not part of the first row, even when split across chunks")
  func byteOrderMark() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("prompt,chosen\r\np,c\r\n".utf8)
    for size in [1, 2, 3, 4, 100] {
      let file = frame(bytes, chunkSizes: [size])
      #expect(file.sawByteOrderMark)
      #expect(file.fields == [["prompt", "chosen"], ["p", "c"]])
      #expect(file.rows[0].bytes == Array("prompt,chosen".utf8))
      #expect(file.reassembled == bytes)
    }
    // Only a BOM: no rows.
    let bomOnly = frame([0xEF, 0xBB, 0xBF])
    #expect(bomOnly.sawByteOrderMark)
    #expect(bomOnly.rows.isEmpty)
  }

  @Test("bytes that only start like a BOM belong to the first row")
  func partialByteOrderMark() {
    // EF BB followed by something else: not a BOM, and not UTF-8 either.
    let file = frame([0xEF, 0xBB, 0x41, 0x0A, 0x42, 0x0A], chunkSizes: [1])
    #expect(!file.sawByteOrderMark)
    #expect(file.errors.count == 1)
    #expect(file.errors.first?.bytes == [0xEF, 0xBB, 0x41])
    #expect(file.fields == [["B"]])
    // A short stream that is a BOM prefix only.
    let short = frame([0xEF])
    #expect(!short.sawByteOrderMark)
    #expect(short.errors.first?.kind == .invalidUTF8)
  }

  @Test("an unterminated quote fails at the end with the line where the cell began")
  func unterminatedQuote() {
    let text = "a,b\n1,2\nx,\"never\nclosed, at all\n"
    let file = frame(text, chunkSizes: [3])
    #expect(file.fields == [["a", "b"], ["1", "2"]])
    let error = file.errors.first
    #expect(file.errors.count == 1)
    #expect(error?.kind == .unterminatedQuote)
    #expect(error?.line == 3)
    #expect(error?.rowLine == 3)
    #expect(error?.column == 2)
    #expect(error?.bytes == Array("x,\"never\nclosed, at all\n".utf8))
    #expect(error?.description.hasPrefix("line 3: unterminated quoted cell") == true)
  }

  @Test("the line of an unterminated quote is the cell's, not the row's")
  func unterminatedQuoteInLaterLine() {
    let file = frame("h\n\"a\nb\",\"c\n")
    #expect(file.errors.first?.kind == .unterminatedQuote)
    #expect(file.errors.first?.rowLine == 2)
    #expect(file.errors.first?.line == 3)
  }

  @Test("invalid UTF-8 fails its row with the line, and reading goes on after it")
  func invalidUTF8() {
    let bytes = Array("h1,h2\nok,1\n".utf8) + Array("\"multi\nline\",bad ".utf8) + [0xFF, 0xFE] + Array("\r\nafter,2\n".utf8)
    for size in [1, 5, 1 << 20] {
      let file = frame(bytes, chunkSizes: [size])
      #expect(file.fields == [["h1", "h2"], ["ok", "1"], ["after", "2"]], "chunk size \(size)")
      #expect(file.errors.count == 1)
      let error = file.errors.first
      #expect(error?.kind == .invalidUTF8)
      #expect(error?.line == 4)
      #expect(error?.rowLine == 3)
      #expect(error?.column == 2)
      #expect(error?.terminator == [0x0D, 0x0A])
      #expect(error?.bytes == Array("\"multi\nline\",bad ".utf8) + [0xFF, 0xFE])
      #expect(file.rows.last?.line == 5)
    }
  }

  @Test("malformed UTF-8 of every kind is rejected, well-formed UTF-8 accepted", arguments: [
    ([0xC0, 0xAF], false),  // overlong "/"
    ([0xE0, 0x80, 0xAF], false),  // overlong three-byte form
    ([0xED, 0xA0, 0x80], false),  // UTF-16 surrogate
    ([0xF4, 0x90, 0x80, 0x80], false),  // above U+10FFFF
    ([0xF5, 0x80, 0x80, 0x80], false),
    ([0xE2, 0x82], false),  // truncated
    ([0x80], false),  // stray continuation byte
    ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xFF], false),  // after an ASCII run
    ([0xE2, 0x82, 0xAC], true),  // €
    ([0xF0, 0x9F, 0x98, 0x80], true),  // 😀
    ([0xF4, 0x8F, 0xBF, 0xBF], true),  // U+10FFFF
    ([0xED, 0x9F, 0xBF], true),  // U+D7FF
  ] as [([UInt8], Bool)])
  func utf8Validation(cell: [UInt8], valid: Bool) {
    let file = frame(Array("h\n".utf8) + cell + [0x0A])
    #expect(file.errors.isEmpty == valid)
    #expect(file.rows.count == (valid ? 2 : 1))
    if valid { #expect(file.rows.last?.fields == [String(decoding: cell, as: UTF8.self)]) }
  }

  @Test("property: a cell of random bytes is accepted exactly when the standard library accepts it as UTF-8")
  func randomBytesValidation() {
    var rng = SeededGenerator(state: 0xB17E5)
    let interesting: [UInt8] = [0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x90, 0x8F]
    for iteration in 0..<2_000 {
      let length = Int.random(in: 1...12, using: &rng)
      let cell = (0..<length).map { _ in interesting.randomElement(using: &rng)! }
      let file = frame(cell + [0x0A])
      let expected = String(validating: cell, as: UTF8.self)
      #expect(file.errors.isEmpty == (expected != nil), "iteration \(iteration): \(cell)")
      if let expected { #expect(file.rows.first?.fields == [expected]) }
    }
  }

  @Test("an invalid last row ended by a lone CR fails once and leaves nothing behind")
  func invalidLastRowWithCarriageReturn() {
    let bytes = Array("a\n".utf8) + [0xFF, 0x0D]
    let file = frame(bytes)
    #expect(file.fields == [["a"]])
    #expect(file.errors.count == 1)
    #expect(file.errors.first?.terminator == [0x0D])
    #expect(file.errors.first?.line == 2)
  }

  @Test("a UTF-8 character split between chunks is read whole")
  func splitMultibyteCharacter() {
    let text = "é😀,日本\n"
    let file = frame(text, chunkSizes: [1])
    #expect(file.errors.isEmpty)
    #expect(file.fields == [["é😀", "日本"]])
  }

  @Test("every split point of a tricky file gives the same rows")
  func everySplitPoint() {
    let text = "\u{FEFF}a,\"b,\"\"c\"\"\r\nd\"\r\n\r\n\"e\"f,g\rh\"i,\"\"\r\nlast,\"\""
    let bytes = Array(text.utf8)
    let whole = frame(bytes)
    #expect(whole.errors.isEmpty)
    #expect(whole.fields == [["a", "b,\"c\"\r\nd"], [], ["ef", "g"], ["h\"i", ""], ["last", ""]])
    #expect(whole.rows.map(\.line) == [1, 3, 4, 5, 6])
    #expect(whole.reassembled == bytes)
    for cut in 1..<bytes.count {
      let split = frame(bytes, chunkSizes: [cut, bytes.count])
      #expect(split.rows == whole.rows, "cut at \(cut)")
      #expect(split.sawByteOrderMark)
    }
    let byteByByte = frame(bytes, chunkSizes: [1])
    #expect(byteByByte.rows == whole.rows)
  }

  @Test("a tab delimiter reads TSV")
  func tabDelimiter() {
    let file = frame(Array("a\tb,c\n\"x\ty\"\tz\n".utf8), delimiter: 0x09)
    #expect(file.fields == [["a", "b,c"], ["x\ty", "z"]])
    #expect(CSVFramer.serializeRow(["x\ty", "b,c"], delimiter: 0x09) == Array("\"x\ty\"\tb,c".utf8))
  }

  @Test("serializeRow quotes only when needed, like Python's QUOTE_MINIMAL")
  func serializeMinimal() {
    // Expected bytes are what Python's csv.writer writes for the same cells.
    #expect(CSVFramer.serializeRow(["plain", " spaced ", ""]) == Array("plain, spaced ,".utf8))
    #expect(CSVFramer.serializeRow(["a,b", "say \"hi\"", "l1\nl2", "cr\r"]) == Array("\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\",\"cr\r\"".utf8))
    #expect(CSVFramer.serializeRow([""]) == Array("\"\"".utf8))
    #expect(CSVFramer.serializeRow(["", ""]) == Array(",".utf8))
    #expect(CSVFramer.serializeRow([]) == [])
    #expect(CSVFramer.serializeRow(["ünï", "#x"]) == Array("ünï,#x".utf8))
  }

  @Test("property: random tables serialized with serializeRow read back identically in random chunks")
  func randomTablesRoundTrip() {
    var rng = SeededGenerator(state: 0x5EED)
    let alphabet: [String] = ["a", "b", "Z", " ", ",", "\"", "\n", "\r", "\r\n", "é", "😀", "\t", "x\"y", ";"]
    for iteration in 0..<300 {
      let columns = Int.random(in: 1...5, using: &rng)
      let rowCount = Int.random(in: 1...8, using: &rng)
      var table: [[String]] = []
      for _ in 0..<rowCount {
        var row: [String] = []
        for _ in 0..<columns {
          let length = Int.random(in: 0...6, using: &rng)
          row.append((0..<length).map { _ in alphabet.randomElement(using: &rng)! }.joined())
        }
        table.append(row)
      }
      var bytes: [UInt8] = []
      let terminators: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
      var expectedTerminators: [[UInt8]] = []
      for (i, row) in table.enumerated() {
        bytes += CSVFramer.serializeRow(row)
        let terminator: [UInt8] =
          i == table.count - 1 && Bool.random(using: &rng) ? [] : terminators.randomElement(using: &rng)!
        bytes += terminator
        expectedTerminators.append(terminator)
      }
      let sizes = (0..<8).map { _ in Int.random(in: 1...12, using: &rng) }
      let file = frame(bytes, chunkSizes: sizes)
      #expect(file.errors.isEmpty, "iteration \(iteration)")
      #expect(file.fields == table, "iteration \(iteration)")
      #expect(file.rows.map(\.terminator) == expectedTerminators, "iteration \(iteration)")
      #expect(file.reassembled == bytes, "iteration \(iteration)")
    }
  }

  @Test("hand-made tricky files read as Python's csv module reads them", arguments: trickyFiles.indices)
  func trickyFilesMatchPython(index: Int) {
    let tricky = trickyFiles[index]
    for size in [1, 2, 7, 1 << 20] {
      let file = frame(tricky.text, chunkSizes: [size])
      #expect(file.errors.isEmpty, "\(tricky.name)")
      #expect(file.fields == tricky.python, "\(tricky.name), chunks of \(size)")
      #expect(file.reassembled == Array(tricky.text.utf8), "\(tricky.name)")
    }
  }

  @Test(
    "python3's csv module agrees with the framer on every tricky file",
    .enabled(if: pythonPath != nil, "python3 is not installed")
  )
  func pythonAgrees() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csvframer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    for (i, tricky) in trickyFiles.enumerated() {
      let url = folder.appendingPathComponent("\(i).csv")
      try Data(tricky.text.utf8).write(to: url)
      paths.append(url.path)
    }
    let script = """
      import csv, json, sys
      out = []
      for path in sys.argv[1:]:
          with open(path, newline="", encoding="utf-8") as f:
              out.append(list(csv.reader(f)))
      print(json.dumps(out))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(pythonPath))
    process.arguments = ["-c", script] + paths
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let python = try #require(try JSONSerialization.jsonObject(with: data) as? [[[String]]])
    #expect(python.count == trickyFiles.count)
    for (i, tricky) in trickyFiles.enumerated() where i < python.count {
      #expect(frame(tricky.text, chunkSizes: [3]).fields == python[i], "\(tricky.name)")
      #expect(tricky.python == python[i], "\(tricky.name): the recorded Python answer is stale")
    }
  }
}

/// The python3 interpreter on PATH, if any.
private let pythonPath: String? = {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  for folder in path.split(separator: ":") {
    let candidate = "\(folder)/python3"
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
  }
  return nil
}()
