import Dispatch
import MatrixCore

/// Scratch memory for one training run, sized for the largest batch and allocated once.
///
/// Batch-sized buffers are shared by the shards, each of which touches only its own rows; the
/// gradient partials have one slice per shard. The class is `@unchecked Sendable` because worker
/// threads write disjoint parts of it.
final class TrainingWorkspace: @unchecked Sendable {
  /// Centred inputs x − b_dec, B x d.
  let centered: UnsafeMutablePointer<Float>
  /// Pre-activations, B x M.
  let pre: UnsafeMutablePointer<Float>
  /// BatchTopK activations, B x M.
  let activations: UnsafeMutablePointer<Float>
  /// Whether each entry was selected, B x M.
  let selected: UnsafeMutablePointer<Bool>
  /// Workspace of the selection, B x M.
  let selectionScratch: UnsafeMutablePointer<Float>
  /// One B x d residual per Matryoshka prefix (later overwritten by the upstream gradients).
  let residuals: [UnsafeMutablePointer<Float>]
  /// Auxiliary activations of dead latents, B x M.
  let auxiliaryActivations: UnsafeMutablePointer<Float>
  /// Whether each entry was picked by the auxiliary top-k, B x M.
  let auxiliarySelected: UnsafeMutablePointer<Bool>
  /// The auxiliary residual ê − e (later its gradient), B x d.
  let auxiliaryResidual: UnsafeMutablePointer<Float>
  /// ∂loss/∂activations, B x M.
  let activationGradient: UnsafeMutablePointer<Float>
  /// ∂loss/∂pre-activations, B x M.
  let preGradient: UnsafeMutablePointer<Float>
  /// Gradient partials, one parameter-sized slice per shard.
  let partialGradients: UnsafeMutablePointer<Float>
  /// Per-shard sums: prefix squared residuals (L), Σe (d), Σ‖e‖², Σ‖ê − e‖².
  let partialSums: UnsafeMutablePointer<Double>
  /// Doubles per shard in ``partialSums``.
  let sumsPerShard: Int

  private var allocations: [UnsafeMutableRawPointer] = []

  init(batchSize: Int, inputDimension d: Int, latentCount m: Int, prefixCount: Int, parameterCount: Int, shards: Int) {
    func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
      let pointer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(count, 1))
      pointer.initialize(repeating: 0, count: Swift.max(count, 1))
      return pointer
    }
    func flags(_ count: Int) -> UnsafeMutablePointer<Bool> {
      let pointer = UnsafeMutablePointer<Bool>.allocate(capacity: Swift.max(count, 1))
      pointer.initialize(repeating: false, count: Swift.max(count, 1))
      return pointer
    }
    centered = floats(batchSize * d)
    pre = floats(batchSize * m)
    activations = floats(batchSize * m)
    selected = flags(batchSize * m)
    selectionScratch = floats(batchSize * m)
    residuals = (0..<prefixCount).map { _ in floats(batchSize * d) }
    auxiliaryActivations = floats(batchSize * m)
    auxiliarySelected = flags(batchSize * m)
    auxiliaryResidual = floats(batchSize * d)
    activationGradient = floats(batchSize * m)
    preGradient = floats(batchSize * m)
    partialGradients = floats(parameterCount * shards)
    sumsPerShard = prefixCount + d + 2
    partialSums = UnsafeMutablePointer<Double>.allocate(capacity: sumsPerShard * shards)
    partialSums.initialize(repeating: 0, count: sumsPerShard * shards)
    allocations = [
      centered, pre, activations, selectionScratch, auxiliaryActivations, auxiliaryResidual, activationGradient,
      preGradient, partialGradients,
    ].map { UnsafeMutableRawPointer($0) }
      + residuals.map { UnsafeMutableRawPointer($0) }
      + [UnsafeMutableRawPointer(selected), UnsafeMutableRawPointer(auxiliarySelected), UnsafeMutableRawPointer(partialSums)]
  }

  deinit {
    for pointer in allocations { pointer.deallocate() }
  }
}

/// Runs `body(shard)` for every shard, on worker threads when there is more than one.
func forEachShard(_ count: Int, _ body: @Sendable (Int) -> Void) {
  if count <= 1 {
    if count == 1 { body(0) }
    return
  }
  DispatchQueue.concurrentPerform(iterations: count, execute: body)
}

/// Splits `0..<count` into at most `parts` contiguous ranges of near-equal size.
func splitRows(_ count: Int, parts: Int) -> [Range<Int>] {
  let parts = Swift.max(1, Swift.min(parts, count))
  var result: [Range<Int>] = []
  var start = 0
  for index in 0..<parts {
    let end = start + (count - start) / (parts - index)
    result.append(start..<end)
    start = end
  }
  return result
}

/// A pointer handed to worker threads that write disjoint parts of its memory.
struct SharedPointer<Pointee>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<Pointee>
  init(_ pointer: UnsafeMutablePointer<Pointee>) { self.pointer = pointer }
}

/// A read-only row-major view of `rows` x `columns` values at `base` with row stride `stride`.
func view(_ base: UnsafePointer<Float>, _ rows: Int, _ columns: Int, stride: Int? = nil) -> UnsafeMatrixView<Float> {
  UnsafeMatrixView(baseAddress: base, rows: rows, columns: columns, rowStride: stride ?? columns, columnStride: 1)
}

/// A mutable row-major view of `rows` x `columns` values at `base` with row stride `stride`.
func mutableView(
  _ base: UnsafeMutablePointer<Float>, _ rows: Int, _ columns: Int, stride: Int? = nil
) -> UnsafeMutableMatrixView<Float> {
  UnsafeMutableMatrixView(baseAddress: base, rows: rows, columns: columns, rowStride: stride ?? columns, columnStride: 1)
}
