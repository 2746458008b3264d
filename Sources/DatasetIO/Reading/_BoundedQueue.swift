import Foundation

/// A first-in first-out queue between two threads that blocks the producer when full.
///
/// Either side can ``close()`` it: the producer's ``push(_:)`` then returns
/// `false` so that it stops early, and ``pop()`` returns `nil` once drained.
final class _BoundedQueue<Element: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  /// Popped slots are set to `nil` at once so that a consumed batch is freed then, not
  /// when the array is next compacted (batches are megabytes each).
  private var items: [Element?] = []
  private var head = 0
  private let capacity: Int
  private var closed = false

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// Adds an element, waiting while the queue is full; `false` when the queue was closed.
  func push(_ item: Element) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while items.count - head >= capacity && !closed { condition.wait() }
    if closed { return false }
    items.append(item)
    condition.broadcast()
    return true
  }

  /// Removes the oldest element, waiting for one; `nil` when closed and empty.
  func pop() -> Element? {
    condition.lock()
    defer { condition.unlock() }
    while head == items.count && !closed { condition.wait() }
    if head == items.count { return nil }
    let item = items[head]
    items[head] = nil
    head += 1
    if head > 64 && head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
    condition.broadcast()
    return item!
  }

  /// Closes the queue; waiting threads wake up.
  func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }
}
