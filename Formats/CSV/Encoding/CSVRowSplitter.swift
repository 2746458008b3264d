/// Splits the exact bytes of one complete CSV row (as kept in `SourceBytes`) into cells.
///
/// The adapter cannot use the dataset layer's streaming `CSVFramer` (that module depends
/// on the adapters), so this is the same reading rule for one in-memory row: RFC 4180
/// quoting, `""` escapes, line breaks inside quoted cells, quotes inside unquoted cells
/// kept literally and text after a closing quote joining the cell, like Python's `csv`.
enum CSVRowSplitter {
  /// The cells of `bytes` when split on one of the usual delimiters (`,`, tab, `;`) gives
  /// `count` cells; `nil` when none does or the row is unreadable.
  static func cells(_ bytes: [UInt8], count: Int) -> [String]? {
    for delimiter in [UInt8(ascii: ","), 0x09, UInt8(ascii: ";")] {
      if let cells = split(bytes, delimiter: delimiter), cells.count == count { return cells }
    }
    return nil
  }

  /// The cells of one row; `nil` for an unterminated quote, invalid UTF-8 or an
  /// unquoted line break (which would end the row).
  static func split(_ bytes: [UInt8], delimiter: UInt8) -> [String]? {
    let quote = UInt8(ascii: "\"")
    var cells: [String] = []
    var cell: [UInt8] = []
    var inQuotes = false
    var afterQuote = false  // just read a quote inside a quoted cell
    var atCellStart = true
    for byte in bytes {
      if inQuotes {
        if afterQuote {
          afterQuote = false
          if byte == quote {
            cell.append(quote)
            continue
          }
          inQuotes = false  // the quote closed the cell; read `byte` below
        } else {
          if byte == quote { afterQuote = true } else { cell.append(byte) }
          continue
        }
      }
      if byte == delimiter {
        guard let text = String(validating: cell, as: UTF8.self) else { return nil }
        cells.append(text)
        cell.removeAll(keepingCapacity: true)
        atCellStart = true
        continue
      }
      if byte == 0x0A || byte == 0x0D { return nil }
      if atCellStart && byte == quote {
        inQuotes = true
        atCellStart = false
        continue
      }
      atCellStart = false
      cell.append(byte)
    }
    if inQuotes && !afterQuote { return nil }
    guard let text = String(validating: cell, as: UTF8.self) else { return nil }
    cells.append(text)
    return cells
  }
}
