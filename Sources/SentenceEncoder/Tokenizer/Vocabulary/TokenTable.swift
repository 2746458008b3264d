/// An immutable hash map from token bytes to token ids that looks up byte ranges without allocating.
///
/// Keys live in one contiguous byte buffer; an open-addressing table of entry indices (linear
/// probing, load factor at most 1/2) is searched with an FNV-1a hash. When a key is inserted
/// twice the later id wins, as when Hugging Face reads a `vocab.txt` with repeated lines.
final class TokenTable: @unchecked Sendable {
  private let keyBytes: UnsafeMutablePointer<UInt8>
  private let keyStarts: UnsafeMutablePointer<Int>
  private let keyLengths: UnsafeMutablePointer<Int>
  private let ids: UnsafeMutablePointer<Int32>
  private let slots: UnsafeMutablePointer<Int32>
  private let slotMask: Int
  private let entryCount: Int
  private let byteCount: Int
  /// The length in bytes of the longest key.
  let longestKeyLength: Int

  /// Builds the table.
  ///
  /// - Parameter entries: Keys (UTF-8 bytes) and their ids.
  init(_ entries: [(key: [UInt8], id: Int32)]) {
    entryCount = entries.count
    byteCount = entries.reduce(0) { $0 + $1.key.count }
    keyBytes = .allocate(capacity: Swift.max(1, byteCount))
    keyStarts = .allocate(capacity: Swift.max(1, entryCount))
    keyLengths = .allocate(capacity: Swift.max(1, entryCount))
    ids = .allocate(capacity: Swift.max(1, entryCount))
    var capacity = 16
    while capacity < 2 * entryCount { capacity *= 2 }
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: -1, count: capacity)
    slotMask = capacity - 1

    var offset = 0
    var longest = 0
    for (index, entry) in entries.enumerated() {
      keyStarts[index] = offset
      keyLengths[index] = entry.key.count
      ids[index] = entry.id
      for byte in entry.key {
        keyBytes[offset] = byte
        offset += 1
      }
      longest = Swift.max(longest, entry.key.count)
    }
    longestKeyLength = longest

    for index in 0..<entryCount {
      let key = UnsafeBufferPointer(start: keyBytes + keyStarts[index], count: keyLengths[index])
      var slot = Self.hash(key) & slotMask
      while true {
        let occupant = Int(slots[slot])
        if occupant < 0 {
          slots[slot] = Int32(index)
          break
        }
        if equals(occupant, key) {
          slots[slot] = Int32(index)  // a repeated key: the later id wins
          break
        }
        slot = (slot + 1) & slotMask
      }
    }
  }

  deinit {
    keyBytes.deallocate()
    keyStarts.deallocate()
    keyLengths.deallocate()
    ids.deallocate()
    slots.deallocate()
  }

  /// The id of the key equal to `bytes`, or `nil`.
  @inline(__always)
  func id(for bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    var slot = Self.hash(bytes) & slotMask
    while true {
      let occupant = Int(slots[slot])
      if occupant < 0 { return nil }
      if equals(occupant, bytes) { return ids[occupant] }
      slot = (slot + 1) & slotMask
    }
  }

  /// Whether entry `index` has exactly the bytes `key`.
  @inline(__always)
  private func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let length = keyLengths[index]
    guard length == key.count else { return false }
    let stored = keyBytes + keyStarts[index]
    for position in 0..<length where stored[position] != key[position] {
      return false
    }
    return true
  }

  /// The 64-bit FNV-1a hash of `bytes`, folded to an `Int`.
  @inline(__always)
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return Int(truncatingIfNeeded: value ^ (value >> 29))
  }
}
