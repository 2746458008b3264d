import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A plugin's process: `/bin/sh -c COMMAND` in a process group of its own, with its standard input
/// and output as pipes for the protocol's lines and its standard error kept (the last lines) for messages.
///
/// Reading and writing wait at most until a deadline (`poll` on non-blocking pipes), so a plugin that
/// hangs, or stops reading, cannot stall the host. Not thread-safe: ``SubprocessDetector`` serializes calls.
final class PluginProcess {
  /// Why an exchange with the plugin stopped.
  enum Failure: Error {
    /// The plugin closed its standard output (it exited or crashed) or its standard input.
    case closed
    /// No complete line arrived (or could be written) before the deadline.
    case timedOut
    /// A line longer than ``maximumLineBytes``.
    case tooLong
    /// A system call failed with this errno.
    case system(String, Int32)
  }

  /// The longest line read from a plugin (256 MiB): more is garbage, not an answer.
  static let maximumLineBytes = 256 << 20

  /// The command line, for messages.
  let command: String
  /// The process id of `/bin/sh`, which is also the id of the plugin's process group.
  let pid: pid_t
  /// The exit status once the shell has been reaped (`waitpid`'s raw status).
  private(set) var status: Int32?
  /// The write end of the plugin's standard input (non-blocking), or -1 once closed.
  private var input: Int32
  /// The read end of the plugin's standard output (non-blocking).
  private let output: Int32
  /// Whether the process group was sent SIGKILL (once only: its id could be reused later).
  private var groupKilled = false
  /// Bytes read from standard output that do not yet end a line.
  private var pending: [UInt8] = []
  /// The plugin's standard error, read by a thread of its own.
  let standardError: StandardErrorTail

  /// Starts `command` through `/bin/sh -c` in a new process group.
  ///
  /// - Throws: ``Failure/system(_:_:)`` when the pipes cannot be made or the shell cannot be spawned.
  init(command: String) throws {
    Self.ignoreBrokenPipes
    self.command = command
    var toChild: [Int32] = [-1, -1]
    var fromChild: [Int32] = [-1, -1]
    var errorPipe: [Int32] = [-1, -1]
    guard Self.makePipe(&toChild) else { throw Failure.system("pipe", errno) }
    guard Self.makePipe(&fromChild) else {
      let code = errno
      close(toChild[0]); close(toChild[1])
      throw Failure.system("pipe", code)
    }
    guard Self.makePipe(&errorPipe) else {
      let code = errno
      for fd in toChild + fromChild { close(fd) }
      throw Failure.system("pipe", code)
    }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGTERM)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let arguments: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { (text: String) in strdup(text) }
    defer { for argument in arguments { free(argument) } }
    var child: pid_t = 0
    let spawned = posix_spawn(&child, "/bin/sh", &actions, &attributes, arguments + [nil], environ)
    close(toChild[0])
    close(fromChild[1])
    close(errorPipe[1])
    guard spawned == 0 else {
      close(toChild[1]); close(fromChild[0]); close(errorPipe[0])
      throw Failure.system("posix_spawn /bin/sh", spawned)
    }
    pid = child
    input = toChild[1]
    output = fromChild[0]
    _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
    _ = fcntl(output, F_SETFL, fcntl(output, F_GETFL) | O_NONBLOCK)
    standardError = StandardErrorTail(descriptor: errorPipe[0])
  }

  deinit {
    kill()
    if input >= 0 { close(input) }
    close(output)
  }

  /// Makes a pipe whose two ends are closed on exec (the spawned shell gets only its dup2'ed copies).
  private static func makePipe(_ ends: inout [Int32]) -> Bool {
    guard pipe(&ends) == 0 else { return false }
    for end in ends { _ = fcntl(end, F_SETFD, fcntl(end, F_GETFD) | FD_CLOEXEC) }
    return true
  }

  /// Ignores SIGPIPE in the host once, so that writing to a plugin that died is an error, not death.
  private static let ignoreBrokenPipes: Void = {
    signal(SIGPIPE, SIG_IGN)
  }()

  /// Writes `line` and a newline, waiting at most until `deadline` (`DispatchTime` nanoseconds).
  func write(_ line: [UInt8], deadline: UInt64) throws {
    guard input >= 0 else { throw Failure.closed }
    var bytes = line
    bytes.append(0x0A)
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress! + written, $0.count - written) }
      if count > 0 {
        written += count
        continue
      }
      let code = errno
      if count < 0 && code == EPIPE { throw Failure.closed }
      if count < 0 && code != EAGAIN && code != EWOULDBLOCK && code != EINTR { throw Failure.system("write", code) }
      try wait(for: input, events: Int16(POLLOUT), deadline: deadline)
    }
  }

  /// Reads the next line (without its newline), waiting at most until `deadline`.
  func readLine(deadline: UInt64) throws -> [UInt8] {
    var searched = 0
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      if let end = pending[searched...].firstIndex(of: 0x0A) {
        let line = Array(pending[..<end])
        pending.removeSubrange(...end)
        return line
      }
      searched = pending.count
      guard pending.count <= Self.maximumLineBytes else { throw Failure.tooLong }
      let count = chunk.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress!, $0.count) }
      if count > 0 {
        pending += chunk[..<count]
        continue
      }
      if count == 0 { throw Failure.closed }
      let code = errno
      if code != EAGAIN && code != EWOULDBLOCK && code != EINTR { throw Failure.system("read", code) }
      try wait(for: output, events: Int16(POLLIN), deadline: deadline)
    }
  }

  /// Waits until `descriptor` is ready for `events` (or hung up), or throws at the deadline.
  private func wait(for descriptor: Int32, events: Int16, deadline: UInt64) throws {
    while true {
      let now = DispatchTime.now().uptimeNanoseconds
      guard now < deadline else { throw Failure.timedOut }
      let milliseconds = Int32(clamping: (deadline - now + 999_999) / 1_000_000)
      var entry = pollfd(fd: descriptor, events: events, revents: 0)
      let ready = poll(&entry, 1, milliseconds)
      if ready > 0 { return }
      if ready < 0 && errno != EINTR { throw Failure.system("poll", errno) }
    }
  }

  /// Closes the plugin's standard input (it reads end of file).
  func closeInput() {
    if input >= 0 {
      close(input)
      input = -1
    }
  }

  /// Reaps the shell if it has exited, waiting at most `seconds`; returns whether it has.
  @discardableResult
  func waitForExit(seconds: Double) -> Bool {
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1e9)
    while status == nil {
      var raw: Int32 = 0
      let reaped = waitpid(pid, &raw, WNOHANG)
      if reaped == pid {
        status = raw
        break
      }
      if reaped < 0 && errno != EINTR {
        status = -1
        break
      }
      if DispatchTime.now().uptimeNanoseconds >= deadline { return false }
      usleep(5_000)
    }
    return true
  }

  /// Kills the whole process group (SIGKILL) and reaps the shell.
  func kill() {
    if !groupKilled {
      _ = Glibc.kill(-pid, SIGKILL)
      groupKilled = true
    }
    if status == nil {
      var raw: Int32 = 0
      while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
      status = raw
    }
  }

  /// How the shell ended (`exit status 1`, `killed by signal 9`), or nil while it runs.
  var ending: String? {
    guard let status else { return nil }
    if status == -1 { return "ended (status unknown)" }
    let signal = status & 0x7F
    if signal == 0 { return "exit status \((status >> 8) & 0xFF)" }
    return "killed by signal \(signal)"
  }
}
