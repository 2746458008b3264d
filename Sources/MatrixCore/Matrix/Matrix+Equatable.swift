extension Matrix: Equatable {
  /// Two matrices are equal when they have the same shape and equal elements (views compare by value).
  public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
    guard lhs.rows == rhs.rows, lhs.columns == rhs.columns else { return false }
    for i in 0..<lhs.rows {
      for j in 0..<lhs.columns where lhs[i, j] != rhs[i, j] {
        return false
      }
    }
    return true
  }
}
