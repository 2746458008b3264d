extension BinaryInteger {
  /// The decimal value with thousands separators, e.g. `1,234,567`, for messages and reports.
  public var grouped: String {
    let digits = String(self.magnitude)
    var out = ""
    out.reserveCapacity(digits.count + digits.count / 3 + 1)
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return self < 0 ? "-" + out : out
  }
}

extension Double {
  /// The value rounded to a whole number for ratios in messages, e.g. `1,024`.
  var groupedWhole: String {
    guard isFinite else { return "∞" }
    return Int64(self.rounded()).grouped
  }
}
