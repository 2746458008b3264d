/// The heap buffer behind one or more ``Matrix`` values (shared until a write).
///
/// The buffer is 64-byte aligned so rows of a freshly allocated matrix start on
/// a cache line. It is immutable while shared; ``Matrix`` copies it before a
/// write unless it holds the only reference.
@usableFromInline
final class MatrixStorage<Scalar: MatrixScalar>: @unchecked Sendable {
  @usableFromInline let base: UnsafeMutablePointer<Scalar>
  @usableFromInline let capacity: Int

  /// Allocates room for `capacity` elements, initialized to zero.
  @usableFromInline
  init(zeroedCapacity capacity: Int) {
    self.capacity = Swift.max(capacity, 1)
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: self.capacity * MemoryLayout<Scalar>.stride, alignment: 64)
    base = raw.bindMemory(to: Scalar.self, capacity: self.capacity)
    base.initialize(repeating: 0, count: self.capacity)
  }

  /// Allocates room for `capacity` elements, initialized to `value`.
  @usableFromInline
  init(capacity: Int, repeating value: Scalar) {
    self.capacity = Swift.max(capacity, 1)
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: self.capacity * MemoryLayout<Scalar>.stride, alignment: 64)
    base = raw.bindMemory(to: Scalar.self, capacity: self.capacity)
    base.initialize(repeating: value, count: self.capacity)
  }

  /// Allocates room for `capacity` elements without initializing them.
  ///
  /// Only for buffers that are completely written before they are read
  /// (e.g. a GEMM result with beta = 0); `Scalar` is a trivial type.
  @usableFromInline
  init(uninitializedCapacity capacity: Int) {
    self.capacity = Swift.max(capacity, 1)
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: self.capacity * MemoryLayout<Scalar>.stride, alignment: 64)
    base = raw.bindMemory(to: Scalar.self, capacity: self.capacity)
  }

  deinit {
    UnsafeMutableRawPointer(base).deallocate()
  }
}
