/// A category's share of its frame, year by year, and the linear trend of that share.
///
/// The share of a year is the category's weighted hits over the frame's weighted hits, pooled
/// over the year's documents: it measures the composition of a frame (what a group talks about
/// when it uses the frame), so it does not move with document length or with how much of a
/// document uses the frame at all. A year whose documents have no hit in the frame has no share.
public struct CategoryShareRow: Sendable, Hashable {
    public var group: String
    public var year: Int
    public var frame: String
    public var category: String
    public var documents: Int
    public var weighted: Double
    public var frameWeighted: Double
    /// nil where the frame has no hit in the year.
    public var share: Double?
    /// Bootstrap interval over the year's documents; nil with fewer than two documents.
    public var ciLow: Double?
    public var ciHigh: Double?
}

/// The trend of one category's share over the years of one group.
public struct TrendRow: Sendable, Hashable {
    public var group: String
    public var frame: String
    public var category: String
    /// Years with a share (the frame has hits), and the documents of those years.
    public var years: Int
    public var documents: Int
    public var firstYear: Int?
    public var lastYear: Int?
    /// Least-squares slope of the yearly share on the year (share points per year); nil with
    /// fewer than two years.
    public var slope: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
    /// The share of bootstrap replicates whose slope is above zero.
    public var positive: Double?
}

/// Category shares per year and their trends, with intervals from resampling documents.
///
/// The trend's interval resamples documents within each year (a stratified bootstrap): every
/// year keeps its number of documents, so the replicate slopes vary only with which documents a
/// year has. A year with one document contributes the same share to every replicate, so with
/// many single-document years the interval is narrower than the evidence warrants; the
/// `documents` and `years` columns say how much each trend rests on.
public struct TrendBuilder: Sendable {
    public var bootstrap: BootstrapOptions

    public init(bootstrap: BootstrapOptions = BootstrapOptions()) { self.bootstrap = bootstrap }

    /// The frame's categories in lexicon order: `(frame, [category])`.
    public typealias FrameCategories = (frame: String, categories: [String])

    struct Sums {
        var category: [Double]
        var frame: Double
    }

    /// Per document and frame, the weighted hits of each category and of the frame.
    static func sums(_ d: ScoredDocument, _ fc: FrameCategories) -> Sums {
        var out = Sums(category: [Double](repeating: 0, count: fc.categories.count), frame: 0)
        for c in d.score.categories where c.frame == fc.frame {
            out.frame += c.weighted
            if let k = fc.categories.firstIndex(of: c.category) { out.category[k] += c.weighted }
        }
        return out
    }

    private func groups(_ docs: [ScoredDocument]) -> [(group: String, years: [(year: Int, docs: [ScoredDocument])])] {
        Dictionary(grouping: docs, by: \.country).sorted { $0.key < $1.key }.map { g in
            let years = Dictionary(grouping: g.value, by: \.year).sorted { $0.key < $1.key }
                .map { (year: $0.key, docs: $0.value.sorted { $0.id < $1.id }) }
            return (group: g.key, years: years)
        }
    }

    /// One row per group × year × frame × category.
    public func shares(_ docs: [ScoredDocument], frames: [FrameCategories]) -> [CategoryShareRow] {
        var rows: [CategoryShareRow] = []
        for g in groups(docs) {
            for fc in frames {
                for y in g.years {
                    let s = y.docs.map { Self.sums($0, fc) }
                    let frameTotal = s.reduce(0) { $0 + $1.frame }
                    for (k, category) in fc.categories.enumerated() {
                        let w = s.reduce(0) { $0 + $1.category[k] }
                        var ci: (Double, Double)? = nil
                        if s.count >= 2 && frameTotal > 0 {
                            var rng = SplitMix64(seed: bootstrap.seed ^ StableHash.of("\(g.group)|\(y.year)|\(fc.frame)|\(category)|share"))
                            var reps: [Double] = []
                            reps.reserveCapacity(bootstrap.replicates)
                            for _ in 0..<bootstrap.replicates {
                                var c = 0.0, f = 0.0
                                for _ in 0..<s.count {
                                    let i = rng.index(s.count)
                                    c += s[i].category[k]; f += s[i].frame
                                }
                                if f > 0 { reps.append(c / f) }
                            }
                            ci = Quantiles.interval(reps, level: bootstrap.level)
                        }
                        rows.append(CategoryShareRow(group: g.group, year: y.year, frame: fc.frame, category: category,
                                                     documents: s.count, weighted: w, frameWeighted: frameTotal,
                                                     share: frameTotal > 0 ? w / frameTotal : nil, ciLow: ci?.0, ciHigh: ci?.1))
                    }
                }
            }
        }
        return rows
    }

    /// One row per group × frame × category: the slope of the yearly share on the year.
    public func trends(_ docs: [ScoredDocument], frames: [FrameCategories]) -> [TrendRow] {
        var rows: [TrendRow] = []
        for g in groups(docs) {
            for fc in frames {
                let perYear = g.years.map { (year: $0.year, sums: $0.docs.map { Self.sums($0, fc) }) }
                for (k, category) in fc.categories.enumerated() {
                    rows.append(trend(group: g.group, fc: fc, k: k, category: category, perYear: perYear))
                }
            }
        }
        return rows
    }

    private func trend(group: String, fc: FrameCategories, k: Int, category: String,
                       perYear: [(year: Int, sums: [Sums])]) -> TrendRow {
        func points(_ pick: (Int, [Sums]) -> (Double, Double)) -> [(Double, Double)] {
            var out: [(Double, Double)] = []
            for (i, y) in perYear.enumerated() {
                let (c, f) = pick(i, y.sums)
                if f > 0 { out.append((Double(y.year), c / f)) }
            }
            return out
        }
        let observed = points { _, s in (s.reduce(0) { $0 + $1.category[k] }, s.reduce(0) { $0 + $1.frame }) }
        let withShare = perYear.filter { $0.sums.contains { $0.frame > 0 } }
        var row = TrendRow(group: group, frame: fc.frame, category: category, years: observed.count,
                           documents: withShare.reduce(0) { $0 + $1.sums.count },
                           firstYear: observed.first.map { Int($0.0) }, lastYear: observed.last.map { Int($0.0) },
                           slope: Self.slope(observed), ciLow: nil, ciHigh: nil, positive: nil)
        guard row.slope != nil, perYear.contains(where: { $0.sums.count >= 2 }) else { return row }
        var rng = SplitMix64(seed: bootstrap.seed ^ StableHash.of("\(group)|\(fc.frame)|\(category)|trend"))
        var reps: [Double] = []
        reps.reserveCapacity(bootstrap.replicates)
        for _ in 0..<bootstrap.replicates {
            let p = points { _, s in
                var c = 0.0, f = 0.0
                for _ in 0..<s.count {
                    let i = rng.index(s.count)
                    c += s[i].category[k]; f += s[i].frame
                }
                return (c, f)
            }
            if let b = Self.slope(p) { reps.append(b) }
        }
        if let ci = Quantiles.interval(reps, level: bootstrap.level) {
            row.ciLow = ci.0; row.ciHigh = ci.1
            row.positive = Double(reps.filter { $0 > 0 }.count) / Double(reps.count)
        }
        return row
    }

    /// Ordinary least squares slope of y on x; nil with fewer than two distinct x.
    public static func slope(_ points: [(Double, Double)]) -> Double? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.0 } / n, my = points.reduce(0) { $0 + $1.1 } / n
        var sxy = 0.0, sxx = 0.0
        for (x, y) in points { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        return sxx > 0 ? sxy / sxx : nil
    }
}
