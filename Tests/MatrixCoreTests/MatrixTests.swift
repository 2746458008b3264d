import MatrixCore
import Testing

@Suite("Matrix storage and views")
struct MatrixTests {
  @Test func initializersAndSubscripts() throws {
    let zeros = Matrix<Float>(rows: 2, columns: 3)
    #expect(zeros.rows == 2 && zeros.columns == 3 && zeros.count == 6)
    #expect(zeros.elements == [0, 0, 0, 0, 0, 0])
    let filled = Matrix<Double>(rows: 2, columns: 2, repeating: 1.5)
    #expect(filled.elements == [1.5, 1.5, 1.5, 1.5])
    let m = try Matrix<Float>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
    #expect(m[1, 2] == 6 && m[0, 1] == 2)
    #expect(m.rowArrays == [[1, 2, 3], [4, 5, 6]])
    let fromRows = try Matrix<Float>([[1, 2, 3], [4, 5, 6]])
    #expect(fromRows == m)
    let generated = Matrix<Float>(rows: 2, columns: 3) { i, j in Float(i * 3 + j + 1) }
    #expect(generated == m)
    #expect(Matrix<Double>.identity(3).elements == [1, 0, 0, 0, 1, 0, 0, 0, 1])
    #expect(Matrix<Float>(rows: 0, columns: 4).isEmpty)
  }

  @Test func badElementCountsThrow() {
    #expect(throws: MatrixError.self) { try Matrix<Float>(rows: 2, columns: 2, elements: [1, 2, 3]) }
    #expect(throws: MatrixError.self) { try Matrix<Float>([[1, 2], [3]]) }
    #expect(throws: MatrixError.self) { try Matrix<Float>(rows: -1, columns: 2, elements: []) }
    do {
      _ = try Matrix<Float>(rows: 2, columns: 2, elements: [1])
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("1 elements for a 2 x 2 matrix"))
    }
  }

  @Test func viewsShareValuesWithoutCopying() throws {
    let m = Matrix<Float>(rows: 4, columns: 5) { i, j in Float(10 * i + j) }
    let t = m.transposed()
    #expect(t.rows == 5 && t.columns == 4 && t[3, 2] == 23)
    #expect(t.rowStride == 1 && t.columnStride == 5)
    let block = m.block(rows: 1..<3, columns: 2..<5)
    #expect(block.rowArrays == [[12, 13, 14], [22, 23, 24]])
    #expect(m.row(2).elements == [20, 21, 22, 23, 24])
    #expect(m.column(1).elements == [1, 11, 21, 31])
    #expect(m.rows(in: 3..<4).elements == [30, 31, 32, 33, 34])
    #expect(m.columns(in: 4..<5).elements == [4, 14, 24, 34])
    let strided = m.strided(rowStep: 2, columnStep: 3)
    #expect(strided.rowArrays == [[0, 3], [20, 23]])
    #expect(m.rowVector(1) == [10, 11, 12, 13, 14] && m.columnVector(4) == [4, 14, 24, 34])
    #expect(m.isContiguous && !t.isContiguous && !block.isContiguous && m.row(1).isContiguous)
    #expect(block.contiguous().isContiguous && block.contiguous() == block)
  }

  @Test("Buffers are 64-byte aligned for SIMD loads", arguments: [1, 5, 7, 17, 63, 65, 257])
  func allocationIsAligned(size: Int) throws {
    let address = { (m: Matrix<Float>) in m.withUnsafeView { Int(bitPattern: $0.baseAddress) } }
    let addressD = { (m: Matrix<Double>) in m.withUnsafeView { Int(bitPattern: $0.baseAddress) } }
    #expect(address(Matrix<Float>(rows: size, columns: 3)) % 64 == 0)
    #expect(address(Matrix<Float>(rows: 3, columns: size, repeating: 1)) % 64 == 0)
    #expect(address(try Matrix<Float>(rows: 1, columns: size, elements: Array(repeating: 2, count: size))) % 64 == 0)
    #expect(addressD(Matrix<Double>(rows: size, columns: size) { i, j in Double(i + j) }) % 64 == 0)
    // Products, conversions and copies of views get fresh aligned buffers too.
    let m: Matrix<Float> = TestHelpers.randomMatrix(size, 9, seed: 1)
    #expect(address(try Matrix.product(m, m.transposed())) % 64 == 0)
    #expect(addressD(Matrix<Double>(m)) % 64 == 0)
    #expect(address(m.transposed().contiguous()) % 64 == 0)
  }

  @Test func viewsAreNotCopies() {
    let m = Matrix<Float>(rows: 6, columns: 7) { i, j in Float(10 * i + j) }
    let base = m.withUnsafeView { Int(bitPattern: $0.baseAddress) }
    let stride = MemoryLayout<Float>.stride
    let address = { (view: Matrix<Float>) in view.withUnsafeView { Int(bitPattern: $0.baseAddress) } }
    #expect(address(m.transposed()) == base)
    #expect(address(m.row(3)) == base + 3 * 7 * stride)
    #expect(address(m.column(4)) == base + 4 * stride)
    #expect(address(m.block(rows: 2..<5, columns: 1..<6)) == base + (2 * 7 + 1) * stride)
    #expect(address(m.strided(rowStep: 2, columnStep: 3)) == base)
    #expect(address(m.transposed().block(rows: 1..<3, columns: 0..<6).transposed()) == base + stride)
    // A contiguous matrix is its own contiguous form; a transposed view is copied.
    #expect(address(m.contiguous()) == base && address(m.transposed().contiguous()) != base)
    let column = m.column(4)
    #expect(column.rowStride == 7 && column.columnStride == 1 && column.elements == [4, 14, 24, 34, 44, 54])
  }

  @Test func copyOnWriteKeepsValueSemantics() {
    var a = Matrix<Float>(rows: 3, columns: 3) { i, j in Float(i * 3 + j) }
    let snapshot = a
    var view = a.transposed()
    view[0, 1] = 100  // writes to a private copy
    #expect(a[1, 0] == 3 && view[0, 1] == 100)
    a[0, 0] = -1
    #expect(snapshot[0, 0] == 0 && a[0, 0] == -1)
    var row = a.row(2)
    row[0, 0] = 42
    #expect(a[2, 0] == 6 && row[0, 0] == 42)
  }

  @Test func mutableViewWritesOnlyTheOwner() {
    var a = Matrix<Double>(rows: 2, columns: 2, repeating: 1)
    let b = a
    a.withUnsafeMutableView { view in
      view[1, 1] = 7
      view.block(rows: 0..<1, columns: 0..<2)[0, 1] = 3
    }
    #expect(a.elements == [1, 3, 1, 7] && b.elements == [1, 1, 1, 1])
  }

  @Test func conversionMapAndDescription() throws {
    let f = try Matrix<Float>(rows: 1, columns: 3, elements: [0.5, -2, 3])
    let d = Matrix<Double>(f.transposed())
    #expect(d.rows == 3 && d.elements == [0.5, -2, 3])
    #expect(f.map { $0 * 2 }.elements == [1, -4, 6])
    #expect(f.description.hasPrefix("Matrix<Float> 1 x 3"))
    let big = Matrix<Float>(rows: 20, columns: 20)
    #expect(big.description.contains("..."))
  }

  @Test func elementwiseArithmeticOperators() throws {
    let a = try Matrix<Float>([[1, 2], [3, 4]])
    let b = try Matrix<Float>([[10, 20], [30, 40]])
    #expect((a + b).elements == [11, 22, 33, 44])
    #expect((b - a).elements == [9, 18, 27, 36])
    #expect((2 * a).elements == [2, 4, 6, 8])
    // Adding a transposed (strided) view.
    #expect((a + a.transposed()).elements == [2, 5, 5, 8])
    var c = a
    #expect(throws: MatrixError.self) { try c.add(Matrix<Float>(rows: 3, columns: 2)) }
  }
}
