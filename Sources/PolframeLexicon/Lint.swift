import PolframeText

extension Lexicon {
    /// Every problem `polframe lexicon lint` finds, at once: duplicates within and across
    /// categories, forms that normalize alike, forms that cannot match under the normalizer and
    /// segmenter, and (given a corpus's coverage, `hits` by "frame/category/form") globs that
    /// match nothing.
    public func lint(analyzer: TextAnalyzer, hits: [String: Int]? = nil, corpusName: String = "the corpus") -> [Problem] {
        var problems: [Problem] = []
        func report(_ f: Form, _ message: String) { problems.append(Problem(file: path, line: f.line, column: f.column, message)) }
        var seen: [String: (Form, String)] = [:]
        let enders: Set<Character> = ["。", "！", "？", "；", "!", "?", ";"]
        for frame in frames {
            var rawInCategory: [String: Set<String>] = [:]
            for c in frame.categories {
                let where_ = "\(frame.id)/\(c.id)"
                for e in c.entries {
                    if e.weight < 0 { if let f = e.forms.first { report(f, "negative weight \(e.weight)") } }
                    for f in e.forms {
                        let raw = f.text.lowercased()
                        if rawInCategory[c.id, default: []].contains(raw) { report(f, "'\(f.text)' is listed twice in \(where_)") }
                        rawInCategory[c.id, default: []].insert(raw)
                        let body = f.isGlob ? String(f.text.dropLast()) : f.text
                        guard let a = try? analyzer.analyze(body) else { report(f, "'\(f.text)' cannot be normalized"); continue }
                        let hasHan = a.tokens.contains { $0.script == .han }
                        if a.tokens.isEmpty { report(f, "'\(f.text)' has no word characters and can never match"); continue }
                        if f.isGlob && hasHan { report(f, "glob '\(f.text)': globs are for Latin forms, Chinese forms match on characters") }
                        if f.isGlob && body.count < 3 { report(f, "glob '\(f.text)' has a stem of \(body.count) letters: it will match far too much") }
                        if body.contains(where: { enders.contains($0) }) || a.sentenceCount > 1 {
                            report(f, "'\(f.text)' spans a sentence boundary and can never match (matches never cross sentences)")
                        }
                        if hasHan && f.language == .en { report(f, "'\(f.text)' is listed under en but has Chinese characters") }
                        if !hasHan && f.language == .zh { report(f, "'\(f.text)' is listed under zh but has no Chinese characters") }
                        if hasHan && a.units.filter({ $0 != 0x20 }).count == 1 {
                            report(f, "'\(f.text)' is a single character: it matches only where the segmenter makes it a word of its own")
                        }
                        // Frames of different roles are matched in separate passes: a form may be in both.
                        let key = frame.role.rawValue + "|" + (hasHan ? "S:" + String(decoding: a.units.filter { $0 != 0x20 }, as: UTF16.self)
                                          : "T:" + a.tokens.map { a.text(of: $0) }.joined(separator: " ")) + (f.isGlob ? "*" : "")
                        if let (other, w) = seen[key], !(other.line == f.line && other.column == f.column) {
                            let same = other.text.lowercased() == raw
                            if !(same && w == where_) {
                                report(f, same ? "'\(f.text)' is also in \(w) (line \(other.line))"
                                              : "'\(f.text)' normalizes to the same form as '\(other.text)' in \(w) (line \(other.line))")
                            }
                        } else {
                            seen[key] = (f, where_)
                        }
                        if let hits, f.isGlob, (hits["\(frame.id)/\(c.id)/\(f.text)"] ?? 0) == 0 {
                            report(f, "glob '\(f.text)' matches nothing in \(corpusName)")
                        }
                    }
                }
            }
        }
        for (lang, cues) in negation {
            for cue in cues where (try? analyzer.analyze(cue))?.tokens.isEmpty ?? true {
                problems.append(Problem(file: path, "negation cue '\(cue)' (\(lang.rawValue)) has no word characters"))
            }
        }
        return problems.sorted { ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message) }
    }
}
