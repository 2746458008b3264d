/// A read-only map from single words to a set of class bits, looked up by word hash.
///
/// Rule-based detectors tag every word of a response once (`great` → praise
/// adjective, `you` → second person, …) and then test patterns on the tags. A
/// Swift `Dictionary` costs a hash of the key per lookup; this table keeps the words in
/// buckets of four, one 64-byte cache line each (four hashes, then their four bit sets),
/// and sizes itself so that no bucket overflows: a lookup reads one cache line and
/// compares all four hashes without a branch, so tagging a word costs a few nanoseconds
/// whether the word is in the table or not.
///
/// ```swift
/// let table = WordClassTable([(["great", "excellent"], 1), (["you", "your"], 2), (["great"], 4)])
/// let text = TokenizedText("You did great")
/// table.classes(of: text)   // [2, 0, 5]
/// ```
public struct WordClassTable: Sendable {
  /// Words per bucket.
  static let bucketWidth = 4

  /// The buckets, 8 words each: four hashes, then the class bits of each (0 in an unused slot).
  private let storage: BucketStorage
  /// 64 minus the base-2 logarithm of the bucket count: a hash's bucket is its mixed top bits.
  private let shift: UInt64

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
    let kept = entries.filter { $0.value != 0 }.sorted { $0.key < $1.key }
    var bucketCount = 16
    while bucketCount * 2 < kept.count { bucketCount *= 2 }
    while true {
      let shift = UInt64(64 - bucketCount.trailingZeroBitCount)
      var filled = [Int](repeating: 0, count: bucketCount)
      var fits = true
      for entry in kept {
        let bucket = Self.bucket(of: entry.key, shift: shift)
        if filled[bucket] == Self.bucketWidth {
          fits = false
          break
        }
        filled[bucket] += 1
      }
      if fits {
        let storage = BucketStorage(words: bucketCount * 2 * Self.bucketWidth)
        filled = [Int](repeating: 0, count: bucketCount)
        for entry in kept {
          let bucket = Self.bucket(of: entry.key, shift: shift)
          let slot = bucket * 2 * Self.bucketWidth + filled[bucket]
          storage.pointer[slot] = entry.key
          storage.pointer[slot + Self.bucketWidth] = entry.value
          filled[bucket] += 1
        }
        self.storage = storage
        self.shift = shift
        return
      }
      bucketCount *= 2
    }
  }

  /// The bucket of `hash`: the top bits of its product with a 64-bit odd constant.
  @inline(__always)
  private static func bucket(of hash: UInt64, shift: UInt64) -> Int {
    Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) &>> shift)
  }

  /// The class bits of the word with hash `hash` (0 when it is in no class).
  @inline(__always)
  public subscript(hash: UInt64) -> UInt64 {
    Self.lookup(hash, in: storage.pointer, shift: shift)
  }

  /// The class bits of `hash` (0 when absent): the four slots of its bucket compared at once,
  /// in vector registers (scalar compares become branches, which mispredict on every other word).
  @inline(__always)
  private static func lookup(_ hash: UInt64, in buckets: UnsafePointer<UInt64>, shift: UInt64) -> UInt64 {
    let slots = UnsafeRawPointer(buckets + bucket(of: hash, shift: shift) &* (2 * bucketWidth))
    let keys = slots.load(as: SIMD4<UInt64>.self)
    let bits = slots.load(fromByteOffset: 32, as: SIMD4<UInt64>.self)
    let found = SIMD4<UInt64>(repeating: 0).replacing(with: bits, where: keys .== SIMD4(repeating: hash))
    return found[0] | found[1] | found[2] | found[3]
  }

  /// Writes the class bits of every word of `text` into `buffer` (resized to the word count).
  public func classify(_ text: TokenizedText, into buffer: inout [UInt64]) {
    let words = text.words
    // Every entry is overwritten below: only a longer buffer needs new (zeroed) entries.
    if buffer.count > words.count {
      buffer.removeLast(buffer.count - words.count)
    } else if buffer.count < words.count {
      buffer.append(contentsOf: repeatElement(0, count: words.count - buffer.count))
    }
    let buckets = UnsafePointer(storage.pointer)
    let shift = shift
    buffer.withUnsafeMutableBufferPointer { out in
      words.withUnsafeBufferPointer { input in
        for i in 0..<input.count { out[i] = Self.lookup(input[i], in: buckets, shift: shift) }
      }
    }
    withExtendedLifetime(storage) {}
  }

  /// The class bits of every word of `text`, in order.
  public func classes(of text: TokenizedText) -> [UInt64] {
    var buffer: [UInt64] = []
    classify(text, into: &buffer)
    return buffer
  }
}

/// The buckets of a ``WordClassTable``: zeroed words on a 64-byte boundary, so that each
/// bucket is one cache line; written once while the table is built, read-only after.
final class BucketStorage: @unchecked Sendable {
  /// The first word.
  let pointer: UnsafeMutablePointer<UInt64>

  /// Allocates `words` zeroed words.
  init(words: Int) {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: words * MemoryLayout<UInt64>.stride, alignment: 64)
    pointer = raw.initializeMemory(as: UInt64.self, repeating: 0, count: words)
  }

  deinit { pointer.deallocate() }
}
