/// A read-only map from single words to a set of class bits, looked up by word hash.
///
/// Rule-based detectors tag every word of a response once (`great` → praise
/// adjective, `you` → second person, …) and then test patterns on the tags. A
/// Swift `Dictionary` costs a hash of the key per lookup; this table uses the
/// word hash (already FNV-1a mixed) directly as the slot index with linear
/// probing, so tagging a word costs a few nanoseconds.
///
/// ```swift
/// let table = WordClassTable([(["great", "excellent"], 1), (["you", "your"], 2), (["great"], 4)])
/// let text = TokenizedText("You did great")
/// table.classes(of: text)   // [2, 0, 5]
/// ```
public struct WordClassTable: Sendable {
  /// One slot: a word hash and its class bits, side by side so a lookup reads one cache line.
  struct Slot: Sendable {
    /// The word hash (meaningful where ``bits`` is non-zero).
    var key: UInt64 = 0
    /// The class bits; 0 marks an empty slot.
    var bits: UInt64 = 0
  }

  /// The slots, a power of two of them, probed linearly.
  private let slots: [Slot]
  /// Slot count minus one.
  private let mask: Int

  /// Creates a table from groups of words and the bits each group adds.
  ///
  /// A word listed in several groups gets the union of their bits. Entries must be single
  /// words as ``TokenizedText`` cuts them (`don't` is one word, `spot-on` is two): an entry
  /// with no word is ignored, one with several words is a programming error.
  public init(_ groups: [(words: [String], bits: UInt64)]) {
    var merged: [UInt64: UInt64] = [:]
    for group in groups where group.bits != 0 {
      for word in group.words {
        let hashes = TokenizedText(word).words
        precondition(hashes.count <= 1, "WordClassTable: '\(word)' is not a single word")
        guard let hash = hashes.first else { continue }
        merged[hash, default: 0] |= group.bits
      }
    }
    self.init(merged)
  }

  /// Creates a table from word hashes and their bits (zero bits are dropped).
  public init(_ entries: [UInt64: UInt64]) {
    var capacity = 16
    while capacity < entries.count * 4 { capacity *= 2 }
    var slots = [Slot](repeating: Slot(), count: capacity)
    let mask = capacity - 1
    for (hash, value) in entries where value != 0 {
      var slot = Self.slot(of: hash, mask: mask)
      while slots[slot].bits != 0 { slot = (slot + 1) & mask }
      slots[slot] = Slot(key: hash, bits: value)
    }
    self.slots = slots
    self.mask = mask
  }

  /// The first slot probed for `hash`.
  @inline(__always)
  private static func slot(of hash: UInt64, mask: Int) -> Int {
    Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
  }

  /// The class bits of the word with hash `hash` (0 when it is in no class).
  @inline(__always)
  public subscript(hash: UInt64) -> UInt64 {
    slots.withUnsafeBufferPointer { Self.lookup(hash, in: $0, mask: mask) }
  }

  /// The class bits of `hash` in `slots` (0 when absent).
  @inline(__always)
  private static func lookup(_ hash: UInt64, in slots: UnsafeBufferPointer<Slot>, mask: Int) -> UInt64 {
    var slot = Self.slot(of: hash, mask: mask)
    while true {
      let entry = slots[slot]
      if entry.bits == 0 { return 0 }
      if entry.key == hash { return entry.bits }
      slot = (slot + 1) & mask
    }
  }

  /// Writes the class bits of every word of `text` into `buffer` (resized to the word count).
  public func classify(_ text: TokenizedText, into buffer: inout [UInt64]) {
    let words = text.words
    if buffer.count != words.count {
      buffer.removeAll(keepingCapacity: true)
      buffer.append(contentsOf: repeatElement(0, count: words.count))
    }
    let mask = mask
    buffer.withUnsafeMutableBufferPointer { out in
      words.withUnsafeBufferPointer { input in
        slots.withUnsafeBufferPointer { slots in
          for i in 0..<input.count { out[i] = Self.lookup(input[i], in: slots, mask: mask) }
        }
      }
    }
  }

  /// The class bits of every word of `text`, in order.
  public func classes(of text: TokenizedText) -> [UInt64] {
    var buffer: [UInt64] = []
    classify(text, into: &buffer)
    return buffer
  }
}
