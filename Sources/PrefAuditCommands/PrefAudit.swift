import ArgumentParser

/// The `prefaudit` command: audits LLM preference datasets before post-training.
public struct PrefAudit: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "prefaudit",
    abstract: "Audit LLM preference datasets (chosen vs rejected pairs) before post-training.",
    discussion: """
      Reads HH-RLHF, UltraFeedback (raw and binarized), TRL, ShareGPT / LLaMA-Factory, CSV and \
      field-mapped JSON, plain or in archives (tar, zip, gz, zst, xz, bz2), and writes them back \
      in their original format.
      """,
    version: "0.1.0",
    subcommands: [Audit.self, Apply.self, RMAudit.self, Inspect.self, Convert.self, Formats.self, Detectors.self, Embed.self, ModelCommand.self, Bench.self]
  )

  public init() {}
}
