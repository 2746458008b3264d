/// A rectangle of the result matrix computed by one thread at a time.
struct GEMMRegion: Sendable, Equatable {
  /// The result rows of the rectangle.
  var rows: Range<Int>
  /// The result columns of the rectangle.
  var columns: Range<Int>

  /// The smallest extent (rows or columns) of a chunk beyond the one-per-thread split.
  ///
  /// Each chunk re-packs the operand shared along its split (B for row chunks).
  /// Measured on the encoder shapes with 2 threads: 1024-row chunks run as fast as
  /// one chunk per thread, 512-row chunks lose about 25% when N = 1536.
  static let minimumChunkExtent = 1024

  /// Splits a `rows` x `columns` result into rectangles aligned to the register tile,
  /// for `threads` workers that claim them dynamically.
  ///
  /// Every factorization `threads = r * c` is tried; the one whose largest
  /// rectangle (in padded tiles) is smallest wins. Ties prefer splitting rows
  /// when the result is at least as tall as it is wide (each row split
  /// re-packs B, each column split re-packs A). The split dimension is then cut
  /// into up to 4 chunks per thread of at least ``minimumChunkExtent``, so a
  /// descheduled thread delays one chunk instead of half the product.
  static func partition(rows: Int, columns: Int, tileRows: Int, tileColumns: Int, parts: Int) -> [GEMMRegion] {
    let rowTiles = (rows + tileRows - 1) / tileRows
    let columnTiles = (columns + tileColumns - 1) / tileColumns
    let parts = Swift.max(1, Swift.min(parts, rowTiles * columnTiles))
    var best: (rowParts: Int, columnParts: Int, cost: Int)? = nil
    for rowParts in 1...parts where parts % rowParts == 0 {
      let columnParts = parts / rowParts
      guard rowParts <= rowTiles, columnParts <= columnTiles else { continue }
      let cost = ((rowTiles + rowParts - 1) / rowParts) * tileRows
        * ((columnTiles + columnParts - 1) / columnParts) * tileColumns
      if let current = best {
        let preferRows = rows >= columns
        let better =
          cost < current.cost
          || (cost == current.cost && (preferRows ? rowParts > current.rowParts : rowParts < current.rowParts))
        if better { best = (rowParts, columnParts, cost) }
      } else {
        best = (rowParts, columnParts, cost)
      }
    }
    guard var choice = best else {
      return [GEMMRegion(rows: 0..<rows, columns: 0..<columns)]
    }
    if parts > 1 {
      if choice.rowParts >= choice.columnParts {
        let chunks = Swift.min(choice.rowParts * 4, rowTiles, rows / minimumChunkExtent)
        choice.rowParts = Swift.max(choice.rowParts, chunks)
      } else {
        let chunks = Swift.min(choice.columnParts * 4, columnTiles, columns / minimumChunkExtent)
        choice.columnParts = Swift.max(choice.columnParts, chunks)
      }
    }
    let rowRanges = splitRange(rowTiles, parts: choice.rowParts).map {
      ($0.lowerBound * tileRows)..<Swift.min($0.upperBound * tileRows, rows)
    }
    let columnRanges = splitRange(columnTiles, parts: choice.columnParts).map {
      ($0.lowerBound * tileColumns)..<Swift.min($0.upperBound * tileColumns, columns)
    }
    var regions: [GEMMRegion] = []
    for r in rowRanges {
      for c in columnRanges {
        regions.append(GEMMRegion(rows: r, columns: c))
      }
    }
    return regions
  }
}
