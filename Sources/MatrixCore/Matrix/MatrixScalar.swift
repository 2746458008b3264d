/// A floating-point type that ``Matrix`` can hold: `Float` or `Double`.
///
/// `Float` is the working precision of the encoder and the GEMM fast path;
/// `Double` is used where statistics need the extra precision (covariances,
/// decompositions, logistic regression). Both get SIMD GEMM kernels.
///
/// Conforming another type compiles, but GEMM then runs a plain scalar loop;
/// the decompositions and the vectorized element-wise kernels exist for
/// `Double` and `Float` only.
public protocol MatrixScalar: BinaryFloatingPoint, Sendable, CustomStringConvertible {}

extension Float: MatrixScalar {}

extension Double: MatrixScalar {}
