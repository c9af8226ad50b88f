import CLibXML2

/// A parsed HTML or XML tree as plain Swift values. libxml2's tree is converted and freed in
/// the function that parsed it, so no C pointer outlives a call.
indirect enum MarkupNode: Sendable {
    case element(MarkupElement)
    case text(String)
}

struct MarkupElement: Sendable {
    /// Position in document order (0 for the root): a key for per-element tables.
    var id: Int = 0
    var name: String
    var attributes: [String: String]
    var children: [MarkupNode]

    func attribute(_ key: String) -> String? { attributes[key] }

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

    /// Parses UTF-8 HTML with libxml2's recovering HTML parser.
    static func parseHTML(_ utf8: String, path: String) -> (MarkupElement?, [MarkupProblem]) {
        _ = initialized
        pf_xml_quiet_thread()
        xmlResetLastError()
        var bytes = Array(utf8.utf8)
        let doc: xmlDocPtr? = bytes.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                htmlReadMemory(p, Int32(b.count), path, "UTF-8", pf_html_safe_options())
            }
        }
        let problems = lastProblem().map { [$0] } ?? []
        guard let doc else { return (nil, problems) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return (nil, problems) }
        var counter = 0
        return (convert(root, depth: 0, counter: &counter), problems)
    }

    /// Parses UTF-8 XML strictly (no recovery): a well-formedness error is a problem and no tree.
    static func parseXML(_ utf8: String, path: String) -> (MarkupElement?, [MarkupProblem]) {
        _ = initialized
        pf_xml_quiet_thread()
        xmlResetLastError()
        var bytes = Array(utf8.utf8)
        let doc: xmlDocPtr? = bytes.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                xmlReadMemory(p, Int32(b.count), path, "UTF-8", pf_xml_safe_options())
            }
        }
        let problems = lastProblem().map { [$0] } ?? []
        guard let doc else { return (nil, problems) }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return (nil, problems) }
        var counter = 0
        return (convert(root, depth: 0, counter: &counter), problems)
    }

    private static func lastProblem() -> MarkupProblem? {
        guard let e = xmlGetLastError(), e.pointee.code != 0 else { return nil }
        let msg = e.pointee.message.map { String(cString: $0) }?.trimmingWhitespace ?? "parse error"
        return MarkupProblem(line: Int(e.pointee.line), column: Int(e.pointee.int2), message: msg)
    }

    private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    private static func convert(_ node: xmlNodePtr, depth: Int, counter: inout Int) -> MarkupElement {
        let id = counter
        counter += 1
        var attributes: [String: String] = [:]
        var attr = node.pointee.properties
        while let a = attr {
            var value = ""
            var child = a.pointee.children
            while let c = child {
                value += string(c.pointee.content)
                child = c.pointee.next
            }
            attributes[string(a.pointee.name).lowercased()] = value
            attr = a.pointee.next
        }
        var children: [MarkupNode] = []
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                if depth < maxDepth {
                    children.append(.element(convert(c, depth: depth + 1, counter: &counter)))
                } else if let content = xmlNodeGetContent(c) {
                    children.append(.text(String(cString: content)))
                    pf_xml_free(content)
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                children.append(.text(string(c.pointee.content)))
            default:
                break // comments, processing instructions, unexpanded entity references
            }
            child = c.pointee.next
        }
        return MarkupElement(id: id, name: string(node.pointee.name), attributes: attributes, children: children)
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
