/// The SHA-256 hash (FIPS 180-4), written out so that no module needs a crypto library.
///
/// Feed bytes in pieces of any size with `update(_:)`, then read the digest with ``finalize()``
/// or ``finalizeHex()``; the one-call forms hash a whole message. The H4 UltraFeedback layout
/// names each prompt by the hex SHA-256 of its UTF-8 bytes, and the sentence encoder identifies
/// model files and cached texts by their SHA-256.
///
/// ```swift
/// SHA256.hexDigest(of: "abc")
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
///
/// var hash = SHA256()
/// hash.update(Array("a".utf8))
/// hash.update(Array("bc".utf8))
/// hash.finalizeHex()  // the same digest
/// ```
public struct SHA256: Sendable {
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  /// The bytes fed since the last full 64-byte block.
  private var pending: [UInt8] = []
  private var byteCount: UInt64 = 0

  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  /// Creates the hash of the empty message.
  public init() {}

  /// Feeds bytes into the hash.
  ///
  /// - Parameter bytes: The next bytes of the message, any number.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    byteCount += UInt64(bytes.count)
    var index = 0
    if !pending.isEmpty {
      let take = Swift.min(64 - pending.count, bytes.count)
      pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<take]))
      index = take
      if pending.count == 64 {
        pending.withUnsafeBytes { compress($0.baseAddress!) }
        pending.removeAll(keepingCapacity: true)
      }
    }
    while index + 64 <= bytes.count {
      compress(bytes.baseAddress! + index)
      index += 64
    }
    if index < bytes.count {
      pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index...]))
    }
  }

  /// Feeds the bytes of an array into the hash.
  ///
  /// - Parameter bytes: The next bytes of the message.
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// The 32-byte digest of the bytes fed so far, most significant byte first.
  ///
  /// The hash is left as it was: more bytes may be fed and the digest read again.
  public func finalize() -> [UInt8] {
    var copy = self
    let length = byteCount &* 8
    var tail: [UInt8] = [0x80]
    while (Int(byteCount) + tail.count) % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
    tail.withUnsafeBytes { copy.update($0) }
    var digest: [UInt8] = []
    digest.reserveCapacity(32)
    let state = copy.state
    for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
      for shift in stride(from: 24, through: 0, by: -8) { digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
    }
    return digest
  }

  /// The digest of the bytes fed so far as 64 lowercase hexadecimal digits.
  public func finalizeHex() -> String {
    Self.hex(finalize())
  }

  /// The 32-byte digest of a whole message.
  ///
  /// - Parameter bytes: The message.
  /// - Returns: The digest, most significant byte first.
  public static func digest(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var hash = SHA256()
    hash.update(bytes)
    return hash.finalize()
  }

  /// The 32-byte digest of a byte array.
  ///
  /// - Parameter bytes: The message.
  /// - Returns: The digest, most significant byte first.
  public static func digest(of bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBytes { digest(of: $0) }
  }

  /// The lowercase hex digest of a byte array.
  ///
  /// - Parameter bytes: The message.
  /// - Returns: 64 lowercase hex digits.
  public static func hexDigest(of bytes: [UInt8]) -> String {
    hex(digest(of: bytes))
  }

  /// The lowercase hex digest of a string's UTF-8 bytes (e.g. the H4 `prompt_id` of a prompt).
  ///
  /// - Parameter text: The message.
  /// - Returns: 64 lowercase hex digits.
  public static func hexDigest(of text: String) -> String {
    var text = text
    return hex(text.withUTF8 { digest(of: UnsafeRawBufferPointer($0)) })
  }

  /// Lowercase hex spelling of bytes.
  private static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Processes one 64-byte block.
  private mutating func compress(_ block: UnsafeRawPointer) {
    var (a, b, c, d, e, f, g, h) = state
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      for t in 0..<16 {
        w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
      }
      for t in 16..<64 {
        let s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] >> 3)
        let s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] >> 10)
        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
      }
      Self.roundConstants.withUnsafeBufferPointer { k in
        for t in 0..<64 {
          let sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
          let choice = (e & f) ^ (~e & g)
          let temp1 = h &+ sum1 &+ choice &+ k[t] &+ w[t]
          let sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
          let majority = (a & b) ^ (a & c) ^ (b & c)
          let temp2 = sum0 &+ majority
          h = g
          g = f
          f = e
          e = d &+ temp1
          d = c
          c = b
          b = a
          a = temp1 &+ temp2
        }
      }
    }
    state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
  }

  @inline(__always)
  private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
    (value >> count) | (value << (32 - count))
  }
}
