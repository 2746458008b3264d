/// How a JSON value is spelled on output: separators, indentation and escaping.
///
/// Files written by different tools differ only in these details, and a
/// byte-exact writer has to reproduce them. The presets cover Python's
/// `json.dumps` and compact writers; ``detect(in:)`` infers the style of an
/// existing file from some of its records.
///
/// | writer | style |
/// | --- | --- |
/// | `json.dumps(obj, ensure_ascii=False)` | ``python`` |
/// | `json.dumps(obj)` | ``pythonASCII`` |
/// | `json.dumps(obj, indent=2, ensure_ascii=False)` | ``pythonIndented(_:)`` with 2 |
/// | `json.dumps(obj, separators=(",", ":"), ensure_ascii=False)` | ``compact`` |
/// | pandas `to_json(orient="records", lines=True)` | ``pandas`` |
///
/// String escaping follows Python's `json` module: `\"`, `\\`, `\n`, `\r`,
/// `\t`, `\b`, `\f`, other control characters as `\u00XX` with lowercase hex
/// digits; with ``escapeNonASCII`` every character outside printable ASCII
/// (U+007F included) as `\uXXXX`, non-BMP characters as a surrogate pair.
/// Writers that differ in other ways (uppercase hex digits, escaped `<`, `>`,
/// `&` or U+2028, CRLF line breaks in pretty output) are not modelled: their
/// unchanged records are written back from their original bytes anyway.
public struct JSONStyle: Sendable, Hashable {
  /// Written between array elements and object members: `", "` (Python's
  /// default) or `","`. With ``indent`` the line break and indentation follow it.
  public var itemSeparator: String
  /// Written between an object key and its value: `": "` or `":"`.
  public var keySeparator: String
  /// `nil` writes a value on one line; `n` pretty-prints it like Python's
  /// `json.dumps(indent=n)`: each element on its own line, indented by `n`
  /// spaces per level, empty containers as `[]` and `{}`. The line break
  /// follows ``itemSeparator`` as written, so Python's own pretty output needs
  /// `","` there (see ``pythonIndented(_:)``); line breaks are always `\n`.
  public var indent: Int?
  /// Whether non-ASCII characters are written as `\uXXXX` escapes (Python's
  /// `ensure_ascii=True`) instead of raw UTF-8.
  public var escapeNonASCII: Bool
  /// Whether `/` is written as `\/` (pandas and ujson do this).
  public var escapeSlash: Bool

  /// Creates a style; the defaults are Python's `json.dumps(ensure_ascii=False)`.
  public init(
    itemSeparator: String = ", ",
    keySeparator: String = ": ",
    indent: Int? = nil,
    escapeNonASCII: Bool = false,
    escapeSlash: Bool = false
  ) {
    self.itemSeparator = itemSeparator
    self.keySeparator = keySeparator
    self.indent = indent
    self.escapeNonASCII = escapeNonASCII
    self.escapeSlash = escapeSlash
  }

  /// `json.dumps(obj, ensure_ascii=False)`: `", "` and `": "`, raw UTF-8.
  public static let python = JSONStyle()

  /// `json.dumps(obj)`, Python's default: `", "` and `": "`, non-ASCII as `\uXXXX`.
  public static let pythonASCII = JSONStyle(escapeNonASCII: true)

  /// `","` and `":"` with raw UTF-8 (`separators=(",", ":")`, `ensure_ascii=False`).
  public static let compact = JSONStyle(itemSeparator: ",", keySeparator: ":")

  /// `json.dumps(obj, indent=indent, ensure_ascii=False)`: `","` (then the line
  /// break) and `": "`, raw UTF-8.
  public static func pythonIndented(_ indent: Int) -> JSONStyle {
    JSONStyle(itemSeparator: ",", keySeparator: ": ", indent: indent)
  }

  /// pandas `DataFrame.to_json`: `","` and `":"`, non-ASCII as `\uXXXX`, `/` as `\/`.
  ///
  /// pandas writes through its vendored ujson encoder, which escapes like
  /// Python's `json` module (lowercase hex, the same short escapes) apart from
  /// two details this style does not model: ujson writes U+007F raw where this
  /// style (like Python's `ensure_ascii`) writes `\u007f`, and
  /// `to_json(..., encode_html_chars=True)` also escapes `<`, `>` and `&`.
  /// Every AutoAlign record in the shared data re-serializes byte for byte.
  public static let pandas = JSONStyle(
    itemSeparator: ",", keySeparator: ":", escapeNonASCII: true, escapeSlash: true)
}
