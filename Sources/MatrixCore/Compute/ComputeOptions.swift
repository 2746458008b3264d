#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a kernel may use the machine: how many threads and which SIMD tier.
///
/// ```swift
/// let c = try Matrix.product(a, b, options: ComputeOptions(threadCount: 1))
/// ```
public struct ComputeOptions: Sendable, Hashable {
  /// The most threads one call may use (at least 1).
  public var threadCount: Int
  /// The SIMD tier to run (falls back to the best supported tier below it).
  public var tier: InstructionSetTier

  /// Creates options.
  ///
  /// - Parameters:
  ///   - threadCount: The most threads to use; values below 1 mean 1. Defaults to the online CPU count.
  ///   - tier: The SIMD tier; defaults to ``InstructionSetTier/best``.
  public init(threadCount: Int = ComputeOptions.processorCount, tier: InstructionSetTier = .best) {
    self.threadCount = Swift.max(1, threadCount)
    self.tier = tier
  }

  /// All online processors and the best tier.
  public static var `default`: ComputeOptions { ComputeOptions() }

  /// One thread and the best tier.
  public static var singleThreaded: ComputeOptions { ComputeOptions(threadCount: 1) }

  /// The number of online processors (at least 1).
  public static var processorCount: Int {
    Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }
}
