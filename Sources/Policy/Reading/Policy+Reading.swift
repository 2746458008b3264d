import Foundation
import Yams

extension Policy {
  /// Reads the policy file at `path` (YAML, or the same structure in JSON).
  ///
  /// - Throws: ``PolicyError`` when the file cannot be read, is not UTF-8 text, or is not a valid
  ///   policy; the error names the line and column of the problem.
  public static func load(contentsOf path: String) throws(PolicyError) -> Policy {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw PolicyError("cannot read the policy file \(path): no such file", at: nil)
    }
    guard !isFolder.boolValue else {
      throw PolicyError("cannot read the policy file \(path): it is a folder", at: nil)
    }
    let bytes: [UInt8]
    do {
      bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw PolicyError("cannot read the policy file \(path): \(error.localizedDescription)", at: nil)
    }
    if let offset = firstInvalidUTF8(bytes) {
      let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
      let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
      let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
      throw PolicyError(
        "the policy is not UTF-8 text (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
        at: PolicyLocation(file: path, line: line, column: column))
    }
    return try parse(String(decoding: bytes, as: UTF8.self), file: path)
  }

  /// Reads a policy from `text` (YAML, or the same structure in JSON); `file` names it in errors.
  ///
  /// - Throws: ``PolicyError`` with the line and column of the first problem: a syntax error, a
  ///   missing or unsupported version, an unknown key, verdict or intervention, a value out of range,
  ///   or a combination the format forbids (docs/policy.md lists them).
  public static func parse(_ text: String, file: String) throws(PolicyError) -> Policy {
    // A byte order mark (as some editors write) is not part of the document.
    let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    let root: Node?
    do {
      root = try Yams.compose(yaml: body)
    } catch let error as YamlError {
      throw PolicyError(syntax: error, in: body, file: file)
    } catch {
      throw PolicyError("cannot read the policy: \(error)", at: PolicyLocation(file: file, line: 1, column: 1))
    }
    return try PolicyReader(file: file).policy(from: root)
  }

  /// The offset of the first byte that does not belong to valid UTF-8, or `nil`.
  private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }
}
