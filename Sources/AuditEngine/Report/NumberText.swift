/// Short spellings of report numbers, shared by the statements and the renderers.
public enum NumberText {
  /// `60.6`, `8.48`, `0.062`, `-0.71`: three significant places at most, `–` when not finite.
  public static func decimal(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    let magnitude = abs(value)
    let places = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 0.1 ? 2 : 3
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if places == 0 { return String(Int(rounded)) }
    var text = String(rounded)
    if let dot = text.firstIndex(of: ".") {
      let decimals = text.distance(from: dot, to: text.endIndex) - 1
      if decimals < places { text += String(repeating: "0", count: places - decimals) }
    }
    return text == "-0.0" || text.hasPrefix("-0.") && rounded == 0 ? String(text.dropFirst()) : text
  }

  /// A p- or q-value: `3e-12`, `0.004`, `0.31`, `1.00`; `–` when not finite.
  public static func scientific(_ value: Double) -> String {
    guard value.isFinite else { return "–" }
    if value == 0 { return "0" }
    if value >= 0.001 { return decimal(value) }
    var exponent = 0
    var mantissa = value
    while mantissa < 1 {
      mantissa *= 10
      exponent -= 1
    }
    let m = Int(mantissa.rounded())
    return m >= 10 ? "1e\(exponent + 1)" : "\(m)e\(exponent)"
  }
}
