import MatrixCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

@Suite("Decompositions")
struct DecompositionTests {
  static let sizes = [1, 2, 5, 7, 17, 63, 65, 257]

  @Test("Cholesky reconstructs and solves", arguments: sizes)
  func cholesky(n: Int) throws {
    let a = TestHelpers.randomSPD(n, seed: UInt64(100 + n))
    let cholesky = try CholeskyDecomposition(a)
    let l = cholesky.lower
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) { #expect(l[i, j] == 0) }
    }
    let scale = a.elements.map { abs($0) }.max() ?? 1
    #expect(TestHelpers.maxDifference(l * l.transposed(), a) < 1e-13 * scale)
    let b: Matrix<Double> = TestHelpers.randomMatrix(n, 3, seed: 7, as: Double.self)
    let x = try cholesky.solve(b)
    #expect(TestHelpers.maxDifference(a * x, b) < 1e-12 * scale)
    #expect(TestHelpers.maxDifference(a * cholesky.inverse(), Matrix<Double>.identity(n)) < 1e-12 * Double(n))
    // log det from the factor agrees with the eigenvalues.
    let eigen = try SymmetricEigendecomposition(a)
    let logDet = eigen.eigenvalues.reduce(0) { $0 + log($1) }
    #expect(abs(cholesky.logDeterminant - logDet) < 1e-10 * max(1, abs(logDet)))
  }

  @Test func choleskyRejectsIndefiniteAndBadInput() throws {
    let indefinite = try Matrix<Double>([[4, 2, 0], [2, 1, 0], [0, 0, 3]])  // singular leading 2x2
    #expect(throws: MatrixError.notPositiveDefinite(pivot: 1)) { try CholeskyDecomposition(indefinite) }
    #expect(throws: MatrixError.self) { try CholeskyDecomposition(Matrix<Double>(rows: 2, columns: 3)) }
    var withNaN = Matrix<Double>.identity(2)
    withNaN[0, 1] = .nan
    withNaN[1, 0] = .nan
    #expect(throws: MatrixError.nonFiniteInput(operation: "CholeskyDecomposition")) {
      try CholeskyDecomposition(withNaN)
    }
    #expect(throws: MatrixError.self) { try CholeskyDecomposition(Matrix<Double>.identity(2)).solve([1, 2, 3]) }
  }

  @Test func triangularSolves() throws {
    let n = 17
    let random: Matrix<Double> = TestHelpers.randomMatrix(n, n, seed: 30, as: Double.self)
    let lower = Matrix<Double>(rows: n, columns: n) { i, j in j < i ? random[i, j] : (j == i ? 2 + random[i, i] : 0) }
    let b: Matrix<Double> = TestHelpers.randomMatrix(n, 4, seed: 31, as: Double.self)
    for transposed in [false, true] {
      let x = try Matrix.solveTriangular(lower, b, triangle: .lower, transposed: transposed)
      let t = transposed ? lower.transposed() : lower
      #expect(TestHelpers.maxDifference(t * x, b) < 1e-12)
      // The same matrix seen as upper-triangular storage.
      let y = try Matrix.solveTriangular(lower.transposed(), b, triangle: .upper, transposed: !transposed)
      #expect(TestHelpers.maxDifference(x, y) < 1e-13)
    }
    let unit = try Matrix.solveTriangular(lower, b, triangle: .lower, unitDiagonal: true)
    let unitLower = Matrix<Double>(rows: n, columns: n) { i, j in j < i ? lower[i, j] : (i == j ? 1 : 0) }
    #expect(TestHelpers.maxDifference(unitLower * unit, b) < 1e-10)
    var singular = lower
    singular[5, 5] = 0
    #expect(throws: MatrixError.singular(pivot: 5)) { try Matrix.solveTriangular(singular, b, triangle: .lower) }
    #expect(throws: MatrixError.self) { try Matrix.solveTriangular(lower, Matrix<Double>(rows: 3, columns: 1), triangle: .lower) }
  }

  @Test("Householder QR", arguments: [(1, 1), (5, 3), (7, 7), (17, 17), (65, 17), (63, 5), (4, 1), (257, 63)])
  func householderQR(shape: (Int, Int)) throws {
    let (m, n) = shape
    let a: Matrix<Double> = TestHelpers.randomMatrix(m, n, seed: UInt64(m * 100 + n), as: Double.self)
    let qr = try QRDecomposition(a)
    let q = qr.q
    let r = qr.r
    #expect(q.rows == m && q.columns == n && r.rows == n && r.columns == n)
    #expect(TestHelpers.orthogonalityError(q) < 1e-14 * Double(m))
    #expect(TestHelpers.maxDifference(q * r, a) < 1e-14 * Double(m))
    for i in 0..<n {
      for j in 0..<i { #expect(r[i, j] == 0) }
    }
    #expect(qr.isFullRank && qr.rank == n)
  }

  @Test func leastSquares() throws {
    // Over-determined: compare with the normal equations solved by Cholesky.
    let a: Matrix<Double> = TestHelpers.randomMatrix(40, 6, seed: 40, as: Double.self)
    let b: Matrix<Double> = TestHelpers.randomMatrix(40, 2, seed: 41, as: Double.self)
    let x = try Matrix.leastSquares(a, b)
    let normal = try CholeskyDecomposition(a.transposed() * a).solve(a.transposed() * b)
    #expect(TestHelpers.maxDifference(x, normal) < 1e-12)
    // The residual is orthogonal to the columns of A.
    #expect((a.transposed() * (a * x - b)).elements.allSatisfy { abs($0) < 1e-12 })
    // Exact fit of a line: y = 2 + 3t.
    let design = try Matrix<Double>((0..<5).map { [1, Double($0)] })
    let y = try Matrix<Double>(rows: 5, columns: 1, elements: (0..<5).map { 2 + 3 * Double($0) })
    let line = try Matrix.leastSquares(design, y)
    #expect(abs(line[0, 0] - 2) < 1e-13 && abs(line[1, 0] - 3) < 1e-13)
    // Under-determined: the minimum-norm solution satisfies A x = b and lies in the row space.
    let wide: Matrix<Double> = TestHelpers.randomMatrix(3, 7, seed: 42, as: Double.self)
    let rhs: Matrix<Double> = TestHelpers.randomMatrix(3, 1, seed: 43, as: Double.self)
    let minimum = try Matrix.leastSquares(wide, rhs)
    #expect(TestHelpers.maxDifference(wide * minimum, rhs) < 1e-13)
    let pseudo = wide.transposed() * (try CholeskyDecomposition(wide * wide.transposed()).solve(rhs))
    #expect(TestHelpers.maxDifference(minimum, pseudo) < 1e-12)
    // Rank deficiency is reported, not silently solved.
    let deficient = Matrix<Double>(rows: 6, columns: 3) { i, j in j == 2 ? Double(i) * 2 : (j == 1 ? Double(i) : 1) }
    #expect(throws: MatrixError.rankDeficient(operation: "QRDecomposition.solveLeastSquares", rank: 2, required: 3)) {
      try Matrix.leastSquares(deficient, Matrix<Double>(rows: 6, columns: 1))
    }
    #expect(throws: MatrixError.self) { try QRDecomposition(wide) }
  }

  @Test("Symmetric eigendecomposition", arguments: [1, 2, 5, 7, 17, 63, 65, 257])
  func symmetricEigen(n: Int) throws {
    let a = TestHelpers.randomSymmetric(n, seed: UInt64(200 + n))
    let eigen = try SymmetricEigendecomposition(a)
    let v = eigen.eigenvectors
    #expect(eigen.eigenvalues == eigen.eigenvalues.sorted())
    #expect(TestHelpers.orthogonalityError(v) < 1e-13 * Double(n))
    let lambda = Matrix<Double>(rows: n, columns: n) { i, j in i == j ? eigen.eigenvalues[i] : 0 }
    #expect(TestHelpers.maxDifference(v * lambda * v.transposed(), a) < 1e-13 * Double(n))
    for i in 0..<n {
      let av = a * v.column(i)
      let lv = eigen.eigenvalues[i] * v.column(i)
      #expect(TestHelpers.maxDifference(av, lv) < 1e-12)
    }
  }

  @Test func eigenKnownValuesAndEdgeCases() throws {
    let a = try Matrix<Double>([[2, 1], [1, 2]])
    let eigen = try SymmetricEigendecomposition(a)
    #expect(abs(eigen.eigenvalues[0] - 1) < 1e-15 && abs(eigen.eigenvalues[1] - 3) < 1e-15)
    #expect(abs(abs(eigen.eigenvectors[0, 1]) - 0.5.squareRoot()) < 1e-15)
    // Repeated eigenvalues and an already diagonal matrix.
    let diagonal = try Matrix<Double>([[3, 0, 0], [0, -1, 0], [0, 0, 3]])
    let d = try SymmetricEigendecomposition(diagonal)
    #expect(d.eigenvalues == [-1, 3, 3])
    #expect(TestHelpers.orthogonalityError(d.eigenvectors) < 1e-15)
    #expect(try SymmetricEigendecomposition(Matrix<Double>(rows: 4, columns: 4)).eigenvalues == [0, 0, 0, 0])
    #expect(throws: MatrixError.self) { try SymmetricEigendecomposition(Matrix<Double>([[1, 2], [0, 1]])) }
    #expect(throws: MatrixError.self) { try SymmetricEigendecomposition(Matrix<Double>(rows: 2, columns: 3)) }
  }

  @Test("Thin SVD", arguments: [(1, 1), (5, 3), (3, 5), (17, 17), (65, 17), (1, 7), (7, 1), (40, 40), (257, 63), (63, 65)])
  func thinSVD(shape: (Int, Int)) throws {
    let (m, n) = shape
    let a: Matrix<Double> = TestHelpers.randomMatrix(m, n, seed: UInt64(300 + m * 7 + n), as: Double.self)
    let svd = try SingularValueDecomposition(a)
    let k = min(m, n)
    #expect(svd.u.rows == m && svd.u.columns == k && svd.vt.rows == k && svd.vt.columns == n)
    #expect(svd.singularValues == svd.singularValues.sorted(by: >) && svd.singularValues.allSatisfy { $0 >= 0 })
    #expect(TestHelpers.orthogonalityError(svd.u) < 1e-13 * Double(m))
    #expect(TestHelpers.orthogonalityError(svd.vt.transposed()) < 1e-13 * Double(n))
    #expect(TestHelpers.maxDifference(svd.reconstructed(), a) < 1e-13 * Double(max(m, n)))
    // σ² are the largest eigenvalues of AᵀA.
    let eigen = try SymmetricEigendecomposition(a.transposed() * a)
    let top = Array(eigen.eigenvalues.reversed().prefix(k))
    for (sigma, lambda) in zip(svd.singularValues, top) {
      #expect(abs(sigma * sigma - lambda) < 1e-12 * max(1, lambda))
    }
  }

  @Test func svdOfRankDeficientMatrixKeepsUOrthonormal() throws {
    // Rank 2: outer products of two vectors.
    let a = Matrix<Double>(rows: 9, columns: 6) { i, j in Double(i + 1) * Double(j % 3) + Double(i % 2) }
    let svd = try SingularValueDecomposition(a)
    #expect(svd.rank == 2)
    #expect(svd.singularValues[2...].allSatisfy { $0 < 1e-12 })
    #expect(TestHelpers.orthogonalityError(svd.u) < 1e-12)
    #expect(TestHelpers.maxDifference(svd.reconstructed(), a) < 1e-12)
    let zero = try SingularValueDecomposition(Matrix<Double>(rows: 3, columns: 2))
    #expect(zero.singularValues == [0, 0] && TestHelpers.orthogonalityError(zero.u) < 1e-15)
    var bad = Matrix<Double>(rows: 2, columns: 2)
    bad[0, 0] = .infinity
    #expect(throws: MatrixError.nonFiniteInput(operation: "SingularValueDecomposition")) {
      try SingularValueDecomposition(bad)
    }
  }

  @Test func decompositionsReadTransposedAndStridedViews() throws {
    // Each input is a view (transposed or strided); the result must equal that of a dense copy.
    let spd = TestHelpers.randomSPD(17, seed: 500)
    let padded = Matrix<Double>(rows: 34, columns: 51) { i, j in i % 2 == 0 && j % 3 == 0 ? spd[i / 2, j / 3] : .nan }
    let stridedSPD = padded.strided(rowStep: 2, columnStep: 3)
    #expect(!stridedSPD.isContiguous && stridedSPD == spd)
    #expect(try CholeskyDecomposition(stridedSPD).lower == CholeskyDecomposition(spd).lower)
    // The transpose holds the same values up to the rounding of the two triangles of MᵀM.
    let fromTranspose = try CholeskyDecomposition(spd.transposed()).lower
    #expect(TestHelpers.maxDifference(fromTranspose, try CholeskyDecomposition(spd).lower) < 1e-13)
    let eigen = try SymmetricEigendecomposition(stridedSPD)
    #expect(eigen.eigenvalues == (try SymmetricEigendecomposition(spd)).eigenvalues)
    let tall: Matrix<Double> = TestHelpers.randomMatrix(9, 23, seed: 501, as: Double.self)
    let qrOfView = try QRDecomposition(tall.transposed())
    let qrOfCopy = try QRDecomposition(tall.transposed().contiguous())
    #expect(qrOfView.q == qrOfCopy.q && qrOfView.r == qrOfCopy.r)
    let svdOfView = try SingularValueDecomposition(tall.transposed())
    #expect(svdOfView.singularValues == (try SingularValueDecomposition(tall.transposed().contiguous())).singularValues)
    let b: Matrix<Double> = TestHelpers.randomMatrix(23, 2, seed: 502, as: Double.self)
    let solution = try Matrix.leastSquares(tall.transposed(), b.transposed().contiguous().transposed())
    #expect(TestHelpers.maxDifference(solution, try Matrix.leastSquares(tall.transposed().contiguous(), b)) < 1e-14)
    let lower = try CholeskyDecomposition(spd).lower
    let x = try Matrix.solveTriangular(lower, b.block(rows: 0..<17, columns: 0..<2).strided(rowStep: 1, columnStep: 1), triangle: .lower)
    #expect(TestHelpers.maxDifference(lower * x, b.block(rows: 0..<17, columns: 0..<2)) < 1e-13)
    let column = try Matrix.solveTriangular(lower, b.column(1).block(rows: 0..<17, columns: 0..<1), triangle: .lower)
    #expect(TestHelpers.maxDifference(column, x.column(1)) < 1e-15)
  }

  @Test func covarianceMatchesDefinition() throws {
    let x: Matrix<Float> = TestHelpers.randomMatrix(2_500, 5, seed: 50)  // crosses a 2048-row block
    let covariance = try x.covariance()
    let means = x.columnMeans()
    for i in 0..<5 {
      for j in 0..<5 {
        var sum = 0.0
        for r in 0..<2_500 { sum += (Double(x[r, i]) - means[i]) * (Double(x[r, j]) - means[j]) }
        #expect(abs(covariance[i, j] - sum / 2_499) < 1e-12)
        #expect(covariance[i, j] == covariance[j, i])
      }
    }
    #expect(throws: MatrixError.self) { try Matrix<Float>(rows: 1, columns: 3).covariance() }
  }
}
