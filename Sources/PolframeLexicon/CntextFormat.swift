import Foundation
import Yams

extension Lexicon {
    /// cntext's YAML dictionaries, the form in which that Chinese text-analysis package
    /// distributes HowNet, DUTIR, NTUSD, the Chinese Loughran-McDonald and others: `Name`,
    /// `Desc`, `Refer`, `Category` (the category names) and `Dictionary` (each category's words).
    /// One frame named after the file's stem, as every imported dictionary; the lexicon takes the
    /// file's `Name`. cntext's valence dictionaries (a score per word, not categories) are refused.
    public static func parseCntext(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var y = YAMLFile(path: path, text: text)
        guard y.problems.isEmpty else { throw LexiconError(y.problems) }
        var skipped: [Problem] = []
        let top = y.mapping(y.root, "the dictionary")
        func value(_ key: String) -> Node? { top.first { $0.key == key }?.value }
        let name = value("Name").flatMap { y.string($0, "Name") } ?? baseName(path)
        var categories: [Category] = []
        for pair in y.mapping(value("Dictionary"), "Dictionary") {
            if case .mapping = pair.value {
                y.report(pair.keyNode, "'\(pair.key)' holds scores, not words: a cntext valence dictionary has no categories for polframe to count")
                break
            }
            let entries = y.strings(pair.value, "a word").compactMap { w, n -> Entry? in
                guard !FormText.trimmed(w).isEmpty else {
                    // Published lists carry the odd `- ''` (cntext's HowNet): nothing to match, so skipped.
                    skipped.append(Problem(file: path, line: n.mark?.line ?? 0, column: n.mark?.column ?? 0, "an empty word: skipped", warning: true))
                    return nil
                }
                return importedEntry(w, line: n.mark?.line ?? 0, column: n.mark?.column ?? 0)
            }
            categories.append(Category(id: pair.key, label: pair.key, entries: entries))
        }
        if categories.isEmpty && y.problems.isEmpty { y.report(y.root, "no categories under Dictionary") }
        guard y.problems.isEmpty else { throw LexiconError(y.problems) }
        var lex = imported(path: path, categories: categories, warnings: skipped)
        lex.name = name
        return lex
    }

    /// cntext's layout: the lexicon's name, its categories listed, then their words.
    func cntextYAML(stem: String, _ out: inout LossLog) -> String {
        let cats = flatCategories(stem: stem, &out)
        var lines = ["Name: \(Self.quoted(name))", "Desc: \(Self.quoted("\(name) \(version), written by polframe"))", "Category:"]
        lines += cats.map { "- " + Self.quoted($0.name) }
        lines.append("Dictionary:")
        for c in cats {
            let forms = c.category.entries.flatMap(\.forms)
            lines.append("    \(Self.quoted(c.name)):" + (forms.isEmpty ? " []" : ""))
            lines += forms.map { "    - " + Self.quoted(FormText.trimmed($0.text)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// cntext's files are YAML with top-level `Name` and `Dictionary` keys.
    static func isCntext(_ text: String) -> Bool {
        text.range(of: "(?m)^Dictionary\\s*:", options: .regularExpression) != nil
            && text.range(of: "(?m)^Name\\s*:", options: .regularExpression) != nil
    }
}
