/// Walks a markup tree and gathers text into blocks: block elements start and end a block;
/// inline elements add to the current one.
struct BlockCollector {
    var blocks: [Block] = []
    private var current = ""
    private var currentKind: Block.Kind = .paragraph

    /// Decides for each element: skip it, treat it as a block (with a kind), or as inline.
    enum Role { case skip, block(Block.Kind), inline, cell }

    mutating func collect(_ element: MarkupElement, role: (MarkupElement, _ parentHasText: Bool) -> Role) {
        walk(element, parentHasText: false, role: role)
        flush()
    }

    private mutating func walk(_ element: MarkupElement, parentHasText: Bool, role: (MarkupElement, Bool) -> Role) {
        // Callers decide by the element alone; whether the parent holds text of its own is not
        // computed (it cost a Unicode property lookup per scalar).
        let hasText = false
        for child in element.children {
            switch child {
            case .text(let t):
                current += t
            case .element(let e):
                switch role(e, hasText) {
                case .skip:
                    continue
                case .inline:
                    walk(e, parentHasText: hasText, role: role)
                case .cell:
                    current += " "
                    walk(e, parentHasText: hasText, role: role)
                    current += " "
                case .block(let kind):
                    flush()
                    currentKind = kind
                    walk(e, parentHasText: hasText, role: role)
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
