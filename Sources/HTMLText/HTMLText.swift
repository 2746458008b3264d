internal import CLibXML2

/// Visible text and tag statistics of HTML, read with libxml2's forgiving HTML parser.
///
/// Style detectors use it to tell how much of an answer is HTML markup:
///
/// ```swift
/// if HTMLText.looksLikeHTML(answer) {
///   let summary = HTMLText.summarize(answer)
///   print(summary.tagCounts, summary.visibleTextRatio)
/// }
/// ```
///
/// Both functions are pure and may be called from any number of threads at once:
/// libxml2 is initialized once (`xmlInitParser`) before the first parse, and each
/// call parses its own document.
public enum HTMLText {
  /// Parses `html` (a full document or a fragment) and returns its visible text,
  /// element counts and visible-text ratio.
  ///
  /// Never fails: broken markup is recovered the way libxml2 recovers it (unclosed
  /// tags are closed, stray end tags ignored), errors and warnings are silenced, and
  /// nothing is fetched from the network. Text that is not HTML comes back as its
  /// white-space-collapsed self with no tags. Inputs longer than 2 GiB (libxml2's
  /// limit) are summarized from their first 2 GiB.
  public static func summarize(_ html: String) -> HTMLDocumentSummary {
    var html = html
    return html.withUTF8 { bytes in
      guard !bytes.isEmpty else {
        return HTMLDocumentSummary(visibleText: "", tagCounts: [:], visibleTextRatio: 0)
      }
      let explicitWrappers = HTMLTagScanner.countWrapperStartTags(in: bytes)
      var walker = VisibleTextWalker()
      var counts: [String: Int] = [:]
      LibXML2.withParsedDocument(bytes) { document in
        walker.walk(document)
        counts = walker.tagCounts  // names live in the document's dictionary
      }
      for (name, explicit) in explicitWrappers {
        guard let parsed = counts[name] else { continue }
        let kept = min(parsed, explicit)
        counts[name] = kept > 0 ? kept : nil
      }
      let text = walker.text
      return HTMLDocumentSummary(
        visibleText: String(decoding: text, as: UTF8.self),
        tagCounts: counts,
        visibleTextRatio: Double(text.count) / Double(bytes.count))
    }
  }

  /// Whether `text` contains HTML markup: a start or end tag of a known HTML element
  /// (`<p>`, `</div>`, `<br/>`, `<a href=...>`), a `<!DOCTYPE html>` or an HTML comment.
  ///
  /// Angle brackets that do not form a known element's tag (`a < b`, `vector<int>`,
  /// `<your name>`) do not count, so prose and most code are not taken for HTML.
  /// This is a fast scan; it does not parse.
  public static func looksLikeHTML(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { HTMLTagScanner.containsMarkup($0) }
  }
}
