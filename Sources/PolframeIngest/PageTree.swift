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
