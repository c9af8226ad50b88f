import PolframeText

extension CompiledLexicon {
    /// Compiles the frames of one role (framing frames compete for the longest match; topic
    /// frames are matched in a pass of their own), with the lexicon's exclusion phrases. Forms
    /// that normalize alike may sit in several categories: they become one pattern to the
    /// matcher, counted in each (`sharing`). Every problem is thrown together.
    public init(_ lexicon: Lexicon, analyzer: TextAnalyzer, role: Frame.Role = .framing) throws(LexiconError) {
        var problems: [Problem] = lexicon.structuralProblems()
        var patterns: [Pattern] = []
        func problem(_ form: Form, _ message: String) {
            problems.append(Problem(file: lexicon.path, line: form.line, column: form.column, message))
        }
        func analyze(_ text: String, _ form: Form) -> AnalyzedText? {
            do { return try analyzer.analyze(text) } catch {
                problem(form, "\(error)")
                return nil
            }
        }
        func compile(_ form: Form, frame: String, category: String, weight: Double, exclusion: Bool) {
            var p = Pattern(frame: frame, category: category, form: form.text, language: form.language, weight: weight, tokens: [],
                            glob: form.isGlob, stream: [], wildcard: form.hasWildcards, exclusion: exclusion)
            if p.wildcard {
                guard let tokens = Self.wildcardTokens(form, analyze: analyze, problem: problem) else { return }
                p.tokens = tokens
            } else {
                let body = p.glob ? String(form.text.dropLast()) : form.text
                guard let analyzed = analyze(body, form) else { return }
                if analyzed.tokens.contains(where: { $0.script == .han }) {
                    // The stream keeps every unit but white space, so forms match across layout.
                    p.stream = analyzed.units.filter { $0 != 0x20 }
                } else {
                    p.tokens = analyzed.tokens.map { Self.text(of: $0, in: analyzed) }
                    if p.tokens.isEmpty { problem(form, "'\(form.text)' has no word characters and can never match"); return }
                }
            }
            patterns.append(p)
        }
        let frames = lexicon.frames.filter { $0.role == role }
        for frame in frames {
            for category in frame.categories {
                for entry in category.entries {
                    for form in entry.forms { compile(form, frame: frame.id, category: category.id, weight: entry.weight * category.weight, exclusion: false) }
                }
            }
        }
        // Exclusions after every form, so forms keep their numbers.
        for form in lexicon.exclude { compile(form, frame: "", category: "", weight: 0, exclusion: true) }
        for frame in frames {
            for category in frame.categories {
                for form in category.exclude { compile(form, frame: frame.id, category: category.id, weight: 0, exclusion: true) }
            }
        }
        guard problems.isEmpty else { throw LexiconError(problems) }
        var cues: [[String]] = []
        for lang in Form.Language.allCases {
            for cue in lexicon.negation[lang] ?? [] {
                if let a = try? analyzer.analyze(cue) {
                    let toks = a.tokens.map { Self.text(of: $0, in: a) }
                    if !toks.isEmpty { cues.append(toks) }
                }
            }
        }
        self.init(lexicon, role: role, patterns: patterns, negationCues: cues)
    }

    /// The normalized words of a form with wildcards: each white-space-separated piece that holds
    /// `*` or `?` is one word whose literal runs are normalized as documents are; the other
    /// pieces are analyzed whole. Nil (with a problem) when it cannot match as written.
    static func wildcardTokens(_ form: Form, analyze: (String, Form) -> AnalyzedText?, problem: (Form, String) -> Void) -> [String]? {
        if Lexicon.language(of: form.text) == .zh {
            problem(form, "'\(form.text)': on Chinese forms only a trailing * is a glob (Chinese forms match on characters)")
            return nil
        }
        var tokens: [String] = []
        for piece in form.text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard piece.contains(where: { $0 == "*" || $0 == "?" }) else {
                guard let a = analyze(String(piece), form) else { return nil }
                tokens += a.tokens.map { text(of: $0, in: a) }
                continue
            }
            var word = "", literal = ""
            func flush() -> Bool {
                defer { literal = "" }
                guard !literal.isEmpty, let a = analyze(literal, form) else { return !literal.isEmpty ? false : true }
                if a.tokens.count > 1 {
                    problem(form, "'\(form.text)': '\(literal)' is several words to the segmenter; a word with wildcards must be one word")
                    return false
                }
                if let t = a.tokens.first { word += text(of: t, in: a) }
                return true
            }
            for ch in piece {
                if ch == "*" || ch == "?" {
                    guard flush() else { return nil }
                    // "**" is "*".
                    if !(ch == "*" && word.hasSuffix("*")) { word.append(ch) }
                } else {
                    literal.append(ch)
                }
            }
            guard flush() else { return nil }
            tokens.append(word)
        }
        if tokens.isEmpty || tokens.allSatisfy({ $0.allSatisfy { $0 == "*" } }) {
            problem(form, "'\(form.text)' is wildcards only: it would match every word")
            return nil
        }
        return tokens
    }
}
