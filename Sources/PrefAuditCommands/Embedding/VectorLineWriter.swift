import DatasetIO
import Foundation

/// Writes vectors as JSON Lines, one array of numbers per line, to a file or standard output.
///
/// Each float is written in the shortest form that reads back as the same `Float`. A file is
/// written under a temporary name and renamed by ``commit()``; a name ending in `.gz`, `.zst`,
/// `.xz` or `.bz2` is compressed accordingly.
final class VectorLineWriter {
  /// The output file, or `nil` for standard output.
  let path: String?
  private let writer: ContainerWriter?
  private var line = 0

  /// Opens the output (`nil`: standard output).
  ///
  /// - Throws: `ContainerError` when the temporary file cannot be created; a `ValidationError`
  ///   for a tar or zip name.
  init(path: String?) throws {
    self.path = path
    guard let path else {
      writer = nil
      return
    }
    let kind = ContainerKind(suggestedByFileName: path)
    guard !kind.isArchive else {
      throw ValidationErrorMessage("-o \(path): embed writes one file (plain, .gz, .zst, .xz or .bz2), not a \(kind.displayName)")
    }
    let writer = try ContainerWriter(path: path, kind: kind)
    try writer.beginMember(MemberInfo(name: nil))
    self.writer = writer
  }

  /// Appends one line per vector.
  ///
  /// - Throws: `ContainerError` when writing fails, ``ValidationErrorMessage`` for a value
  ///   that is not finite (JSON cannot hold it).
  func write(_ vectors: [[Float]]) throws {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(vectors.count * (vectors.first?.count ?? 0) * 12)
    for vector in vectors {
      line += 1
      bytes.append(UInt8(ascii: "["))
      for (index, value) in vector.enumerated() {
        guard value.isFinite else {
          throw ValidationErrorMessage("vector \(line) has the value \(value), which JSON cannot hold")
        }
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: value.description.utf8)
      }
      bytes.append(contentsOf: "]\n".utf8)
    }
    if let writer {
      try writer.write(bytes)
    } else {
      FileHandle.standardOutput.write(Data(bytes))
    }
  }

  /// Finishes the file and renames it into place.
  func commit() throws {
    try writer?.commit()
  }

  /// Removes the temporary file.
  func abort() {
    writer?.abort()
  }
}

/// An error that is just its message.
struct ValidationErrorMessage: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
