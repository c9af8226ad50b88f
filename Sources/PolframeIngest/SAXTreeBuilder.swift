import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Builds a `PageTree` straight from libxml2's HTML SAX events, so libxml2 never builds (and
/// frees) a tree of its own: that cost as much as the parse. The events are those libxml2's own
/// tree builder receives (implied html/body/p, auto-closed tags, decoded entities), so the tree
/// is the same; only blank text that the tree builder would drop as ignorable is kept (as one
/// space, which every reader treats as white space anyway). The parser context lives and dies
/// inside `parse`: no C pointer leaves it. The builder is a struct reached through a pointer
/// from the callbacks (a class's stored properties cost a dynamic exclusivity check per access).
struct SAXTreeBuilder {
    private var tree = PageTree()
    /// Open elements and the last child added to each.
    private var stack: [(node: Int32, lastChild: Int32)] = []
    private var closedRoot = false
    private var textStart = 0
    /// Elements deeper than `MarkupParser.maxDepth` add only their text.
    private var flattened = 0
    /// Depth inside an element whose content is skipped (script, style, svg...).
    private var opaque = 0
    /// libxml2 hands element names out of its dictionary: one pointer per name and parse.
    private var nameCache: [UnsafeRawPointer: (tag: Int32, name: Int32)] = [:]
    private var nameIndex: [String: Int32] = [:]

    /// Parses UTF-8 HTML; nil when libxml2 gave no document.
    static func parse(_ utf8: String, path: String) -> PageTree? {
        // A byte-order mark tells the parser the bytes are UTF-8 (the tree path passes "UTF-8"
        // to htmlReadMemory; a memory parser context has no such argument).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.utf8.count + 3)
        bytes.append(contentsOf: [0xEF, 0xBB, 0xBF])
        var source = utf8
        source.withUTF8 { RawTextSkipper.copy($0, into: &bytes) }
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
        sax.pointee.startElement = { ctx, name, atts in SAXTreeBuilder.builder(ctx)?.pointee.start(name, atts) }
        sax.pointee.endElement = { ctx, _ in SAXTreeBuilder.builder(ctx)?.pointee.end() }
        sax.pointee.characters = { ctx, ch, len in SAXTreeBuilder.builder(ctx)?.pointee.characters(ch, len) }
        sax.pointee.cdataBlock = { ctx, ch, len in SAXTreeBuilder.builder(ctx)?.pointee.characters(ch, len) }
        let builder = UnsafeMutablePointer<SAXTreeBuilder>.allocate(capacity: 1)
        builder.initialize(to: SAXTreeBuilder())
        defer { builder.deinitialize(count: 1); builder.deallocate() }
        builder.pointee.tree.bytes.reserveCapacity(bytes.count / 2)
        ctxt.pointee._private = UnsafeMutableRawPointer(builder)
        _ = htmlParseDocument(ctxt)
        ctxt.pointee._private = nil
        while !builder.pointee.stack.isEmpty { builder.pointee.end() }
        guard !builder.pointee.tree.nodes.isEmpty else { return nil }
        builder.pointee.repairUTF8()
        return builder.pointee.tree
    }

    private static func builder(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXTreeBuilder>? {
        guard let ctx else { return nil }
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        return ctxt.pointee._private?.assumingMemoryBound(to: SAXTreeBuilder.self)
    }

    /// Links node `n` as the last child of the innermost open element.
    private mutating func link(_ n: Int32) {
        let top = stack.count - 1
        let last = stack[top].lastChild
        if last < 0 { tree.nodes[Int(stack[top].node)].firstChild = n } else { tree.nodes[Int(last)].nextSibling = n }
        stack[top].lastChild = n
    }

    /// Text since the last tag becomes a text node (blank text one space).
    private mutating func flushText() {
        let end = tree.bytes.count
        guard end > textStart else { return }
        guard !stack.isEmpty else { tree.bytes.removeSubrange(textStart...); return }
        var blank = true
        for k in textStart..<end {
            let c = tree.bytes[k]
            if !(c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C) { blank = false; break }
        }
        if blank {
            tree.bytes.removeSubrange((textStart + 1)...)
            tree.bytes[textStart] = 0x20
        }
        let n = Int32(tree.nodes.count)
        tree.nodes.append(PageTree.Node(parent: stack[stack.count - 1].node, end: n + 1, tag: -1,
                                        nameOrStart: Int32(textStart), textEndOrAttributes: Int32(tree.bytes.count)))
        link(n)
        textStart = tree.bytes.count
    }

    private mutating func appendBytes(_ p: UnsafePointer<xmlChar>) -> (Int32, Int32) {
        let start = tree.bytes.count
        tree.bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))))
        return (Int32(start), Int32(tree.bytes.count))
    }

    private mutating func start(_ name: UnsafePointer<xmlChar>?, _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if opaque > 0 { opaque += 1; return }
        if stack.count >= MarkupParser.maxDepth || closedRoot { flattened += 1; return }
        flushText()
        let (tag, nameIdx) = lookUp(name)
        let n = Int32(tree.nodes.count)
        let firstAttribute = Int32(tree.attributes.count)
        var count: Int32 = 0
        if var a = atts {
            while let key = a.pointee {
                let (ks, ke) = appendBytes(key)
                for k in Int(ks)..<Int(ke) where tree.bytes[k] >= 65 && tree.bytes[k] <= 90 { tree.bytes[k] += 32 }
                // The first of repeated attributes wins (libxml2's tree keeps it).
                var repeated = false
                for prior in tree.attributes[Int(firstAttribute)...] where prior.nameEnd - prior.nameStart == ke - ks {
                    if tree.bytes[Int(prior.nameStart)..<Int(prior.nameEnd)].elementsEqual(tree.bytes[Int(ks)..<Int(ke)]) { repeated = true; break }
                }
                if repeated {
                    tree.bytes.removeSubrange(Int(ks)...)
                } else {
                    var (vs, ve) = (ke, ke)
                    if let v = (a + 1).pointee { (vs, ve) = appendBytes(v) }
                    tree.attributes.append(PageTree.Attribute(nameStart: ks, nameEnd: ke, valueStart: vs, valueEnd: ve))
                    count += 1
                }
                a += 2
            }
        }
        textStart = tree.bytes.count
        tree.nodes.append(PageTree.Node(parent: stack.last?.node ?? -1, end: n + 1, tag: tag, nameOrStart: nameIdx,
                                        textEndOrAttributes: firstAttribute, attributeCount: count))
        if !stack.isEmpty { link(n) }
        stack.append((n, -1))
        // Content no reader uses (MarkupParser.opaqueHTMLElements) is not collected; JSON-LD
        // scripts keep their text for the date rule.
        if TagTable.info[Int(tag)].opaque && !(Int(tag) == TagTable.script && tree.attribute(Int(n), "type", isLowercased: "application/ld+json")) {
            opaque = 1
        }
    }

    private mutating func lookUp(_ name: UnsafePointer<xmlChar>?) -> (Int32, Int32) {
        guard let name else { return (0, intern("")) }
        let key = UnsafeRawPointer(name)
        if let hit = nameCache[key] { return hit }
        let s = String(cString: name)
        let value = (Int32(TagTable.code(s)), intern(s))
        nameCache[key] = value
        return value
    }

    private mutating func intern(_ s: String) -> Int32 {
        if let i = nameIndex[s] { return i }
        let i = Int32(tree.names.count)
        tree.names.append(s)
        nameIndex[s] = i
        return i
    }

    private mutating func end() {
        if opaque > 1 { opaque -= 1; return }
        if opaque == 1 { opaque = 0; tree.bytes.removeSubrange(textStart...) }
        if flattened > 0 { flattened -= 1; return }
        flushText()
        guard let (node, _) = stack.popLast() else { return }
        tree.nodes[Int(node)].end = Int32(tree.nodes.count)
        if stack.isEmpty { closedRoot = true }
    }

    private mutating func characters(_ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
        guard let ch, len > 0, !stack.isEmpty, opaque == 0 else { return }
        tree.bytes.append(contentsOf: UnsafeBufferPointer(start: ch, count: Int(len)))
    }

    /// libxml2 emits valid UTF-8 for valid input; should a byte sequence still be invalid, each
    /// text and attribute value is repaired (U+FFFD) as `String(decoding:)` would.
    private mutating func repairUTF8() {
        guard !TextCleanup.isValidUTF8(tree.bytes) else { return }
        var out: [UInt8] = []
        out.reserveCapacity(tree.bytes.count)
        func copy(_ s: Int32, _ e: Int32) -> (Int32, Int32) {
            let start = Int32(out.count)
            out.append(contentsOf: String(decoding: tree.bytes[Int(s)..<Int(e)], as: UTF8.self).utf8)
            return (start, Int32(out.count))
        }
        for i in tree.nodes.indices where tree.nodes[i].isText {
            let (s, e) = copy(tree.nodes[i].nameOrStart, tree.nodes[i].textEndOrAttributes)
            tree.nodes[i].nameOrStart = s
            tree.nodes[i].textEndOrAttributes = e
        }
        for i in tree.attributes.indices {
            let a = tree.attributes[i]
            let (ns, ne) = copy(a.nameStart, a.nameEnd)
            let (vs, ve) = copy(a.valueStart, a.valueEnd)
            tree.attributes[i] = PageTree.Attribute(nameStart: ns, nameEnd: ne, valueStart: vs, valueEnd: ve)
        }
        tree.bytes = out
    }
}
