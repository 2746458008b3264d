/// Whether mean Δ has the same sign in two random halves of the prompts.
///
/// Each prompt group goes to half A or B by the low bit of a seeded hash of its prompt key, so
/// pairs that share a prompt stay together. The sign of a half's mean Δ is +1, −1, or 0 when the
/// mean is exactly zero or the half is empty. The halves **agree** only when both signs are
/// nonzero and equal (a zero sign never agrees); the conservative effect is then
/// sign · min(|Δ̄_A|, |Δ̄_B|), and 0 otherwise (Anatomy of Post-Training's Δ^min with its
/// split-half consistency filter, with halves by prompt instead of by row parity).
public struct SplitHalfStability: Sendable, Hashable, Codable {
  /// Pairs in half A.
  public var countA: Int
  /// Pairs in half B.
  public var countB: Int
  /// Mean Δ in half A; nil when A is empty.
  public var meanA: Double?
  /// Mean Δ in half B; nil when B is empty.
  public var meanB: Double?

  /// The sign (−1, 0, +1) of half A's mean; 0 when it is zero or A is empty.
  public var signA: Int { Self.sign(meanA) }
  /// The sign (−1, 0, +1) of half B's mean; 0 when it is zero or B is empty.
  public var signB: Int { Self.sign(meanB) }

  /// Whether both halves have the same nonzero sign.
  public var agrees: Bool { signA != 0 && signA == signB }

  /// sign · min(|Δ̄_A|, |Δ̄_B|) when the halves agree, otherwise 0.
  public var conservativeEffect: Double {
    guard agrees, let a = meanA, let b = meanB else { return 0 }
    return Double(signA) * Swift.min(abs(a), abs(b))
  }

  /// Creates a result from the per-half sums.
  ///
  /// - Parameters:
  ///   - countA: Pairs in half A.
  ///   - sumA: Σ Δ over half A.
  ///   - countB: Pairs in half B.
  ///   - sumB: Σ Δ over half B.
  public init(countA: Int, sumA: Double, countB: Int, sumB: Double) {
    self.countA = countA
    self.countB = countB
    meanA = countA == 0 ? nil : sumA / Double(countA)
    meanB = countB == 0 ? nil : sumB / Double(countB)
  }

  private static func sign(_ value: Double?) -> Int {
    guard let value else { return 0 }
    return value > 0 ? 1 : (value < 0 ? -1 : 0)
  }
}
