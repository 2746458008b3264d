import DatasetIO
import PreferenceModel

/// The decoded source records of a dataset in reading order: who they are and how many pairs each holds.
///
/// `apply` reads its input twice — once to measure, once to write — and decides per source record
/// in between. The ledger, filled in the first pass, ties the two passes together: record k of
/// the second pass must be record k of the first (same file, member and index), or the input
/// changed while it was being read and `apply` stops. Memory: 9 bytes per record.
public struct UnitLedger: Sendable {
  /// A hash of each decoded record's location, in reading order.
  public private(set) var keys: [UInt64] = []
  /// The number of pairs each decoded record holds (0 for a record without a pair, such as a CSV tie).
  public private(set) var pairCounts: [UInt32] = []
  /// The first pair of each record, in pair order (prefix sums of ``pairCounts``), plus the total at the end.
  public private(set) var firstPairs: [Int] = [0]

  /// Creates an empty ledger.
  public init() {}

  /// The number of decoded records.
  public var count: Int { keys.count }

  /// The number of pairs in all records.
  public var pairCount: Int { firstPairs[firstPairs.count - 1] }

  /// Records every decoded unit of a batch, in order.
  public mutating func record(_ units: [ReadUnit]) {
    for unit in units {
      guard case .decoded(let records) = unit.outcome else { continue }
      keys.append(Self.key(unit.location))
      pairCounts.append(UInt32(records.count))
      firstPairs.append(pairCount + records.count)
    }
  }

  /// The pairs of record `unit`, as a range of pair indices.
  public func pairs(ofUnit unit: Int) -> Range<Int> {
    firstPairs[unit]..<firstPairs[unit + 1]
  }

  /// The record each pair belongs to, in pair order.
  public func unitOfEachPair() -> [Int] {
    var units = [Int]()
    units.reserveCapacity(pairCount)
    for (unit, count) in pairCounts.enumerated() {
      units.append(contentsOf: repeatElement(unit, count: Int(count)))
    }
    return units
  }

  /// A 64-bit FNV-1a hash of a location (file, member, index): stable across runs.
  public static func key(_ location: SourceLocation) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
      for byte in bytes {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
      }
    }
    mix(location.file.utf8)
    mix([0xFF])
    mix((location.member ?? "").utf8)
    mix([0xFF])
    withUnsafeBytes(of: UInt64(location.index).littleEndian) { mix($0) }
    return hash
  }
}

/// Walks a ``UnitLedger`` in step with a second reading of the same input.
public struct UnitLedgerCursor {
  /// The ledger being followed.
  public let ledger: UnitLedger
  /// The index of the next decoded record.
  public private(set) var next = 0

  /// Starts at the first record.
  public init(_ ledger: UnitLedger) {
    self.ledger = ledger
  }

  /// Moves past `unit` (a decoded one) and returns its index in the ledger.
  ///
  /// - Throws: ``InputChanged`` when `unit` is not the record the first pass saw at this position.
  public mutating func advance(past unit: ReadUnit) throws -> Int {
    let index = next
    guard index < ledger.count, ledger.keys[index] == UnitLedger.key(unit.location),
      Int(ledger.pairCounts[index]) == unit.records.count
    else {
      throw InputChanged(location: unit.location)
    }
    next += 1
    return index
  }

  /// Checks that every record of the first pass was seen again.
  public func finish() throws {
    if next != ledger.count {
      throw InputChanged(location: nil)
    }
  }
}

/// The input was different the second time it was read.
public struct InputChanged: Error, Sendable, CustomStringConvertible {
  /// Where the difference showed, when at a record.
  public var location: SourceLocation?

  public var description: String {
    let place = location.map { "\($0): " } ?? ""
    return "\(place)the input changed while prefaudit apply was reading it (the second reading does not match the first); nothing was written"
  }
}
