
/// Every pair's Δ row, prompt key and origin in an unlinked temporary file (``ScratchFile``), for
/// outputs that need each pair again after the statistics (`--pairs`) without holding them in memory.
///
/// Records have a fixed size (4 bytes per feature + 28) and are written batch by batch and read
/// back in order in blocks.
public final class PairSpill: @unchecked Sendable {
  /// One pair read back.
  public struct Record {
    /// Δ of every feature.
    public var differences: UnsafeBufferPointer<Float>
    /// The prompt key.
    public var clusterKey: UInt64
    /// Δlength.
    public var lengthDifference: Float
    /// Where the pair came from.
    public var reference: PairReference
  }

  /// Features per record.
  public let featureCount: Int
  /// The number of records written.
  public private(set) var count = 0
  private let file: ScratchFile
  private var buffer: [UInt8] = []

  private var recordSize: Int { featureCount * 4 + 28 }

  /// Creates an empty spill file in the temporary directory.
  ///
  /// - Throws: ``AuditError/spill(_:)`` when the file cannot be created.
  public init(featureCount: Int) throws {
    self.featureCount = featureCount
    file = try ScratchFile(purpose: "pairs")
  }

  /// Appends one pair.
  func append(differences: UnsafeBufferPointer<Float>, clusterKey: UInt64, lengthDifference: Float, reference: PairReference) {
    for value in differences { Self.append(value.bitPattern, to: &buffer) }
    Self.append(clusterKey, to: &buffer)
    Self.append(lengthDifference.bitPattern, to: &buffer)
    Self.append(UInt32(bitPattern: reference.file), to: &buffer)
    Self.append(UInt32(bitPattern: reference.member), to: &buffer)
    Self.append(UInt32(bitPattern: reference.line), to: &buffer)
    Self.append(UInt32(bitPattern: reference.pair), to: &buffer)
    count += 1
  }

  /// Writes the buffered records to the file.
  ///
  /// - Throws: ``AuditError/spill(_:)`` on a write error (for example, a full disk).
  func flush() throws {
    try buffer.withUnsafeBytes { try file.append($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Calls `body` with every record in order.
  ///
  /// - Throws: ``AuditError/spill(_:)`` on a read error, or what `body` throws.
  public func forEach(_ body: (Int, Record) throws -> Void) throws {
    try flush()
    let perBlock = 4096
    var block = [UInt8](repeating: 0, count: perBlock * recordSize)
    var values = [Float](repeating: 0, count: featureCount)
    var index = 0
    while index < count {
      let records = Swift.min(perBlock, count - index)
      try block.withUnsafeMutableBytes {
        try file.read(at: index * recordSize, into: UnsafeMutableRawBufferPointer(rebasing: $0[..<(records * recordSize)]))
      }
      try block.withUnsafeBytes { raw in
        for r in 0..<records {
          let base = r * recordSize
          for f in 0..<featureCount {
            values[f] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: base + 4 * f, as: UInt32.self))
          }
          let tail = base + 4 * featureCount
          let reference = PairReference(
            file: Int32(bitPattern: raw.loadUnaligned(fromByteOffset: tail + 12, as: UInt32.self)),
            member: Int32(bitPattern: raw.loadUnaligned(fromByteOffset: tail + 16, as: UInt32.self)),
            line: Int32(bitPattern: raw.loadUnaligned(fromByteOffset: tail + 20, as: UInt32.self)),
            pair: Int32(bitPattern: raw.loadUnaligned(fromByteOffset: tail + 24, as: UInt32.self)))
          try values.withUnsafeBufferPointer { differences in
            try body(
              index + r,
              Record(
                differences: differences,
                clusterKey: raw.loadUnaligned(fromByteOffset: tail, as: UInt64.self),
                lengthDifference: Float(bitPattern: raw.loadUnaligned(fromByteOffset: tail + 8, as: UInt32.self)),
                reference: reference))
          }
        }
      }
      index += records
    }
  }

  private static func append<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
  }
}
