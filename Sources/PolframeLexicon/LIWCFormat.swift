import Foundation

extension Lexicon {
    /// LIWC `.dic` (LIWC2001/2007/2015/22 styles): a legend of numbered categories between two
    /// `%` lines (`number TAB name`, optionally `TAB description`), then one word per line with
    /// the numbers of its categories (a word may be in several; numbers compare as numbers, so
    /// `01` is `1`). LIWC2007's conditional fields are read as far as polframe can honour them:
    /// `<of>131/125` (131 when followed by "of", else 125) becomes the phrase "WORD of" in 131 and
    /// WORD in 125, which the longest-match rule decides as LIWC does; `(02 134)125/464` (125
    /// after a word of category 2 or 134, else 464) keeps only its unconditional 464, with a
    /// warning. Everything else it cannot use is reported with its line.
    public static func parseLIWC(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var problems: [Problem] = []
        var warnings: [Problem] = []
        var legend: [Int: (name: String, label: String)] = [:]
        var order: [Int] = []
        var words: [Int: [Entry]] = [:]
        var section = 0  // 0 before the legend, 1 inside, 2 words
        for (n, raw) in LexiconText.lines(text) {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line == "%" { section += 1; continue }
            switch section {
            case 1:
                let tabbed = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                // Legends aligned with spaces ("01                    HarmVirtue", the Moral
                // Foundations Dictionary) split at the first run of spaces.
                let fields = tabbed.count >= 2 ? tabbed : line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard fields.count >= 2, let num = Int(fields[0]) else {
                    problems.append(Problem(file: path, line: n, column: 1, "legend line is not 'number<TAB>category': \(line)"))
                    continue
                }
                if let old = legend[num] {
                    problems.append(Problem(file: path, line: n, column: 1, "category number \(num) is in the legend twice ('\(old.name)' and '\(fields[1])')"))
                    continue
                }
                legend[num] = (fields[1], fields.count > 2 ? fields[2...].joined(separator: " ") : fields[1])
                order.append(num)
            case 2:
                // Tabs or spaces separate the fields (phrases are joined again below).
                var fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
                // A conditional field split at its inner space is joined again: "(02" "134)125/464".
                var joined: [String] = []
                for f in fields {
                    if let last = joined.last, last.hasPrefix("("), !last.contains(")") { joined[joined.count - 1] += " " + f } else { joined.append(f) }
                }
                fields = joined
                var cats: [String] = []
                while fields.count > 1, let last = fields.last, Int(last) != nil || isConditional(last) { cats.insert(last, at: 0); fields.removeLast() }
                let word = fields.joined(separator: " ")
                if cats.isEmpty {
                    problems.append(Problem(file: path, line: n, column: 1, "'\(word)' has no category numbers"))
                    continue
                }
                func add(_ num: Int, _ form: String) {
                    guard legend[num] != nil else {
                        problems.append(Problem(file: path, line: n, column: 1, "'\(word)' names category \(num), which is not in the legend"))
                        return
                    }
                    words[num, default: []].append(importedEntry(form, line: n))
                }
                for c in cats {
                    if let num = Int(c) { add(num, word); continue }
                    // Conditional: "(a b)X/Y" or "<next>X/Y" (Y optional).
                    let close = c.firstIndex { $0 == ")" || $0 == ">" }!
                    let condition = String(c[c.index(after: c.startIndex)..<close])
                    let parts = c[c.index(after: close)...].split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
                    let then = parts.first ?? nil, otherwise = parts.count > 1 ? parts[1] : nil
                    if c.hasPrefix("<") {
                        if let then { add(then, word + " " + condition) }
                        if let otherwise { add(otherwise, word) }
                        warnings.append(Problem(file: path, line: n, column: 1,
                                                "LIWC2007 conditional '\(c)': read as the phrase '\(word) \(condition)' in \(then.map(String.init) ?? "-") and '\(word)' alone in \(otherwise.map(String.init) ?? "no category"); the longest match decides, as LIWC does, except that '\(condition)' is then not counted on its own", warning: true))
                    } else {
                        if let otherwise { add(otherwise, word) }
                        warnings.append(Problem(file: path, line: n, column: 1,
                                                "LIWC2007 conditional '\(c)': polframe does not condition on the previous word's category, so '\(word)' counts only in \(otherwise.map(String.init) ?? "no category") (its category when the condition fails), never in \(then.map(String.init) ?? "-")", warning: true))
                    }
                }
            default:
                problems.append(Problem(file: path, line: n, column: 1, "text before the legend (a LIWC dictionary starts with a % line)"))
            }
        }
        if section < 2 { problems.append(Problem(file: path, "no legend: a LIWC dictionary has its categories between two % lines")) }
        guard problems.isEmpty else { throw LexiconError(problems) }
        let categories = order.map { Category(id: legend[$0]!.name, label: legend[$0]!.label, weight: 1, entries: words[$0] ?? []) }
        return imported(path: path, categories: categories, warnings: warnings)
    }

    /// LIWC2007's conditional category fields: `(02 134)125/464`, `<of>131/125`.
    static func isConditional(_ field: String) -> Bool {
        field.range(of: "^(\\([0-9 ]+\\)|<[^>]+>)[0-9]+(/[0-9]+)?$", options: .regularExpression) != nil
    }
}
