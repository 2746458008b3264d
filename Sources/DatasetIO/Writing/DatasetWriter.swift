import PreferenceModel

/// Writes a dataset back out: in its own format byte for byte, or converted to another.
///
/// As a ``DatasetVisitor`` it mirrors what ``DatasetReader`` reads. A member kept
/// in its own format is written *preserved*: its layout bytes (byte-order mark,
/// header, separators, line ends) and the original bytes of every record left
/// unchanged, re-encoding only records that an ``UnitEdit`` replaced. A member
/// converted to another format is written *fresh* in that format's framing.
/// Rejected records are never written here (see ``RejectsWriter``).
///
/// Every output file is written under a temporary name and renamed when complete.
public final class DatasetWriter: DatasetVisitor {
  /// Where to write.
  public let target: OutputTarget
  /// The format to convert to, or `nil` to keep each member's own format.
  public let format: ResolvedFormat?
  /// Options for the encoders.
  public let formatOptions: FormatOptions
  /// The folder that input paths are taken relative to when naming outputs in a directory.
  public let inputRoot: String
  /// Files written (complete once ``finish()`` returned).
  public private(set) var written: [WrittenFile] = []
  /// Things the user should know (renamed unsafe member names, for example).
  public private(set) var warnings: [String] = []

  private let edit: @Sendable (ReadUnit) -> UnitEdit
  private var file: (input: String, path: String, writer: ContainerWriter, records: Int)?
  private var member: _MemberOutput?
  private var memberCount = 0

  /// Creates a writer.
  ///
  /// - Parameters:
  ///   - target: a folder (one output per input, same names and containers) or one file.
  ///   - format: the format to write, or `nil` for each member's own.
  ///   - inputRoot: the folder input paths are relative to (see ``commonDirectory(of:)``).
  ///   - edit: decides, record by record, what is written; by default everything is kept.
  public init(
    target: OutputTarget, format: ResolvedFormat? = nil, formatOptions: FormatOptions = FormatOptions(),
    inputRoot: String, edit: @escaping @Sendable (ReadUnit) -> UnitEdit = { _ in .keep }
  ) {
    self.target = target
    self.format = format
    self.formatOptions = formatOptions
    self.inputRoot = inputRoot
    self.edit = edit
  }

  public func beginMember(_ layout: MemberLayout) throws {
    try openFile(for: layout)
    let sourceFormat = layout.format.map { ResolvedFormat(format: $0, variant: layout.variant) }
    let preserve = preserves(layout)
    let outFormat = preserve ? sourceFormat : format
    guard let outFormat else {
      // Nothing recognised and no target format: the member's records are all rejected;
      // keep the layout so the output still mirrors the input.
      member = _MemberOutput(layout: layout, format: nil, preserve: true, options: formatOptions)
      try beginOutputMember(layout, framing: layout.framing)
      try member!.begin(into: &buffer)
      return
    }
    let framing = preserve ? layout.framing : outFormat.framing
    if case .file = target, !file!.writer.kind.isArchive, memberCount > 0 {
      // Merging several members into one plain stream: only JSON Lines concatenate.
      guard framing == .jsonLines else {
        throw WriteError(
          "cannot merge several inputs into one \(framing == .csv ? "CSV" : "JSON array") file; write to a folder, an archive (.tar.gz, .zip) or JSON Lines instead")
      }
      member = _MemberOutput(layout: layout, format: outFormat, preserve: preserve, options: formatOptions)
      member!.continuesStream = true
    } else {
      member = _MemberOutput(layout: layout, format: outFormat, preserve: preserve, options: formatOptions)
      try beginOutputMember(layout, framing: framing)
    }
    try member!.begin(into: &buffer)
    try flushIfLarge()
  }

  public func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    try write(units, of: layout) { edit($0) }
  }

  /// Writes the next records of the current member with an edit decided by the caller for each.
  ///
  /// This is ``visit(_:of:)`` for callers that decide record by record in reading order
  /// (`apply`): `edit` is called once per decoded unit, in order; rejected units are skipped.
  public func write(_ units: [ReadUnit], of layout: MemberLayout, edit: (ReadUnit) throws -> UnitEdit) throws {
    guard member != nil else { return }
    for unit in units where unit.rejectionReason == nil {
      let change = try edit(unit)
      let count = try member!.write(unit, edit: change, into: &buffer)
      file!.records += count
      if buffer.count >= 1 << 20 { try flush() }
    }
  }

  /// The path, relative to a folder target, that the output of input `file` gets
  /// (before any change of extension for a converted format).
  public func relativeOutputPath(of file: String) -> String {
    relativePath(of: file)
  }

  public func endMember(_ layout: MemberLayout) throws {
    guard member != nil else { return }
    try member!.end(into: &buffer)
    try flush()
    if !isMergingIntoOneStream {
      try file!.writer.endMember()
      memberOpen = false
    }
    member = nil
    memberCount += 1
  }

  /// Completes the last output file.
  public func finish() throws {
    try closeFile()
  }

  /// Removes any partly written output.
  public func abort() {
    file?.writer.abort()
    file = nil
  }

  // MARK: Files and members

  private var buffer: [UInt8] = []
  private var memberOpen = false

  private var isMergingIntoOneStream: Bool {
    if case .file = target, let file, !file.writer.kind.isArchive { return true }
    return false
  }

  /// Whether `layout`'s records are written in their own format (layout bytes and unchanged records kept).
  private func preserves(_ layout: MemberLayout) -> Bool {
    guard let format else { return true }
    return format.format.id == layout.format?.id && (format.variant == nil || format.variant == layout.variant)
  }

  private func openFile(for layout: MemberLayout) throws {
    switch target {
    case .file(let path):
      if file == nil {
        try refuseOverwriting(path, input: layout.file)
        file = (layout.file, path, try ContainerWriter(path: path, kind: ContainerKind(suggestedByFileName: path)), 0)
      }
    case .directory(let root):
      if file?.input == layout.file { return }
      try closeFile()
      var relative = relativePath(of: layout.file)
      if !layout.container.isArchive, let format, !preserves(layout) {
        relative = OutputTarget.renamed(relative, for: format.framing)
      }
      let path = root.hasSuffix("/") ? root + relative : root + "/" + relative
      try refuseOverwriting(path, input: layout.file)
      try _makeParentDirectories(of: path)
      file = (layout.file, path, try ContainerWriter(path: path, kind: layout.container, tarFormat: layout.tarFormat ?? .ustar), 0)
    }
  }

  private func beginOutputMember(_ layout: MemberLayout, framing: Framing) throws {
    guard let file else { return }
    if memberOpen && isMergingIntoOneStream { return }  // one stream, already open
    var info = layout.member
    if file.writer.kind.isArchive {
      var name = layout.member.name ?? _lastPathComponent(layout.file)
      if case .file = target, layout.member.name == nil { name = relativePath(of: layout.file) }
      if framing != layout.framing { name = OutputTarget.renamed(name, for: framing) }
      guard let safe = isSafeMemberPath(name) ? name : safeMemberPath(name) else {
        throw WriteError("\(layout.file): member name \"\(name)\" cannot be written safely")
      }
      if safe != name { warnings.append("\(layout.file): member \"\(name)\" written as \"\(safe)\"") }
      info.name = safe
    } else {
      info.name = nil
    }
    info.index = memberCount
    try file.writer.beginMember(info)
    memberOpen = true
  }

  private func closeFile() throws {
    guard let current = file else { return }
    try flush()
    if memberOpen {
      try current.writer.endMember()
      memberOpen = false
    }
    try current.writer.commit()
    written.append(WrittenFile(path: current.path, records: current.records))
    file = nil
  }

  private func flush() throws {
    guard !buffer.isEmpty, let file else { return }
    try buffer.withUnsafeBytes { try file.writer.write($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  private func flushIfLarge() throws {
    if buffer.count >= 1 << 20 { try flush() }
  }

  private func relativePath(of input: String) -> String {
    let root = inputRoot.hasSuffix("/") ? inputRoot : inputRoot + "/"
    if input.hasPrefix(root) { return String(input.dropFirst(root.count)) }
    return _lastPathComponent(input)
  }

  private func refuseOverwriting(_ output: String, input: String) throws {
    if _canonicalPath(output) == _canonicalPath(input) {
      throw WriteError("refusing to overwrite the input \(input): choose another output path")
    }
  }
}

/// The deepest folder containing every path (the folder of the file when there is one).
public func commonDirectory(of paths: [String]) -> String {
  let folders = paths.map { path -> [Substring] in
    var parts = path.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast()
    return parts
  }
  guard var common = folders.first else { return "." }
  for parts in folders.dropFirst() {
    var n = 0
    while n < common.count && n < parts.count && common[n] == parts[n] { n += 1 }
    common = Array(common.prefix(n))
  }
  let joined = common.joined(separator: "/")
  return joined.isEmpty ? (paths.first?.hasPrefix("/") == true ? "/" : ".") : joined
}

