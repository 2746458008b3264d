/// Fixed-size storage that worker threads fill at disjoint indices (one result per work item of
/// ``ParallelWork``).
///
/// Writes from different threads must target different indices; reads happen after the
/// parallel loop returns.
public final class ResultSlots<Element>: @unchecked Sendable {
  private let base: UnsafeMutablePointer<Element?>
  /// The number of slots.
  public let count: Int

  /// Creates `count` empty slots.
  public init(count: Int) {
    self.count = count
    base = .allocate(capacity: Swift.max(1, count))
    base.initialize(repeating: nil, count: count)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  /// The value in slot `index` (nil until written).
  public subscript(index: Int) -> Element? {
    get { base[index] }
    set { base[index] = newValue }
  }

  /// All slots, in order.
  public var values: [Element?] { (0..<count).map { base[$0] } }
}

