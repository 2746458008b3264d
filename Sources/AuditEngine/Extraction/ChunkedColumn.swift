/// A growable column stored in fixed-size chunks, so growth never copies what is stored.
///
/// Feature tables hold one value per pair for millions of pairs; an array that
/// doubles would briefly need twice its size.
struct ChunkedColumn<Element: Sendable>: Sendable {
  /// Elements per chunk.
  static var chunkSize: Int { 1 << 16 }

  private var chunks: [[Element]] = []
  /// The number of elements.
  private(set) var count = 0

  /// Appends one element.
  mutating func append(_ element: Element) {
    if count % Self.chunkSize == 0 {
      var chunk: [Element] = []
      chunk.reserveCapacity(Self.chunkSize)
      chunks.append(chunk)
    }
    chunks[chunks.count - 1].append(element)
    count += 1
  }

  /// The element at `index`.
  subscript(index: Int) -> Element {
    chunks[index / Self.chunkSize][index % Self.chunkSize]
  }

  /// All elements, in one contiguous array.
  var elements: [Element] {
    var result: [Element] = []
    result.reserveCapacity(count)
    for chunk in chunks { result.append(contentsOf: chunk) }
    return result
  }
}
