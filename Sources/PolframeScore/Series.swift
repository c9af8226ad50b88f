import Dispatch
/// A scored document with the facts series need.
public struct ScoredDocument: Sendable {
    public var id: String
    public var country: String
    public var year: Int
    public var language: String
    public var score: DocumentScore

    public init(id: String, country: String, year: Int, language: String, score: DocumentScore) {
        self.id = id
        self.country = country
        self.year = year
        self.language = language
        self.score = score
    }
}

/// Bootstrap settings: replicates, confidence level and seed (the same seed gives the same
/// intervals on every run).
public struct BootstrapOptions: Sendable, Hashable {
    public var replicates: Int
    public var level: Double
    public var seed: UInt64
    public init(replicates: Int = 1000, level: Double = 0.95, seed: UInt64 = 20_251_029) {
        self.replicates = replicates
        self.level = level
        self.seed = seed
    }
}

public struct SeriesRow: Sendable, Hashable {
    public var country: String
    public var year: Int
    public var frame: String
    public var documents: Int
    public var tokens: Int
    public var hits: Int
    public var weighted: Double
    public var rate: Double
    public var ciLow: Double?
    public var ciHigh: Double?

    public init(country: String, year: Int, frame: String, documents: Int, tokens: Int, hits: Int, weighted: Double,
                rate: Double, ciLow: Double?, ciHigh: Double?) {
        self.country = country; self.year = year; self.frame = frame; self.documents = documents; self.tokens = tokens
        self.hits = hits; self.weighted = weighted; self.rate = rate; self.ciLow = ciLow; self.ciHigh = ciHigh
    }
}

public struct ContrastRow: Sendable, Hashable {
    public var country: String
    public var year: Int
    public var documents: Int
    public var plus: Double
    public var minus: Double
    /// (plus − minus) / (plus + minus); nil where there are no hits.
    public var index: Double?
    public var ciLow: Double?
    public var ciHigh: Double?

    public init(country: String, year: Int, documents: Int, plus: Double, minus: Double, index: Double?, ciLow: Double?, ciHigh: Double?) {
        self.country = country; self.year = year; self.documents = documents; self.plus = plus; self.minus = minus
        self.index = index; self.ciLow = ciLow; self.ciHigh = ciHigh
    }
}

/// How documents of different lengths count in a cell.
public enum Weighting: String, Sendable, Hashable, CaseIterable {
    /// Pool tokens: weighted hits per 10,000 tokens of all the cell's documents together (a long
    /// document counts for more).
    case tokens
    /// Each document counts once: the mean of its rates; the contrast pools per-token rates.
    case documents
}

/// Aggregates document scores into group × year series (the group is the country unless the
/// pipeline says otherwise) with bootstrap intervals over documents.
public struct SeriesBuilder: Sendable {
    public var bootstrap: BootstrapOptions
    public var weighting: Weighting
    public init(bootstrap: BootstrapOptions = BootstrapOptions(), weighting: Weighting = .tokens) {
        self.bootstrap = bootstrap
        self.weighting = weighting
    }

    /// A cell's value from per-document weighted hits and tokens, under the weighting.
    func rate(_ w: [Double], _ t: [Int], _ pick: [Int]) -> Double? {
        switch weighting {
        case .tokens:
            var sw = 0.0, st = 0
            for k in pick { sw += w[k]; st += t[k] }
            return st > 0 ? sw / Double(st) * 10_000 : nil
        case .documents:
            var sum = 0.0, n = 0
            for k in pick where t[k] > 0 { sum += w[k] / Double(t[k]) * 10_000; n += 1 }
            return n > 0 ? sum / Double(n) : nil
        }
    }

    struct Cell: Hashable, Comparable {
        var country: String
        var year: Int
        static func < (a: Cell, b: Cell) -> Bool { a.country != b.country ? a.country < b.country : a.year < b.year }
    }

    private func cells(_ docs: [ScoredDocument]) -> [(Cell, [ScoredDocument])] {
        Dictionary(grouping: docs) { Cell(country: $0.country, year: $0.year) }
            .map { ($0.key, $0.value.sorted { $0.id < $1.id }) }
            .sorted { $0.0 < $1.0 }
    }

    /// One row per country × year × frame, frames in `frames` order. Cells are bootstrapped on
    /// all cores: each has its own seeded generator, so the rows do not depend on the order.
    public func series(_ docs: [ScoredDocument], frames: [String]) -> [SeriesRow] {
        let all = cells(docs)
        return Parallel.map(all.count) { i in seriesRows(all[i].0, all[i].1, frames: frames) }.flatMap { $0 }
    }

    private func seriesRows(_ cell: Cell, _ members: [ScoredDocument], frames: [String]) -> [SeriesRow] {
        var rows: [SeriesRow] = []
        do {
            let tokens = members.map { $0.score.scoredTokens }
            for frame in frames {
                let w = members.map { $0.score.weighted(frame: frame) }
                let hits = members.reduce(0) { $0 + $1.score.categories.filter { $0.frame == frame }.reduce(0) { $0 + $1.hits } }
                let totalTokens = tokens.reduce(0, +)
                let weighted = w.reduce(0, +)
                let all = Array(0..<members.count)
                let rate = self.rate(w, tokens, all) ?? Double.nan
                var ci: (Double, Double)? = nil
                if members.count >= 2 {
                    var rng = SplitMix64(seed: bootstrap.seed ^ StableHash.of("\(cell.country)|\(cell.year)|\(frame)"))
                    var reps: [Double] = []
                    reps.reserveCapacity(bootstrap.replicates)
                    var pick = [Int](repeating: 0, count: members.count)
                    for _ in 0..<bootstrap.replicates {
                        for j in 0..<members.count { pick[j] = rng.index(members.count) }
                        if let r = self.rate(w, tokens, pick) { reps.append(r) }
                    }
                    ci = Quantiles.interval(reps, level: bootstrap.level)
                }
                rows.append(SeriesRow(country: cell.country, year: cell.year, frame: frame, documents: members.count,
                                      tokens: totalTokens, hits: hits, weighted: weighted, rate: rate,
                                      ciLow: ci?.0, ciHigh: ci?.1))
            }
        }
        return rows
    }

    /// One row per country × year: the contrast of the plus side against the minus side (each a
    /// frame or a `FRAME/CATEGORY`)
    /// (cells on all cores, as in `series`).
    public func contrast(_ docs: [ScoredDocument], plus: String, minus: String) -> [ContrastRow] {
        let all = cells(docs)
        return Parallel.map(all.count) { i in contrastRow(all[i].0, all[i].1, plus: plus, minus: minus) }
    }

    private func contrastRow(_ cell: Cell, _ members: [ScoredDocument], plus: String, minus: String) -> ContrastRow {
        do {
            // Under document weighting each document contributes its per-token rates, so a long
            // document does not outweigh short ones.
            let scale = members.map { d -> Double in
                weighting == .documents ? (d.score.scoredTokens > 0 ? 10_000 / Double(d.score.scoredTokens) : 0) : 1
            }
            let p = members.indices.map { members[$0].score.weighted(term: plus) * scale[$0] }
            let m = members.indices.map { members[$0].score.weighted(term: minus) * scale[$0] }
            let P = p.reduce(0, +), M = m.reduce(0, +)
            let index: Double? = P + M > 0 ? (P - M) / (P + M) : nil
            var ci: (Double, Double)? = nil
            if index != nil && members.count >= 2 {
                var rng = SplitMix64(seed: bootstrap.seed ^ StableHash.of("\(cell.country)|\(cell.year)|contrast"))
                var reps: [Double] = []
                reps.reserveCapacity(bootstrap.replicates)
                for _ in 0..<bootstrap.replicates {
                    var sp = 0.0, sm = 0.0
                    for _ in 0..<members.count {
                        let k = rng.index(members.count)
                        sp += p[k]; sm += m[k]
                    }
                    if sp + sm > 0 { reps.append((sp - sm) / (sp + sm)) }
                }
                ci = Quantiles.interval(reps, level: bootstrap.level)
            }
            return ContrastRow(country: cell.country, year: cell.year, documents: members.count, plus: P, minus: M,
                               index: index, ciLow: ci?.0, ciHigh: ci?.1)
        }
    }
}


public enum Quantiles {
    /// The central `level` interval by linear interpolation between order statistics.
    public static func interval(_ values: [Double], level: Double) -> (Double, Double)? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let a = (1 - level) / 2
        return (quantile(s, a), quantile(s, 1 - a))
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let pos = q * Double(sorted.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        let f = pos - Double(lo)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * f
    }
}
