import DatasetIO
import Foundation
import Synchronization

/// A one-line progress display on standard error: share of the input read, pairs measured,
/// rate, elapsed time and an estimate of the time left.
///
/// Redrawn at most five times a second, only when standard error is a terminal;
/// ``finish()`` clears it so the report starts on a clean line.
final class ProgressLine: Sendable {
  private let enabled: Bool
  private let reading: ReadProgress?
  private let start = Date()
  private let state = Mutex<(lastDraw: Double, drawn: Bool)>((0, false))

  /// Creates a display of `reading`'s progress; nothing is drawn unless `enabled`.
  init(enabled: Bool, reading: ReadProgress? = nil) {
    self.enabled = enabled
    self.reading = reading
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
    var line = "\r\u{1B}[2K  "
    let fraction = reading?.fraction ?? 0
    if fraction > 0 {
      let width = 20
      let filled = Int(fraction * Double(width))
      line += "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
      line += "\(Int(fraction * 100))% · "
    }
    line += "\(pairs.grouped) pairs · \(Int(rate).grouped) pairs/s · \(clock(elapsed))"
    if fraction > 0.02 {
      line += " · ETA \(clock(elapsed / fraction - elapsed))"
    }
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// Clears the line.
  func finish() {
    guard enabled, state.withLock({ $0.drawn }) else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
  }
}

/// `75` as `1:15`, `3700` as `1:01:40`.
private func clock(_ seconds: Double) -> String {
  let total = Int(seconds.rounded())
  let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
  let mm = m < 10 && h > 0 ? "0\(m)" : "\(m)"
  let ss = s < 10 ? "0\(s)" : "\(s)"
  return h > 0 ? "\(h):\(mm):\(ss)" : "\(mm):\(ss)"
}
