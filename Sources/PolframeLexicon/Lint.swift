import PolframeText

extension Lexicon {
    /// Every problem `polframe lexicon lint` finds, at once. Errors are exactly what compiling
    /// the lexicon for `make` refuses (the same code runs), so whatever lint passes make accepts
    /// and the reverse; the rest are warnings: loading notes (encoding, LIWC conditionals), a
    /// form listed twice in one category (it counts once), forms that look like regular
    /// expressions, forms that cannot match under the normalizer and segmenter, short globs,
    /// and (given a corpus's coverage, `hits` by "frame/category/form") globs that match nothing
    /// or a large share of all hits.
    public func lint(analyzer: TextAnalyzer, hits: [String: Int]? = nil, corpusName: String = "the corpus") -> [Problem] {
        var problems: [Problem] = warnings
        for role in Frame.Role.allCases where frames.contains(where: { $0.role == role }) {
            do { _ = try CompiledLexicon(self, analyzer: analyzer, role: role) } catch {
                for p in error.problems where !problems.contains(p) { problems.append(p) }
            }
        }
        func warn(_ f: Form, _ message: String) { problems.append(Problem(file: path, line: f.line, column: f.column, message, warning: true)) }
        let enders: Set<Character> = ["。", "！", "？", "；", "!", "?", ";"]
        let totalHits = hits.map { h in h.filter { !$0.key.hasPrefix("/") }.values.reduce(0, +) } ?? 0
        for frame in frames {
            for c in frame.categories {
                let where_ = "\(frame.id)/\(c.id)"
                var inCategory: [String: Form] = [:]
                for e in c.entries {
                    for f in e.forms {
                        if let why = LintRules.regexLike(f.text) { warn(f, "'\(f.text)' looks like a regular expression (\(why)); polframe reads forms as words with quanteda globs (* and ?), so it matches as plain words") }
                        let stripped = f.text.filter { $0 != "*" && $0 != "?" }
                        guard let a = try? analyzer.analyze(stripped), !a.tokens.isEmpty else { continue }
                        let hasHan = a.tokens.contains { $0.script == .han }
                        let key = (hasHan ? "S:" + String(decoding: a.units.filter { $0 != 0x20 }, as: UTF16.self)
                                   : "T:" + a.tokens.map { a.text(of: $0) }.joined(separator: " ")) + "|" + (f.isGlob ? "*" : "") + (f.hasWildcards ? f.text.lowercased() : "")
                        if let other = inCategory[key] {
                            warn(f, other.text.lowercased() == f.text.lowercased() ? "'\(f.text)' is listed twice in \(where_) (line \(other.line)); it counts once"
                                 : "'\(f.text)' normalizes to the same form as '\(other.text)' in \(where_) (line \(other.line)); it counts once")
                        } else {
                            inCategory[key] = f
                        }
                        if f.isGlob || f.hasWildcards {
                            let literal = stripped.count
                            if hasHan && literal < 2 { warn(f, "glob '\(f.text)' has a stem of one character: it will match far too much") }
                            if !hasHan && literal < 3 { warn(f, "glob '\(f.text)' has \(literal) letter\(literal == 1 ? "" : "s") besides its wildcards: it will match far too much") }
                        }
                        // '?' is a wildcard, not the end of a sentence.
                        if stripped.contains(where: { enders.contains($0) }) || a.sentenceCount > 1 {
                            warn(f, "'\(f.text)' spans a sentence boundary and can never match (matches never cross sentences)")
                        }
                        if hasHan && f.language == .en { warn(f, "'\(f.text)' is listed under en but has Chinese characters") }
                        if !hasHan && f.language == .zh { warn(f, "'\(f.text)' is listed under zh but has no Chinese characters") }
                        if hasHan && !f.isGlob && a.units.filter({ $0 != 0x20 }).count == 1 {
                            warn(f, "'\(f.text)' is a single character: it matches only where the segmenter makes it a word of its own")
                        }
                        if let hits, f.isGlob || f.hasWildcards {
                            let n = hits[EntryKey.of(frame: frame.id, category: c.id, form: f.text)] ?? 0
                            if n == 0 { warn(f, "glob '\(f.text)' matches nothing in \(corpusName)") }
                            else if n >= LintRules.broadGlobHits && Double(n) >= LintRules.broadGlobShare * Double(totalHits) {
                                warn(f, "glob '\(f.text)' has \(n) of the \(totalHits) hits in \(corpusName): check with `polframe kwic '\(f.text)'` that it does not match unrelated words")
                            }
                        }
                    }
                }
                for x in c.exclude { if let why = LintRules.regexLike(x.text) { warn(x, "exclude phrase '\(x.text)' looks like a regular expression (\(why))") } }
            }
        }
        for (lang, cues) in negation.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            for cue in cues where (try? analyzer.analyze(cue))?.tokens.isEmpty ?? true {
                problems.append(Problem(file: path, "negation cue '\(cue)' (\(lang.rawValue)) has no word characters", warning: true))
            }
        }
        return problems.sorted { ($0.line, $0.column, $0.message) < ($1.line, $1.column, $1.message) }
    }
}

/// Lint's thresholds and patterns, with the reason for each.
public enum LintRules {
    /// A glob with at least this many hits…
    public static let broadGlobHits = 50
    /// …that are at least this share of all the lexicon's hits in the corpus is worth a look: a
    /// form that carries a tenth of a whole dictionary is usually matching unrelated words.
    public static let broadGlobShare = 0.1

    /// Why a form looks like a regular expression rather than words, or nil. Researchers paste
    /// patterns from other tools: `(ai)`, `^rights$`, `[a-z]+`, `a|b`, `\bword`, `.*`.
    public static func regexLike(_ text: String) -> String? {
        if text.contains("(") || text.contains(")") { return "parentheses" }
        if text.contains("[") || text.contains("]") { return "a character class in brackets" }
        if text.hasPrefix("^") || text.hasSuffix("$") { return "an anchor ^ or $" }
        if text.contains("|") { return "an alternative |" }
        if text.contains("\\") { return "a backslash escape" }
        if text.contains(".*") || text.contains(".+") || text.hasSuffix("+") || text.contains("{") { return "a repetition" }
        return nil
    }
}
