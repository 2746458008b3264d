import CMatrixKernels
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

/// Runs `body(item)` for every item in `0..<itemCount` on up to `workers` threads.
///
/// Workers claim items one at a time from a shared counter, so a thread that
/// the OS deschedules (the machine is shared) delays only its current item.
@usableFromInline
func parallelForEachDynamic(itemCount: Int, workers: Int, _ body: @Sendable (Int) -> Void) {
  let workers = Swift.min(workers, itemCount)
  if workers <= 1 {
    for item in 0..<itemCount { body(item) }
    return
  }
  let counter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
  counter.initialize(to: 0)
  defer { counter.deallocate() }
  let shared = UncheckedSendable(counter)
  DispatchQueue.concurrentPerform(iterations: workers) { _ in
    while true {
      let item = mck_fetch_add(shared.value, 1)
      if item >= itemCount { break }
      body(item)
    }
  }
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
