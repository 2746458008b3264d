import Dispatch
import Synchronization

/// Runs work items on a few threads, as MatrixCore's parallel loops do.
///
/// Workers claim items one at a time from a shared counter
/// (`DispatchQueue.concurrentPerform` with dynamic scheduling), so a thread that the OS
/// deschedules on a shared machine delays only its current item. Results must be written to
/// disjoint slots (see ``ResultSlots``).
enum ParallelWork {
  /// Calls `body(item)` for every item in `0..<itemCount` on up to `threadCount` threads.
  ///
  /// - Parameters:
  ///   - itemCount: The number of items.
  ///   - threadCount: The most threads; 1 runs inline on the caller's thread.
  ///   - body: The work for one item; called exactly once per item.
  static func forEach(itemCount: Int, threadCount: Int, _ body: @Sendable (Int) -> Void) {
    let workers = Swift.min(Swift.max(1, threadCount), itemCount)
    if workers <= 1 {
      for item in 0..<itemCount { body(item) }
      return
    }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let item = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if item >= itemCount { break }
        body(item)
      }
    }
  }
}

/// Fixed-size storage that worker threads fill at disjoint indices.
///
/// Writes from different threads must target different indices; reads happen after the
/// parallel loop returns.
final class ResultSlots<Element>: @unchecked Sendable {
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

/// A mutable buffer that worker threads write at disjoint indices.
struct SharedMutableBuffer<Element>: @unchecked Sendable {
  /// The start of the buffer.
  let base: UnsafeMutablePointer<Element>

  /// Wraps `base`.
  init(_ base: UnsafeMutablePointer<Element>) {
    self.base = base
  }
}
