import CSVFormat
import GenericJSONFormat
import HHRLHFFormat
import PreferenceModel
import ShareGPTFormat
import TRLFormat
import UltraFeedbackFormat

/// The formats prefaudit knows, and how a file's format is recognised among them.
public struct FormatRegistry: Sendable {
  /// The formats, in the order they are listed to users.
  public var formats: [any PreferenceFormat]

  /// Creates a registry.
  public init(formats: [any PreferenceFormat]) {
    self.formats = formats
  }

  /// Every built-in format adapter.
  public static let builtIn = builtIn(fieldMap: [:])

  /// Every built-in format adapter, the generic JSON adapter set up with a user's field map.
  ///
  /// The generic adapter recognises a file only through a map (`--map chosen=…,rejected=…`);
  /// without one it is used only when named with `--format generic-json`.
  public static func builtIn(fieldMap: [String: String]) -> FormatRegistry {
    FormatRegistry(formats: [
      HHRLHFFormat(),
      UltraFeedbackRawFormat(),
      UltraFeedbackBinarizedFormat(),
      TRLFormat(),
      ShareGPTFormat(),
      CSVFormat(),
      GenericJSONFormat(fieldMap: fieldMap),
    ])
  }

  /// The format with this id.
  public func format(id: String) -> (any PreferenceFormat)? {
    formats.first { $0.id == id }
  }

  /// The format whose adapter is most confident about `sample`, if any is.
  public func sniff(_ sample: [SourceRecord]) -> (format: any PreferenceFormat, match: FormatMatch)? {
    guard !sample.isEmpty else { return nil }
    var best: (format: any PreferenceFormat, match: FormatMatch)?
    for format in formats {
      guard let match = format.sniff(sample), match.confidence > 0 else { continue }
      if best == nil || match.confidence > best!.match.confidence { best = (format, match) }
    }
    return best
  }

  /// Resolves a `--format` / `--to` name: `id`, `id:variant`, or `id-variant` for a known variant
  /// (`trl-conversational`).
  ///
  /// - Throws: ``UnknownFormatError`` listing the known names.
  public func resolve(_ name: String) throws(UnknownFormatError) -> ResolvedFormat {
    var id = name
    var variant: String?
    if let colon = name.firstIndex(of: ":") {
      id = String(name[..<colon])
      variant = String(name[name.index(after: colon)...])
    }
    if let format = format(id: id) {
      if let variant, !format.variants.contains(variant) {
        throw UnknownFormatError(name: name, known: knownNames)
      }
      return ResolvedFormat(format: format, variant: variant)
    }
    for format in formats {
      for v in format.variants where "\(format.id)-\(v)" == name {
        return ResolvedFormat(format: format, variant: v)
      }
    }
    throw UnknownFormatError(name: name, known: knownNames)
  }

  /// Every accepted format name: ids and `id:variant` forms.
  public var knownNames: [String] {
    formats.flatMap { f in [f.id] + f.variants.map { "\(f.id):\($0)" } }
  }
}

/// A format with an optional variant, as named by the user.
public struct ResolvedFormat: Sendable {
  /// The adapter.
  public var format: any PreferenceFormat
  /// The variant, when one was named.
  public var variant: String?

  /// The framing files in this format are written with.
  public var framing: Framing { format.outputFraming(variant: variant) }

  /// Creates a resolved format.
  public init(format: any PreferenceFormat, variant: String? = nil) {
    self.format = format
    self.variant = variant
  }
}

/// A `--format` or `--to` name that is not known.
public struct UnknownFormatError: Error, Sendable, CustomStringConvertible {
  /// The name given.
  public var name: String
  /// The names that would have been accepted.
  public var known: [String]

  public var description: String {
    "unknown format \"\(name)\"; known formats: \(known.joined(separator: ", "))"
  }
}
