/// Open emphasis delimiter runs of one character on one line, without allocating.
///
/// Holds up to 16 run lengths (each capped at 7) packed 3 bits apiece; deeper nesting
/// is ignored, which real text never reaches.
struct EmphasisStack {
  private var packed: UInt64 = 0
  private var depth = 0

  /// Whether no run is open.
  var isEmpty: Bool { depth == 0 }

  /// Opens a run of `length` delimiters.
  mutating func push(_ length: Int) {
    guard depth < 16 else { return }
    packed = (packed << 3) | UInt64(min(length, 7))
    depth += 1
  }

  /// Closes the innermost open run and returns its length.
  mutating func pop() -> Int {
    precondition(depth > 0, "EmphasisStack.pop on an empty stack")
    let length = Int(packed & 7)
    packed >>= 3
    depth -= 1
    return length
  }
}
