import PreferenceModel

/// Writes every rejected record as one JSON line: where it was, why, and its original bytes.
///
/// A line looks like
/// `{"file": "train.jsonl.gz", "member": null, "line": 12, "index": 11, "reason": "invalid JSON at column 7: …", "original": "…"}`;
/// when the bytes are not valid UTF-8, `original` is replaced by `originalBase64`, so no byte is lost.
/// The file appears (atomically) only when ``commit()`` is called, and only if something was rejected
/// unless `always` is set.
public final class RejectsWriter: DatasetVisitor {
  /// Where the rejects go.
  public let path: String
  /// Rejected records written so far.
  public private(set) var count = 0
  private var writer: ContainerWriter?
  private let always: Bool

  /// Creates a writer; nothing is written until the first reject (or ``commit()`` when `always`).
  public init(path: String, always: Bool = false) {
    self.path = path
    self.always = always
  }

  public func visit(_ units: [ReadUnit], of layout: MemberLayout) throws {
    for index in units.indices {
      guard let reason = units[index].rejectionReason else { continue }
      try write(RejectsWriter.line(for: units[index].location, bytes: units[index].bytes, reason: reason))
    }
  }

  /// The JSON line recording one rejected record.
  public static func line(for location: SourceLocation, bytes: [UInt8], reason: String) -> [UInt8] {
    var members: [JSONMember] = [
      JSONMember("file", .string(location.file)),
      JSONMember("member", location.member.map { .string($0) } ?? .null),
      JSONMember("line", .number(JSONNumber(location.line))),
      JSONMember("index", .number(JSONNumber(location.index))),
      JSONMember("reason", .string(reason)),
    ]
    if let text = String(validating: bytes, as: UTF8.self) {
      members.append(JSONMember("original", .string(text)))
    } else {
      members.append(JSONMember("originalBase64", .string(Base64.encode(bytes))))
    }
    var line = JSONValue.object(members).serialized(style: .python)
    line.append(0x0A)
    return line
  }

  private func write(_ line: [UInt8]) throws {
    if writer == nil {
      writer = try ContainerWriter(path: path, kind: .plain)
      try writer!.beginMember(MemberInfo(name: nil, index: 0))
    }
    try line.withUnsafeBytes { try writer!.write($0) }
    count += 1
  }

  /// Finishes the file (renaming it into place).
  public func commit() throws {
    if writer == nil && always {
      writer = try ContainerWriter(path: path, kind: .plain)
      try writer!.beginMember(MemberInfo(name: nil, index: 0))
    }
    guard let writer else { return }
    try writer.endMember()
    try writer.commit()
    self.writer = nil
  }

  /// Discards a partly written file.
  public func abort() {
    writer?.abort()
    writer = nil
  }
}

/// Standard Base64 (RFC 4648) encoding, for bytes that are not UTF-8.
enum Base64 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i + 3 <= bytes.count {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
      for shift in [18, 12, 6, 0] { out.append(alphabet[Int(n >> UInt32(shift) & 63)]) }
      i += 3
    }
    let rest = bytes.count - i
    if rest > 0 {
      var n = UInt32(bytes[i]) << 16
      if rest == 2 { n |= UInt32(bytes[i + 1]) << 8 }
      out.append(alphabet[Int(n >> 18 & 63)])
      out.append(alphabet[Int(n >> 12 & 63)])
      out.append(rest == 2 ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
      out.append(UInt8(ascii: "="))
    }
    return String(decoding: out, as: UTF8.self)
  }
}
