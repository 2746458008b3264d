import PrefAuditPluginAPI
import TestSupport
import Testing

@testable import StyleDetector

/// The counts of one feature for `text`.
private func count(_ feature: StyleFeature, _ text: String) -> Int {
  Int(StyleMeasurement(text).value(feature))
}

@Suite("Style features on hand-written examples")
struct StyleFeatureTests {
  @Test("characters count Unicode scalars, not bytes")
  func characters() {
    #expect(count(.characters, "") == 0)
    #expect(count(.characters, "abc") == 3)
    #expect(count(.characters, "café 日本 🙂") == 9)
  }

  @Test("words and sentences come from the shared tokenizer")
  func wordsAndSentences() {
    let text = "Pi is 3.14. Don’t panic! Really?\n\nNew paragraph without a stop"
    #expect(count(.words, text) == 12)
    #expect(count(.sentences, text) == 4)
    #expect(count(.words, "— … 🙂 ---") == 0)
    #expect(count(.sentences, "") == 0)
  }

  @Test("the token estimate follows the documented rule and stays near cl100k_base")
  func tokens() {
    // (text, estimate, cl100k_base count measured with a reference tokenizer)
    let cases: [(String, Int, Int)] = [
      ("Hello world, this is internationalization!! 12345\n\n- **bold**", 16, 16),
      ("don't stop", 3, 3),
      ("The quick brown fox jumps over the lazy dog.", 10, 10),
      (".......................", 2, 2),
      ("café 日本語", 5, 6),
      ("Counterrevolutionaries", 4, 3),
      ("3.14159", 4, 4),
      ("    indented\n\n\nnext", 4, 5),
      ("", 0, 0),
    ]
    for (text, estimate, reference) in cases {
      #expect(count(.tokens, text) == estimate, "\(text.debugDescription)")
      #expect(abs(estimate - reference) <= 1, "\(text.debugDescription)")
    }
    // Long words split, digits come in groups of three, space runs cost a token.
    #expect(count(.tokens, "abcdefghijkl") == 1)
    #expect(count(.tokens, "abcdefghijklm") == 2)
    #expect(count(.tokens, "abcdefghijklmnopq") == 3)
    #expect(count(.tokens, "1234567") == 3)
    #expect(count(.tokens, "a  b") == 3)
    #expect(count(.tokens, "a b") == 2)
    #expect(count(.tokens, "🙂") == 1)
    #expect(count(.tokens, "🙂🙂🙂") == 3)
  }

  @Test("paragraphs are blocks between blank lines; fences are not split by their blank lines")
  func paragraphs() {
    #expect(count(.paragraphs, "") == 0)
    #expect(count(.paragraphs, "one line") == 1)
    #expect(count(.paragraphs, "a\nb\n\n\n c\n \t\nd\n") == 3)
    #expect(count(.paragraphs, "Intro\n\n```\nx\n\n\ny\n```\n\nEnd") == 3)
    #expect(count(.paragraphs, "a\r\n\r\nb\r\n") == 2)
  }

  @Test("headers: ATX with a space, setext underlines; not hashtags, #include, seven hashes or code")
  func headers() {
    #expect(count(.headers, "# Title\n## Sub\n###### Six\n   ### Indented") == 4)
    #expect(count(.headers, "Title\n=====\n\nSub\n---") == 2)
    #expect(count(.headers, "## **Bold title** ##") == 1)
    // Near-misses.
    #expect(count(.headers, "#hashtag #another") == 0)
    #expect(count(.headers, "#include <stdio.h>") == 0)
    #expect(count(.headers, "####### seven") == 0)
    #expect(count(.headers, "#") == 0)
    #expect(count(.headers, "## ") == 0)
    #expect(count(.headers, "We are #1 in sales") == 0)
    #expect(count(.headers, "    # indented four: code") == 0)
    #expect(count(.headers, "```c\n#include <stdio.h>\n# define X\n```") == 0)
    #expect(count(.headers, "~~~\n# not a header\n~~~\n# Header") == 1)
    #expect(count(.headers, "\n===\n") == 0)  // no text line above
    #expect(count(.headers, "Text\n\n---") == 0)  // a rule after a blank line
    #expect(count(.headers, "Text\n- - -") == 0)  // spaced: a rule
  }

  @Test("bullets: -, *, + and • with a space and text; not bold, rules, negatives or multiplication")
  func bullets() {
    #expect(count(.bulletItems, "- one\n* two\n+ three\n• four") == 4)
    #expect(count(.bulletItems, "- one\n  - nested\n    - deeper") == 3)
    #expect(count(.bulletItems, "Intro:\n- a\n- b") == 2)
    // Near-misses.
    #expect(count(.bulletItems, "**Bold** start\n*italic* start") == 0)
    #expect(count(.bulletItems, "---\n***\n* * *\n- - -") == 0)
    #expect(count(.bulletItems, "-5 degrees\n--flag\n-\n- ") == 0)
    #expect(count(.bulletItems, "2 * 3 = 6\na - b") == 0)
    #expect(count(.bulletItems, "```\n- in code\n```") == 0)
    #expect(count(.bulletItems, "Text\n\n    - indented four after a blank line is code") == 0)
  }

  @Test("numbered items: 1. and 1); not decimals, years, times or ordinals")
  func numbered() {
    #expect(count(.numberedItems, "1. one\n2. two\n3) three\n10. ten") == 4)
    #expect(count(.numberedItems, "Steps:\n1. mix\n2. bake") == 2)
    #expect(count(.numberedItems, "1. a\n   more of a\n2. b") == 2)
    #expect(count(.numberedItems, "## Plan\n3. resumes at three") == 1)
    // Near-misses.
    #expect(count(.numberedItems, "3.14 is pi\n1.5 cups") == 0)
    #expect(count(.numberedItems, "2019. That was the year.\n1999) Another") == 0)
    #expect(count(.numberedItems, "12:30 pm\n1st place\n2nd\n1.\n2. ") == 0)
    #expect(count(.numberedItems, "It costs about\n20. Then we left.") == 0)
    #expect(count(.numberedItems, "```\n1. in code\n```") == 0)
  }

  @Test("bold and italic: flanking delimiters, not multiplication, powers, snake_case or code")
  func emphasis() {
    #expect(count(.bold, "**bold** and __also bold__") == 2)
    #expect(count(.italic, "*it* and _also it_") == 2)
    #expect(count(.bold, "***both***") == 1)
    #expect(count(.italic, "***both***") == 1)
    #expect(count(.italic, "*a **b** c*") == 1)
    #expect(count(.bold, "*a **b** c*") == 1)
    #expect(count(.bold, "- **Item:** text") == 1)
    #expect(count(.bold, "**Note:** read this.") == 1)
    // Near-misses.
    #expect(count(.italic, "2 * 3 * 4 and 2*3*4") == 0)
    #expect(count(.bold, "2 ** 10 and x**2 + y**2") == 0)
    #expect(count(.italic, "snake_case_name and my_var_") == 0)
    #expect(count(.bold, "`**not bold**` and ``a **b** c``") == 0)
    #expect(count(.bold, "```\n**in a fence**\n```") == 0)
    #expect(count(.italic, "\\*escaped\\*") == 0)
    #expect(count(.bold, "** spaced **") == 0)
    #expect(count(.bold, "**across\nlines**") == 0)
    #expect(count(.italic, "https://example.com/a_b_c_") == 0)
  }

  @Test("code blocks: fences (closed or not) and indented blocks; not list continuations")
  func codeBlocks() {
    #expect(count(.codeBlocks, "```python\nprint(1)\n```\n\n~~~\nx\n~~~") == 2)
    #expect(count(.codeBlocks, "Text:\n```\nunclosed") == 1)
    #expect(count(.codeBlocks, "Text\n\n    code line\n    more\n\n    same block\n\nAfter") == 1)
    #expect(count(.codeBlocks, "    code at the start") == 1)
    #expect(count(.codeBlocks, "1. Step\n   ```bash\n   ls\n   ```") == 1)
    // Near-misses.
    #expect(count(.codeBlocks, "Text\n    continuation of the paragraph") == 0)
    #expect(count(.codeBlocks, "- item\n\n    continuation of the item") == 0)
    #expect(count(.codeBlocks, "use ``` inline and `code`") == 0)
    #expect(count(.codeBlocks, "``two``\n~~\n") == 0)
    #expect(count(.codeBlocks, "```\na\n```python\nstill inside\n```") == 1)
  }

  @Test("tables need a delimiter row with as many cells as the row above")
  func tables() {
    let table = "| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |"
    #expect(count(.tables, table) == 1)
    #expect(count(.tables, "a | b\n--- | ---\n1 | 2") == 1)
    #expect(count(.tables, "| only |\n| --- |") == 1)
    #expect(count(.tables, table + "\n\nText\n\n" + table) == 2)
    #expect(count(.bold, "| **x** | y |\n|---|---|\n| **z** | w |") == 2)
    // Near-misses.
    #expect(count(.tables, "|---|---|") == 0)
    #expect(count(.tables, "cat file | grep x | wc -l") == 0)
    #expect(count(.tables, "a | b\n---") == 0)
    #expect(count(.tables, "a | b | c\n|---|---|") == 0)
    #expect(count(.tables, "a | b\n\n|---|---|") == 0)
    #expect(count(.tables, "```\n| a | b |\n|---|---|\n```") == 0)
    #expect(count(.tables, "| a | b |\n|-x-|---|") == 0)
  }

  @Test("links: markdown links and bare URLs once each; not images, plain words or code")
  func links() {
    #expect(count(.links, "See [docs](https://example.com) and https://a.org/x_y.") == 2)
    #expect(count(.links, "Visit www.example.com or <http://example.com>.") == 2)
    #expect(count(.links, "[https://a.org](https://a.org)") == 1)
    #expect(count(.links, "[see https://a.org] for more") == 1)
    #expect(count(.links, "HTTPS://EXAMPLE.COM") == 1)
    // Near-misses.
    #expect(count(.links, "![diagram](https://example.com/d.png)") == 0)
    #expect(count(.links, "http and https and www are words; https:// alone") == 0)
    #expect(count(.links, "example.com, e.g. google.com") == 0)
    #expect(count(.links, "xhttp://a.b nowww.a.b") == 0)
    #expect(count(.links, "`https://in.code` and\n```\nhttps://in.fence\n```") == 0)
    #expect(count(.links, "[brackets] (not a link)") == 0)
  }

  @Test("emoji: pictographs, presentation symbols, FE0F, flags, keycaps, ZWJ sequences once")
  func emoji() {
    #expect(count(.emoji, "Great 🙂 job 🎉🚀") == 3)
    #expect(count(.emoji, "✅ done ✨ ⭐") == 3)
    #expect(count(.emoji, "I ❤️ it, ⚠️ careful") == 2)
    #expect(count(.emoji, "🇫🇷🇩🇪") == 2)
    #expect(count(.emoji, "👨‍👩‍👧 family, 👍🏽 ok") == 2)
    #expect(count(.emoji, "1️⃣ first") == 1)
    // Near-misses: text symbols, punctuation, CJK, code.
    #expect(count(.emoji, "★ ☐ → © ® ✔ ❤ — … “quotes” 日本語 é") == 0)
    #expect(count(.emoji, ":) ;-) <3") == 0)
    #expect(count(.emoji, "`🙂`\n```\n🎉\n```") == 0)
  }

  @Test("exclamation marks outside code, not != or images")
  func exclamations() {
    #expect(count(.exclamationMarks, "Wow! Great!!") == 3)
    #expect(count(.exclamationMarks, "全角！") == 1)
    #expect(count(.exclamationMarks, "a != b, ![img](x.png), `!x`, \\!") == 0)
    #expect(count(.exclamationMarks, "```\nif (!done) { alert('hi!') }\n```") == 0)
  }

  @Test("horizontal rules and em dashes")
  func rulesAndDashes() {
    #expect(count(.horizontalRules, "a\n\n---\n\nb\n\n***\n\n_ _ _") == 3)
    #expect(count(.horizontalRules, "Title\n---") == 0)  // a setext header
    #expect(count(.horizontalRules, "--\n-- a\n```\n---\n```") == 0)
    #expect(count(.emDashes, "This — and that—too") == 2)
    #expect(count(.emDashes, "en – dash, hyphen - and -- double") == 0)
  }

  @Test("HTML: tags and visible-text ratio through libxml2; plain text, code and <brackets> are not HTML")
  func html() {
    let page = "<div><p>Hello <b>world</b></p><ul><li>one</li><li>two</li></ul></div>"
    let measured = StyleMeasurement(page)
    #expect(measured.htmlTags == 6)  // div, p, b, ul, li, li
    #expect(measured.visibleTextRatio > 0.1 && measured.visibleTextRatio < 0.5)
    let mixed = StyleMeasurement("Some text.\n\n<p>A paragraph</p>")
    #expect(mixed.htmlTags == 1 && mixed.visibleTextRatio < 1)
    // Not HTML: ratio 1, no tags, and the parser never runs for plain text.
    for text in [
      "plain text", "", "a < b and c > d", "vector<int> v;", "Dear <your name>,",
      "Use the `<br>` tag.", "```html\n<div><p>x</p></div>\n```\nDone.",
    ] {
      let m = StyleMeasurement(text)
      #expect(m.htmlTags == 0 && m.visibleTextRatio == 1, "\(text.debugDescription)")
    }
    #expect(!StyleMeasurement("plain, no angle brackets").counts.mayHoldHTML)
    #expect(StyleMeasurement("a <b>bold</b> word").counts.mayHoldHTML)
  }

  @Test("markdown inside fenced code counts nothing, and the fence ends the code")
  func fencedCodeIsolation() {
    let text = "```markdown\n# H\n- a\n1. b\n**c** *d* [e](f) https://g.h 🙂 ! — | x |\n|---|\n```\n# Real\n- real"
    let m = StyleMeasurement(text)
    #expect(m.counts.headers == 1)
    #expect(m.counts.bulletItems == 1)
    #expect(m.counts.numberedItems == 0 && m.counts.bold == 0 && m.counts.italic == 0)
    #expect(m.counts.links == 0 && m.counts.emoji == 0 && m.counts.exclamationMarks == 0)
    #expect(m.counts.emDashes == 0 && m.counts.tables == 0)
    #expect(m.counts.codeBlocks == 1)
  }
}

@Suite("Style scanner robustness")
struct StyleRobustnessTests {
  @Test("random markdown-like text and random bytes never trap and give valid values")
  func randomInput() {
    let pieces = [
      "#", "# ", "*", "**", "_", "__", "`", "```", "~~~", "-", "- ", "1. ", "12) ", "|", "|---|", "\n", "\n\n",
      "    ", "\t", "[", "](", ")", "![", "!", "!=", "<", "<p>", "</div>", "<!--", "-->", "http://", "https://x",
      "www.", "word", " ", "🙂", "👨‍👩", "🇫", "❤️", "—", "’", "é", "日本", "\\", ":", "=", "===", "---", "***",
    ]
    var generator = SeededGenerator(state: 42)
    for _ in 0..<2_000 {
      var text = ""
      for _ in 0..<Int(generator.next() % 40) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
      let m = StyleMeasurement(text)
      #expect(m.values.allSatisfy { $0.isFinite && $0 >= 0 })
      #expect(m.visibleTextRatio <= 1)
    }
    for _ in 0..<2_000 {
      let bytes = (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      let m = bytes.withUnsafeBufferPointer { StyleMeasurement(bytes: $0) }
      #expect(m.values.allSatisfy { $0.isFinite && $0 >= 0 })
    }
  }
}

@Suite("Style detector and plugin")
struct StyleDetectorTests {
  @Test("descriptor: unique lowercase_underscore names in column order, lexical then two probe features")
  func descriptor() throws {
    let detector = StyleDetector()
    let names = detector.descriptor.features.map(\.name)
    #expect(detector.descriptor.id == "style")
    #expect(names.count == StyleFeature.allCases.count + 2)
    #expect(Set(names).count == names.count)
    for name in names {
      #expect(name.allSatisfy { ($0 >= "a" && $0 <= "z") || $0 == "_" }, "\(name)")
    }
    #expect(names.first == "characters" && names[StyleFeature.allCases.count - 1] == "visible_text_ratio")
    #expect(names[StyleFeature.bulletItems.rawValue] == "bullet_items")
    let lexical = detector.descriptor.features.prefix(StyleFeature.allCases.count)
    #expect(lexical.allSatisfy { $0.kind == .lexical && !$0.higherMeans.isEmpty })
    #expect(detector.descriptor.features.dropFirst(lexical.count).allSatisfy { $0.kind == .probe })
    #expect(detector.descriptor.needsEmbeddings)  // the probe features read embeddings
    #expect(detector.descriptor.featureID("tables") == "style.tables")
  }

  @Test("the plugin makes the detector; measure fills one row per response with finite values")
  func measure() throws {
    let plugin = StylePlugin()
    #expect(plugin.name == "builtin-style" && plugin.apiVersion == pluginAPIVersion)
    let detectors = try plugin.makeDetectors()
    #expect(detectors.count == 1)
    let detector = try #require(detectors.first)
    let texts = ["- one\n- two", "", "<p>hi</p>", "Plain answer! 🙂"]
    let batch = ResponseBatch(items: texts.map { ResponseContext(prompt: [Turn(speaker: .user, text: "q")], response: $0, side: .chosen) })
    let values = try detector.measure(batch)
    #expect(values.rowCount == 4 && values.featureCount == detector.descriptor.features.count)
    let lexical = Array(0..<StyleFeature.allCases.count)
    #expect(values.values(inColumns: lexical).allSatisfy { $0.isFinite })
    #expect(values[0, StyleFeature.bulletItems.rawValue] == 2)
    #expect(values[1, StyleFeature.visibleTextRatio.rawValue] == 1)
    #expect(values[2, StyleFeature.htmlTags.rawValue] == 1)
    #expect(values[3, StyleFeature.emoji.rawValue] == 1)
    #expect(values[3, StyleFeature.exclamationMarks.rawValue] == 1)
    for (row, text) in texts.enumerated() {
      #expect(lexical.map { values[row, $0] } == StyleMeasurement(text).values)
    }
    let empty = try detector.measure(ResponseBatch(items: []))
    #expect(empty.rowCount == 0 && empty.storage.isEmpty)
  }
}
