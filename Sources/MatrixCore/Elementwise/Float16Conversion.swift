import CMatrixKernels

/// Conversion between `Float` and IEEE 754 half precision (binary16) bit patterns.
///
/// Half-precision values are passed as `UInt16` bit patterns so the API works
/// on every platform (including those without a native `Float16`). Widening is
/// exact; narrowing rounds to nearest even, overflows to ±infinity and maps NaN
/// to a quiet NaN. Uses F16C instructions when available.
public enum Float16Conversion {
  /// Widens half-precision bit patterns to `Float`.
  ///
  /// - Parameters:
  ///   - bits: binary16 bit patterns.
  ///   - output: At least `bits.count` elements.
  ///   - tier: The SIMD tier.
  public static func widen(
    _ bits: UnsafeBufferPointer<UInt16>, into output: UnsafeMutableBufferPointer<Float>,
    tier: InstructionSetTier = .best
  ) {
    precondition(output.count >= bits.count, "Output buffer too small")
    mck_f16_to_f32(bits.baseAddress, output.baseAddress, bits.count, tier.code)
  }

  /// Narrows `Float` values to half-precision bit patterns (round to nearest even).
  ///
  /// - Parameters:
  ///   - values: The values to narrow.
  ///   - output: At least `values.count` elements.
  ///   - tier: The SIMD tier.
  public static func narrow(
    _ values: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<UInt16>,
    tier: InstructionSetTier = .best
  ) {
    precondition(output.count >= values.count, "Output buffer too small")
    mck_f32_to_f16(values.baseAddress, output.baseAddress, values.count, tier.code)
  }

  /// Widens an array of half-precision bit patterns.
  ///
  /// - Parameter bits: binary16 bit patterns.
  /// - Returns: The exact `Float` values.
  public static func widen(_ bits: [UInt16]) -> [Float] {
    [Float](unsafeUninitializedCapacity: bits.count) { output, initialized in
      bits.withUnsafeBufferPointer { widen($0, into: output) }
      initialized = bits.count
    }
  }

  /// Narrows an array of `Float` values to half-precision bit patterns.
  ///
  /// - Parameter values: The values to narrow.
  /// - Returns: binary16 bit patterns.
  public static func narrow(_ values: [Float]) -> [UInt16] {
    [UInt16](unsafeUninitializedCapacity: values.count) { output, initialized in
      values.withUnsafeBufferPointer { narrow($0, into: output) }
      initialized = values.count
    }
  }
}
