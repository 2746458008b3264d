import CMatrixKernels

/// A family of SIMD kernels, selected at run time from what the CPU supports.
///
/// All tiers compute the same results up to floating-point rounding; they
/// differ in speed. ``best`` is chosen by default. Forcing a lower tier is
/// useful for tests and for comparing kernels; requesting a tier the CPU lacks
/// silently uses the best supported tier below it.
public enum InstructionSetTier: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Vector-extension kernels compiled for the baseline ISA (SSE2 on x86-64, NEON on arm64).
  case portable = 0
  /// AVX2 + FMA (+ F16C) kernels, x86-64 only.
  case avx2 = 1
  /// AVX-512 (F, VL, DQ, BW) kernels, x86-64 only.
  case avx512 = 2

  /// The fastest tier this CPU supports.
  public static var best: InstructionSetTier {
    InstructionSetTier(rawValue: Int(mck_best_isa())) ?? .portable
  }

  /// Whether this CPU (and OS) can run the tier.
  public var isSupported: Bool { mck_isa_supported(Int32(rawValue)) != 0 }

  /// The tier that actually runs when this one is requested.
  public var effective: InstructionSetTier {
    InstructionSetTier(rawValue: Int(mck_effective_isa(Int32(rawValue)))) ?? .portable
  }

  /// The tiers this CPU supports, slowest first.
  public static var supported: [InstructionSetTier] { allCases.filter(\.isSupported) }

  /// A short name: "portable", "avx2" or "avx512".
  public var description: String {
    switch self {
    case .portable: return "portable"
    case .avx2: return "avx2"
    case .avx512: return "avx512"
    }
  }

  @usableFromInline var code: Int32 { Int32(rawValue) }
}
