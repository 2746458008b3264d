import CLibXML2

/// An HTML document built as a libxml2 tree, so that every text is escaped when serialized.
///
/// Text from a dataset only ever enters the document through ``Element/text(_:)``
/// (a text node) or an attribute value, both escaped by libxml2's serializer;
/// no string is ever parsed as markup. Only ``Element/rawStyle(_:)`` writes
/// unescaped content, for the report's own constant style sheet.
final class HTMLTree {
  private let document: htmlDocPtr

  /// The `<html>` element.
  let root: Element

  /// Creates `<!DOCTYPE html><html lang="en">`.
  init() {
    document = htmlNewDocNoDtD(nil, nil)
    xmlCreateIntSubset(document, "html", nil, nil)
    let html = xmlNewDocNode(document, nil, "html", nil)!
    xmlDocSetRootElement(document, html)
    root = Element(node: html, document: document)
    root.attribute("lang", "en")
  }

  deinit {
    xmlFreeDoc(document)
  }

  /// The serialized document.
  func serialized() -> String {
    var buffer: UnsafeMutablePointer<xmlChar>?
    var size: Int32 = 0
    htmlDocDumpMemoryFormat(document, &buffer, &size, 0)
    defer { CLibXML2_free(buffer) }
    guard let buffer else { return "" }
    return String(decoding: UnsafeBufferPointer(start: buffer, count: Int(size)), as: UTF8.self)
  }

  /// An element of the tree.
  struct Element {
    fileprivate let node: xmlNodePtr
    fileprivate let document: htmlDocPtr

    /// Appends a child element and returns it.
    @discardableResult
    func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) -> Element {
      let child = xmlNewDocNode(document, nil, name, nil)!
      xmlAddChild(node, child)
      let element = Element(node: child, document: document)
      for (key, value) in attributes { element.attribute(key, value) }
      return element
    }

    /// Appends a child element holding `text` and returns it.
    @discardableResult
    func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) -> Element {
      let child = element(name, attributes)
      child.text(text)
      return child
    }

    /// Appends a text node (escaped when serialized).
    func text(_ text: String) {
      xmlAddChild(node, xmlNewDocText(document, text))
    }

    /// Sets an attribute (its value is escaped when serialized).
    func attribute(_ name: String, _ value: String) {
      xmlSetProp(node, name, value)
    }

    /// Sets the content of a `<style>` element: the report's own CSS, never dataset text.
    func rawStyle(_ css: StaticString) {
      css.withUTF8Buffer { bytes in
        let text = xmlNewDocTextLen(document, bytes.baseAddress, Int32(bytes.count))
        xmlAddChild(node, text)
      }
    }
  }
}
