/// The SHA-256 hash (FIPS 180-4), written out so that the module needs no crypto library.
///
/// HuggingFaceH4/ultrafeedback_binarized identifies each prompt by `prompt_id`, the
/// lowercase hex SHA-256 of the prompt's UTF-8 bytes. The adapter computes it when it
/// writes a new H4 record and checks it when it reads one; the public entry point is
/// ``UltraFeedbackBinarizedFormat/promptID(for:)``.
///
/// ```swift
/// SHA256.hexDigest(of: "abc")
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
enum SHA256 {
  /// The 32-byte digest of `bytes`.
  ///
  /// - Parameter bytes: The message.
  /// - Returns: The digest, most significant byte first.
  static func digest(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var state = initialState
    var block = [UInt8](repeating: 0, count: 64)
    let fullBlocks = bytes.count / 64
    var schedule = [UInt32](repeating: 0, count: 64)
    for b in 0..<fullBlocks {
      compress(&state, UnsafeRawBufferPointer(rebasing: bytes[(b * 64)..<(b * 64 + 64)]), &schedule)
    }
    // Padding: the remaining bytes, 0x80, zeros, and the bit length as a big-endian UInt64.
    let rest = bytes.count - fullBlocks * 64
    for i in 0..<rest { block[i] = bytes[fullBlocks * 64 + i] }
    block[rest] = 0x80
    for i in (rest + 1)..<64 { block[i] = 0 }
    if rest >= 56 {
      block.withUnsafeBytes { compress(&state, $0, &schedule) }
      for i in 0..<64 { block[i] = 0 }
    }
    let bitLength = UInt64(bytes.count) &* 8
    for i in 0..<8 { block[56 + i] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64(i))) }
    block.withUnsafeBytes { compress(&state, $0, &schedule) }
    var out = [UInt8]()
    out.reserveCapacity(32)
    for word in state {
      out.append(UInt8(truncatingIfNeeded: word >> 24))
      out.append(UInt8(truncatingIfNeeded: word >> 16))
      out.append(UInt8(truncatingIfNeeded: word >> 8))
      out.append(UInt8(truncatingIfNeeded: word))
    }
    return out
  }

  /// The 32-byte digest of a byte array.
  ///
  /// - Parameter bytes: The message.
  /// - Returns: The digest, most significant byte first.
  static func digest(of bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBytes { digest(of: $0) }
  }

  /// The lowercase hex digest of a string's UTF-8 bytes (the H4 `prompt_id` of a prompt).
  ///
  /// - Parameter text: The message.
  /// - Returns: 64 lowercase hex digits.
  static func hexDigest(of text: String) -> String {
    var text = text
    let bytes = text.withUTF8 { Self.digest(of: UnsafeRawBufferPointer($0)) }
    return hex(bytes)
  }

  /// Lowercase hex spelling of bytes.
  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static let initialState: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]

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

  @inline(__always)
  private static func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x >> n) | (x << (32 - n))
  }

  /// Processes one 64-byte block.
  private static func compress(_ state: inout [UInt32], _ block: UnsafeRawBufferPointer, _ w: inout [UInt32]) {
    for t in 0..<16 {
      w[t] =
        UInt32(block[4 * t]) << 24 | UInt32(block[4 * t + 1]) << 16
        | UInt32(block[4 * t + 2]) << 8 | UInt32(block[4 * t + 3])
    }
    for t in 16..<64 {
      let s0 = rotateRight(w[t - 15], 7) ^ rotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3)
      let s1 = rotateRight(w[t - 2], 17) ^ rotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10)
      w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
    }
    var a = state[0]
    var b = state[1]
    var c = state[2]
    var d = state[3]
    var e = state[4]
    var f = state[5]
    var g = state[6]
    var h = state[7]
    for t in 0..<64 {
      let s1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
      let choice = (e & f) ^ (~e & g)
      let temp1 = h &+ s1 &+ choice &+ roundConstants[t] &+ w[t]
      let s0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
      let majority = (a & b) ^ (a & c) ^ (b & c)
      let temp2 = s0 &+ majority
      h = g
      g = f
      f = e
      e = d &+ temp1
      d = c
      c = b
      b = a
      a = temp1 &+ temp2
    }
    state[0] = state[0] &+ a
    state[1] = state[1] &+ b
    state[2] = state[2] &+ c
    state[3] = state[3] &+ d
    state[4] = state[4] &+ e
    state[5] = state[5] &+ f
    state[6] = state[6] &+ g
    state[7] = state[7] &+ h
  }
}
