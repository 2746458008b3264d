import Dispatch
import Foundation
import PreferenceModel

/// Reads preference datasets: files, archives, directories and globs, in any supported format.
///
/// Reading is a two-stage pipeline. A reading thread decompresses each file
/// (``ContainerReader``) and cuts it into records (JSON Lines, a JSON array or
/// CSV); the calling thread parses and decodes batches of records on all
/// requested threads, recognises each member's format from its first records,
/// and hands the results to a ``DatasetVisitor`` in order. Memory stays bounded
/// by a few batches whatever the size of the input.
///
/// ```swift
/// var summary = SummaryVisitor()
/// try DatasetReader(inputs: ["data/test.jsonl.gz"]).read(into: &summary)
/// print(summary.summary.read, summary.summary.kept)
/// ```
public struct DatasetReader: Sendable {
  /// The input files (already expanded from directories and globs).
  public var files: [String]
  /// How to read.
  public var options: ReadOptions
  /// The formats that may be recognised.
  public var registry: FormatRegistry
  /// How far reading has got, for progress displays (updated while ``read(into:)`` runs).
  public let progress: ReadProgress

  /// Creates a reader; directories and globs among `inputs` are expanded.
  ///
  /// - Parameter registry: The formats to recognise; by default the built-in ones,
  ///   the generic JSON adapter set up with `options.formatOptions.fieldMap`.
  /// - Throws: when an input does not exist or a glob matches nothing.
  public init(inputs: [String], options: ReadOptions = ReadOptions(), registry: FormatRegistry? = nil) throws {
    self.files = try expandInputs(inputs)
    self.options = options
    self.registry = registry ?? .builtIn(fieldMap: options.formatOptions.fieldMap)
    progress = ReadProgress(totalBytes: files.reduce(0) { $0 + ((try? PathStatus(path: $1).size) ?? 0) })
  }

  /// Reads every file into `visitor`.
  ///
  /// Unreadable records reach the visitor as rejected units; files that cannot be
  /// read completely are reported through ``DatasetVisitor/fileProblem(_:)``.
  ///
  /// - Throws: ``StrictModeFailure`` in strict mode; any error the visitor throws.
  public func read<Visitor: DatasetVisitor>(into visitor: inout Visitor) throws {
    let forced = try options.format.map { try registry.resolve($0) }
    let queue = _BoundedQueue<_ReadEvent>(capacity: 4)
    let forcedFraming: Framing? = forced?.framing == .csv ? .csv : nil
    let producer = _Producer(
      files: files, options: options, forcedFraming: forcedFraming, queue: queue, progress: progress)
    let thread = Thread { producer.run() }
    thread.stackSize = 1 << 22
    thread.start()
    defer {
      queue.close()
      producer.finished.wait()
    }
    var consumer = _Consumer(options: options, registry: registry, forced: forced)
    while let event = queue.pop() {
      try consumer.handle(event, visitor: &visitor)
    }
  }
}

/// What the reading thread sends to the decoding side.
enum _ReadEvent: Sendable {
  /// Records of a member; `leading` is set on the member's first batch.
  case units(_MemberKey, leading: [UInt8]?, csvHeader: [String]?, framing: Framing, [FramedUnit])
  /// The member ended; `leading` is its whole content when it had no records.
  case endMember(_MemberKey, leading: [UInt8], framing: Framing?)
  /// Reading a file or member stopped early.
  case problem(ReadProblem)
}

/// Identifies a member in the event stream.
struct _MemberKey: Sendable, Equatable {
  var file: String
  var info: MemberInfo
  var container: ContainerKind
  var tarFormat: TarFormat?

  static func == (a: _MemberKey, b: _MemberKey) -> Bool {
    a.file == b.file && a.info.index == b.info.index
  }
}

/// The reading thread: decompression and framing.
final class _Producer: @unchecked Sendable {
  let files: [String]
  let options: ReadOptions
  let forcedFraming: Framing?
  let queue: _BoundedQueue<_ReadEvent>
  let progress: ReadProgress
  let finished = DispatchSemaphore(value: 0)

  init(
    files: [String], options: ReadOptions, forcedFraming: Framing?, queue: _BoundedQueue<_ReadEvent>,
    progress: ReadProgress
  ) {
    self.files = files
    self.options = options
    self.forcedFraming = forcedFraming
    self.queue = queue
    self.progress = progress
  }

  struct Cancelled: Error {}

  func run() {
    defer {
      queue.close()
      finished.signal()
    }
    for file in files {
      defer { progress.finishFile(size: (try? PathStatus(path: file).size) ?? 0) }
      do {
        try read(file)
      } catch is Cancelled {
        return
      } catch {
        if !queue.push(.problem(ReadProblem(file: file, message: _problemMessage(error, file: file)))) { return }
      }
    }
  }

  private func send(_ event: _ReadEvent) throws {
    if !queue.push(event) { throw Cancelled() }
  }

  /// Reads one file, member by member.
  private func read(_ file: String) throws {
    let container: ContainerReader
    do {
      container = try ContainerReader(path: file, limits: options.limits)
      container.progress = progress
    } catch {
      try send(.problem(ReadProblem(file: file, message: _problemMessage(error, file: file))))
      return
    }
    var member: _MemberKey?
    var framer = MemberFramer(forced: forcedFraming, maxRecordBytes: options.maxRecordBytes)
    var batch: [FramedUnit] = []
    var batchBytes = 0
    var sentFirst = false
    var lastLine = 0

    func flush(force: Bool) throws {
      guard let key = member, !batch.isEmpty, force || batchBytes >= options.batchBytes,
        let framing = framer.framing
      else { return }
      let units = batch
      batch = []
      batchBytes = 0
      try send(.units(key, leading: sentFirst ? nil : framer.leading, csvHeader: framer.csvHeader, framing: framing, units))
      sentFirst = true
    }
    func collect(_ unit: FramedUnit) {
      batch.append(unit)
      batchBytes += unit.bytes.count + 64
      lastLine = unit.line
    }
    func endMember() throws {
      guard let key = member else { return }
      try flush(force: true)
      try send(.endMember(key, leading: framer.leading, framing: framer.framing))
      member = nil
    }

    do {
      try container.read(
        member: { info in
          member = _MemberKey(file: file, info: info, container: container.kind, tarFormat: container.tarFormat)
          framer = MemberFramer(forced: self.forcedFraming, maxRecordBytes: self.options.maxRecordBytes)
          sentFirst = false
          lastLine = 0
          return true
        },
        chunk: { chunk in
          try framer.consume(chunk, emit: collect)
          try flush(force: false)
        },
        endMember: { _ in
          try framer.finish(truncated: false, emit: collect)
          let memberName = member?.info.name
          try endMember()
          // CSV: a quoted cell left open at the end (its row was rejected); the member was read.
          for problem in framer.takeProblems() {
            try send(.problem(ReadProblem(file: file, member: memberName, line: problem.line, message: problem.reason)))
          }
        })
    } catch is Cancelled {
      throw Cancelled()
    } catch let error as FramingError {
      try flush(force: true)
      try send(.problem(ReadProblem(file: file, member: member?.info.name, line: error.line, message: error.reason)))
      try endMember()
    } catch {
      // The container failed mid-stream (truncated, corrupt, over a limit): what was
      // complete has been framed; an incomplete last record is rejected as such.
      let memberName = member?.info.name
      if member != nil {
        try? framer.finish(truncated: true, emit: collect)
      }
      try flush(force: true)
      try send(.problem(ReadProblem(file: file, member: memberName, line: member == nil ? nil : lastLine, message: _problemMessage(error, file: file))))
      try endMember()
    }
  }
}

/// The message of a reading error without the file name that ``ReadProblem`` already shows.
func _problemMessage(_ error: any Error, file: String) -> String {
  let text = "\(error)"
  let prefix = file + ": "
  return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
}
