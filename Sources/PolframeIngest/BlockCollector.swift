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

    /// Like `collect`, but `element` itself is first given its role (skip, block or inline).
    mutating func collectIncludingSelf(_ element: MarkupElement, role: (MarkupElement, _ parentHasText: Bool) -> Role) {
        let wrapper = MarkupElement(id: -1, name: "#container", attributes: [], children: [.element(element)])
        walk(wrapper, parentHasText: false, role: role)
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
