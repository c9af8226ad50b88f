import Foundation
import PolframeLexicon
import PolframeScore
import PolframeText

/// What `polframe validate sample` draws.
public struct ValidationSampleOptions: Sendable {
    /// Matches per category (fewer where a category has fewer).
    public var perCategory: Int = 20
    /// Sentences without a framing match, drawn uniformly over the scored sentences.
    public var unmatched: Int = 0
    public var seed: UInt64 = 1
    /// Frames to sample; empty: every framing frame (topic frames only when named).
    public var frames: [String] = []
    /// Categories (`frame/category`) to sample; empty: every category of the frames. Each
    /// category is drawn with its own stream, so a category's rows do not depend on the others.
    public var categories: [String] = []
    public init(perCategory: Int = 20, unmatched: Int = 0, seed: UInt64 = 1, frames: [String] = [], categories: [String] = []) {
        self.perCategory = perCategory; self.unmatched = unmatched; self.seed = seed; self.frames = frames; self.categories = categories
    }
}

/// A drawn sheet and what it was drawn from.
public struct ValidationSample: Sendable {
    public struct Stratum: Sendable {
        public var frame: String
        public var category: String
        public var matches: Int
        public var entries: Int
        public var sampled: Int
        public var entriesSampled: Int
    }
    public var rows: [ValidationSheet.Row]
    public var strata: [Stratum]
    /// Scored sentences without a framing match (of at least `minimumTokens` words).
    public var unmatchedPopulation: Int
    /// Documents in matches.csv whose text the cache no longer holds (their rows have no context).
    public var withoutText: [String]

    /// Unmatched sentences shorter than this are headings, list labels or numbers: not drawn.
    public static let minimumTokens = 5
    /// Sentences longer than this (Unicode scalars) are cut around the match, with "…".
    public static let maximumContext = 600
}

extension ValidationSample {
    /// How many of `n` slots each entry gets: first one per entry, most frequent entries first
    /// (so a sample covers the entries, not just the frequent one), then the rest one at a time
    /// to the entry furthest below its share of the category's matches. Never more than an
    /// entry's matches; the total is min(n, Σ counts).
    public static func allocate(_ counts: [Int], _ n: Int) -> [Int] {
        let total = counts.reduce(0, +)
        let slots = min(max(0, n), total)
        var given = [Int](repeating: 0, count: counts.count)
        let order = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var left = slots
        for i in order where left > 0 && counts[i] > 0 { given[i] = 1; left -= 1 }
        while left > 0 {
            var best = -1, bestDeficit = -Double.infinity
            for i in order where given[i] < counts[i] {
                let deficit = Double(slots) * Double(counts[i]) / Double(total) - Double(given[i])
                if deficit > bestDeficit { best = i; bestDeficit = deficit }
            }
            given[best] += 1
            left -= 1
        }
        return given
    }

    /// k of 0..<n without replacement, in increasing order (a partial Fisher–Yates shuffle).
    public static func choose(_ k: Int, of n: Int, _ rng: inout SplitMix64) -> [Int] {
        var pool = Array(0..<n)
        let k = min(k, n)
        for i in 0..<k {
            let j = i + Int(rng.next() % UInt64(n - i))
            pool.swapAt(i, j)
        }
        return pool.prefix(k).sorted()
    }

    /// The sentence around scalars `match` of `scalars` (bounded by `sentence`), the match in [[ ]],
    /// white space collapsed, cut around the match when longer than `maximumContext`.
    public static func context(_ scalars: [Unicode.Scalar], sentence: Range<Int>, match: Range<Int>?) -> String {
        var lo = sentence.lowerBound, hi = sentence.upperBound
        var head = "", tail = ""
        if let m = match, hi - lo > maximumContext {
            let side = (maximumContext - (m.upperBound - m.lowerBound)) / 2
            if m.lowerBound - lo > side { lo = m.lowerBound - side; head = "…" }
            if hi - m.upperBound > side { hi = m.upperBound + side; tail = "…" }
        } else if match == nil, hi - lo > maximumContext {
            hi = lo + maximumContext; tail = "…"
        }
        var out = String.UnicodeScalarView()
        var lastSpace = true
        func put(_ s: Unicode.Scalar) {
            let space = s.properties.isWhitespace
            if space { if !lastSpace { out.append(" ") } } else { out.append(s) }
            lastSpace = space
        }
        for i in lo..<hi {
            if let m = match, i == m.lowerBound { "[[".unicodeScalars.forEach { out.append($0) }; lastSpace = false }
            if let m = match, i == m.upperBound { "]]".unicodeScalars.forEach { out.append($0) }; lastSpace = false }
            put(scalars[i])
        }
        if let m = match, m.upperBound >= hi { "]]".unicodeScalars.forEach { out.append($0) } }
        return head + String(out).trimmingCharacters(in: .whitespaces) + tail
    }
}

extension Engine {
    /// `polframe validate sample`: a stratified random sample of the last make's matches (per
    /// category, covering its entries; see `ValidationSample.allocate`) and optionally of scored
    /// sentences with no framing match, as a coding sheet. The same outputs and seed give the
    /// same sheet byte for byte.
    public func validationSample(_ o: ValidationSampleOptions) throws(MakeError) -> ValidationSample {
        let state = try readState()
        guard !state.documents.isEmpty else {
            throw .invalidInputs([.init(file: statePath, "no build yet: run `polframe make -f \(inputs.pipeline.path)` first")])
        }
        func read(_ name: String) throws(MakeError) -> CSVTable {
            let path = outputDirectory + "/" + name
            guard let t = try? String(contentsOfFile: path, encoding: .utf8), let table = CSVTable.parse(t) else {
                throw .invalidInputs([.init(file: path, "missing or unreadable: run `polframe make -f \(inputs.pipeline.path)` first")])
            }
            return table
        }
        let matches = try read("matches.csv"), documents = try read("documents.csv")
        for (t, name, cols) in [(matches, "matches.csv", ["doc_id", "frame", "category", "entry", "language", "start", "end", "text", "negated"]),
                                (documents, "documents.csv", ["doc_id", "country", "year", "language", "status"])] {
            let missing = cols.filter { !t.header.contains($0) }
            if !missing.isEmpty { throw .invalidInputs([.init(file: outputDirectory + "/" + name, line: 1, "missing columns \(missing.joined(separator: ", "))")]) }
        }
        let framing = inputs.lexicons.filter { $0.role == .framing }.flatMap { $0.frames.map(\.id) }
        let allFrames = inputs.lexicons.flatMap { $0.frames.map(\.id) }
        let unknown = o.frames.filter { !allFrames.contains($0) }
        if !unknown.isEmpty {
            throw .invalidInputs([.init(file: inputs.pipeline.path, "no frame \(unknown.joined(separator: ", ")) in the pipeline's lexicons (frames: \(allFrames.joined(separator: ", ")))")])
        }
        let allCategories = inputs.lexicons.flatMap { l in l.frames.flatMap { f in f.categories.map { f.id + "/" + $0.id } } }
        let unknownCategories = o.categories.filter { !allCategories.contains($0) }
        if !unknownCategories.isEmpty {
            throw .invalidInputs([.init(file: inputs.pipeline.path, "no category \(unknownCategories.joined(separator: ", ")) in the pipeline's lexicons (write frame/category)")])
        }
        let wanted = !o.frames.isEmpty ? o.frames : o.categories.isEmpty ? framing : Array(Set(o.categories.map { String($0.split(separator: "/")[0]) }))
        func col(_ t: CSVTable, _ n: String) -> Int { t.header.firstIndex(of: n)! }
        var docInfo: [String: [String]] = [:]
        for r in documents.rows { docInfo[r[col(documents, "doc_id")]] = [r[col(documents, "country")], r[col(documents, "year")], r[col(documents, "language")], r[col(documents, "status")]] }

        // Sentences of each document in scalars of its extracted text, loaded once.
        var texts: [String: (scalars: [Unicode.Scalar], sentences: [Range<Int>], tokens: [Int])?] = [:]
        func text(_ id: String) -> (scalars: [Unicode.Scalar], sentences: [Range<Int>], tokens: [Int])? {
            if let t = texts[id] { return t }
            var value: (scalars: [Unicode.Scalar], sentences: [Range<Int>], tokens: [Int])? = nil
            if let (t, analysis) = evidence(for: id, state: state), let a = analysis {
                let b = a.sentenceBounds
                let spans = b.count < 2 ? [] : (0..<(b.count - 1)).map { a.sourceSpan(b[$0], b[$0 + 1]) }
                var tokens = [Int](repeating: 0, count: spans.count)
                for s in a.tokenSentence where Int(s) < tokens.count { tokens[Int(s)] += 1 }
                value = (Array(t.unicodeScalars), spans, tokens)
            }
            texts[id] = value
            return value
        }
        func sentence(of offset: Int, in spans: [Range<Int>]) -> Int? {
            var lo = 0, hi = spans.count
            while lo < hi { let mid = (lo + hi) / 2; if spans[mid].upperBound <= offset { lo = mid + 1 } else { hi = mid } }
            return lo < spans.count ? lo : nil
        }

        struct Candidate { var row: [String]; var start: Int; var end: Int }
        var byCategory: [String: [String: [Candidate]]] = [:]
        var categoryOrder: [String] = []
        for l in inputs.lexicons { for f in l.frames where wanted.contains(f.id) { for c in f.categories { categoryOrder.append(f.id + "/" + c.id) } } }
        for r in matches.rows where wanted.contains(r[col(matches, "frame")]) {
            guard let s = Int(r[col(matches, "start")]), let e = Int(r[col(matches, "end")]) else { continue }
            let key = r[col(matches, "frame")] + "/" + r[col(matches, "category")]
            byCategory[key, default: [:]][r[col(matches, "entry")], default: []].append(Candidate(row: r, start: s, end: e))
        }
        var rows: [ValidationSheet.Row] = [], strata: [ValidationSample.Stratum] = []
        var withoutText: Set<String> = []
        for key in categoryOrder where byCategory[key] != nil && (o.categories.isEmpty || o.categories.contains(key)) {
            let entries = byCategory[key]!.keys.sorted()
            let pools = entries.map { e in byCategory[key]![e]!.sorted { ($0.row[col(matches, "doc_id")], $0.start, $0.end) < ($1.row[col(matches, "doc_id")], $1.start, $1.end) } }
            let given = ValidationSample.allocate(pools.map(\.count), o.perCategory)
            for (i, entry) in entries.enumerated() where given[i] > 0 {
                var rng = SplitMix64(seed: o.seed ^ StableHash.of(key + "/" + entry))
                for k in ValidationSample.choose(given[i], of: pools[i].count, &rng) {
                    let c = pools[i][k], id = c.row[col(matches, "doc_id")]
                    var ctx = ""
                    if let t = text(id), c.end <= t.scalars.count, let s = sentence(of: c.start, in: t.sentences) {
                        let span = min(t.sentences[s].lowerBound, c.start)..<max(t.sentences[s].upperBound, c.end)
                        ctx = ValidationSample.context(t.scalars, sentence: span, match: c.start..<c.end)
                    } else { withoutText.insert(id) }
                    let info = docInfo[id] ?? ["", "", "", ""]
                    rows.append(.init(kind: "match", docID: id, country: info[0], year: info[1], language: c.row[col(matches, "language")],
                                      frame: c.row[col(matches, "frame")], category: c.row[col(matches, "category")], entry: entry,
                                      start: c.start, end: c.end, matched: c.row[col(matches, "text")], negated: c.row[col(matches, "negated")] == "1",
                                      samplingWeight: Double(pools[i].count) / Double(given[i]), context: ctx))
                }
            }
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            strata.append(.init(frame: parts[0], category: parts[1], matches: pools.reduce(0) { $0 + $1.count }, entries: entries.count,
                                sampled: given.reduce(0, +), entriesSampled: given.filter { $0 > 0 }.count))
        }

        // Unmatched: scored sentences (near a topic hit under a passage filter) with no framing match.
        var population: [(String, Int)] = []
        let filter = inputs.pipeline.passageFilter
        var matchedSentences: [String: Set<Int>] = [:], topicSentences: [String: Set<Int>] = [:]
        if o.unmatched > 0 {
            for r in matches.rows {
                let id = r[col(matches, "doc_id")], frame = r[col(matches, "frame")]
                guard let s = Int(r[col(matches, "start")]), let t = text(id), let k = sentence(of: s, in: t.sentences) else { continue }
                if framing.contains(frame) { matchedSentences[id, default: []].insert(k) }
                if frame == filter?.frame { topicSentences[id, default: []].insert(k) }
            }
            for id in docInfo.keys.sorted() where docInfo[id]![3] == "ok" {
                guard let t = text(id) else { withoutText.insert(id); continue }
                for k in t.sentences.indices where t.tokens[k] >= ValidationSample.minimumTokens && !(matchedSentences[id]?.contains(k) ?? false) {
                    if let f = filter, !(max(0, k - f.window)...(k + f.window)).contains(where: { topicSentences[id]?.contains($0) ?? false }) { continue }
                    population.append((id, k))
                }
            }
            var rng = SplitMix64(seed: o.seed ^ StableHash.of("unmatched"))
            let chosen = ValidationSample.choose(o.unmatched, of: population.count, &rng)
            for i in chosen {
                let (id, k) = population[i]
                let t = text(id)!, span = t.sentences[k], info = docInfo[id]!
                rows.append(.init(kind: "unmatched", docID: id, country: info[0], year: info[1], language: info[2], frame: "", category: "", entry: "",
                                  start: span.lowerBound, end: span.upperBound, matched: "", negated: false,
                                  samplingWeight: Double(population.count) / Double(chosen.count),
                                  context: ValidationSample.context(t.scalars, sentence: span, match: nil)))
            }
        }
        return ValidationSample(rows: rows, strata: strata, unmatchedPopulation: population.count, withoutText: withoutText.sorted())
    }
}
