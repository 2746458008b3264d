/// Runs independent work items on a few threads, for modules built on the matrix core.
///
/// Threads claim items one at a time from a shared counter, so a thread that the OS deschedules
/// (the machine may be shared) delays only its current item. Results must go to disjoint memory;
/// to keep results independent of the thread count, make the items a function of the data only.
///
/// ```swift
/// ParallelWork.forEach(itemCount: features.count, threadCount: 2) { f in
///   results[f] = analyze(features[f])   // each item writes its own slot
/// }
/// ```
public enum ParallelWork {
  /// Calls `body(item)` once for every item in `0..<itemCount`, on up to `threadCount` threads.
  ///
  /// - Parameters:
  ///   - itemCount: The number of items.
  ///   - threadCount: The most threads; 1 (or a single item) runs inline on the caller's thread.
  ///   - body: The work for one item.
  public static func forEach(itemCount: Int, threadCount: Int, _ body: @Sendable (Int) -> Void) {
    parallelForEachDynamic(itemCount: itemCount, workers: Swift.max(1, threadCount), body)
  }
}
