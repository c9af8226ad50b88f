import Foundation
import Yams

/// The dictionary formats polframe reads besides its own.
public enum LexiconFormat: String, Sendable, CaseIterable {
    case native, quanteda, liwc, wordstat, lexicoder

    /// The format a file name suggests: .dic LIWC, .cat WordStat, .lc3/.lcd Lexicoder, YAML
    /// native when it has `frames:`, quanteda otherwise.
    public static func guess(path: String, text: String) -> LexiconFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "dic", "dicx": return .liwc
        case "cat": return .wordstat
        case "lc3", "lcd": return .lexicoder
        default:
            return text.range(of: "(?m)^frames\\s*:", options: .regularExpression) != nil ? .native : .quanteda
        }
    }
}

extension Lexicon {
    /// Reads a lexicon in any supported format (guessed from the name and content unless given).
    /// Problems are collected and thrown together; lines an importer cannot use are problems too.
    public static func load(path: String, format: LexiconFormat?) throws(LexiconError) -> Lexicon {
        let text: String
        do { text = try TextFile.read(path) } catch { throw LexiconError([error.problem]) }
        switch format ?? LexiconFormat.guess(path: path, text: text) {
        case .native: return try parse(text, path: path)
        case .quanteda: return try parseQuanteda(text, path: path)
        case .liwc: return try parseLIWC(text, path: path)
        case .wordstat: return try parseWordStat(text, path: path)
        case .lexicoder: return try parseLexicoder(text, path: path)
        }
    }

    static func baseName(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// A form's language: Chinese when it has a Han character, English otherwise.
    public static func language(of form: String) -> Form.Language {
        form.unicodeScalars.contains { (0x3400...0x9FFF).contains($0.value) || (0x20000...0x2FA1F).contains($0.value) } ? .zh : .en
    }

    /// quanteda's YAML dictionaries: nested keys down to lists of words. The first level becomes
    /// frames and the second categories; deeper keys join the category id with "/". A first-level
    /// key holding words directly becomes a frame with one category of the same name.
    public static func parseQuanteda(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var y = YAMLFile(path: path, text: text)
        guard y.problems.isEmpty else { throw LexiconError(y.problems) }
        var frames: [Frame] = []
        func entries(_ node: Node?) -> [Entry] {
            y.strings(node, "a word").map { w, n in
                let t = w.trimmingCharacters(in: .whitespaces).lowercased()
                return Entry(forms: [Form(text: t, language: language(of: t), line: n.mark?.line ?? 0, column: n.mark?.column ?? 0)], weight: 1)
            }
        }
        func categories(_ node: Node, prefix: String) -> [Category] {
            var out: [Category] = []
            if case .mapping = node {
                for pair in y.mapping(node, "a dictionary level") {
                    let id = prefix.isEmpty ? pair.key : prefix + "/" + pair.key
                    if case .mapping = pair.value { out += categories(pair.value, prefix: id) } else {
                        out.append(Category(id: id, label: id, weight: 1, entries: entries(pair.value)))
                    }
                }
            } else {
                out.append(Category(id: prefix, label: prefix, weight: 1, entries: entries(node)))
            }
            return out
        }
        for top in y.mapping(y.root, "the dictionary") {
            if case .mapping = top.value {
                frames.append(Frame(id: top.key, label: top.key, categories: categories(top.value, prefix: "")))
            } else {
                frames.append(Frame(id: top.key, label: top.key, categories: [Category(id: top.key, label: top.key, weight: 1, entries: entries(top.value))]))
            }
        }
        if frames.isEmpty { y.report(y.root, "no dictionary keys") }
        guard y.problems.isEmpty else { throw LexiconError(y.problems) }
        return Lexicon(name: baseName(path), version: "imported", path: path, frames: frames, negation: defaultNegation)
    }

    /// LIWC .dic: a legend of numbered categories between two `%` lines, then one word per line
    /// followed by the numbers of its categories (a word may be in several); a trailing `*` is a
    /// glob. Everything it cannot use is reported with its line.
    public static func parseLIWC(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var problems: [Problem] = []
        var legend: [String: String] = [:]
        var order: [String] = []
        var words: [String: [Entry]] = [:]
        var section = 0  // 0 before the legend, 1 inside, 2 words
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let n = i + 1
            if line.isEmpty { continue }
            if line == "%" { section += 1; continue }
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            switch section {
            case 1:
                guard fields.count >= 2, Int(fields[0]) != nil else {
                    problems.append(Problem(file: path, line: n, column: 1, "legend line is not 'number<TAB>category': \(line)"))
                    continue
                }
                legend[fields[0]] = fields[1...].joined(separator: " ")
                order.append(fields[0])
            case 2:
                // Words may contain spaces (phrases): category numbers are the trailing numeric fields.
                var nums: [String] = []
                var rest = fields
                while let last = rest.last, Int(last) != nil, rest.count > 1 { nums.insert(last, at: 0); rest.removeLast() }
                let word = rest.joined(separator: " ").lowercased()
                if nums.isEmpty {
                    problems.append(Problem(file: path, line: n, column: 1, "'\(word)' has no category numbers"))
                    continue
                }
                if word.dropLast().contains("*") || word.hasPrefix("(") {
                    problems.append(Problem(file: path, line: n, column: 1, "'\(word)' uses a pattern polframe cannot read (only a trailing * glob)"))
                    continue
                }
                for num in nums {
                    guard legend[num] != nil else {
                        problems.append(Problem(file: path, line: n, column: 1, "'\(word)' names category \(num), which is not in the legend"))
                        continue
                    }
                    words[num, default: []].append(Entry(forms: [Form(text: word, language: language(of: word), line: n, column: 1)], weight: 1))
                }
            default:
                problems.append(Problem(file: path, line: n, column: 1, "text before the legend (a LIWC dictionary starts with a % line)"))
            }
        }
        if section < 2 { problems.append(Problem(file: path, "no legend: a LIWC dictionary has its categories between two % lines")) }
        guard problems.isEmpty else { throw LexiconError(problems) }
        let categories = order.map { Category(id: legend[$0]!, label: legend[$0]!, weight: 1, entries: words[$0] ?? []) }
        return Lexicon(name: baseName(path), version: "imported", path: path,
                       frames: [Frame(id: baseName(path), label: baseName(path), categories: categories)], negation: defaultNegation)
    }

    /// WordStat .cat: a hierarchy by tab indentation; leaves are words with an optional weight in
    /// parentheses, `WORD (2)`; a trailing `*` is a glob; `_` joins the words of a phrase. Top
    /// levels become frames, the next level categories (deeper levels join with "/").
    public static func parseWordStat(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var problems: [Problem] = []
        struct Node { var name: String; var depth: Int; var line: Int }
        var stack: [Node] = []
        var frames: [(id: String, cats: [(id: String, entries: [Entry])])] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        for (i, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let depth = line.prefix { $0 == "\t" }.count
            let body = line.trimmingCharacters(in: .whitespaces)
            let nextDepth = lines.dropFirst(i + 1).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == "\t" }.count } ?? 0
            while let last = stack.last, last.depth >= depth { stack.removeLast() }
            if nextDepth > depth {
                stack.append(Node(name: body, depth: depth, line: i + 1))
                continue
            }
            // A leaf: a word with an optional weight.
            var word = body, weight = 1.0
            if let open = body.lastIndex(of: "("), body.hasSuffix(")") {
                let w = body[body.index(after: open)..<body.index(before: body.endIndex)]
                guard let v = Double(w.trimmingCharacters(in: .whitespaces)) else {
                    problems.append(Problem(file: path, line: i + 1, column: 1, "weight '\(w)' is not a number"))
                    continue
                }
                weight = v
                word = body[..<open].trimmingCharacters(in: .whitespaces)
            }
            word = word.replacingOccurrences(of: "_", with: " ").lowercased()
            guard let frame = stack.first else {
                problems.append(Problem(file: path, line: i + 1, column: 1, "'\(word)' is not inside a category"))
                continue
            }
            let catID = stack.count > 1 ? stack.dropFirst().map(\.name).joined(separator: "/") : frame.name
            let entry = Entry(forms: [Form(text: word, language: language(of: word), line: i + 1, column: depth + 1)], weight: weight)
            if let f = frames.firstIndex(where: { $0.id == frame.name }) {
                if let c = frames[f].cats.firstIndex(where: { $0.id == catID }) { frames[f].cats[c].entries.append(entry) }
                else { frames[f].cats.append((catID, [entry])) }
            } else {
                frames.append((frame.name, [(catID, [entry])]))
            }
        }
        if frames.isEmpty && problems.isEmpty { problems.append(Problem(file: path, "no categories with words")) }
        guard problems.isEmpty else { throw LexiconError(problems) }
        return Lexicon(name: baseName(path), version: "imported", path: path,
                       frames: frames.map { f in Frame(id: f.id, label: f.id, categories: f.cats.map { Category(id: $0.id, label: $0.id, weight: 1, entries: $0.entries) }) },
                       negation: defaultNegation)
    }

    /// Lexicoder .lc3: `+category` lines start a category; each following line is a word or
    /// phrase (a trailing `*` is a glob).
    public static func parseLexicoder(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var problems: [Problem] = []
        var cats: [(String, [Entry])] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line.hasPrefix("+") {
                cats.append((String(line.dropFirst()).trimmingCharacters(in: .whitespaces), []))
                continue
            }
            guard !cats.isEmpty else {
                problems.append(Problem(file: path, line: i + 1, column: 1, "'\(line)' comes before any +category line"))
                continue
            }
            let word = line.lowercased()
            cats[cats.count - 1].1.append(Entry(forms: [Form(text: word, language: language(of: word), line: i + 1, column: 1)], weight: 1))
        }
        if cats.isEmpty && problems.isEmpty { problems.append(Problem(file: path, "no +category lines")) }
        guard problems.isEmpty else { throw LexiconError(problems) }
        return Lexicon(name: baseName(path), version: "imported", path: path,
                       frames: [Frame(id: baseName(path), label: baseName(path), categories: cats.map { Category(id: $0.0, label: $0.0, weight: 1, entries: $0.1) })],
                       negation: defaultNegation)
    }
}
