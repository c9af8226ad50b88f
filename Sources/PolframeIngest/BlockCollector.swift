/// Walks a markup tree and gathers text into blocks: block elements start and end a block;
/// inline elements add to the current one.
struct BlockCollector {
    var blocks: [Block] = []
    private var current = ""
    private var currentKind: Block.Kind = .paragraph

    /// Decides for each element: skip it, treat it as a block (with a kind), or as inline.
    enum Role { case skip, block(Block.Kind), inline, cell }

    /// Gathers the blocks below `element`. `role` is asked for each element with `inText`: whether
    /// the element sits in running text, that is its parent holds visible text of its own
    /// (mixed content, `<p>加强<b>安全</b>评估。</p>`) or is itself inline in running text (so
    /// `<i>` in `<p>a<b><i>c</i></b>d</p>` stays in the sentence although `<b>` holds no text).
    mutating func collect(_ element: MarkupElement, role: (MarkupElement, _ inText: Bool) -> Role) {
        walk(element, inText: false, role: role)
        flush()
    }

    private mutating func walk(_ element: MarkupElement, inText: Bool, role: (MarkupElement, Bool) -> Role) {
        let childrenInText = inText || element.children.contains {
            if case .text(let t) = $0 { return TextCleanup.hasVisibleText(t) }
            return false
        }
        for child in element.children {
            switch child {
            case .text(let t):
                current += t
            case .element(let e):
                switch role(e, childrenInText) {
                case .skip:
                    continue
                case .inline:
                    walk(e, inText: childrenInText, role: role)
                case .cell:
                    current += " "
                    walk(e, inText: childrenInText, role: role)
                    current += " "
                case .block(let kind):
                    // A block starts a text of its own: its children are in running text only
                    // if it holds text itself.
                    flush()
                    currentKind = kind
                    walk(e, inText: false, role: role)
                    flush()
                }
            }
        }
    }

    mutating func flush() {
        let text = TextCleanup.collapse(current)
        if !text.isEmpty { blocks.append(Block(currentKind, text)) }
        current = ""
        currentKind = .paragraph
    }
}

/// `BlockCollector` over a `PageTree`: text is gathered as bytes and collapsed once per block.
struct PageBlockCollector {
    var blocks: [Block] = []
    private var current: [UInt8] = []
    private var currentKind: Block.Kind = .paragraph
    typealias Role = BlockCollector.Role

    /// Gathers the blocks of element `element` (itself first given its role).
    mutating func collectIncludingSelf(_ t: PageTree, _ element: Int, role: (Int) -> Role) {
        visit(t, element, role: role)
        flush()
    }

    private mutating func visit(_ t: PageTree, _ e: Int, role: (Int) -> Role) {
        switch role(e) {
        case .skip:
            return
        case .inline:
            walk(t, e, role: role)
        case .cell:
            current.append(0x20)
            walk(t, e, role: role)
            current.append(0x20)
        case .block(let kind):
            flush()
            currentKind = kind
            walk(t, e, role: role)
            flush()
        }
    }

    private mutating func walk(_ t: PageTree, _ element: Int, role: (Int) -> Role) {
        var c = Int(t.nodes[element].firstChild)
        while c >= 0 {
            if t.isText(c) {
                current.append(contentsOf: t.bytes[t.textRange(c)])
            } else {
                visit(t, c, role: role)
            }
            c = Int(t.nodes[c].nextSibling)
        }
    }

    mutating func flush() {
        let text = current.withUnsafeBufferPointer { TextCleanup.collapse(utf8: $0) }
        if !text.isEmpty { blocks.append(Block(currentKind, text)) }
        current.removeAll(keepingCapacity: true)
        currentKind = .paragraph
    }
}
