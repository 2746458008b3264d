@testable import Interventions
import MatrixCore
import Testing

@Suite("LEACE concept erasure")
struct LEACETests {
  // MARK: - Data

  /// Uniforms in [−½, ½) from a SplitMix64 stream (Reference/leace_reference.py's `uniforms`).
  static func uniforms(seed: UInt64, count: Int) -> [Double] {
    var state = seed
    return (0..<count).map { _ in
      Double(SeededRandomNumberGenerator.splitMix64(&state) >> 11) * 0x1.0p-53 - 0.5
    }
  }

  /// The golden cases of Reference/leace_reference.py (`dataset`): 200 rows, 6 columns.
  static func dataset(_ name: String) -> (x: Matrix<Double>, z: Matrix<Double>) {
    let n = 200
    let d = 6
    let base = uniforms(seed: 11, count: n * d)
    let mixing = uniforms(seed: 12, count: d * d)
    var x = Matrix<Double>(rows: n, columns: d) { i, j in
      var sum = 0.0
      for k in 0..<d { sum += base[i * d + k] * (mixing[k * d + j] + (k == j ? 2 : 0)) }
      return sum + Double(j + 1) * 0.25
    }
    let noise = uniforms(seed: 13, count: n * 3)
    if name == "deficient" {
      for i in 0..<n { x[i, 5] = x[i, 0] + 2 * x[i, 1] }
    }
    let columns = name == "collinear" ? 3 : 2
    let z = Matrix<Double>(rows: n, columns: columns) { i, j in
      let z1 = x[i, 0] - 0.5 * x[i, 3] + 0.3 * noise[i * 3]
      switch j {
      case 0: return z1
      case 1: return 0.7 * x[i, 2] + x[i, 4] + 0.3 * noise[i * 3 + 1]
      default: return z1 + 1e-4 * noise[i * 3 + 2]
      }
    }
    return (x, z)
  }

  /// n rows of d correlated Gaussian columns with a non-zero mean, and m concepts linear in them plus noise.
  static func gaussianData(
    rows n: Int, columns d: Int, concepts m: Int, seed: UInt64
  ) -> (x: Matrix<Double>, z: Matrix<Double>) {
    var generator = SeededRandomNumberGenerator(seed: seed)
    let mixing = Matrix<Double>(rows: d, columns: d) { i, j in (i == j ? 1 : 0) + 0.4 * generator.nextNormal() }
    let raw = Matrix<Double>(rows: n, columns: d) { _, _ in generator.nextNormal() }
    var x = raw * mixing
    try! x.addRowVector((0..<d).map { 3 + Double($0) })
    let loadings = Matrix<Double>(rows: d, columns: m) { _, _ in generator.nextNormal() }
    var z = x * loadings
    for i in 0..<n {
      for j in 0..<m { z[i, j] += 2 * generator.nextNormal() }
    }
    return (x, z)
  }

  /// The (population) cross-covariance of the columns of a with those of b.
  static func crossCovariance(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
    let n = Double(a.rows)
    let ma = a.columnMeans()
    let mb = b.columnMeans()
    return Matrix<Double>(rows: a.columns, columns: b.columns) { i, j in
      var sum = 0.0
      for r in 0..<a.rows { sum += (a[r, i] - ma[i]) * (b[r, j] - mb[j]) }
      return sum / n
    }
  }

  static func maxAbs(_ m: Matrix<Double>) -> Double {
    m.elements.map(abs).max() ?? 0
  }

  static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
  }

  // MARK: - Golden values from the numpy reference

  @Test(arguments: ["full", "deficient", "collinear"])
  func matchesNumpyReference(_ name: String) throws {
    let (x, z) = Self.dataset(name)
    let golden = LEACEGolden.cases[name]!
    let eraser = try LEACEEraser.fit(features: x, concepts: z)
    #expect(eraser.rank == 2)
    #expect(eraser.singularValues.count == golden.singularValues.count)
    #expect(Self.maxDifference(eraser.singularValues, golden.singularValues) <= 1e-10)
    let edit = eraser.editMatrix.elements
    let scale = golden.edit.map(abs).max()!
    #expect(Self.maxDifference(edit, golden.edit) <= 1e-9 * scale, "\(name): edit matrix")
    let erased = try eraser.apply(to: x.rows(in: 0..<3)).elements
    #expect(Self.maxDifference(erased, golden.erased) <= 1e-9, "\(name): erased rows")
  }

  // MARK: - Properties

  @Test func crossCovarianceWithTheConceptsVanishes() throws {
    let (x, z) = Self.gaussianData(rows: 3000, columns: 24, concepts: 3, seed: 7)
    let eraser = try LEACEEraser.fit(features: x, concepts: z)
    #expect(eraser.rank == 3)
    let erased = try eraser.apply(to: x)
    let before = Self.maxAbs(Self.crossCovariance(x, z))
    let after = Self.maxAbs(Self.crossCovariance(erased, z))
    #expect(before > 1)
    #expect(after <= 1e-9 * before, "max |Cov(r(X), Z)| = \(after), before \(before)")
    // The mean is kept: r(μ) = μ.
    #expect(Self.maxDifference(erased.columnMeans(), x.columnMeans()) <= 1e-9)
    // Erasing twice changes nothing more (r is a projection).
    let again = try eraser.apply(to: erased)
    #expect(Self.maxDifference(again.elements, erased.elements) <= 1e-9)
  }

  @Test func editIsTheLeastSquaresMinimalOne() throws {
    // Among all erasers x ↦ x − M(x − μ) with Cov(r(X), Z) = 0, i.e. M·Σxz = Σxz, LEACE's M minimizes
    // E‖M(x − μ)‖²_Q = tr(Q·M·Σxx·Mᵀ) for every positive semi-definite Q: every feasible
    // perturbation M + t·E (E·Σxz = 0) has zero first-order change and a non-negative second-order one.
    let (x, z) = Self.gaussianData(rows: 2000, columns: 10, concepts: 2, seed: 11)
    let eraser = try LEACEEraser.fit(features: x, concepts: z)
    let m = eraser.editMatrix
    let sxx = try x.covariance()
    let sxz = Self.crossCovariance(x, z)
    #expect(Self.maxAbs(m * sxz - sxz) <= 1e-9 * Self.maxAbs(sxz))
    // The projector onto the orthogonal complement of colspace(Σxz): feasible E = G·(I − UUᵀ).
    let svd = try SingularValueDecomposition(sxz)
    let complement = Matrix<Double>.identity(10) - svd.u * svd.u.transposed()
    var generator = SeededRandomNumberGenerator(seed: 5)
    let b = Matrix<Double>(rows: 10, columns: 10) { _, _ in generator.nextNormal() }
    let norms: [Matrix<Double>] = [.identity(10), b * b.transposed()]
    for q in norms {
      func cost(_ candidate: Matrix<Double>) -> Double {
        let product = q * candidate * sxx * candidate.transposed()
        return (0..<10).reduce(0) { $0 + product[$1, $1] }
      }
      let base = cost(m)
      for _ in 0..<5 {
        let e = Matrix<Double>(rows: 10, columns: 10) { _, _ in generator.nextNormal() } * complement
        #expect(Self.maxAbs(e * sxz) <= 1e-9 * Self.maxAbs(sxz))
        let plus = cost(m + e)
        let minus = cost(m - e)
        // Symmetric in ±E: the linear term vanishes; and both sides cost more.
        #expect(abs(plus - minus) <= 1e-8 * (plus + minus), "first-order term \(plus - minus)")
        #expect(plus > base && minus > base)
        let small = 1e-3 * e
        #expect(cost(m + small) >= base - 1e-12 * base)
      }
    }
  }

  @Test func onWhitenedDataLEACEIsTheOrthogonalProjection() throws {
    // With Σxx = I, W = I and the edit is the orthogonal projector onto colspace(Σxz) (the "orth" variant).
    let (raw, z) = Self.gaussianData(rows: 2500, columns: 12, concepts: 2, seed: 3)
    let covariance = try raw.covariance()
    let eigen = try SymmetricEigendecomposition(covariance)
    let inverseRoot = Matrix<Double>(rows: 12, columns: 12) { i, j in
      eigen.eigenvectors[i, j] / eigen.eigenvalues[j].squareRoot()
    } * eigen.eigenvectors.transposed()
    // Population covariance of raw·W is n−1/n · I; rescale to exactly I (up to rounding).
    let whitened = (raw * inverseRoot).map { $0 * (2500.0 / 2499.0).squareRoot() }
    #expect(Self.maxAbs(Self.crossCovariance(whitened, whitened) - .identity(12)) <= 1e-9)
    let eraser = try LEACEEraser.fit(features: whitened, concepts: z)
    let svd = try SingularValueDecomposition(Self.crossCovariance(whitened, z))
    let projector = svd.u * svd.u.transposed()
    #expect(Self.maxDifference(eraser.editMatrix.elements, projector.elements) <= 1e-9)
  }

  @Test func rankFollowsTheConceptsAndTheTolerance() throws {
    let (x, z) = Self.dataset("collinear")
    // The third concept repeats the first up to 1e-4 noise: its extra direction is below 1% and dropped …
    #expect(try LEACEEraser.fit(features: x, concepts: z).rank == 2)
    // … unless the tolerance is 0, which keeps it (singular value ≈ 4e-6 > 1e-12).
    let strict = try LEACEEraser.fit(features: x, concepts: z, configuration: .init(singularValueTolerance: 0))
    #expect(strict.rank == 3)
    let erased = try strict.apply(to: x)
    #expect(Self.maxAbs(Self.crossCovariance(erased, z)) <= 1e-9 * Self.maxAbs(Self.crossCovariance(x, z)))
  }

  @Test func originCenteredEraserIsLEACEOnTheMirroredData() throws {
    let (x, z) = Self.gaussianData(rows: 400, columns: 8, concepts: 2, seed: 31)
    let odd = try LEACEEraser.fit(features: x, concepts: z, configuration: .init(subtractsMean: false))
    let mirrored = try LEACEEraser.fit(
      features: Matrix<Double>(x.rowArrays + x.rowArrays.map { $0.map { -$0 } }),
      concepts: Matrix<Double>(z.rowArrays + z.rowArrays.map { $0.map { -$0 } }))
    #expect(odd.mean == Array(repeating: 0, count: 8))
    #expect(Self.maxAbs(mirrored.editMatrix - odd.editMatrix) <= 1e-9)
    #expect(Self.maxDifference(mirrored.mean, odd.mean) <= 1e-9)
    // Odd: r(−x) = −r(x); and the centered eraser differs on data with a mean.
    let row = x.rowVector(3)
    #expect(Self.maxDifference(try odd.apply(to: row.map { -$0 }), try odd.apply(to: row).map { -$0 }) <= 1e-12)
    let centered = try LEACEEraser.fit(features: x, concepts: z)
    #expect(Self.maxAbs(centered.editMatrix - odd.editMatrix) > 1e-3)
  }

  @Test func constantConceptGivesTheIdentity() throws {
    let (x, _) = Self.dataset("full")
    let z = Matrix<Double>(rows: x.rows, columns: 1, repeating: 3)
    let eraser = try LEACEEraser.fit(features: x, concepts: z)
    #expect(eraser.rank == 0)
    #expect(try eraser.apply(to: x) == x)
    #expect(try eraser.apply(to: x.rowVector(4)) == x.rowVector(4))
  }

  @Test func floatRowsMatchDoubleRows() throws {
    let (x, z) = Self.gaussianData(rows: 500, columns: 8, concepts: 1, seed: 21)
    let single = Matrix<Float>(x)
    let fromFloat = try LEACEEraser.fit(features: single, concepts: z)
    let fromDouble = try LEACEEraser.fit(features: Matrix<Double>(single), concepts: z)
    #expect(fromFloat == fromDouble)
    let erased = try fromFloat.apply(to: single)
    let reference = Matrix<Float>(try fromDouble.apply(to: Matrix<Double>(single)))
    #expect(erased == reference)
  }

  @Test func oneRowAndStoredMatricesAgreeWithTheFittedEraser() throws {
    let (x, z) = Self.dataset("full")
    let eraser = try LEACEEraser.fit(features: x, concepts: z)
    let rows = try eraser.apply(to: x)
    for i in [0, 17, 199] {
      #expect(Self.maxDifference(try eraser.apply(to: x.rowVector(i)), rows.rowVector(i)) <= 1e-12)
    }
    let stored = try LEACEEraser(
      mean: eraser.mean, projectionLeft: eraser.projectionLeft, projectionRight: eraser.projectionRight)
    #expect(stored.rank == 2 && stored.singularValues.isEmpty)
    #expect(try stored.apply(to: x) == rows)
    #expect(throws: InterventionError.self) {
      try LEACEEraser(mean: [0, 0], projectionLeft: eraser.projectionLeft, projectionRight: eraser.projectionRight)
    }
    #expect(throws: InterventionError.invalidParameter("the eraser expects rows of 6 values, got 2")) {
      try eraser.apply(to: [1, 2])
    }
  }

  @Test func rejectsBadInput() throws {
    let (x, z) = Self.dataset("full")
    #expect(throws: InterventionError.lengthMismatch(input: "concept values", expected: 200, actual: 10)) {
      try LEACEEraser.fit(features: x, concepts: z.rows(in: 0..<10))
    }
    var broken = x
    broken[12, 3] = .nan
    #expect(throws: InterventionError.nonFiniteValue(input: "features column 3", index: 12)) {
      try LEACEEraser.fit(features: broken, concepts: z)
    }
    #expect(throws: InterventionError.self) {
      try LEACEEraser.fit(features: x.rows(in: 0..<1), concepts: z.rows(in: 0..<1))
    }
    #expect(throws: InterventionError.self) {
      try LEACEEraser.fit(features: x, concepts: z, configuration: .init(singularValueTolerance: 1))
    }
  }
}

/// Reference values printed by Reference/leace_reference.py (numpy 2.4): the edit matrix W⁺PW (row-major),
/// the first three erased rows and the singular values of W·Σxz·D⁻¹ for each case of `LEACETests.dataset`.
enum LEACEGolden {
  struct Case {
    var edit: [Double]
    var erased: [Double]
    var singularValues: [Double]
  }

  static let cases: [String: Case] = [
    "full": Case(
      edit: [
        0.7558618861760128, 0.0065634967624387435, 0.030705242004580875, -0.38301055605770057,
        0.027144725715444646, 0.006062140345802779, -0.05078570494157279, 0.00047557843233664835,
        0.04797317596723878, 0.02619262526018913, 0.0688383973388063, -0.001270620898084073,
        -0.10433490793453926, 0.005717613196892046, 0.3573473011418619, 0.05618179559550728,
        0.5068920336362135, -0.007075479981420544, -0.4870837174476951, -0.0030876095842356714,
        0.04255359010902636, 0.24738642298353042, 0.0705460076892467, -0.004982095775921875,
        0.07656088001658888, 0.008933637921784837, 0.4545093555924664, -0.03465881657934943,
        0.6402250180190071, -0.007174282666112273, -0.09316411573946991, -0.00022609992929606025,
        0.02803550044568806, 0.047499712903270146, 0.04159126701374103, -0.0012962067527479775
      ],
      erased: [
        0.19902069395932936, -0.09391874312332274, 1.3404895852750502, 0.8264079480126125,
        0.8220773617808197, 1.584834126452996, 0.40035777611264034, 1.0557979472546413, 0.9326436397865455,
        1.2192951202265343, 1.0855942046708678, 0.9449053398279719, 0.13679667019612063,
        1.6142723393685046, 0.7994965051124234, 0.7310414302850494, 1.1952593311113433, 2.5376460482696985
      ],
      singularValues: [1.1808883929919387, 0.7599744800770126]),
    "deficient": Case(
      edit: [
        0.6267576908547637, -0.24906072033899945, 0.030391172371969543, -0.38261244818801937,
        0.027585951267321794, 0.12863625017676417, -0.04228305302983886, 0.016939241066680016,
        0.04803900476958982, 0.02610918209489547, 0.06874591673377135, -0.008404570896478636,
        -0.08775521973864019, 0.03586084889987957, 0.3577138702530262, 0.05571714052292612,
        0.506377053384764, -0.016033521938879854, -0.4041018750589645, 0.16075230382721573,
        0.04281170438892081, 0.24705924290805248, 0.07018339187488966, -0.08259726740453245,
        0.06193457232518067, -0.02337723582924019, 0.4548810435100442, -0.03512996014016672,
        0.6397028465336708, 0.015180100666701595, 0.5421915847950856, -0.21518223820563923,
        0.12646918191115009, -0.3303940839982281, 0.16507778473486576, 0.1118271083838068
      ],
      erased: [
        0.20136764030019494, -0.09441066163679843, 1.3377503263821466, 0.824479138914809,
        0.8192998516126104, 0.01254631702659842, 0.3966237664164144, 1.056580593396602, 0.9370018217732679,
        1.222363870350026, 1.090013244731075, 2.5097849532096186, 0.14177839519067603, 1.6132281728653375,
        0.7936820413320999, 0.7269472606293845, 1.189363673598151, 3.3682347409213502
      ],
      singularValues: [1.1808878571914743, 0.759892529503249]),
    "collinear": Case(
      edit: [
        0.755860666425829, 0.006565365389361252, 0.030705052541992444, -0.3830108476663638,
        0.02714523541402792, 0.0060602543043944785, -0.05078359813117783, 0.0004754602268119197,
        0.047972711622813316, 0.02619161368781324, 0.06883764591630205, -0.001270468295429554,
        -0.10433553171247294, 0.005717352418811268, 0.3573475139229817, 0.05618223923552534,
        0.5068922438485519, -0.007075229798281468, -0.4870846203349587, -0.0030888198618476614,
        0.04255411011915896, 0.24738747097512642, 0.070546277422299, -0.004980901990489531,
        0.07656128232385745, 0.008933829136813804, 0.45450921249681325, -0.03465911392690657,
        0.6402248833969112, -0.007174467015929251, -0.09316558130836461, -0.00022633610436422223,
        0.0280359045193014, 0.047500571750621036, 0.0415917765238559, -0.0012959949476594645
      ],
      erased: [
        0.19902223117884432, -0.0939183344484512, 1.3404891728319974, 0.8264065304055759,
        0.822077650475335, 1.5848335284255846, 0.4003555336533112, 1.0558004215820906, 0.9326430402693573,
        1.2192946271511849, 1.0855945809715852, 0.9449037618559443, 0.1367969432688445, 1.6142711658400435,
        0.7994969193312029, 0.7310422178331195, 1.1952590587623846, 2.537646936487503
      ],
      singularValues: [1.4952410330018102, 0.8488127753231111, 4.227430943663721e-06]),
  ]
}
