import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// A parsed XML tree as plain Swift values (HTML pages are read into the flat `PageTree`).
/// libxml2's tree is converted and freed in the function that parsed it, so no C pointer
/// outlives a call.
indirect enum MarkupNode: Sendable {
    case element(MarkupElement)
    case text(String)
}

struct MarkupElement: Sendable {
    /// Position in document order (0 for the root): a key for per-element tables.
    var id: Int = 0
    var name: String
    /// Attributes in document order (lowercased names). A short array searched linearly: most
    /// elements have none or two, and a dictionary per element cost a hash table allocation.
    var attributes: [(name: String, value: String)]
    var children: [MarkupNode]

    init(id: Int = 0, name: String, attributes: [(name: String, value: String)], children: [MarkupNode]) {
        self.id = id
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    func attribute(_ key: String) -> String? {
        for a in attributes where a.name == key { return a.value }
        return nil
    }

    /// All text below this element, concatenated.
    var textContent: String {
        var out = ""
        func walk(_ e: MarkupElement) {
            for c in e.children {
                switch c {
                case .text(let t): out += t
                case .element(let child): walk(child)
                }
            }
        }
        walk(self)
        return out
    }

    /// The first element below this one (depth first, document order) for which `match` holds;
    /// stops there, unlike `descendants(where:).first`.
    func firstDescendant(where match: (MarkupElement) -> Bool) -> MarkupElement? {
        for case .element(let child) in children {
            if match(child) { return child }
            if let found = child.firstDescendant(where: match) { return found }
        }
        return nil
    }

    /// Elements below this one (depth first, document order) for which `match` holds.
    func descendants(where match: (MarkupElement) -> Bool) -> [MarkupElement] {
        var found: [MarkupElement] = []
        func walk(_ e: MarkupElement) {
            for case .element(let child) in e.children {
                if match(child) { found.append(child) }
                walk(child)
            }
        }
        walk(self)
        return found
    }
}

/// How libxml2 reported a problem.
struct MarkupProblem {
    var line: Int
    var column: Int
    var message: String
}

enum MarkupParser {
    /// Deeper elements are flattened into their ancestor's text: bounds Swift's recursion.
    static let maxDepth = 400

    static let initialized: Bool = {
        pf_xml_init()
        return true
    }()

    /// Parses UTF-8 HTML with libxml2's recovering HTML parser into a `PageTree`.
    static func parseHTML(_ utf8: String, path: String) -> (PageTree?, [MarkupProblem]) {
        _ = initialized
        pf_xml_quiet_thread()
        xmlResetLastError()
        let root = SAXTreeBuilder.parse(utf8, path: path)
        let problems = lastProblem().map { [$0] } ?? []
        return (root, problems)
    }

    /// `parseHTML` through libxml2's tree (kept to check the SAX builder against it in tests).
    static func parseHTMLTree(_ utf8: String, path: String) -> (MarkupElement?, [MarkupProblem]) {
        parseTree(utf8, html: true) { p, n in htmlReadMemory(p, n, path, "UTF-8", pf_html_safe_options()) }
    }

    /// Parses with one of libxml2's tree readers, converts the tree into Swift values and frees
    /// it in the same call.
    private static func parseTree(_ utf8: String, html: Bool,
                                  _ read: (UnsafePointer<CChar>, Int32) -> xmlDocPtr?) -> (MarkupElement?, [MarkupProblem]) {
        _ = initialized
        pf_xml_quiet_thread()
        xmlResetLastError()
        var bytes = Array(utf8.utf8)
        let doc: xmlDocPtr? = bytes.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { read($0, Int32(b.count)) }
        }
        let problems = lastProblem().map { [$0] } ?? []
        guard let doc else { return (nil, problems) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return (nil, problems) }
        var counter = 0
        return (convert(root, depth: 0, counter: &counter, html: html), problems)
    }

    /// HTML elements whose content no reader uses (every rule drops them by tag): converted
    /// without their children, which are often most of a page (inline scripts, SVG icons).
    /// JSON-LD scripts keep their text for the date rule.
    static let opaqueHTMLElements: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "select", "textarea",
    ]

    /// Parses UTF-8 XML strictly (no recovery): a well-formedness error is a problem and no tree.
    static func parseXML(_ utf8: String, path: String) -> (MarkupElement?, [MarkupProblem]) {
        parseTree(utf8, html: false) { p, n in xmlReadMemory(p, n, path, "UTF-8", pf_xml_safe_options()) }
    }

    /// The text of an HTML fragment (raw HTML inside Markdown): parsed by libxml2's recovering
    /// parser, walked and freed here. Entities are decoded; script, style and comments dropped;
    /// block elements and <br> separate words (rule "raw-html-tags"); a superscript after a
    /// digit is an exponent (10<sup>26</sup> -> 10^26) and a superscript of digits after a word
    /// is a footnote mark, dropped (rule "superscripts").
    static func fragmentText(_ html: String) -> String {
        _ = initialized
        pf_xml_quiet_thread()
        var bytes = Array(("<html><body>" + html + "</body></html>").utf8)
        let doc: xmlDocPtr? = bytes.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                htmlReadMemory(p, Int32(b.count), "fragment", "UTF-8", pf_html_safe_options())
            }
        }
        guard let doc else { return html }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return "" }
        var out: [UInt8] = []
        func append(_ p: UnsafePointer<xmlChar>?) {
            guard let p else { return }
            var q = p
            while q.pointee != 0 { out.append(q.pointee); q += 1 }
        }
        func walk(_ node: xmlNodePtr, depth: Int) {
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                switch c.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    append(c.pointee.content)
                case XML_ELEMENT_NODE:
                    let name = string(c.pointee.name).lowercased()
                    if name == "script" || name == "style" || depth > maxDepth { continue }
                    if name == "sup" {
                        let last = out.last ?? 0x20
                        let text = xmlNodeGetContent(c)
                        defer { if let text { pf_xml_free(text) } }
                        let s = text.map { String(cString: $0) } ?? ""
                        if last >= 0x30 && last <= 0x39 { out.append(0x5E); out.append(contentsOf: s.utf8) }
                        else if !s.allSatisfy({ $0.isNumber || $0 == "," }) { out.append(contentsOf: s.utf8) }
                        continue
                    }
                    let block = ExtractionRules.blockElements[name] != nil || name == "figure" || name == "img"
                    if block { out.append(0x20) }
                    walk(c, depth: depth + 1)
                    if block { out.append(0x20) }
                default:
                    break
                }
            }
        }
        walk(root, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private static func lastProblem() -> MarkupProblem? {
        guard let e = xmlGetLastError(), e.pointee.code != 0 else { return nil }
        let msg = e.pointee.message.map { String(cString: $0) }?.trimmingWhitespace ?? "parse error"
        return MarkupProblem(line: Int(e.pointee.line), column: Int(e.pointee.int2), message: MarkupLimits.explain(msg))
    }

    /// A C name lowercased (ASCII only, as HTML attribute names are) without going through
    /// Foundation's Unicode-aware `lowercased()`.
    static func lowercasedASCII(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        let n = strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
        let raw = UnsafeBufferPointer(start: p, count: n)
        if !raw.contains(where: { $0 >= 65 && $0 <= 90 }) { return String(decoding: raw, as: UTF8.self) }
        return String(decoding: raw.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Whether a C string is only ASCII white space.
    private static func isBlank(_ p: UnsafePointer<xmlChar>) -> Bool {
        var q = p
        while q.pointee != 0 {
            let c = q.pointee
            if !(c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C) { return false }
            q += 1
        }
        return true
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    private static func convert(_ node: xmlNodePtr, depth: Int, counter: inout Int, html: Bool = false) -> MarkupElement {
        let id = counter
        counter += 1
        var attributes: [(name: String, value: String)] = []
        var attr = node.pointee.properties
        while let a = attr {
            var value = ""
            var child = a.pointee.children
            while let c = child {
                value += string(c.pointee.content)
                child = c.pointee.next
            }
            let name = lowercasedASCII(a.pointee.name)
            if !attributes.contains(where: { $0.name == name }) { attributes.append((name, value)) }
            attr = a.pointee.next
        }
        let name = string(node.pointee.name)
        var children: [MarkupNode] = []
        var child = node.pointee.children
        if html && opaqueHTMLElements.contains(name)
            && !(name == "script" && attributes.contains { $0.name == "type" && $0.value.lowercased() == "application/ld+json" }) {
            child = nil
        }
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                if depth < maxDepth {
                    children.append(.element(convert(c, depth: depth + 1, counter: &counter, html: html)))
                } else if let content = xmlNodeGetContent(c) {
                    children.append(.text(String(cString: content)))
                    pf_xml_free(content)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                // Indentation between tags becomes one space: every reader collapses white space
                // anyway, and most text nodes of a page are indentation.
                if let content = c.pointee.content, isBlank(content) {
                    children.append(.text(" "))
                } else {
                    children.append(.text(string(c.pointee.content)))
                }
            default:
                break // comments, processing instructions, unexpanded entity references
            }
            child = c.pointee.next
        }
        return MarkupElement(id: id, name: name, attributes: attributes, children: children)
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
