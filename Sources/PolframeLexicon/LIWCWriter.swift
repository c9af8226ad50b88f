extension Lexicon {
    /// LIWC `.dic`: the categories numbered from 1 in a legend between two `%` lines (a label
    /// unlike the id goes in a third column), then each form once with the numbers of every
    /// category that lists it, as LIWC writes a word in several categories. Lines are ordered so
    /// that every category reads back with its forms in their order.
    func liwcDic(stem: String, _ out: inout LossLog) -> String {
        let cats = flatCategories(stem: stem, &out)
        var lines = ["%"]
        var numbers: [Int] = []
        for (i, c) in cats.enumerated() {
            let name = c.name
            if name.contains("\t") || name.contains("\n") || name.contains("\r") {
                out.add(c.category.entries.first?.forms.first, "category '\(name)' has a tab or a line end, which a LIWC legend cannot hold: written with spaces")
            }
            let clean = { (s: String) in s.map { $0 == "\t" || $0.isNewline ? " " : String($0) }.joined() }
            var line = "\(i + 1)\t\(clean(name))"
            if c.category.label != c.category.id { line += "\t" + clean(c.category.label) }
            lines.append(line)
            numbers.append(i + 1)
        }
        lines.append("%")
        // Each category's forms, as the lines that must keep their order.
        var lists: [[String]] = []
        var members: [String: [Int]] = [:]
        for (i, c) in cats.enumerated() {
            var list: [String] = []
            for form in c.category.entries.flatMap(\.forms) {
                let text = FormText.trimmed(form.text)
                if let why = Self.liwcUnwritable(text) { out.dropped(form, in: c.name, because: why); continue }
                list.append(text)
                members[text, default: []].append(numbers[i])
            }
            lists.append(list)
        }
        let (order, kept) = Self.mergedOrder(lists)
        if !kept {
            // Which categories read back otherwise: each line adds its form to its categories.
            var back = [[String]](repeating: [], count: cats.count)
            for text in order { for n in members[text]! { back[n - 1].append(text) } }
            let moved = cats.indices.filter { back[$0] != lists[$0] }.map { cats[$0].name }
            if !moved.isEmpty { out.add(nil, "the forms of \(moved.joined(separator: ", ")) read back in another order (LIWC writes a form once, on one line, and the categories' orders disagree or a form is listed twice); the order matters only where two forms tie for the same span") }
        }
        for text in order { lines.append(([text] + members[text]!.map(String.init)).joined(separator: "\t")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why a form cannot be a LIWC word line: the reader takes trailing numbers for category
    /// numbers and a lone `%` for the legend's end.
    static func liwcUnwritable(_ text: String) -> String? {
        if text.contains(where: \.isNewline) { return "a LIWC word is one line" }
        if text == "%" { return "a line '%' ends LIWC's legend" }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if words.count > 1, let last = words.last, Int(last) != nil || isConditional(String(last)) {
            return "its last word '\(last)' would be read as a LIWC category number"
        }
        return nil
    }

    /// One sequence of distinct items in which every list keeps its order (a topological order
    /// of "comes before", earliest first seen first), and whether that was possible: lists such
    /// as [a, b] and [b, a] cannot both keep theirs, nor a list naming an item twice.
    static func mergedOrder(_ lists: [[String]]) -> (order: [String], kept: Bool) {
        var firstSeen: [String: Int] = [:]
        var items: [String] = []
        var after: [String: Set<String>] = [:]
        var before: [String: Int] = [:]
        var kept = true
        for list in lists {
            if Set(list).count != list.count { kept = false }
            for x in list where firstSeen[x] == nil { firstSeen[x] = items.count; items.append(x) }
            for (a, b) in zip(list, list.dropFirst()) where a != b && !(after[a]?.contains(b) ?? false) {
                after[a, default: []].insert(b)
                before[b, default: 0] += 1
            }
        }
        var order: [String] = []
        var done = [Bool](repeating: false, count: items.count)
        var waiting = items.map { before[$0, default: 0] }
        // The earliest ready item: a cursor that moves back only when an earlier item gets ready.
        var cursor = 0
        while order.count < items.count {
            var i = cursor
            while i < items.count && (done[i] || waiting[i] > 0) { i += 1 }
            if i == items.count {
                // A cycle: the lists disagree; take the earliest item left.
                kept = false
                i = done.firstIndex(of: false)!
            }
            order.append(items[i])
            done[i] = true
            cursor = i
            for b in after[items[i]] ?? [] {
                let j = firstSeen[b]!
                waiting[j] -= 1
                if waiting[j] == 0 && j < cursor { cursor = j }
            }
        }
        return (order, kept)
    }
}
