/// A pointer handed to worker threads that write disjoint parts of the memory it points to.
struct SharedPointer<Pointee>: @unchecked Sendable {
  /// The shared address.
  let base: UnsafeMutablePointer<Pointee>
}
