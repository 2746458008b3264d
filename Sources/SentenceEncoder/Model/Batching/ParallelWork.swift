import Dispatch
import Synchronization

/// Runs work items on a few threads, claiming them one at a time from a shared counter.
///
/// Dynamic claiming means a thread that the OS deschedules (the machine may be shared) delays
/// only its current item. Results must go to disjoint memory.
enum ParallelWork {
  /// Calls `body(item)` once for every item in `0..<itemCount`, on up to `threadCount` threads.
  ///
  /// - Parameters:
  ///   - itemCount: The number of items.
  ///   - threadCount: The most threads; 1 (or a single item) runs inline on the caller's thread.
  ///   - body: The work for one item.
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

/// A pointer handed to worker threads that write disjoint parts of the memory it points to.
struct SharedPointer<Pointee>: @unchecked Sendable {
  /// The shared address.
  let base: UnsafeMutablePointer<Pointee>
}
