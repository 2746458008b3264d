/// Element copies between matrices of (possibly) different scalar types, with
/// concrete `Float`/`Double` loops so callers in other modules do not run
/// unspecialized generic arithmetic per element.
enum ElementConversion {
  /// Writes `transform(source[i, j])` densely row by row into `destination`,
  /// where `transform` is conversion to `Destination` minus `shift[j]` (if any).
  static func copy<Source: MatrixScalar, Destination: MatrixScalar>(
    _ source: UnsafeMatrixView<Source>, into destination: UnsafeMutablePointer<Destination>,
    subtracting shift: [Double]? = nil
  ) {
    let raw = UnsafeRawPointer(source.baseAddress)
    let rawDestination = UnsafeMutableRawPointer(destination)
    if Source.self == Float.self && Destination.self == Double.self {
      run(
        raw.assumingMemoryBound(to: Float.self), source, rawDestination.assumingMemoryBound(to: Double.self),
        shift) { Double($0) }
    } else if Source.self == Double.self && Destination.self == Double.self {
      run(
        raw.assumingMemoryBound(to: Double.self), source, rawDestination.assumingMemoryBound(to: Double.self),
        shift) { $0 }
    } else if Source.self == Double.self && Destination.self == Float.self {
      run(
        raw.assumingMemoryBound(to: Double.self), source, rawDestination.assumingMemoryBound(to: Float.self),
        shift) { Float($0) }
    } else if Source.self == Float.self && Destination.self == Float.self {
      run(
        raw.assumingMemoryBound(to: Float.self), source, rawDestination.assumingMemoryBound(to: Float.self),
        shift) { $0 }
    } else {
      run(source.baseAddress, source, destination, shift) { Destination($0) }
    }
  }

  @inline(__always)
  private static func run<S: MatrixScalar, D: MatrixScalar, Shape>(
    _ base: UnsafePointer<S>, _ shape: UnsafeMatrixView<Shape>, _ destination: UnsafeMutablePointer<D>,
    _ shift: [Double]?, _ convert: (S) -> D
  ) {
    let rows = shape.rows
    let columns = shape.columns
    let rowStride = shape.rowStride
    let columnStride = shape.columnStride
    if let shift {
      let shifts = shift.map { D($0) }
      for i in 0..<rows {
        let row = base + i * rowStride
        let out = destination + i * columns
        for j in 0..<columns { out[j] = convert(row[j * columnStride]) - shifts[j] }
      }
    } else {
      for i in 0..<rows {
        let row = base + i * rowStride
        let out = destination + i * columns
        for j in 0..<columns { out[j] = convert(row[j * columnStride]) }
      }
    }
  }

  /// Column sums of `source` in `Double`.
  static func columnSums<Source: MatrixScalar>(_ source: UnsafeMatrixView<Source>) -> [Double] {
    var sums = [Double](repeating: 0, count: source.columns)
    let raw = UnsafeRawPointer(source.baseAddress)
    if Source.self == Float.self {
      accumulate(raw.assumingMemoryBound(to: Float.self), source, &sums) { Double($0) }
    } else if Source.self == Double.self {
      accumulate(raw.assumingMemoryBound(to: Double.self), source, &sums) { $0 }
    } else {
      accumulate(source.baseAddress, source, &sums) { Double($0) }
    }
    return sums
  }

  @inline(__always)
  private static func accumulate<S, Shape>(
    _ base: UnsafePointer<S>, _ shape: UnsafeMatrixView<Shape>, _ sums: inout [Double], _ convert: (S) -> Double
  ) {
    sums.withUnsafeMutableBufferPointer { out in
      for i in 0..<shape.rows {
        let row = base + i * shape.rowStride
        for j in 0..<shape.columns { out[j] += convert(row[j * shape.columnStride]) }
      }
    }
  }
}
