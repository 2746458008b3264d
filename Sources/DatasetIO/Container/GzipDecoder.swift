import CArchive

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decodes a gzip file with zlib: concatenated members one after the other, the CRC-32
/// and length of every member checked, and every byte decompressed before a
/// truncation or a damaged spot handed out before the failure is reported.
///
/// libarchive 3.6's gzip filter does none of these three, which is why gzip (bare and
/// under tar) goes through this type.
final class GzipDecoder {
  /// Why decoding stopped.
  enum Failure: Error {
    /// The file ends inside a member.
    case truncated
    /// The compressed data is damaged; the text says how.
    case corrupt(String)
    /// Reading the file failed.
    case readFailed(PosixError)
  }

  private let file: PosixFile
  private let stream: UnsafeMutablePointer<z_stream>
  private let input: UnsafeMutablePointer<UInt8>
  private let inputCapacity: Int
  private let output: UnsafeMutablePointer<UInt8>
  private let outputCapacity: Int
  private var zlibReady = false
  private var inputEnded = false
  /// A member ended: the next bytes decide between another member, zero padding, and garbage.
  private var betweenMembers = false
  private var finished = false
  /// A failure met after some output was produced: that output goes out first.
  private var pending: Failure?
  private var compressedBytesRead: Int64 = 0

  /// Bytes handed out so far.
  private(set) var decompressedBytes: Int64 = 0
  /// The MTIME field of the first member's header, when it is set.
  private(set) var modificationTime: Int?

  /// Compressed bytes zlib has consumed so far.
  var compressedBytesConsumed: Int64 {
    compressedBytesRead - Int64(stream.pointee.avail_in)
  }

  /// Prepares to decode `file` from its current position (normally the start).
  init(file: PosixFile, inputCapacity: Int = 256 << 10, outputCapacity: Int = 256 << 10) throws(Failure) {
    self.file = file
    self.inputCapacity = inputCapacity
    self.outputCapacity = outputCapacity
    input = .allocate(capacity: inputCapacity)
    output = .allocate(capacity: outputCapacity)
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    // 15 + 16: a 32 KiB window and gzip framing only (no zlib or raw deflate).
    zlibReady = CArchive_inflateInit2(stream, 15 + 16) == Z_OK
    guard zlibReady else { throw .corrupt("zlib could not be initialised") }
    try refill()
    if stream.pointee.avail_in >= 8, input[0] == 0x1F, input[1] == 0x8B {
      let mtime = UInt32(input[4]) | UInt32(input[5]) << 8 | UInt32(input[6]) << 16 | UInt32(input[7]) << 24
      if mtime != 0 { modificationTime = Int(mtime) }
    }
  }

  deinit {
    if zlibReady { inflateEnd(stream) }
    stream.deinitialize(count: 1)
    stream.deallocate()
    input.deallocate()
    output.deallocate()
  }

  /// The next block of decompressed bytes, valid until the next call; `nil` at the end.
  ///
  /// After a failure the bytes decoded before it are returned first and the failure
  /// is thrown by the following call.
  func next() throws(Failure) -> UnsafeRawBufferPointer? {
    if let failure = pending {
      pending = nil
      finished = true
      throw failure
    }
    if finished { return nil }
    stream.pointee.next_out = output
    stream.pointee.avail_out = UInt32(outputCapacity)
    do throws(Failure) {
      try fillOutput()
    } catch {
      let count = outputCapacity - Int(stream.pointee.avail_out)
      guard count > 0 else {
        finished = true
        throw error
      }
      pending = error
      decompressedBytes += Int64(count)
      return UnsafeRawBufferPointer(start: output, count: count)
    }
    let count = outputCapacity - Int(stream.pointee.avail_out)
    if count == 0 { return nil }
    decompressedBytes += Int64(count)
    return UnsafeRawBufferPointer(start: output, count: count)
  }

  /// Inflates until the output buffer is full or the file is done.
  private func fillOutput() throws(Failure) {
    let s = stream
    while s.pointee.avail_out > 0 {
      if betweenMembers {
        if s.pointee.avail_in < 2 && !inputEnded {
          try refill()
          continue
        }
        if s.pointee.avail_in == 0 {
          finished = true
          return
        }
        try startNextMember()
        continue
      }
      if s.pointee.avail_in == 0 {
        if inputEnded { throw .truncated }
        try refill()
        continue
      }
      let result = inflate(s, Z_NO_FLUSH)
      switch result {
      case Z_OK:
        continue
      case Z_STREAM_END:
        betweenMembers = true
      case Z_BUF_ERROR:
        // No progress: input exhausted (refilled above) or output full (loop ends).
        if s.pointee.avail_in > 0 && s.pointee.avail_out > 0 {
          throw .corrupt("zlib could not make progress")
        }
      case Z_DATA_ERROR:
        throw .corrupt(Self.explain(s.pointee.msg.map { String(cString: $0) } ?? "invalid compressed data"))
      case Z_MEM_ERROR:
        throw .corrupt("zlib ran out of memory")
      case Z_NEED_DICT:
        throw .corrupt("the stream needs a preset dictionary, which gzip does not use")
      default:
        throw .corrupt("zlib error \(result)")
      }
    }
  }

  /// After a member's end: another member, zero padding (ignored, as gzip does), or garbage.
  private func startNextMember() throws(Failure) {
    let s = stream
    let available = Int(s.pointee.avail_in)
    let bytes = s.pointee.next_in!
    if bytes[0] == 0x1F {
      if available == 1 { throw .truncated }  // input ended after one magic byte
      if bytes[1] == 0x8B {
        inflateReset(s)
        betweenMembers = false
        return
      }
    }
    if (0..<available).allSatisfy({ bytes[$0] == 0 }) {
      s.pointee.next_in += available
      s.pointee.avail_in = 0
      return
    }
    let offset = compressedBytesConsumed
    throw .corrupt(
      "bytes that are not gzip data follow the end of the compressed stream at byte \(offset.grouped) "
        + "(the data before them was read completely; the file may have been appended to or damaged)")
  }

  /// Moves unconsumed input to the front of the buffer and reads more after it.
  private func refill() throws(Failure) {
    let s = stream
    let remaining = Int(s.pointee.avail_in)
    if remaining > 0, let next = s.pointee.next_in, next != input {
      memmove(input, next, remaining)
    }
    let n: Int
    do {
      n = try file.read(into: input + remaining, count: inputCapacity - remaining)
    } catch {
      throw .readFailed(error)
    }
    if n == 0 { inputEnded = true }
    compressedBytesRead += Int64(n)
    s.pointee.next_in = input
    s.pointee.avail_in = UInt32(remaining + n)
  }

  /// zlib's terse messages in words a user can act on.
  private static func explain(_ message: String) -> String {
    switch message {
    case "incorrect data check": "CRC-32 mismatch (\(message))"
    case "incorrect length check": "length mismatch in the gzip trailer (\(message))"
    case "incorrect header check", "unknown compression method": "not a valid gzip header (\(message))"
    default: "invalid compressed data (\(message))"
    }
  }
}
