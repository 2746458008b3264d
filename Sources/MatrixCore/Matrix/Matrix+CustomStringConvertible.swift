extension Matrix: CustomStringConvertible {
  /// The shape followed by the elements, abbreviated beyond 8 rows or columns.
  public var description: String {
    let shownRows = Swift.min(rows, 8)
    let shownColumns = Swift.min(columns, 8)
    var lines = ["Matrix<\(Scalar.self)> \(rows) x \(columns)"]
    for i in 0..<shownRows {
      var cells = (0..<shownColumns).map { "\(self[i, $0])" }
      if columns > shownColumns { cells.append("...") }
      lines.append("  [" + cells.joined(separator: ", ") + "]")
    }
    if rows > shownRows { lines.append("  ...") }
    return lines.joined(separator: "\n")
  }
}
