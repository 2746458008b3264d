/// A mutable buffer that worker threads write at disjoint indices.
struct SharedMutableBuffer<Element>: @unchecked Sendable {
  /// The start of the buffer.
  let base: UnsafeMutablePointer<Element>

  /// Wraps `base`.
  init(_ base: UnsafeMutablePointer<Element>) {
    self.base = base
  }
}
