import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The last bytes a plugin wrote to its standard error, collected by a thread until end of file.
final class StandardErrorTail: @unchecked Sendable {
  /// The most bytes kept.
  static let capacity = 32 << 10
  private let lock = NSLock()
  private var bytes: [UInt8] = []
  private let finished = DispatchSemaphore(value: 0)

  /// Starts reading `descriptor` (blocking) on a thread of its own; it is closed at end of file.
  init(descriptor: Int32) {
    let thread = Thread { [self] in
      var chunk = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        lock.lock()
        bytes += chunk[..<count]
        if bytes.count > 2 * Self.capacity { bytes.removeFirst(bytes.count - Self.capacity) }
        lock.unlock()
      }
      close(descriptor)
      finished.signal()
    }
    thread.name = "prefaudit plugin stderr"
    thread.start()
  }

  /// Waits at most `seconds` for end of file (every process of the plugin closed its standard error).
  func waitForEnd(seconds: Double) {
    if finished.wait(timeout: .now() + seconds) == .success { finished.signal() }
  }

  /// The last `count` non-empty lines, without trailing spaces.
  func lastLines(_ count: Int = 20) -> [String] {
    lock.lock()
    let text = String(decoding: bytes.suffix(Self.capacity), as: UTF8.self)
    lock.unlock()
    let lines = text.split(whereSeparator: \.isNewline).map { String($0) }
      .filter { !$0.allSatisfy(\.isWhitespace) }
    return Array(lines.suffix(count))
  }
}
