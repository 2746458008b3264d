import Dispatch
import Synchronization

/// Folds measured batches into ``PairMeasurements`` on a serial queue of its own, so that the next
/// batch is read and measured meanwhile.
///
/// At most one batch waits while another is folded in, so memory stays bounded; the first error
/// is kept and thrown by the next ``submit(_:)`` or by ``finish()``. Batches are folded in the
/// order they were submitted, so results do not depend on timing.
final class MeasurementSink: Sendable {
  private let queue = DispatchQueue(label: "prefaudit.measurements")
  private let slots = DispatchSemaphore(value: 1)
  private let state: Mutex<State>

  private struct State: @unchecked Sendable {
    var measurements: PairMeasurements
    var failure: (any Error)?
  }

  /// Creates a sink around `measurements`.
  init(_ measurements: PairMeasurements) {
    state = Mutex(State(measurements: measurements))
  }

  /// Queues `work` on the measurements; waits while another batch is still queued.
  ///
  /// - Throws: The error of an earlier batch, if one failed.
  func submit(_ work: @escaping @Sendable (inout PairMeasurements) throws -> Void) throws {
    if let failure = state.withLock({ $0.failure }) { throw failure }
    slots.wait()
    queue.async { [self] in
      defer { slots.signal() }
      state.withLock { state in
        guard state.failure == nil else { return }
        do { try work(&state.measurements) } catch { state.failure = error }
      }
    }
  }

  /// Waits until every submitted batch is folded in.
  ///
  /// - Throws: The error of a batch that failed.
  func finish() throws {
    queue.sync {}
    if let failure = state.withLock({ $0.failure }) { throw failure }
  }

  /// The measurements so far (waits for queued batches).
  var measurements: PairMeasurements {
    queue.sync {}
    return state.withLock { $0.measurements }
  }
}
