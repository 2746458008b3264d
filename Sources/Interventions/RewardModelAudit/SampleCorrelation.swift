/// Pearson, Spearman and symmetrized correlations of two samples.
enum SampleCorrelation {
  /// The correlation over the samples together with their mirror images (−a, −b), whose means
  /// are 0: Σab/√(Σa²·Σb²); `nil` for no values or when either sample is all 0.
  static func symmetrized(_ a: [Double], _ b: [Double]) -> Double? {
    precondition(a.count == b.count, "one value of b per value of a")
    var sab = 0.0
    var saa = 0.0
    var sbb = 0.0
    for i in a.indices {
      sab += a[i] * b[i]
      saa += a[i] * a[i]
      sbb += b[i] * b[i]
    }
    guard saa > 0, sbb > 0 else { return nil }
    return Swift.max(-1, Swift.min(1, sab / (saa * sbb).squareRoot()))
  }

  /// The Pearson correlation; `nil` for fewer than 2 values or when either sample is constant.
  static func pearson(_ a: [Double], _ b: [Double]) -> Double? {
    precondition(a.count == b.count, "one value of b per value of a")
    let n = a.count
    guard n >= 2 else { return nil }
    let meanA = a.reduce(0, +) / Double(n)
    let meanB = b.reduce(0, +) / Double(n)
    var sab = 0.0
    var saa = 0.0
    var sbb = 0.0
    for i in 0..<n {
      let da = a[i] - meanA
      let db = b[i] - meanB
      sab += da * db
      saa += da * da
      sbb += db * db
    }
    guard saa > 0, sbb > 0 else { return nil }
    return Swift.max(-1, Swift.min(1, sab / (saa * sbb).squareRoot()))
  }

  /// The Spearman rank correlation: Pearson's on average ranks (ties share their mean rank), as
  /// `scipy.stats.spearmanr`; `nil` for fewer than 2 values or when either sample is constant.
  static func spearman(_ a: [Double], _ b: [Double]) -> Double? {
    pearson(ranks(a), ranks(b))
  }

  /// The 1-based average ranks of `values` (ties get the mean of their ranks).
  static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
      let rank = Double(start + 1 + end) / 2
      for k in start..<end { result[order[k]] = rank }
      start = end
    }
    return result
  }
}
