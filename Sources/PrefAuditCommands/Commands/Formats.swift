import ArgumentParser
import DatasetIO
import PreferenceModel

/// `prefaudit formats`: the formats prefaudit reads and writes.
struct Formats: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List the dataset formats and their variants.")

  func run() {
    for format in FormatRegistry.builtIn.formats {
      let variants = format.variants.isEmpty ? "" : "  (variants: \(format.variants.joined(separator: ", ")))"
      print("\(format.id)\(variants)")
      print("    \(format.summary)")
    }
  }
}
