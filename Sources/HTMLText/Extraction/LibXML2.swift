internal import CLibXML2

/// The process-wide libxml2 set-up and the parse call, in one place.
enum LibXML2 {
  /// `xmlInitParser()` must run once before documents are parsed from several threads;
  /// a global's initializer runs exactly once, thread-safely.
  private static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  /// RECOVER | NOERROR | NOWARNING | NONET: read broken HTML, print nothing, fetch nothing.
  ///
  /// Also COMPACT (small text nodes stored inline, faster) and HUGE: without it libxml2
  /// gives up at 256 levels of nesting and silently drops the rest of the document.
  /// The walk over the tree is iterative, so deep documents cannot overflow the stack.
  private static let options = Int32(
    bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
      | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)

  /// Parses `bytes` as UTF-8 HTML and calls `body` with the document, which is freed
  /// afterwards; `body` is not called when libxml2 returns no document (empty input).
  static func withParsedDocument(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (xmlDocPtr) -> Void) {
    precondition(initialized)
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    let length = Int32(clamping: bytes.count)
    let document = base.withMemoryRebound(to: CChar.self, capacity: Int(length)) { pointer in
      htmlReadMemory(pointer, length, nil, "UTF-8", options)
    }
    guard let document else { return }
    defer { xmlFreeDoc(document) }
    body(document)
  }
}
