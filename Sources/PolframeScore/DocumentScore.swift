import PolframeLexicon
import PolframeText

/// Counts for one category of one document.
public struct CategoryCount: Sendable, Hashable {
    public var frame: String
    public var category: String
    /// All matches, negated ones included.
    public var hits: Int
    /// Matches with a negation cue before them (a subset of `hits`).
    public var negated: Int
    /// Sum of the weights of all matches.
    public var weighted: Double

    public init(frame: String, category: String, hits: Int, negated: Int, weighted: Double) {
        self.frame = frame; self.category = category; self.hits = hits; self.negated = negated; self.weighted = weighted
    }
}

/// A match ready for matches.csv: offsets in Unicode scalars of the extracted text.
public struct MatchRecord: Sendable, Hashable {
    public var frame: String
    public var category: String
    public var entry: String
    public var language: String
    public var start: Int
    public var end: Int
    public var text: String
    public var negated: Bool
}

/// What scoring learned about one document.
public struct DocumentScore: Sendable {
    public var tokens: Int
    public var sentences: Int
    /// One per category of the lexicons, in lexicon order (zero counts included).
    public var categories: [CategoryCount]
    public var matches: [MatchRecord]
    public var hanCharacters: Int
    public var latinLetters: Int

    public init(tokens: Int, sentences: Int, categories: [CategoryCount], matches: [MatchRecord], hanCharacters: Int, latinLetters: Int) {
        self.tokens = tokens; self.sentences = sentences; self.categories = categories; self.matches = matches
        self.hanCharacters = hanCharacters; self.latinLetters = latinLetters
    }

    /// Weighted hits of a frame.
    public func weighted(frame: String) -> Double {
        categories.filter { $0.frame == frame }.reduce(0) { $0 + $1.weighted }
    }
}

/// Scores analyzed text against one or more compiled lexicons.
public struct Scorer: Sendable {
    public let matchers: [Matcher]

    public init(_ lexicons: [CompiledLexicon]) {
        matchers = lexicons.map { Matcher($0) }
    }

    /// Scores a document; `source` is the extracted text the analysis was made from.
    public func score(_ text: AnalyzedText, source: String) -> DocumentScore {
        let scalars = Array(source.unicodeScalars)
        var categories: [CategoryCount] = []
        var records: [MatchRecord] = []
        for matcher in matchers {
            let lex = matcher.lexicon
            var index: [String: Int] = [:]
            for f in lex.frames {
                for c in f.categories {
                    index[f.id + "/" + c.id] = categories.count
                    categories.append(CategoryCount(frame: f.id, category: c.id, hits: 0, negated: 0, weighted: 0))
                }
            }
            for m in matcher.match(text) {
                let p = lex.patterns[Int(m.pattern)]
                let i = index[p.frame + "/" + p.category]!
                categories[i].hits += 1
                if m.negated { categories[i].negated += 1 }
                categories[i].weighted += p.weight
                let span = text.sourceSpan(m.start, m.end)
                let clamped = min(span.lowerBound, scalars.count)..<min(span.upperBound, scalars.count)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[clamped])
                records.append(MatchRecord(frame: p.frame, category: p.category, entry: p.form, language: p.language.rawValue,
                                           start: clamped.lowerBound, end: clamped.upperBound, text: String(view), negated: m.negated))
            }
        }
        records.sort { $0.start != $1.start ? $0.start < $1.start : $0.entry < $1.entry }
        return DocumentScore(tokens: text.tokens.count, sentences: text.sentenceCount, categories: categories,
                             matches: records, hanCharacters: text.hanCharacters, latinLetters: text.latinLetters)
    }
}
