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
    /// The pattern that matched, numbered across all of the scorer's lexicons (`Scorer.patternKeys`).
    public var pattern: Int32 = -1
    /// For an excluded match, the exclusion phrase's pattern that vetoed it (same numbering).
    public var vetoedBy: Int32 = -1
}

/// What scoring learned about one document.
public struct DocumentScore: Sendable {
    /// Word tokens of the whole document.
    public var tokens: Int
    /// Word tokens of the passages scored (all of them without a passage filter): the
    /// denominator of every rate.
    public var scoredTokens: Int
    public var sentences: Int
    /// One per category of the lexicons, in lexicon order (zero counts included).
    public var categories: [CategoryCount]
    public var matches: [MatchRecord]
    /// Matches vetoed by an exclusion phrase, one per category they would have counted in (for
    /// `kwic` and `why`; they count nowhere).
    public var excluded: [MatchRecord] = []
    public var hanCharacters: Int
    public var latinLetters: Int

    public init(tokens: Int, scoredTokens: Int? = nil, sentences: Int, categories: [CategoryCount], matches: [MatchRecord],
                hanCharacters: Int, latinLetters: Int) {
        self.tokens = tokens; self.scoredTokens = scoredTokens ?? tokens; self.sentences = sentences
        self.categories = categories; self.matches = matches
        self.hanCharacters = hanCharacters; self.latinLetters = latinLetters
    }

    /// Weighted hits of a frame.
    public func weighted(frame: String) -> Double {
        categories.filter { $0.frame == frame }.reduce(0) { $0 + $1.weighted }
    }

    /// Weighted hits of a contrast side: a frame, or one category as `FRAME/CATEGORY`.
    public func weighted(term: String) -> Double {
        var sum = 0.0
        for c in categories where c.frame == term || (term.hasPrefix(c.frame) && term == c.frame + "/" + c.category) { sum += c.weighted }
        return sum
    }
}

/// Scores only the sentences within `window` sentences of a hit of a topic frame (for example
/// the technology passages of a State of the Union).
public struct PassageFilter: Sendable, Hashable {
    public var frame: String
    public var window: Int
    public init(frame: String, window: Int) { self.frame = frame; self.window = window }
}

/// Scores analyzed text against one or more compiled lexicons. Topic frames are matched in a
/// pass of their own, first, so a passage filter knows which sentences to score.
public struct Scorer: Sendable {
    public let matchers: [Matcher]
    public let passageFilter: PassageFilter?

    /// Where each matcher's patterns start in the scorer-wide numbering.
    let patternOffset: [Int32]
    /// "frame/category/form" of each pattern, in the scorer-wide numbering.
    public let patternKeys: [String]
    /// Per matcher: its categories with zero counts, in lexicon order, and the index among them
    /// of each pattern's category (worked out once, not per match).
    let zeroCounts: [[CategoryCount]]
    let patternCategory: [[Int]]

    public init(_ lexicons: [CompiledLexicon], passageFilter: PassageFilter? = nil) {
        matchers = lexicons.sorted { ($0.role == .topic ? 0 : 1) < ($1.role == .topic ? 0 : 1) }.map { Matcher($0) }
        self.passageFilter = passageFilter
        var offsets: [Int32] = []
        var keys: [String] = []
        var zeroCounts: [[CategoryCount]] = []
        var patternCategory: [[Int]] = []
        for m in matchers {
            offsets.append(Int32(keys.count))
            keys += m.lexicon.patterns.map { EntryKey.of(frame: $0.frame, category: $0.category, form: $0.form) }
            var counts: [CategoryCount] = []
            var index: [String: Int] = [:]
            for f in m.lexicon.frames {
                for c in f.categories {
                    index[f.id + "/" + c.id] = counts.count
                    counts.append(CategoryCount(frame: f.id, category: c.id, hits: 0, negated: 0, weighted: 0))
                }
            }
            zeroCounts.append(counts)
            // Exclusion phrases count in no category (-1).
            patternCategory.append(m.lexicon.patterns.map { $0.exclusion ? -1 : index[$0.frame + "/" + $0.category]! })
        }
        patternOffset = offsets
        patternKeys = keys
        self.zeroCounts = zeroCounts
        self.patternCategory = patternCategory
    }

    /// Scores a document; `source` is the extracted text the analysis was made from.
    public func score(_ text: AnalyzedText, source: String) -> DocumentScore {
        var categories: [CategoryCount] = []
        var records: [MatchRecord] = []
        // Each record's span in scalars of `source`, before clamping to its length.
        var spans: [Range<Int>] = []
        var excluded: [MatchRecord] = []
        var excludedSpans: [Range<Int>] = []
        // Sentences in scope: all, or those near a hit of the filter's topic frame.
        var allowed: [Bool]? = nil
        let keys = TokenKeys(text)
        for (matcherIndex, matcher) in matchers.enumerated() {
            let lex = matcher.lexicon
            let firstCategory = categories.count
            categories += zeroCounts[matcherIndex]
            let categoryOf = patternCategory[matcherIndex]
            let (found, exclusions) = matcher.matchAll(text, keys: keys)
            let sharing = lex.sharing
            admitPassages(&allowed, matcher: matcher, found: found, exclusions: exclusions, text: text)
            for m in found {
                if lex.role == .framing, let mask = allowed, !mask[min(mask.count - 1, text.sentence(at: m.start))] { continue }
                // Once in every category that lists the form (`sharing`), never twice in one.
                for q in sharing[Int(m.pattern)] {
                    let p = lex.patterns[Int(q)]
                    var record = MatchRecord(frame: p.frame, category: p.category, entry: p.form, language: p.language.rawValue,
                                             start: 0, end: 0, text: "", negated: m.negated, pattern: patternOffset[matcherIndex] + q)
                    if !exclusions.isEmpty {
                        let x = matcher.exclusion(vetoing: m, countedAs: q, exclusions: exclusions)
                        if x >= 0 {
                            record.vetoedBy = patternOffset[matcherIndex] + x
                            excludedSpans.append(text.sourceSpan(m.start, m.end))
                            excluded.append(record)
                            continue
                        }
                    }
                    let i = firstCategory + categoryOf[Int(q)]
                    categories[i].hits += 1
                    if m.negated { categories[i].negated += 1 }
                    categories[i].weighted += p.weight
                    spans.append(text.sourceSpan(m.start, m.end))
                    records.append(record)
                }
            }
        }
        if !excluded.isEmpty {
            let pieces = SourceSlices(source, excludedSpans)
            for k in excluded.indices {
                excluded[k].start = pieces.spans[k].lowerBound
                excluded[k].end = pieces.spans[k].upperBound
                excluded[k].text = pieces.texts[k]
            }
        }
        let pieces = SourceSlices(source, spans)
        for k in records.indices {
            records[k].start = pieces.spans[k].lowerBound
            records[k].end = pieces.spans[k].upperBound
            records[k].text = pieces.texts[k]
        }
        if passageFilter != nil && allowed == nil { allowed = [Bool](repeating: false, count: max(1, text.sentenceCount)) }
        var scoredTokens = text.tokens.count
        if let mask = allowed {
            scoredTokens = 0
            for i in 0..<text.tokens.count where mask[min(mask.count - 1, Int(text.tokenSentence[i]))] { scoredTokens += 1 }
        }
        records.sort { $0.start != $1.start ? $0.start < $1.start : $0.entry < $1.entry }
        var score = DocumentScore(tokens: text.tokens.count, scoredTokens: scoredTokens, sentences: text.sentenceCount, categories: categories,
                                  matches: records, hanCharacters: text.hanCharacters, latinLetters: text.latinLetters)
        score.excluded = excluded
        return score
    }
}
