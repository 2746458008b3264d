import AuditReporting
import Foundation
import PrefAuditPluginAPI
import PreferenceModel
import Testing

@testable import AuditEngine

/// The three renderings of a report with probe and SAE features: kinds, diagnostics, the encoder,
/// the signal-explained figure and the latent descriptions.
@Suite("Audit reports with probe and SAE features")
struct ReportLearnedFeaturesTests {
  /// Markup that must stay text wherever dataset text or a label lands in the HTML page.
  static let attack = #"</td><script>alert("x")</script><img src=x onerror=alert(1)> & "q""#

  static let encoderNote =
    "no sentence encoder installed, so probe and sae features were skipped; install it with `prefaudit model install` "
    + "(or name a folder with --encoder DIR)"

  /// A real audit of the hostile pairs (joint model fitted) with a probe feature and two SAE latents
  /// appended, their diagnostics, latent profiles, the signal-explained figures and the encoder.
  static func learnedReport(signal: SignalExplained? = SignalExplained(aucDense: 0.72, aucFeatures: 0.64, pairs: 2354))
    throws -> AuditReport
  {
    var report = try audit(
      ReportTests.hostileRecords(), configuration: AuditConfiguration(fitsJointModel: true)
    ).report
    let template = try #require(
      report.features.first { $0.cohenDz.isFinite && $0.winRate.isFinite && $0.qValue.isFinite })
    func learned(_ detector: String, _ name: String, _ kind: FeatureKind, dz: Double, diagnostic: FeatureDiagnostic?)
      -> FeatureResult
    {
      let descriptor = DetectorDescriptor(
        id: detector, version: "1", summary: "learned",
        features: [
          FeatureDescriptor(name: name, description: "learned \(name)", kind: kind, higherMeans: "h", unit: "score")
        ],
        needsEmbeddings: true)
      var result = template
      result.feature = AuditFeature(detector: descriptor, index: 0)
      result.cohenDz = dz
      result.diagnostic = diagnostic
      return result
    }
    report.features += [
      learned(
        "sycophancy", "flattery_probe", .probe, dz: 0.8,
        diagnostic: FeatureDiagnostic(
          feature: "flattery_probe", summary: "held-out accuracy 0.94 (5-fold, 110 + 116 texts) \(attack)",
          metrics: ["heldOutAccuracy": 0.94, "folds": 5, "undefined": .nan])),
      learned("sae", "latent_00", .sae, dz: 0.9, diagnostic: nil),
      learned(
        "sae", "latent_01", .sae, dz: -0.5, diagnostic: FeatureDiagnostic(feature: "latent_01", summary: "dead 2%")),
    ]
    let long = String(repeating: "a very long answer that goes on ", count: 20)
    report.latents = [
      LatentProfile(
        featureID: "sae.latent_00", label: "≈ style.bullet_items (r = 0.71)", activeShare: 0.123,
        towardChosen: [
          LatentPair(
            id: "/data/in/hostile.jsonl:3", activation: 2.31, prompt: "question 3 \(attack)",
            chosen: "- one\n- two \(long)",
            rejected: "plain \(attack)"),
          LatentPair(id: "hostile.jsonl:9", activation: 1.5, prompt: "question 9", chosen: "- x", rejected: "y"),
        ],
        towardRejected: [
          LatentPair(id: "hostile.jsonl:17", activation: -1.75, prompt: "question 17", chosen: "short", rejected: long)
        ],
        ngrams: [LatentNgram(text: "here are", zScore: 8.12), LatentNgram(text: "<b>bold</b> \(attack)", zScore: 6.3)],
        correlations: [
          LatentCorrelation(featureID: "style.bullet_items", r: 0.71),
          LatentCorrelation(featureID: "sycophancy.flattery_probe", r: -0.44),
          LatentCorrelation(featureID: "style.headers", r: .nan),
        ]),
      LatentProfile(
        featureID: "sae.latent_01", label: "\"great question\" \(attack)", activeShare: 0.02, towardChosen: [],
        towardRejected: [], ngrams: [], correlations: []),
    ]
    report.dataset.files = ["/data/in/hostile.jsonl"]
    report.model?.signal = signal
    report.encoder = EncoderUse(
      modelID: "sentence-transformers/all-MiniLM-L6-v2", fingerprint: String(repeating: "3f2a", count: 16),
      directory: "/cache/prefaudit/models/all-MiniLM-L6-v2", textsEncoded: 4708, textsReused: 1200, seconds: 12.34)
    return report
  }

  /// The same audit without embeddings: lexical features only, no signal, the encoder's note.
  static func lexicalReport() throws -> AuditReport {
    var report = try audit(
      ReportTests.hostileRecords(), configuration: AuditConfiguration(fitsJointModel: true)
    ).report
    report.encoder = EncoderUse(unavailable: encoderNote)
    return report
  }

  /// The report's JSON, parsed by Foundation.
  static func foundationJSON(_ report: AuditReport) throws -> [String: Any] {
    let bytes = report.json.serialized(style: .python)
    return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  /// Text with every run of whitespace as one space (wrapped lines joined back).
  static func flattened(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  // MARK: JSON

  @Test("JSON: kind on every feature, diagnostics, the signal-explained figures, the encoder and the latents")
  func jsonLearnedFeatures() throws {
    let report = try Self.learnedReport()
    let keys = try JSONValue.parse(report.json.serialized()).keys
    #expect(keys == ["schemaVersion", "dataset", "settings", "features", "hypotheses", "model", "encoder", "latents"])
    let json = try Self.foundationJSON(report)
    #expect(json["schemaVersion"] as? Int == 2)

    let features = try #require(json["features"] as? [[String: Any]])
    #expect(features.count == report.features.count)
    for feature in features {
      #expect(["lexical", "probe", "sae"].contains(feature["kind"] as? String), "\(feature["id"] ?? "?")")
    }
    func feature(_ id: String) throws -> [String: Any] {
      try #require(features.first { $0["id"] as? String == id })
    }
    let probe = try feature("sycophancy.flattery_probe")
    #expect(probe["kind"] as? String == "probe")
    let diagnostic = try #require(probe["diagnostic"] as? [String: Any])
    #expect((diagnostic["summary"] as? String)?.hasPrefix("held-out accuracy 0.94") == true)
    let metrics = try #require(diagnostic["metrics"] as? [String: Any])
    #expect(metrics["heldOutAccuracy"] as? Double == 0.94)
    #expect(metrics["folds"] as? Double == 5)
    #expect(metrics["undefined"] is NSNull)
    #expect(try feature("sae.latent_00")["kind"] as? String == "sae")
    #expect(try feature("sae.latent_00")["diagnostic"] == nil)
    #expect(try feature("sae.latent_01")["diagnostic"] != nil)
    #expect(try feature("style.bullet_items")["kind"] as? String == "lexical")
    #expect(try feature("style.bullet_items")["diagnostic"] == nil)
    // The diagnostic's metrics are written in name order, so reports are reproducible.
    let parsedProbe = try #require(
      try JSONValue.parse(report.json.serialized())["features"]?.arrayValue?.first {
        $0["id"] == "sycophancy.flattery_probe"
      })
    #expect(parsedProbe["diagnostic"]?["metrics"]?.keys == ["folds", "heldOutAccuracy", "undefined"])

    let model = try #require(json["model"] as? [String: Any])
    #expect(model["aucDense"] as? Double == 0.72)
    #expect(model["aucFeatures"] as? Double == 0.64)
    let explained = try #require(model["signalExplained"] as? Double)
    #expect(abs(explained - 0.14 / 0.22) < 1e-12)
    #expect(model["signalPairs"] as? Int == 2354)
    #expect((model["auc"] as? Double).map { $0 > 0.5 } == true)

    let encoder = try #require(json["encoder"] as? [String: Any])
    #expect(encoder["modelId"] as? String == "sentence-transformers/all-MiniLM-L6-v2")
    #expect(encoder["fingerprint"] as? String == String(repeating: "3f2a", count: 16))
    #expect(encoder["directory"] as? String == "/cache/prefaudit/models/all-MiniLM-L6-v2")
    #expect(encoder["textsEncoded"] as? Int == 4708)
    #expect(encoder["textsReused"] as? Int == 1200)
    #expect(encoder["seconds"] as? Double == 12.34)
    #expect(encoder["note"] is NSNull)

    let latents = try #require(json["latents"] as? [[String: Any]])
    #expect(latents.map { $0["featureId"] as? String } == ["sae.latent_00", "sae.latent_01"])
    let latent = latents[0]
    #expect(
      Set(latent.keys)
        == ["featureId", "label", "activeShare", "towardChosen", "towardRejected", "ngrams", "correlations"])
    #expect(latent["label"] as? String == "≈ style.bullet_items (r = 0.71)")
    #expect(latent["activeShare"] as? Double == 0.123)
    let chosenSide = try #require(latent["towardChosen"] as? [[String: Any]])
    #expect(chosenSide.count == 2)
    #expect(chosenSide[0]["id"] as? String == "/data/in/hostile.jsonl:3")
    #expect(chosenSide[0]["activation"] as? Double == 2.31)
    #expect(chosenSide[0]["prompt"] as? String == "question 3 \(Self.attack)")  // text survives exactly
    #expect((chosenSide[0]["chosen"] as? String)?.hasPrefix("- one\n- two ") == true)
    #expect(chosenSide[0]["rejected"] as? String == "plain \(Self.attack)")
    let rejectedSide = try #require(latent["towardRejected"] as? [[String: Any]])
    #expect(rejectedSide.first?["activation"] as? Double == -1.75)
    let ngrams = try #require(latent["ngrams"] as? [[String: Any]])
    #expect(ngrams.first?["text"] as? String == "here are")
    #expect(ngrams.first?["z"] as? Double == 8.12)
    let correlations = try #require(latent["correlations"] as? [[String: Any]])
    #expect(
      correlations.map { $0["feature"] as? String } == [
        "style.bullet_items", "sycophancy.flattery_probe", "style.headers",
      ])
    #expect(correlations[0]["r"] as? Double == 0.71)
    #expect(correlations[2]["r"] is NSNull)  // undefined r: null, never NaN
  }

  @Test("JSON without embeddings: the signal keys are present and null, the encoder carries its note")
  func jsonWithoutEncoder() throws {
    let json = try Self.foundationJSON(try Self.lexicalReport())
    let model = try #require(json["model"] as? [String: Any])
    for key in ["aucDense", "aucFeatures", "signalExplained", "signalPairs"] {
      #expect(model[key] is NSNull, "\(key)")
    }
    let encoder = try #require(json["encoder"] as? [String: Any])
    #expect(encoder["note"] as? String == Self.encoderNote)
    for key in ["modelId", "fingerprint", "directory"] { #expect(encoder[key] is NSNull, "\(key)") }
    #expect(encoder["textsEncoded"] as? Int == 0)
    #expect((json["latents"] as? [Any])?.isEmpty == true)
    let features = try #require(json["features"] as? [[String: Any]])
    #expect(features.allSatisfy { $0["kind"] as? String == "lexical" && $0["diagnostic"] == nil })

    // An audit that never looked for an encoder: `encoder` is null; a dense probe at chance: no share.
    var report = try Self.learnedReport(signal: SignalExplained(aucDense: 0.5, aucFeatures: 0.55, pairs: 100))
    report.encoder = nil
    let other = try Self.foundationJSON(report)
    #expect(other["encoder"] is NSNull)
    let otherModel = try #require(other["model"] as? [String: Any])
    #expect(otherModel["aucDense"] as? Double == 0.5)
    #expect(otherModel["signalExplained"] is NSNull)
  }

  // MARK: Terminal

  @Test("terminal: kind tags, the encoder, the signal-explained line and the latents, within the width")
  func terminalLearnedFeatures() throws {
    let report = try Self.learnedReport()
    for width in [60, 80, 100, 132] {
      var renderer = TerminalReport(report: report, width: width)
      renderer.topFeatures = report.features.count
      let text = renderer.text
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for line in lines { #expect(line.count <= width, "\(width): \(line)") }
      let flat = Self.flattened(text)
      #expect(flat.contains("Encoder: sentence-transformers/all-MiniLM-L6-v2 (3f2a3f2a3f2a) from /cache/"), "\(width)")
      #expect(flat.contains("4,708 texts encoded, 1,200 read from the cache, 12.3 s"))
      #expect(
        flat.contains(
          "Named features explain 64% of the preference signal in the embeddings (AUC 0.640 features vs 0.720 dense, "
            + "held out by prompt, 2,354 pairs)"), "\(width)")
      // Kind markers: a column of their own, after the id.
      let header = try #require(lines.first { $0.hasPrefix("feature ") })
      #expect(header.split(separator: " ").contains("kind"), "\(width): \(header)")
      let probeRow = try #require(lines.first { $0.hasPrefix("sycophancy.flattery_") })
      #expect(probeRow.split(separator: " ").contains("probe"), "\(width): \(probeRow)")
      let saeRow = try #require(lines.first { $0.hasPrefix("sae.latent_00") })
      #expect(saeRow.split(separator: " ").contains("sae"), "\(width): \(saeRow)")
      let lexicalRow = try #require(lines.first { $0.hasPrefix("style.bullet_items") })
      #expect(!lexicalRow.split(separator: " ").contains { ["probe", "sae", "lexical"].contains($0) })
      #expect(
        text.contains(
          "Top features by |d_z| (of \(report.features.count): \(report.features.count - 3) lexical, 1 probe, 2 sae):"))
      // The probe's diagnostic.
      #expect(flat.contains("sycophancy.flattery_probe: held-out accuracy 0.94 (5-fold, 110 + 116 texts)"))
      // The latents: strongest |d_z| first, with label, share, correlations, n-grams, one pair each way.
      let section = try #require(lines.firstIndex { $0.hasPrefix("Latents") })
      let first = try #require(lines[section...].firstIndex { $0.hasPrefix("sae.latent_00") })
      let second = try #require(lines[section...].firstIndex { $0.hasPrefix("sae.latent_01") })
      #expect(first < second)
      let block = Self.flattened(lines[first..<second].joined(separator: "\n"))
      #expect(block.contains("≈ style.bullet_items (r = 0.71) · active on 12.3% of pairs · d_z 0.90"))
      #expect(block.contains("correlates: ≈ style.bullet_items r = 0.71, ≈ sycophancy.flattery_probe r = -0.44"))
      // A correlation is never split across lines.
      #expect(lines[first..<second].contains { $0.contains("≈ sycophancy.flattery_probe r = -0.44") })
      #expect(block.contains("chosen higher in 100.0%"))
      #expect(block.contains(#"n-grams: "here are" z 8.1"#))
      let towardChosen = try #require(
        lines[first..<second].first { $0.hasPrefix("  toward chosen: hostile.jsonl:3, activation 2.31 — ") })
      #expect(width < 80 || towardChosen.contains("— question 3 </td><script>"), "\(width): \(towardChosen)")
      #expect(lines[first..<second].contains { $0.hasPrefix("    C: - one - two") && $0.contains("…  R: plain") })
      #expect(lines[first..<second].contains { $0.hasPrefix("  toward rejected: hostile.jsonl:17, activation -1.75") })
      // Long answers are cut with an ellipsis, never wrapped onto more lines.
      #expect(lines[first..<second].contains { $0.hasPrefix("    C: short") && $0.hasSuffix("…") })
      let latent01 = Self.flattened(lines[second...].joined(separator: "\n"))
      #expect(latent01.contains("d_z -0.50"))
      // The autoencoder's fit (the same for every latent) is stated once, in the section heading.
      #expect(!latent01.contains("dead 2%"))
      #expect(Self.flattened(lines[section..<first].joined(separator: "\n")).contains("dead 2%"))
    }
  }

  @Test("terminal without an encoder: its note, no kind column, no signal line, no latents")
  func terminalWithoutEncoder() throws {
    let text = TerminalReport(report: try Self.lexicalReport(), width: 100).text
    for line in text.split(separator: "\n") { #expect(line.count <= 100, "\(line)") }
    let flat = Self.flattened(text)
    #expect(flat.contains("Encoder: none — \(Self.encoderNote)"))
    #expect(!flat.contains("Named features explain"))
    #expect(!text.contains("Latents"))
    let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("feature ") })
    #expect(!header.split(separator: " ").contains("kind"))

    // A path longer than the line is cut into pieces rather than overflowing.
    var longPath = try Self.learnedReport()
    let directory = "/" + Array(repeating: "a-rather-long-folder-name", count: 6).joined(separator: "/")
    longPath.encoder?.directory = directory
    let narrow = TerminalReport(report: longPath, width: 60).text
    for line in narrow.split(separator: "\n") { #expect(line.count <= 60, "\(line)") }
    #expect(narrow.replacingOccurrences(of: "\n  ", with: "").contains(directory))

    // Features that beat the dense probe: more than all of its signal, said so.
    let better = SignalExplained(aucDense: 0.6, aucFeatures: 0.7, pairs: 100)
    let flatBetter = Self.flattened(TerminalReport(report: try Self.learnedReport(signal: better), width: 80).text)
    #expect(
      flatBetter.contains(
        "Named features predict preference better than a dense probe on the embeddings: 200% of its signal "
          + "(AUC 0.700 features vs 0.600 dense"))

    // A dense probe at chance: the share is undefined and the line says so.
    let chance = SignalExplained(aucDense: 0.48, aucFeatures: 0.55, pairs: 100)
    #expect(chance.fraction.isNaN)
    let flatChance = Self.flattened(TerminalReport(report: try Self.learnedReport(signal: chance), width: 80).text)
    #expect(flatChance.contains("finds no preference signal (AUC 0.550 features vs 0.480 dense"))
    #expect(!flatChance.contains("Named features explain"))
  }

  // MARK: HTML

  @Test("HTML: kind badges, diagnostics, the signal figure and the latents, well formed and escaped")
  func htmlLearnedFeatures() throws {
    let html = HTMLReport(report: try Self.learnedReport()).html
    Self.checkWellFormed(html)
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>"))
    #expect(html.contains("&lt;script&gt;"))
    #expect(html.contains("&lt;b&gt;bold&lt;/b&gt;"))  // the hostile n-gram stays text
    for marker in ["<link", "<iframe", #" src=""#, #" href=""#, "@import", "url("] {
      #expect(!html.contains(marker), "\(marker)")
    }
    #expect(html.contains(#"<span class="kind probe">probe</span>"#))
    #expect(html.contains(#"<span class="kind sae">sae</span>"#))
    #expect(html.contains(#"<span class="kind lexical">lexical</span>"#))
    #expect(html.contains(#"<div class="diagnostic">held-out accuracy 0.94"#))
    // The signal figure sits in the joint model's section.
    let joint = try #require(html.range(of: "<h2>Joint model</h2>"))
    let latents = try #require(html.range(of: "<h2>Latents</h2>"))
    let figure = try #require(html.range(of: #"<figure class="signal">"#))
    #expect(joint.upperBound < figure.lowerBound && figure.upperBound < latents.lowerBound)
    #expect(html.contains(#"<div class="share">64%</div>"#))
    #expect(html.contains("AUC 0.720") && html.contains("AUC 0.640"))
    #expect(
      Self.flattened(html).contains(
        "Named features explain 64% of the preference signal in the embeddings (AUC 0.640 features vs 0.720 dense"))
    #expect(html.contains("sentence-transformers/all-MiniLM-L6-v2"))
    // The latents: label, facts, correlations, n-grams, pairs both ways behind <details>.
    let section = String(html[latents.lowerBound...])
    // (libxml2 writes characters outside ASCII as entities: ≈ &asymp;, · &middot;.)
    #expect(section.contains(#"<span class="id">sae.latent_00</span> &asymp; style.bullet_items (r = 0.71)"#))
    #expect(
      section.contains("active on 12.3% of pairs &middot; d_z 0.90 &middot; chosen higher in 100.0% of non-tied pairs"))
    #expect(section.contains("&asymp; style.bullet_items</td>"))
    #expect(section.contains(#"<td class="num">0.71</td>"#))
    #expect(section.contains(#"<td class="ngram">here are</td>"#))
    #expect(section.contains("<summary>Top pairs toward chosen (2)</summary>"))
    #expect(section.contains("<summary>Top pairs toward rejected (1)</summary>"))
    #expect(section.contains("hostile.jsonl:3  activation 2.31"))
    #expect(section.contains("hostile.jsonl:17  activation -1.75"))
    #expect(section.contains("question 3 &lt;/td&gt;&lt;script&gt;"))
    #expect(section.contains("&amp; \"q\"") || section.contains("&amp; &quot;q&quot;"))
    // A latent without pairs has no empty <details>.
    let last = try #require(section.range(of: #"<span class="id">sae.latent_01</span>"#))
    #expect(!section[last.lowerBound...].contains("<details>"))
  }

  @Test("HTML without an encoder: the note instead of the figure, no latents, still well formed")
  func htmlWithoutEncoder() throws {
    let html = HTMLReport(report: try Self.lexicalReport()).html
    Self.checkWellFormed(html)
    #expect(!html.contains(#"<figure class="signal">"#))
    #expect(!html.contains("<h2>Latents</h2>"))
    #expect(!html.contains(#"class="kind probe""#))
    #expect(Self.flattened(html).contains("install it with `prefaudit model install`"))
  }

  @Test("terminal and HTML list latents by |d_z|, strongest first, and the terminal only the top ones")
  func latentOrder() throws {
    var report = try Self.learnedReport()
    let index = try #require(report.features.firstIndex { $0.feature.id == "sae.latent_01" })
    report.features[index].cohenDz = -2
    var renderer = TerminalReport(report: report, width: 100)
    let text = renderer.text
    // (The latent blocks, not the table rows: each block starts with the id and the label.)
    let first = try #require(text.range(of: "\nsae.latent_01 \"great question\""))
    let second = try #require(text.range(of: "\nsae.latent_00 ≈ style.bullet_items"))
    #expect(first.lowerBound < second.lowerBound)
    renderer.topLatents = 1
    let top = renderer.text
    #expect(top.contains("\nsae.latent_01 \"great question\"") && !top.contains("\nsae.latent_00 ≈"))
    #expect(Self.flattened(top).contains("strongest |d_z| first, 1 of 2 (all in --json and --html):"))
    let html = HTMLReport(report: report).html
    let htmlFirst = try #require(html.range(of: #"<span class="id">sae.latent_01</span>"#))
    let htmlSecond = try #require(html.range(of: #"<span class="id">sae.latent_00</span>"#))
    #expect(htmlFirst.lowerBound < htmlSecond.lowerBound)
    // The JSON keeps feature order.
    let latents = try #require(try Self.foundationJSON(report)["latents"] as? [[String: Any]])
    #expect(latents.map { $0["featureId"] as? String } == ["sae.latent_00", "sae.latent_01"])
  }

  @Test("the well-formedness check catches misnested tags, stray '<' and bare '&'")
  func wellFormednessCheckCanFail() {
    #expect(Self.wellFormednessProblem("<!DOCTYPE html><html><body><p>a &amp; b<br></p></body></html>") == nil)
    #expect(Self.wellFormednessProblem("<div><p>x</div></p>") == "</div> closes <p>")
    #expect(Self.wellFormednessProblem("<p>1 < 2</p>") == "a '<' that starts no tag: < 2</p>")
    #expect(Self.wellFormednessProblem("<p>fish & chips</p>") == "bare & at byte 8")
    #expect(Self.wellFormednessProblem("<div><p>open</p>") == "unclosed: [\"div\"]")
    #expect(Self.wellFormednessProblem("<p>a > b</p>") == "stray > at byte 5")
    #expect(Self.wellFormednessProblem("<p>x</p><b") == "unterminated tag at byte 8")
  }

  /// Elements that have no end tag in HTML.
  static let voidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
  ]

  /// Checks that `html` is well formed (``wellFormednessProblem(_:)`` finds nothing).
  static func checkWellFormed(_ html: String) {
    let problem = wellFormednessProblem(html)
    #expect(problem == nil, "\(problem ?? "")")
  }

  /// The first place where a start tag lacks its end tag in order, or where `<` or `&` in text does
  /// not begin a tag or an entity (so dataset text was taken as markup); nil when there is none.
  static func wellFormednessProblem(_ html: String) -> String? {
    let bytes = Array(html.utf8)
    var stack: [String] = []
    var i = 0
    func isNameByte(_ b: UInt8) -> Bool {
      (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "&") {
        var j = i + 1
        while j < bytes.count, isNameByte(bytes[j]) || bytes[j] == UInt8(ascii: "#") { j += 1 }
        guard j > i + 1 && j < bytes.count && bytes[j] == UInt8(ascii: ";") else { return "bare & at byte \(i)" }
        i = j
        continue
      }
      guard bytes[i] == UInt8(ascii: "<") else {
        if bytes[i] == UInt8(ascii: ">") && stack.last != "style" { return "stray > at byte \(i)" }
        i += 1
        continue
      }
      guard let close = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else { return "unterminated tag at byte \(i)" }
      let tag = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
      i = close + 1
      if tag.hasPrefix("!") { continue }  // <!DOCTYPE html>
      let closing = tag.hasPrefix("/")
      let name = String(tag.dropFirst(closing ? 1 : 0).prefix { $0.isLetter || $0.isNumber }).lowercased()
      guard !name.isEmpty else { return "a '<' that starts no tag: <\(tag)>" }
      if closing {
        let open = stack.popLast()
        guard open == name else { return "</\(name)> closes <\(open ?? "nothing")>" }
      } else if !voidElements.contains(name) && !tag.hasSuffix("/") {
        stack.append(name)
      }
    }
    return stack.isEmpty ? nil : "unclosed: \(stack)"
  }
}
