import Foundation
import Synchronization

/// A one-line progress display on standard error: pairs measured, rate and elapsed time.
///
/// Redrawn at most five times a second, only when standard error is a terminal;
/// ``finish()`` clears it so the report starts on a clean line.
final class ProgressLine: Sendable {
  private let enabled: Bool
  private let start = Date()
  private let state = Mutex<(lastDraw: Double, drawn: Bool)>((0, false))

  /// Creates a display; nothing is drawn unless `enabled`.
  init(enabled: Bool) {
    self.enabled = enabled
  }

  /// Shows that `pairs` pairs have been measured.
  func update(pairs: Int) {
    guard enabled else { return }
    let elapsed = Date().timeIntervalSince(start)
    let draw = state.withLock { state -> Bool in
      guard elapsed - state.lastDraw >= 0.2 else { return false }
      state.lastDraw = elapsed
      state.drawn = true
      return true
    }
    guard draw else { return }
    let rate = elapsed > 0 ? Double(pairs) / elapsed : 0
    let line = "\r\u{1B}[2K  measuring: \(grouped(pairs)) pairs · \(grouped(Int(rate))) pairs/s · \(Int(elapsed)) s"
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// Clears the line.
  func finish() {
    guard enabled, state.withLock({ $0.drawn }) else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
  }
}

/// `1234567` as `1,234,567`.
private func grouped(_ value: Int) -> String {
  let digits = String(value.magnitude)
  var result = ""
  for (i, c) in digits.enumerated() {
    if i > 0, (digits.count - i) % 3 == 0 { result += "," }
    result.append(c)
  }
  return value < 0 ? "-" + result : result
}
