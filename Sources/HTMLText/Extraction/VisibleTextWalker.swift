internal import CLibXML2

/// Walks a parsed libxml2 document once, collecting the visible text and counting elements.
///
/// The walk is iterative (no recursion, so deep nesting cannot overflow the stack) and
/// avoids a `String` per node: element names are interned by libxml2's dictionary, so
/// counts and element kinds are kept per name pointer and turned into strings once.
struct VisibleTextWalker {
  /// The visible text so far, as UTF-8.
  private(set) var text: [UInt8] = []

  private enum Separator: Comparable {
    case none, space, newline
  }

  private var pending = Separator.none
  private var hiddenDepth = 0
  private var preformattedDepth = 0
  private var countsByName: [UnsafePointer<xmlChar>: Int] = [:]
  private var kindsByName: [UnsafePointer<xmlChar>: ElementKind] = [:]

  /// Element counts by tag name; only valid while the walked document is alive.
  var tagCounts: [String: Int] {
    var counts: [String: Int] = [:]
    for (name, count) in countsByName {
      counts[String(cString: name), default: 0] += count
    }
    return counts
  }

  /// Walks every node of `document` in document order.
  mutating func walk(_ document: xmlDocPtr) {
    let root = UnsafeMutableRawPointer(document)
    var next = document.pointee.children
    while let node = next {
      if enter(node), let child = node.pointee.children {
        next = child
        continue
      }
      // Leave this node and every ancestor whose last child it is.
      var current = node
      next = nil
      while true {
        leave(current)
        if let sibling = current.pointee.next {
          next = sibling
          break
        }
        guard let parent = current.pointee.parent, UnsafeMutableRawPointer(parent) != root else { break }
        current = parent
      }
    }
  }

  /// Handles the start of a node; returns whether to walk its children.
  private mutating func enter(_ node: xmlNodePtr) -> Bool {
    switch node.pointee.type {
    case XML_ELEMENT_NODE:
      guard let name = node.pointee.name else { return true }
      countsByName[name, default: 0] += 1
      switch kind(of: name) {
      case .hidden:
        hiddenDepth += 1
      case .block:
        breakLine()
      case .cell:
        separate(.space)
      case .lineBreak:
        if hiddenDepth == 0 {
          // A <br> always ends the line, even an empty one, but never adds blank lines.
          pending = .newline
        }
      case .preformatted:
        breakLine()
        preformattedDepth += 1
      case .inline:
        break
      }
      return true
    case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
      if hiddenDepth == 0, let content = node.pointee.content {
        appendText(content)
      }
      return false
    case XML_ENTITY_REF_NODE:
      return true
    default:
      // Comments, processing instructions, DTDs: nothing visible.
      return false
    }
  }

  /// Handles the end of a node (called once for every node `enter` saw).
  private mutating func leave(_ node: xmlNodePtr) {
    guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return }
    switch kind(of: name) {
    case .hidden:
      hiddenDepth -= 1
    case .block:
      breakLine()
    case .cell:
      separate(.space)
    case .preformatted:
      preformattedDepth -= 1
      breakLine()
    case .lineBreak, .inline:
      break
    }
  }

  private mutating func kind(of name: UnsafePointer<xmlChar>) -> ElementKind {
    if let known = kindsByName[name] { return known }
    let kind = ElementKind(name: String(cString: name))
    kindsByName[name] = kind
    return kind
  }

  private mutating func breakLine() {
    if hiddenDepth == 0 { separate(.newline) }
  }

  /// Asks for at least `separator` before the next visible character.
  private mutating func separate(_ separator: Separator) {
    if separator > pending { pending = separator }
  }

  /// Writes the pending separator, unless nothing has been written yet.
  private mutating func flushSeparator() {
    switch pending {
    case .none: break
    case .space: if !text.isEmpty { text.append(0x20) }
    case .newline: if !text.isEmpty { text.append(0x0A) }
    }
    pending = .none
  }

  /// Appends a text node's content, collapsing white space outside `pre`.
  private mutating func appendText(_ content: UnsafePointer<xmlChar>) {
    var p = content
    if preformattedDepth > 0 {
      guard p.pointee != 0 else { return }
      flushSeparator()
      text.append(contentsOf: UnsafeBufferPointer(start: p, count: Int(xmlStrlen(p))))
      return
    }
    while true {
      let byte = p.pointee
      if byte == 0 { return }
      if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
        separate(.space)
        p += 1
        continue
      }
      // Copy the run of non-space bytes in one go.
      var end = p
      while true {
        let b = end.pointee
        if b == 0 || b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C { break }
        end += 1
      }
      flushSeparator()
      text.append(contentsOf: UnsafeBufferPointer(start: p, count: end - p))
      p = end
    }
  }
}
