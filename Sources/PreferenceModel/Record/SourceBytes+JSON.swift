extension SourceBytes {
  /// The bytes parsed again as JSON, for encoding a record by patching its source object.
  ///
  /// - Parameter id: The record the bytes belong to, named in the error.
  /// - Throws: ``RecordError`` `cannot re-read the source record of <id>: <reason>`
  ///   when the bytes are not JSON.
  public func parsedJSON(for id: RecordID) throws(RecordError) -> JSONValue {
    do {
      return try JSONValue.parse(bytes)
    } catch {
      throw RecordError("cannot re-read the source record of \(id): \(error)")
    }
  }
}
