import PreferenceModel

/// Writes one member: preserved (original layout and bytes) or fresh (another format's framing).
struct _MemberOutput {
  let layout: MemberLayout
  let format: ResolvedFormat?
  let preserve: Bool
  let options: FormatOptions
  /// Set when this member continues a JSON Lines stream begun by an earlier member.
  var continuesStream = false

  private var wroteAny = false
  /// Preserved JSON arrays: the last element written is held back until it is known
  /// whether another element follows (then its own separator is used) or not (then the
  /// bytes that closed the original array).
  private var pendingElement: [UInt8]?
  private var pendingSeparator: [UInt8] = []
  /// Whether any unit reached ``write(_:edit:into:)``.
  private var sawUnit = false
  private var lastTrailing: [UInt8] = []
  private var defaultSeparator: [UInt8]?
  private let freshStyle: JSONStyle
  private var freshHeader: [String]?
  /// A CSV written fresh: its header is chosen from the first record and written before it.
  private var headerPending = false

  init(layout: MemberLayout, format: ResolvedFormat?, preserve: Bool, options: FormatOptions) {
    self.layout = layout
    self.format = format
    self.preserve = preserve
    self.options = options
    if preserve {
      freshStyle = layout.jsonStyle
      freshHeader = layout.csvHeader
    } else if format?.framing == .jsonArray {
      freshStyle = JSONStyle(itemSeparator: ",", keySeparator: ": ", indent: 2, escapeNonASCII: false, escapeSlash: false)
      freshHeader = nil
    } else {
      freshStyle = .python
      freshHeader = nil
      headerPending = format?.framing == .csv
    }
  }

  /// The header of a CSV file written fresh when it has no record to choose one from.
  static let defaultCSVHeader = ["prompt", "chosen", "rejected"]

  private var framing: Framing { preserve ? layout.framing : (format?.framing ?? .jsonLines) }

  mutating func begin(into out: inout [UInt8]) throws {
    if continuesStream {
      if let last = out.last, last != 0x0A { out.append(0x0A) }
      return
    }
    if preserve {
      out += layout.leading
      return
    }
    switch framing {
    case .jsonLines: break
    case .jsonArray: out += Array("[\n".utf8)
    case .csv: break  // the header follows from the first record (writeHeaderIfPending)
    }
  }

  /// Writes one source record; returns how many records (units or pairs) were written.
  mutating func write(_ unit: ReadUnit, edit: UnitEdit, into out: inout [UInt8]) throws -> Int {
    lastTrailing = unit.trailing
    sawUnit = true
    if defaultSeparator == nil, unit.trailing.contains(UInt8(ascii: ",")) { defaultSeparator = unit.trailing }
    if headerPending {
      let first: PreferenceRecord?
      switch edit {
      case .drop: first = nil
      case .keep: first = unit.records.first
      case .replace(let records): first = records.first
      }
      if let first { try writeHeader(for: first, into: &out) }
    }
    let pieces: [[UInt8]]
    switch edit {
    case .drop:
      return 0
    case .keep where preserve:
      pieces = [unit.bytes]
    case .keep:
      pieces = try unit.records.map { try encode($0) }
    case .replace(let records):
      pieces = try records.map { try encode($0) }
    }
    guard !pieces.isEmpty else { return 0 }
    if preserve {
      switch layout.framing {
      case .jsonArray:
        for piece in pieces {
          if let element = pendingElement {
            out += element
            out += pendingSeparator.contains(UInt8(ascii: ",")) ? pendingSeparator : (defaultSeparator ?? Array(", ".utf8))
          }
          pendingElement = piece
          pendingSeparator = unit.trailing
        }
      case .jsonLines, .csv:
        let lineEnd: [UInt8] = unit.trailing.starts(with: [0x0D, 0x0A]) ? [0x0D, 0x0A] : [0x0A]
        for (i, piece) in pieces.enumerated() {
          out += piece
          out += i == pieces.count - 1 ? (unit.trailing.isEmpty ? [] : unit.trailing) : lineEnd
        }
      }
    } else {
      for piece in pieces {
        switch framing {
        case .jsonLines, .csv:
          out += piece
          out.append(0x0A)
        case .jsonArray:
          out += Array((wroteAny ? ",\n  " : "  ").utf8)
          out += piece
        }
        wroteAny = true
      }
    }
    return pieces.count
  }

  mutating func end(into out: inout [UInt8]) throws {
    if preserve {
      if layout.framing == .jsonArray {
        if let element = pendingElement { out += element }
        // A member whose array broke off ends in a rejected remainder without the
        // closing bracket: close the array so the output stays valid JSON.
        out += !sawUnit || lastTrailing.contains(UInt8(ascii: "]")) ? lastTrailing : Array("\n]\n".utf8)
      }
      return
    }
    if framing == .jsonArray { out += Array((wroteAny ? "\n]\n" : "]\n").utf8) }
    if headerPending {
      freshHeader = Self.defaultCSVHeader
      headerPending = false
      out += CSVFramer.serializeRow(Self.defaultCSVHeader) + [0x0A]
    }
  }

  /// Chooses a fresh CSV file's header from its first record (its metadata gets columns) and writes it.
  private mutating func writeHeader(for record: PreferenceRecord, into out: inout [UInt8]) throws {
    guard let format else { return }
    let header: [String]
    do {
      header = try format.format.freshCSVHeader(for: record, variant: format.variant) ?? Self.defaultCSVHeader
    } catch {
      throw WriteError("\(record.id): cannot choose a CSV header for \(format.format.id): \(error.reason)")
    }
    freshHeader = header
    headerPending = false
    out += CSVFramer.serializeRow(header) + [0x0A]
  }

  private func encode(_ record: PreferenceRecord) throws -> [UInt8] {
    guard let format else {
      throw WriteError("\(record.id): no format to write this record in")
    }
    var options = self.options
    options.variant = format.variant
    let context = EncodingContext(variant: format.variant, csvHeader: freshHeader, options: options)
    let encoded: EncodedRecord
    do {
      encoded = try format.format.encode(record, context: context)
    } catch {
      throw WriteError("\(record.id): cannot be written as \(format.format.id): \(error.reason)")
    }
    switch encoded {
    case .json(let value):
      var bytes: [UInt8] = []
      value.serialize(into: &bytes, style: freshStyle, indentLevel: framing == .jsonArray ? 1 : 0)
      return bytes
    case .csv(let cells):
      return CSVFramer.serializeRow(cells)
    }
  }
}
