import Dispatch
import PreferenceModel

/// The decoding side of ``DatasetReader``: parses, recognises and decodes batches.
struct _Consumer {
  let options: ReadOptions
  let registry: FormatRegistry
  let forced: ResolvedFormat?
  private var current: (key: _MemberKey, layout: MemberLayout)?

  init(options: ReadOptions, registry: FormatRegistry, forced: ResolvedFormat?) {
    self.options = options
    self.registry = registry
    self.forced = forced
  }

  mutating func handle<Visitor: DatasetVisitor>(_ event: _ReadEvent, visitor: inout Visitor) throws {
    switch event {
    case .units(let key, let leading, let csvHeader, let framing, let framed):
      if current?.key != key {
        // Recognise the member's format from its first records.
        let sample = framed.prefix(options.sniffSampleSize).map { Self.parse($0, csvHeader: csvHeader, key: key) }
        let layout = recognise(sample, key: key, framing: framing, csvHeader: csvHeader, leading: leading ?? [])
        current = (key, layout)
        try visitor.beginMember(layout)
        if layout.format == nil {
          try report(
            ReadProblem(
              file: key.file, member: key.info.name, line: framed.first?.line,
              message: unrecognisedMessage(sample)),
            visitor: &visitor)
        }
      }
      let layout = current!.layout
      let units = process(framed, layout: layout, key: key)
      if options.strict, let bad = units.first(where: { $0.rejectionReason != nil }) {
        throw StrictModeFailure("\(bad.location): \(bad.rejectionReason!)")
      }
      try visitor.visit(units, of: layout)
    case .endMember(let key, let leading, let framing):
      if current?.key != key {
        // A member without records.
        let layout = MemberLayout(
          file: key.file, member: key.info, container: key.container, tarFormat: key.tarFormat, framing: framing ?? .jsonLines,
          format: forced?.format, variant: forced?.variant, jsonStyle: .python, csvHeader: nil, leading: leading)
        current = (key, layout)
        try visitor.beginMember(layout)
      }
      try visitor.endMember(current!.layout)
      current = nil
    case .problem(let problem):
      try report(problem, visitor: &visitor)
    }
  }

  private func report<Visitor: DatasetVisitor>(_ problem: ReadProblem, visitor: inout Visitor) throws {
    if options.strict { throw StrictModeFailure(problem.description) }
    try visitor.fileProblem(problem)
  }

  /// A parsed record, or why it could not be parsed.
  struct Parsed: Sendable {
    var unit: FramedUnit
    var location: SourceLocation
    var record: Result<SourceRecord, RecordError>
  }

  /// Parses the JSON or CSV content of one unit.
  private static func parse(_ unit: FramedUnit, csvHeader: [String]?, key: _MemberKey) -> Parsed {
    let location = SourceLocation(file: key.file, member: key.info.name, line: unit.line, index: unit.index)
    if let error = unit.framingError {
      return Parsed(unit: unit, location: location, record: .failure(RecordError(error)))
    }
    if let fields = unit.csvFields {
      let row = CSVRow(header: csvHeader ?? [], fields: fields)
      return Parsed(
        unit: unit, location: location,
        record: .success(SourceRecord(location: location, bytes: unit.bytes, content: .csv(row))))
    }
    do throws(JSONParseError) {
      let value = try JSONValue.parse(unit.bytes)
      return Parsed(
        unit: unit, location: location,
        record: .success(SourceRecord(location: location, bytes: unit.bytes, content: .json(value))))
    } catch {
      return Parsed(
        unit: unit, location: location,
        record: .failure(RecordError("invalid JSON at column \(error.column): \(error.message)")))
    }
  }

  /// Parses and decodes a batch with the member's format, on all threads.
  private func process(_ units: [FramedUnit], layout: MemberLayout, key: _MemberKey) -> [ReadUnit] {
    var adapterOptions = options.formatOptions
    adapterOptions.variant = layout.variant
    let formatOptions = adapterOptions
    let format = layout.format
    let csvHeader = layout.csvHeader
    return parallelMap(units, threads: options.threads) { unit in
      let item = Self.parse(unit, csvHeader: csvHeader, key: key)
      let outcome: ReadUnit.Outcome
      switch item.record {
      case .failure(let error):
        outcome = .rejected(error.reason)
      case .success(let record):
        if let format {
          do throws(RecordError) {
            outcome = .decoded(try format.decode(record, options: formatOptions))
          } catch {
            outcome = .rejected(error.reason)
          }
        } else {
          outcome = .rejected(
            "record layout not recognised (\(csvHeader.map { "columns: \($0.joined(separator: ", "))" } ?? describeKeys(record)))")
        }
      }
      return ReadUnit(location: item.location, bytes: unit.bytes, trailing: unit.trailing, outcome: outcome)
    }
  }

  /// Picks the member's format: the forced one, or the adapter most sure about its first records.
  private func recognise(
    _ parsed: [Parsed], key: _MemberKey, framing: Framing, csvHeader: [String]?, leading: [UInt8]
  ) -> MemberLayout {
    let sample = parsed.lazy.compactMap { try? $0.record.get() }.prefix(options.sniffSampleSize)
    let sampleArray = Array(sample)
    let style = JSONStyle.detect(in: sampleArray.map(\.bytes))
    var layout = MemberLayout(
      file: key.file, member: key.info, container: key.container, tarFormat: key.tarFormat, framing: framing, format: nil, variant: nil,
      jsonStyle: style, csvHeader: csvHeader, leading: leading)
    if let forced {
      layout.format = forced.format
      layout.variant = forced.variant ?? forced.format.sniff(sampleArray)?.variant
      return layout
    }
    var options = self.options.formatOptions
    options.variant = nil
    if let best = registry.sniff(sampleArray) {
      layout.format = best.format
      layout.variant = best.match.variant
    }
    return layout
  }

  private func unrecognisedMessage(_ parsed: [Parsed]) -> String {
    guard let first = parsed.lazy.compactMap({ try? $0.record.get() }).first else {
      return "no record of this file could be parsed, so its format is unknown; the records are in the rejects file"
    }
    return "no known preference format matches these records (\(describeKeys(first))); "
      + "pass --format ID (see `prefaudit formats`) or map the fields with --format generic-json --map prompt=…,chosen=…,rejected=…"
  }
}

/// A short description of a record's top-level keys or columns.
func describeKeys(_ record: SourceRecord) -> String {
  switch record.content {
  case .json(let value):
    if case .object = value { return "keys: " + value.keys.prefix(12).joined(separator: ", ") }
    return "a JSON \(value.typeName), not an object"
  case .csv(let row):
    return "columns: " + row.header.joined(separator: ", ")
  }
}

/// Maps `transform` over `items` on two threads when there is enough work.
func parallelMap<T: Sendable, U: Sendable>(_ items: [T], threads: Int = 2, _ transform: @Sendable (T) -> U) -> [U] {
  if items.count < 8 || threads < 2 { return items.map(transform) }
  let chunks = min(threads * 4, items.count)
  let results = _ResultSlots<U>(count: items.count)
  items.withUnsafeBufferPointer { input in
    nonisolated(unsafe) let input = input
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      let lower = items.count * c / chunks
      let upper = items.count * (c + 1) / chunks
      for i in lower..<upper { results.set(i, transform(input[i])) }
    }
  }
  return results.values()
}

/// Write-once slots filled from several threads, each index by exactly one thread.
final class _ResultSlots<U>: @unchecked Sendable {
  private let storage: UnsafeMutablePointer<U>
  private let count: Int

  init(count: Int) {
    self.count = count
    storage = .allocate(capacity: count)
  }

  /// Initializes slot `i`; every slot must be set exactly once before ``values()``.
  func set(_ i: Int, _ value: U) {
    (storage + i).initialize(to: value)
  }

  /// Moves the values out, in order.
  func values() -> [U] {
    let result = Array(UnsafeBufferPointer(start: storage, count: count))
    storage.deinitialize(count: count)
    return result
  }

  deinit {
    storage.deallocate()
  }
}
