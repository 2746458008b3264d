import Foundation
import HTMLText
import Testing

/// A real UltraFeedback answer (train_clean.jsonl under ../shared/data), read with Foundation.
private func ultraFeedbackAnswer(line: Int, field: String) throws -> String {
  var root = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { root.deleteLastPathComponent() }  // Tests/HTMLTextTests/HTMLTextTests.swift
  let shared =
    ProcessInfo.processInfo.environment["PREFAUDIT_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
    ?? root.deletingLastPathComponent().appendingPathComponent("shared/data")
  let url = shared.appendingPathComponent(
    "ultrafeedback/kkminions888-ops__ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl")
  let text = try String(contentsOf: url, encoding: .utf8)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  let object = try JSONSerialization.jsonObject(with: Data(lines[line].utf8)) as? [String: Any]
  return try #require(object?[field] as? String)
}

@Suite("HTML visible text")
struct HTMLTextTests {
  @Test("a fragment: text of inline elements flows, blocks break lines, no wrapper counted")
  func fragment() {
    let summary = HTMLText.summarize("Hello <b>bold</b> and <i>it</i>.<div>Next</div>tail")
    #expect(summary.visibleText == "Hello bold and it.\nNext\ntail")
    #expect(summary.tagCounts == ["b": 1, "i": 1, "div": 1])
  }

  @Test("explicit html, head, body and p are counted as often as they are written")
  func explicitWrappers() {
    let html = "<html><head><title>T</title></head><body><p>one</p><p>two</p></body></html>"
    let summary = HTMLText.summarize(html)
    #expect(summary.visibleText == "one\ntwo")
    #expect(summary.tagCounts == ["html": 1, "head": 1, "title": 1, "body": 1, "p": 2])
  }

  @Test("the p that libxml2 opens around bare text is not counted, a written one is")
  func impliedParagraph() {
    #expect(HTMLText.summarize("just <em>text</em>").tagCounts == ["em": 1])
    #expect(HTMLText.summarize("<p>para</p> then bare <em>text</em>").tagCounts == ["p": 1, "em": 1])
  }

  @Test("entities are decoded")
  func entities() {
    let summary = HTMLText.summarize("<p>Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#x2713; &#169; &quot;q&quot;</p>")
    #expect(summary.visibleText == "Tom & Jerry <3 été ✓ © \"q\"")
  }

  @Test("unclosed and stray tags are recovered")
  func unclosedTags() {
    let summary = HTMLText.summarize("<ul><li>one<li>two</ul><p>para <b>bold <i>both</p></span>after")
    #expect(summary.visibleText == "one\ntwo\npara bold both\nafter")
    #expect(summary.tagCounts["li"] == 2)
    #expect(summary.tagCounts["ul"] == 1)
    #expect(summary.tagCounts["span"] == nil)
  }

  @Test("script, style, noscript, template and head text is dropped; the elements are counted")
  func hiddenElements() {
    let html = """
      <head><style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
      <body>Shown<script>alert(1)</script><noscript>no js</noscript><template><p>tpl</p></template> too</body>
      """
    let summary = HTMLText.summarize(html)
    #expect(summary.visibleText == "Shown too")
    #expect(summary.tagCounts["script"] == 2)
    #expect(summary.tagCounts["style"] == 1)
    #expect(summary.tagCounts["noscript"] == 1)
    #expect(summary.tagCounts["template"] == 1)
  }

  @Test("table cells are separated by spaces, rows by lines; br breaks a line")
  func tablesAndBreaks() {
    let summary = HTMLText.summarize(
      "<table><tr><th>h1</th><th>h2</th></tr><tr><td>c1</td><td>c2</td></tr></table>a<br>b<br/><br>c")
    #expect(summary.visibleText == "h1 h2\nc1 c2\na\nb\nc")
    #expect(summary.tagCounts["td"] == 2)
    #expect(summary.tagCounts["br"] == 3)
  }

  @Test("white space collapses outside pre and is kept inside it; comments are invisible")
  func whiteSpace() {
    let summary = HTMLText.summarize("<p>  a \n\t b  </p><!-- hidden --><pre>x  y\n  z</pre>end")
    #expect(summary.visibleText == "a b\nx  y\n  z\nend")
  }

  @Test("text that is not HTML comes back with collapsed white space and no tags")
  func nonHTML() {
    let text = "if a < b && c > d { print(vector<int>) }"
    #expect(!HTMLText.looksLikeHTML(text))
    let summary = HTMLText.summarize("Just a plain\nanswer.")
    #expect(summary.visibleText == "Just a plain answer.")
    #expect(summary.tagCounts.isEmpty)
    #expect(summary.visibleTextRatio == 1)
  }

  @Test("the empty string and white space give empty summaries")
  func empty() {
    let empty = HTMLText.summarize("")
    #expect(empty == HTMLDocumentSummary(visibleText: "", tagCounts: [:], visibleTextRatio: 0))
    let blank = HTMLText.summarize("  \n ")
    #expect(blank.visibleText == "")
    #expect(blank.tagCounts.isEmpty)
    #expect(blank.visibleTextRatio == 0)
    #expect(!HTMLText.looksLikeHTML(""))
  }

  @Test("the visible-text ratio is visible bytes over input bytes")
  func ratio() {
    let html = "<div class=\"wrapper\"><span>abcd</span></div>"
    let summary = HTMLText.summarize(html)
    #expect(summary.visibleText == "abcd")
    #expect(summary.visibleTextRatio == 4.0 / Double(html.utf8.count))
  }

  @Test("looksLikeHTML finds tags of known elements, doctypes and comments only")
  func looksLikeHTML() {
    #expect(HTMLText.looksLikeHTML("Use <b>bold</b> here"))
    #expect(HTMLText.looksLikeHTML("line<br/>break"))
    #expect(HTMLText.looksLikeHTML("<a href=\"https://x.org\">link</a>"))
    #expect(HTMLText.looksLikeHTML("<!DOCTYPE html><title>x</title>"))
    #expect(HTMLText.looksLikeHTML("text <!-- note --> text"))
    #expect(HTMLText.looksLikeHTML("</DIV>"))
    #expect(!HTMLText.looksLikeHTML("Write <your name> here"))
    #expect(!HTMLText.looksLikeHTML("x <b and no closing"))
    #expect(!HTMLText.looksLikeHTML("a <!-- never closed"))
    #expect(!HTMLText.looksLikeHTML("2 < 3 > 1 and std::map<int, int>"))
  }

  @Test("a real HTML answer from UltraFeedback: title and head dropped, headings and paragraphs kept")
  func realHTMLAnswer() throws {
    let answer = try ultraFeedbackAnswer(line: 510, field: "chosen")
    #expect(HTMLText.looksLikeHTML(answer))
    let summary = HTMLText.summarize(answer)
    #expect(summary.visibleText.hasPrefix("Finding Max\nMax, the beloved Golden Retriever"))
    #expect(!summary.visibleText.contains("<"))
    #expect(summary.tagCounts["html"] == 1)
    #expect(summary.tagCounts["h1"] == 1)
    #expect((summary.tagCounts["p"] ?? 0) >= 2)
    #expect(summary.visibleTextRatio > 0.5 && summary.visibleTextRatio < 1)
  }

  @Test("a real plain-text answer from UltraFeedback is not HTML")
  func realPlainAnswer() throws {
    let answer = try ultraFeedbackAnswer(line: 0, field: "chosen")
    #expect(!HTMLText.looksLikeHTML(answer))
    let summary = HTMLText.summarize(answer)
    #expect(summary.tagCounts.isEmpty)
    #expect(summary.visibleTextRatio > 0.9)
  }

  @Test("a large input (about 1 MB, 2,000 levels deep) is summarized whole")
  func largeInput() {
    var html = String(repeating: "<div>", count: 2_000)
    let row = "<li>item <b>bold</b> &amp; more</li>"
    html += "<ul>" + String(repeating: row, count: 30_000) + "</ul>"
    html += String(repeating: "</div>", count: 2_000) + "<p>the end</p>"
    let summary = HTMLText.summarize(html)
    #expect(summary.tagCounts["li"] == 30_000)
    #expect(summary.tagCounts["b"] == 30_000)
    #expect(summary.tagCounts["div"] == 2_000)
    #expect(summary.visibleText.hasPrefix("item bold & more\nitem bold & more\n"))
    // libxml2 stops at 256 levels unless told otherwise: the text after the nest must be there.
    #expect(summary.visibleText.hasSuffix("item bold & more\nthe end"))
    #expect(summary.visibleText.utf8.count == 30_000 * 17 + "the end".utf8.count)
  }

  @Test("summaries are the same when computed from many threads at once")
  func concurrentUse() async {
    let inputs = (0..<64).map { "<p>doc \($0) <b>x</b> &amp; y</p><script>z</script>" }
    let expected = inputs.map { HTMLText.summarize($0) }
    let results = await withTaskGroup(of: (Int, HTMLDocumentSummary).self) { group in
      for (i, input) in inputs.enumerated() {
        group.addTask { (i, HTMLText.summarize(input)) }
      }
      var out: [Int: HTMLDocumentSummary] = [:]
      for await (i, summary) in group { out[i] = summary }
      return out
    }
    for i in inputs.indices {
      #expect(results[i] == expected[i])
    }
    #expect(expected[3].visibleText == "doc 3 x & y")
  }
}
