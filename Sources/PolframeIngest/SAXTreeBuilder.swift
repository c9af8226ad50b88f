import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Builds the Swift `MarkupElement` tree straight from libxml2's HTML SAX events, so libxml2
/// never builds (and frees) a tree of its own: that cost as much as the parse. The events are
/// those libxml2's own tree builder receives (implied html/body/p, auto-closed tags, decoded
/// entities), so the tree is the same; only blank text that the tree builder would drop as
/// ignorable is kept (as one space, which every reader treats as white space anyway).
/// The parser context lives and dies inside `parse`: no C pointer leaves it.
final class SAXTreeBuilder {
    private struct Open {
        var id: Int
        var name: String
        var attributes: [(name: String, value: String)]
        var children: [MarkupNode]
    }

    private var stack: [Open] = []
    private var root: MarkupElement?
    private var text: [UInt8] = []
    private var counter = 0
    /// Elements deeper than `MarkupParser.maxDepth` add only their text (bounds recursion later).
    private var flattened = 0
    /// Depth inside an element whose content is skipped (script, style, svg...).
    private var opaque = 0

    /// Parses UTF-8 HTML; nil when libxml2 gave no document.
    static func parse(_ utf8: [UInt8], path: String) -> MarkupElement? {
        // A byte-order mark tells the parser the bytes are UTF-8 (the tree path passes "UTF-8"
        // to htmlReadMemory; a memory parser context has no such argument).
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes.append(contentsOf: utf8)
        guard let ctxt = bytes.withUnsafeMutableBufferPointer({ b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { htmlCreateMemoryParserCtxt($0, Int32(b.count)) }
        }) else { return nil }
        defer { htmlFreeParserCtxt(ctxt) }
        _ = htmlCtxtUseOptions(ctxt, pf_html_safe_options())
        guard let sax = ctxt.pointee.sax else { return nil }
        // Only the events that carry structure and text; everything that would build libxml2's
        // own tree (document, DTD, comments, entity references) is switched off.
        let keepError = sax.pointee.error, keepWarning = sax.pointee.warning, keepFatal = sax.pointee.fatalError
        memset(sax, 0, MemoryLayout<htmlSAXHandler>.size)
        sax.pointee.error = keepError
        sax.pointee.warning = keepWarning
        sax.pointee.fatalError = keepFatal
        sax.pointee.initialized = 1
        sax.pointee.startElement = { ctx, name, atts in SAXTreeBuilder.builder(ctx)?.start(name, atts) }
        sax.pointee.endElement = { ctx, _ in SAXTreeBuilder.builder(ctx)?.end() }
        sax.pointee.characters = { ctx, ch, len in SAXTreeBuilder.builder(ctx)?.characters(ch, len) }
        sax.pointee.cdataBlock = { ctx, ch, len in SAXTreeBuilder.builder(ctx)?.characters(ch, len) }
        let tree = SAXTreeBuilder()
        let unmanaged = Unmanaged.passRetained(tree)
        defer { unmanaged.release() }
        ctxt.pointee._private = unmanaged.toOpaque()
        _ = htmlParseDocument(ctxt)
        ctxt.pointee._private = nil
        while !tree.stack.isEmpty { tree.end() }
        return tree.root
    }

    private static func builder(_ ctx: UnsafeMutableRawPointer?) -> SAXTreeBuilder? {
        guard let ctx else { return nil }
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let p = ctxt.pointee._private else { return nil }
        return Unmanaged<SAXTreeBuilder>.fromOpaque(p).takeUnretainedValue()
    }

    private func flushText() {
        guard !text.isEmpty, !stack.isEmpty else { text.removeAll(keepingCapacity: true); return }
        let blank = text.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x0C }
        stack[stack.count - 1].children.append(.text(blank ? " " : String(decoding: text, as: UTF8.self)))
        text.removeAll(keepingCapacity: true)
    }

    private func start(_ name: UnsafePointer<xmlChar>?, _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if opaque > 0 { opaque += 1; return }
        if stack.count >= MarkupParser.maxDepth || root != nil { flattened += 1; return }
        flushText()
        var attributes: [(name: String, value: String)] = []
        if var a = atts {
            while let key = a.pointee {
                let value = (a + 1).pointee.map { String(cString: $0) } ?? ""
                let k = MarkupParser.lowercasedASCII(key)
                if !attributes.contains(where: { $0.name == k }) { attributes.append((k, value)) }
                a += 2
            }
        }
        let tag = name.map { String(cString: $0) } ?? ""
        stack.append(Open(id: counter, name: tag, attributes: attributes, children: []))
        counter += 1
        // Content no reader uses (MarkupParser.opaqueHTMLElements) is not collected.
        if MarkupParser.opaqueHTMLElements.contains(tag),
           !(tag == "script" && attributes.contains { $0.name == "type" && $0.value.lowercased() == "application/ld+json" }) {
            opaque = 1
        }
    }

    private func end() {
        if opaque > 1 { opaque -= 1; return }
        if opaque == 1 { opaque = 0; text.removeAll(keepingCapacity: true) }
        if flattened > 0 { flattened -= 1; return }
        flushText()
        guard let open = stack.popLast() else { return }
        let element = MarkupElement(id: open.id, name: open.name, attributes: open.attributes, children: open.children)
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(.element(element)) }
    }

    private func characters(_ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
        guard let ch, len > 0, !stack.isEmpty, opaque == 0 else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: ch, count: Int(len)))
    }
}
