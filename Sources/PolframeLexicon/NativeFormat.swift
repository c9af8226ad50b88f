import Foundation
import Yams

extension Lexicon {
    /// Reads a lexicon in polframe's native YAML format. Every problem is collected and thrown
    /// together.
    public static func load(path: String) throws(LexiconError) -> Lexicon {
        try load(path: path, format: .native)
    }

    public static func parse(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var y = YAMLFile(path: path, text: text)
        guard y.problems.isEmpty else { throw LexiconError(y.problems) }
        let top = y.mapping(y.root, "the lexicon")
        y.checkKeys(top, allowed: ["name", "version", "description", "negation", "frames", "exclude"], in: "the lexicon")
        func value(_ k: String) -> Node? { top.first { $0.key == k }?.value }

        let name = y.string(value("name"), "name") ?? ""
        if name.isEmpty { y.report(y.root, "the lexicon needs a name") }
        let version = y.string(value("version"), "version") ?? ""
        if version.isEmpty { y.report(y.root, "the lexicon needs a version") }

        var negation = defaultNegation
        if let neg = value("negation") {
            for pair in y.mapping(neg, "negation") {
                guard let lang = Form.Language(rawValue: pair.key) else {
                    y.report(pair.keyNode, "negation language must be en or zh, not '\(pair.key)'")
                    continue
                }
                negation[lang] = y.strings(pair.value, "a negation cue").map(\.0)
            }
        }

        /// `exclude: {en: [...], zh: [...]}`: phrases that veto matches inside them.
        func exclusions(_ node: Node?, _ what: String) -> [Form] {
            var out: [Form] = []
            for pair in y.mapping(node, what) {
                guard let lang = Form.Language(rawValue: pair.key) else {
                    y.report(pair.keyNode, "\(what): language must be en or zh, not '\(pair.key)'")
                    continue
                }
                for (s, node) in y.strings(pair.value, "an exclude phrase") {
                    let t = FormText.trimmed(s)
                    if t.isEmpty { y.report(node, "empty exclude phrase"); continue }
                    out.append(Form(text: t, language: lang, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0))
                }
            }
            return out
        }
        let exclude = exclusions(value("exclude"), "exclude")

        var frames: [Frame] = []
        for f in y.mapping(value("frames"), "frames") {
            let fm = y.mapping(f.value, "frame \(f.key)")
            y.checkKeys(fm, allowed: ["label", "role", "categories"], in: "frame \(f.key)")
            let label = y.string(fm.first { $0.key == "label" }?.value, "label") ?? f.key
            var role = Frame.Role.framing
            if let node = fm.first(where: { $0.key == "role" })?.value, let r = y.string(node, "role") {
                if let v = Frame.Role(rawValue: r) { role = v } else { y.report(node, "role must be framing or topic, not '\(r)'") }
            }
            var categories: [Category] = []
            for c in y.mapping(fm.first { $0.key == "categories" }?.value, "categories of \(f.key)") {
                let cm = y.mapping(c.value, "category \(c.key)")
                y.checkKeys(cm, allowed: ["label", "weight", "entries", "description", "exclude"], in: "category \(c.key)")
                let clabel = y.string(cm.first { $0.key == "label" }?.value, "label") ?? c.key
                let cweight = y.double(cm.first { $0.key == "weight" }?.value, "weight") ?? 1
                var entries: [Entry] = []
                let entriesNode = cm.first { $0.key == "entries" }?.value
                if case .sequence(let seq)? = entriesNode {
                    for item in seq {
                        let em = y.mapping(item, "an entry")
                        y.checkKeys(em, allowed: ["en", "zh", "weight", "id", "note"], in: "an entry")
                        var forms: [Form] = []
                        for lang in Form.Language.allCases {
                            for (s, node) in y.strings(em.first { $0.key == lang.rawValue }?.value, "a form") {
                                let t = FormText.trimmed(s)
                                if t.isEmpty { y.report(node, "empty form"); continue }
                                forms.append(Form(text: t, language: lang, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0))
                            }
                        }
                        if forms.isEmpty { y.report(item, "an entry needs at least one en or zh form") }
                        let w = y.double(em.first { $0.key == "weight" }?.value, "weight") ?? 1
                        entries.append(Entry(forms: forms, weight: w))
                    }
                } else {
                    y.report(entriesNode ?? c.keyNode, "category \(c.key) needs a list of entries")
                }
                categories.append(Category(id: c.key, label: clabel, weight: cweight, entries: entries,
                                           exclude: exclusions(cm.first { $0.key == "exclude" }?.value, "exclude of \(c.key)")))
            }
            if categories.isEmpty { y.report(f.keyNode, "frame \(f.key) has no categories") }
            frames.append(Frame(id: f.key, label: label, role: role, categories: categories))
        }
        if frames.isEmpty { y.report(y.root, "the lexicon has no frames") }
        // Weights and ids are checked with the rest, so every problem is reported at once.
        let lexicon = Lexicon(name: name, version: version, path: path, frames: frames, negation: negation, exclude: exclude)
        let problems = y.problems + lexicon.structuralProblems()
        guard problems.isEmpty else { throw LexiconError(problems) }
        return lexicon
    }
}
