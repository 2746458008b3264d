/// One tensor entry of a safetensors header: its name, element type, shape and where its bytes are.
public struct SafetensorsTensorInfo: Sendable, Hashable {
  /// The tensor's name, e.g. `encoder.layer.0.attention.self.query.weight`.
  public var name: String
  /// The element type.
  public var dataType: SafetensorsDataType
  /// The dimensions, outermost first (row-major); empty for a scalar.
  public var shape: [Int]
  /// The byte range of the data, relative to the start of the data section (after the header).
  public var dataOffsets: Range<Int>

  /// Creates a tensor entry.
  ///
  /// - Parameters:
  ///   - name: The tensor's name.
  ///   - dataType: The element type.
  ///   - shape: The dimensions, outermost first.
  ///   - dataOffsets: The byte range within the data section.
  public init(name: String, dataType: SafetensorsDataType, shape: [Int], dataOffsets: Range<Int>) {
    self.name = name
    self.dataType = dataType
    self.shape = shape
    self.dataOffsets = dataOffsets
  }

  /// The number of elements, the product of the shape (1 for a scalar).
  public var elementCount: Int { shape.reduce(1, *) }
}
