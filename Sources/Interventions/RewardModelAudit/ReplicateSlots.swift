/// Fixed-size storage that worker threads fill at disjoint indices (one bootstrap replicate each).
///
/// Writes from different threads must target different indices; reads happen after the
/// parallel loop returns.
final class ReplicateSlots<Element>: @unchecked Sendable {
  private let base: UnsafeMutablePointer<Element?>
  /// The number of slots.
  let count: Int

  /// Creates `count` empty slots.
  init(count: Int) {
    self.count = count
    base = .allocate(capacity: Swift.max(1, count))
    base.initialize(repeating: nil, count: count)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  /// The value in slot `index` (nil until written).
  subscript(index: Int) -> Element? {
    get { base[index] }
    set { base[index] = newValue }
  }

  /// All slots, in order.
  var values: [Element?] { (0..<count).map { base[$0] } }
}
