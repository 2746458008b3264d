#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Checksums

/// The 128-bit key of a text in ``EmbeddingCache``: the first 16 bytes of the SHA-256 of its UTF-8 bytes.
struct EmbeddingTextKey: Hashable, Sendable {
  var high: UInt64
  var low: UInt64

  /// The key of `text`.
  init(_ text: String) {
    var hash = SHA256()
    if text.utf8.withContiguousStorageIfAvailable({ hash.update(UnsafeRawBufferPointer($0)) }) == nil {
      hash.update(Array(text.utf8))
    }
    let digest = hash.finalize()
    var high: UInt64 = 0
    var low: UInt64 = 0
    for i in 0..<8 {
      high = high << 8 | UInt64(digest[i])
      low = low << 8 | UInt64(digest[8 + i])
    }
    self.high = high
    self.low = low
  }

  init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }
}

/// The layout of an ``EmbeddingCache`` shard file.
///
/// A shard is a 64-byte header followed by fixed-size records; every integer and float is
/// little-endian.
///
/// | bytes | header field |
/// | --- | --- |
/// | 0–7 | magic `PAEMBED1` |
/// | 8–11 | the vector width |
/// | 12–15 | flags: bit 0 set when the vectors are normalized |
/// | 16–47 | the SHA-256 of the model fingerprint |
/// | 48–55 | the record size in bytes |
/// | 56–63 | a checksum of bytes 0–55 |
///
/// A record is the text key (16 bytes), the vector (4 × width bytes) and a checksum of both
/// (8 bytes). A record whose checksum does not match, or a partial record at the end of a
/// file, is never returned.
struct EmbeddingShardFormat: Hashable, Sendable {
  static let magic = Array("PAEMBED1".utf8)
  static let headerSize = 64
  /// The shard file suffix.
  static let fileExtension = ".shard"

  /// The vector width.
  let dimension: Int
  /// Whether the vectors are normalized.
  let normalized: Bool
  /// The SHA-256 of the model fingerprint.
  let fingerprintDigest: [UInt8]

  init(dimension: Int, normalized: Bool, fingerprint: String) {
    self.dimension = dimension
    self.normalized = normalized
    var hash = SHA256()
    hash.update(Array(fingerprint.utf8))
    fingerprintDigest = hash.finalize()
  }

  /// The bytes of one record.
  var recordSize: Int { 16 + 4 * dimension + 8 }

  /// The shard file-name prefix of this variant (`normalized-` or `pooled-`).
  var namePrefix: String { normalized ? "normalized-" : "pooled-" }

  /// The 64 header bytes.
  var header: [UInt8] {
    var bytes = Self.magic
    bytes.appendLittleEndian(UInt32(dimension))
    bytes.appendLittleEndian(UInt32(normalized ? 1 : 0))
    bytes += fingerprintDigest
    bytes.appendLittleEndian(UInt64(recordSize))
    let sum = bytes.withUnsafeBytes { Self.checksum($0, seed: 0) }
    bytes.appendLittleEndian(sum)
    return bytes
  }

  /// Whether `bytes` (at least ``headerSize``) are exactly this format's header.
  func matchesHeader(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard bytes.count >= Self.headerSize else { return false }
    return header.withUnsafeBytes { expected in
      memcmp(expected.baseAddress!, bytes.baseAddress!, Self.headerSize) == 0
    }
  }

  /// Writes the record of `key` and `vector` (``dimension`` floats) into `buffer` (``recordSize`` bytes).
  func encode(key: EmbeddingTextKey, vector: [Float], into buffer: UnsafeMutableRawBufferPointer) {
    buffer.storeBytes(of: key.high.littleEndian, toByteOffset: 0, as: UInt64.self)
    buffer.storeBytes(of: key.low.littleEndian, toByteOffset: 8, as: UInt64.self)
    for (index, value) in vector.enumerated() {
      buffer.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: 16 + 4 * index, as: UInt32.self)
    }
    let payload = UnsafeRawBufferPointer(rebasing: buffer[0..<(recordSize - 8)])
    let sum = Self.checksum(payload, seed: UInt64(dimension))
    buffer.storeBytes(of: sum.littleEndian, toByteOffset: recordSize - 8, as: UInt64.self)
  }

  /// The key of a record whose checksum matches, else `nil`.
  func validKey(_ record: UnsafeRawBufferPointer) -> EmbeddingTextKey? {
    guard record.count == recordSize else { return nil }
    let payload = UnsafeRawBufferPointer(rebasing: record[0..<(recordSize - 8)])
    let stored = UInt64(littleEndian: record.loadUnaligned(fromByteOffset: recordSize - 8, as: UInt64.self))
    guard Self.checksum(payload, seed: UInt64(dimension)) == stored else { return nil }
    return EmbeddingTextKey(
      high: UInt64(littleEndian: record.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
      low: UInt64(littleEndian: record.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
  }

  /// The vector of a record (checked with ``validKey(_:)`` first).
  func vector(_ record: UnsafeRawBufferPointer) -> [Float] {
    (0..<dimension).map { index in
      Float(bitPattern: UInt32(littleEndian: record.loadUnaligned(fromByteOffset: 16 + 4 * index, as: UInt32.self)))
    }
  }

  /// A 64-bit checksum of `bytes` built from xxHash64's mixing steps: every bit of the input
  /// affects the result, and all-zero input does not give zero.
  static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
    let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    let prime5: UInt64 = 0x27D4_EB2F_1656_67C5
    @inline(__always) func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
    var accumulator = seed &+ prime5 &+ UInt64(bytes.count)
    var offset = 0
    while offset + 8 <= bytes.count {
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      accumulator ^= rotate(word &* prime2, 31) &* prime1
      accumulator = rotate(accumulator, 27) &* prime1 &+ prime4
      offset += 8
    }
    if offset + 4 <= bytes.count {
      let word = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
      accumulator ^= word &* prime1
      accumulator = rotate(accumulator, 23) &* prime2 &+ prime3
      offset += 4
    }
    while offset < bytes.count {
      accumulator ^= UInt64(bytes[offset]) &* prime5
      accumulator = rotate(accumulator, 11) &* prime1
      offset += 1
    }
    accumulator ^= accumulator >> 33
    accumulator &*= prime2
    accumulator ^= accumulator >> 29
    accumulator &*= prime3
    accumulator ^= accumulator >> 32
    return accumulator
  }
}

extension [UInt8] {
  /// Appends the little-endian bytes of `value`.
  mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
    Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
  }
}
