import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// A parsed HTML page as flat tables: one row per element or text node in document order
/// (index 0 is the root element), linked by parent, first-child and next-sibling indices, with
/// every text and attribute value in one UTF-8 byte buffer. The readers walk indices and bytes:
/// no Swift value, String or array per node (building and freeing a tree of Swift values cost
/// more than libxml2's parse).
struct PageTree {
    struct Node {
        var parent: Int32
        var firstChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// One past the last node of this node's subtree (document order).
        var end: Int32
        /// `TagTable` code of an element's name; -1 for a text node.
        var tag: Int32
        /// An element's name in `names`; a text node's first byte in `bytes`.
        var nameOrStart: Int32
        /// A text node's end in `bytes`; an element's first attribute in `attributes`.
        var textEndOrAttributes: Int32
        var attributeCount: Int32 = 0

        var isText: Bool { tag < 0 }
    }

    struct Attribute {
        var nameStart: Int32, nameEnd: Int32
        var valueStart: Int32, valueEnd: Int32
    }

    var nodes: [Node] = []
    var attributes: [Attribute] = []
    var bytes: [UInt8] = []
    /// Element names as parsed (HTML names are lowercase), each once.
    var names: [String] = []

    var count: Int { nodes.count }

    @inline(__always) func isText(_ i: Int) -> Bool { nodes[i].tag < 0 }
    @inline(__always) func tag(_ i: Int) -> Int { Int(nodes[i].tag) }
    @inline(__always) func info(_ i: Int) -> TagTable.Info { TagTable.info[Int(nodes[i].tag)] }
    @inline(__always) func parent(_ i: Int) -> Int { Int(nodes[i].parent) }
    @inline(__always) func end(_ i: Int) -> Int { Int(nodes[i].end) }
    func name(_ i: Int) -> String { nodes[i].isText ? "#text" : names[Int(nodes[i].nameOrStart)] }

    /// A text node's bytes.
    @inline(__always) func textRange(_ i: Int) -> Range<Int> { Int(nodes[i].nameOrStart)..<Int(nodes[i].textEndOrAttributes) }

    /// The children of node `i`, in order.
    func children(_ i: Int) -> ChildSequence { ChildSequence(nodes: nodes, first: Int(nodes[i].firstChild)) }

    struct ChildSequence: Sequence, IteratorProtocol {
        let nodes: [Node]
        var cursor: Int
        init(nodes: [Node], first: Int) { self.nodes = nodes; self.cursor = first }
        mutating func next() -> Int? {
            guard cursor >= 0 else { return nil }
            let c = cursor
            cursor = Int(nodes[c].nextSibling)
            return c
        }
    }

    /// The value of the attribute named `key` (lowercase ASCII) on element `i`, as a byte range.
    func attributeRange(_ i: Int, _ key: StaticString) -> Range<Int>? {
        let n = nodes[i]
        guard n.tag >= 0, n.attributeCount > 0 else { return nil }
        let first = Int(n.textEndOrAttributes)
        return key.withUTF8Buffer { k in
            for a in attributes[first..<(first + Int(n.attributeCount))] {
                let len = Int(a.nameEnd - a.nameStart)
                guard len == k.count else { continue }
                var same = true
                for j in 0..<len where bytes[Int(a.nameStart) + j] != k[j] { same = false; break }
                if same { return Int(a.valueStart)..<Int(a.valueEnd) }
            }
            return nil
        }
    }

    func hasAttribute(_ i: Int, _ key: StaticString) -> Bool { attributeRange(i, key) != nil }

    func attribute(_ i: Int, _ key: StaticString) -> String? {
        attributeRange(i, key).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// Whether an attribute's value equals `value` exactly (bytes).
    func attribute(_ i: Int, _ key: StaticString, is value: StaticString) -> Bool {
        guard let r = attributeRange(i, key) else { return false }
        return value.withUTF8Buffer { v in bytes[r].elementsEqual(v) }
    }

    /// Whether an attribute's value equals `value` ignoring ASCII case (`value` in lowercase).
    func attribute(_ i: Int, _ key: StaticString, isLowercased value: StaticString) -> Bool {
        guard let r = attributeRange(i, key) else { return false }
        return String(decoding: bytes[r], as: UTF8.self).lowercased() == value.description
    }

    /// The first element after `i` in document order, inside `i`'s subtree, with tag code `code`.
    func firstDescendant(_ i: Int, tag code: Int) -> Int? {
        var j = i + 1
        let stop = end(i)
        while j < stop {
            if Int(nodes[j].tag) == code { return j }
            j += 1
        }
        return nil
    }

    /// Every element in `i`'s subtree (not `i`) with tag code `code`, in document order.
    func descendants(_ i: Int, tag code: Int) -> [Int] {
        var out: [Int] = []
        for j in (i + 1)..<max(i + 1, end(i)) where Int(nodes[j].tag) == code { out.append(j) }
        return out
    }

    /// The bytes of all text below `i`, concatenated.
    func textBytes(_ i: Int) -> [UInt8] {
        var out: [UInt8] = []
        for j in i..<end(i) where nodes[j].isText { out.append(contentsOf: bytes[textRange(j)]) }
        return out
    }

    func textContent(_ i: Int) -> String { String(decoding: textBytes(i), as: UTF8.self) }

    /// The subtree of `i` as `MarkupElement` values (tests compare it with libxml2's own tree).
    func markupElement(_ i: Int = 0) -> MarkupElement {
        var attrs: [(name: String, value: String)] = []
        let n = nodes[i]
        let first = Int(n.textEndOrAttributes)
        for a in attributes[first..<(first + Int(n.attributeCount))] {
            attrs.append((String(decoding: bytes[Int(a.nameStart)..<Int(a.nameEnd)], as: UTF8.self),
                          String(decoding: bytes[Int(a.valueStart)..<Int(a.valueEnd)], as: UTF8.self)))
        }
        var children: [MarkupNode] = []
        for c in self.children(i) {
            if isText(c) { children.append(.text(String(decoding: bytes[textRange(c)], as: UTF8.self))) }
            else { children.append(.element(markupElement(c))) }
        }
        return MarkupElement(id: i, name: name(i), attributes: attrs, children: children)
    }
}

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

/// Script and style contents are half the bytes of a typical news page, and libxml2 reads them
/// character by character only for the builder to drop them (`MarkupParser.opaqueHTMLElements`).
/// `copy` leaves them out before parsing, keeping their line breaks (so line numbers in parser
/// messages stay right) and the JSON-LD scripts the date rule reads. It follows libxml2's own
/// rules for where such content ends (the first `</name`, any case) and leaves an element
/// whole whenever libxml2 would read it differently: a self-closing tag, a control character
/// in the content (libxml2 stops there), no end tag. Comments are stepped over, so a tag
/// inside one is never taken for a real one.
enum RawTextSkipper {
    static let names: [[UInt8]] = [Array("script".utf8), Array("style".utf8)]
    static let jsonLD = Array("ld+json".utf8)

    static func copy(_ b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let n = b.count
        guard let base = b.baseAddress else { return }
        var copied = 0, i = 0
        while i < n {
            guard let hit = memchr(base + i, 0x3C, n - i) else { break }
            let lt = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
            i = lt + 1
            if i + 2 < n, b[i] == 0x21, b[i + 1] == 0x2D, b[i + 2] == 0x2D {
                // <!-- ... -->: skip to its end; unterminated, nothing after it is touched.
                guard let end = find(b, [0x2D, 0x2D, 0x3E], from: i + 3) else { break }
                i = end + 3
                continue
            }
            guard let name = names.first(where: { matchesName(b, at: i, $0) }) else { continue }
            guard let (tagEnd, selfClosing) = startTagEnd(b, from: i + name.count) else { break }
            let contentStart = tagEnd + 1
            i = contentStart
            if selfClosing || containsFolded(b, lt..<tagEnd, jsonLD) { continue }
            guard let close = closingTag(b, name, from: contentStart) else { break }
            i = close
            // libxml2 ends the content at a control character: leave such an element alone.
            var lineBreaks = 0, control = false
            for k in contentStart..<close where b[k] < 0x20 {
                let c = b[k]
                if c == 0x0A { lineBreaks += 1 } else if c != 0x09 && c != 0x0D { control = true; break }
            }
            if control { continue }
            out.append(contentsOf: b[copied..<contentStart])
            out.append(contentsOf: repeatElement(0x0A, count: lineBreaks))
            copied = close
        }
        out.append(contentsOf: b[copied..<n])
    }

    /// `name` (lowercase) at `i` in any case, not followed by a character of an HTML name.
    static func matchesName(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ name: [UInt8]) -> Bool {
        guard i + name.count <= b.count else { return false }
        for k in 0..<name.count where b[i + k] | 0x20 != name[k] { return false }
        guard i + name.count < b.count else { return false }
        let c = b[i + name.count]
        let nameChar = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || c == 0x5F || c == 0x3A || c == 0x2E || c == 0x2D
        return !nameChar
    }

    /// The `>` ending a start tag whose attributes begin at `i`, and whether it is `/>`. Quotes
    /// count only where a value starts (after `=`), as libxml2 reads attributes.
    static func startTagEnd(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> (Int, Bool)? {
        var j = i
        let n = b.count
        while j < n {
            let c = b[j]
            if c == 0x3E { return (j, false) }
            if c == 0x2F, j + 1 < n, b[j + 1] == 0x3E { return (j + 1, true) }
            if c == 0x3D {
                j += 1
                while j < n, b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D { j += 1 }
                if j < n, b[j] == 0x22 || b[j] == 0x27 {
                    let quote = b[j]
                    j += 1
                    while j < n, b[j] != quote { j += 1 }
                    guard j < n else { return nil }
                }
                j += 1
                continue
            }
            j += 1
        }
        return nil
    }

    /// The offset of the first `</name` (any case) at or after `from`.
    static func closingTag(_ b: UnsafeBufferPointer<UInt8>, _ name: [UInt8], from: Int) -> Int? {
        var j = from
        while let k = find(b, [0x3C, 0x2F], from: j) {
            if k + 2 + name.count <= b.count, (0..<name.count).allSatisfy({ b[k + 2 + $0] | 0x20 == name[$0] }) { return k }
            j = k + 1
        }
        return nil
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int) -> Int? {
        guard let base = b.baseAddress else { return nil }
        var j = from
        let n = b.count
        while j + needle.count <= n {
            guard let hit = memchr(base + j, Int32(needle[0]), n - j) else { return nil }
            let k = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
            guard k + needle.count <= n else { return nil }
            if (1..<needle.count).allSatisfy({ b[k + $0] == needle[$0] }) { return k }
            j = k + 1
        }
        return nil
    }

    /// Whether `needle` (lowercase) occurs in `range` ignoring ASCII case.
    static func containsFolded(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        guard range.count >= needle.count else { return false }
        for s in range.lowerBound...(range.upperBound - needle.count) where b[s] | 0x20 == needle[0] {
            if (1..<needle.count).allSatisfy({ b[s + $0] | 0x20 == needle[$0] || b[s + $0] == needle[$0] }) { return true }
        }
        return false
    }
}
