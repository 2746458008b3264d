import Dispatch

/// Runs `body(task)` for `task` in `0..<taskCount`, on up to `taskCount` threads.
///
/// A single task (or `taskCount <= 1`) runs inline on the calling thread, so
/// small problems pay no dispatch overhead.
@usableFromInline
func parallelForEach(taskCount: Int, _ body: @Sendable (Int) -> Void) {
  if taskCount <= 1 {
    if taskCount == 1 { body(0) }
    return
  }
  DispatchQueue.concurrentPerform(iterations: taskCount, execute: body)
}

/// Splits `0..<count` into at most `parts` contiguous ranges of near-equal size.
@usableFromInline
func splitRange(_ count: Int, parts: Int) -> [Range<Int>] {
  let parts = Swift.max(1, Swift.min(parts, count))
  var result: [Range<Int>] = []
  result.reserveCapacity(parts)
  var start = 0
  for index in 0..<parts {
    let end = start + (count - start) / (parts - index)
    result.append(start..<end)
    start = end
  }
  return result
}

/// A value that is shared with worker threads whose accesses the caller keeps disjoint.
///
/// Wraps raw pointers (which are not `Sendable`) for `concurrentPerform` closures.
@usableFromInline
struct UncheckedSendable<Value>: @unchecked Sendable {
  @usableFromInline var value: Value

  @usableFromInline
  init(_ value: Value) {
    self.value = value
  }
}
