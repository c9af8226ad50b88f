import Foundation
import PolframeLexicon
import PolframeScore

/// What coded sheets say about the lexicon: precision per entry, category and frame, the share
/// of unmatched sentences that coders found a category in, recall bounds, and coder agreement.
public struct ValidationScore: Sendable {
    /// One row of validation.csv.
    public struct Line: Sendable {
        public var level: String
        public var frame = "", category = "", entry = ""
        /// Coded passages (matches, or unmatched sentences for the missed rates).
        public var passages = 0
        public var coders = 0
        /// Matches in the population the rows stand for (Σ sampling weights of the drawn rows).
        public var matches: Double?
        public var precision: Double?, ciLow: Double?, ciHigh: Double?, effectiveN: Double?
        public var missedRate: Double?, missedLow: Double?, missedHigh: Double?
        public var recall: Double?, recallLow: Double?, recallHigh: Double?
        public var kappa: Double?, alpha: Double?
        public var disagreements = 0
    }
    /// A passage the coders labelled differently.
    public struct Disagreement: Sendable {
        public var row: ValidationSheet.Row
        public var codings: [(coder: String, value: String)]
    }
    public var lines: [Line]
    public var disagreements: [Disagreement]
    public var coders: [String]
    /// Unmatched sentences in the population the unmatched rows were drawn from.
    public var unmatchedPopulation: Double

    public static let header = ["level", "frame", "category", "entry", "passages", "coders", "matches", "precision", "ci_low", "ci_high",
                                "effective_n", "missed_rate", "missed_low", "missed_high", "recall", "recall_low", "recall_high",
                                "kappa", "alpha", "disagreements"]

    /// validation.csv: entries, then categories, then frames, then the overall rows.
    public var csv: String {
        var t = CSVTable(header: Self.header)
        func f(_ v: Double?, _ d: Int = 4) -> String { v.map { NumberFormat.fixed($0, d) } ?? "" }
        for l in lines {
            t.append([l.level, l.frame, l.category, l.entry, String(l.passages), String(l.coders), f(l.matches, 1), f(l.precision), f(l.ciLow), f(l.ciHigh),
                      f(l.effectiveN, 1), f(l.missedRate), f(l.missedLow), f(l.missedHigh), f(l.recall), f(l.recallLow), f(l.recallHigh),
                      f(l.kappa), f(l.alpha), String(l.disagreements)])
        }
        return t.text
    }

    /// validation_disagreements.csv: each passage the coders labelled differently, with every coding.
    public var disagreementsCSV: String {
        var t = CSVTable(header: ["kind", "doc_id", "frame", "category", "entry", "start", "end", "context", "codings"])
        for d in disagreements {
            let r = d.row
            t.append([r.kind, r.docID, r.frame, r.category, r.entry, String(r.start), String(r.end), r.context,
                      d.codings.map { "\($0.coder)=\($0.value)" }.joined(separator: "; ")])
        }
        return t.text
    }

    /// Scores coded rows (from one sheet or several). A row's coder defaults to its sheet's file
    /// name; one coder labelling one passage twice in two ways is a problem, reported with both lines.
    public static func compute(_ rows: [ValidationSheet.CodedRow]) -> (score: ValidationScore, problems: [Problem]) {
        var problems: [Problem] = []
        var meta: [String: ValidationSheet.Row] = [:], order: [String] = []
        var codings: [String: [String: String]] = [:], seenAt: [String: (String, Int)] = [:]
        // Each sheet's rows stand for the whole population, so the matches a group stands for
        // are counted per sheet (the largest sheet's count), not summed over sheets.
        var weightIn: [String: [String: Double]] = [:]
        for c in rows {
            let key = c.row.key
            if meta[key] == nil { meta[key] = c.row; order.append(key) }
            weightIn[c.file, default: [:]][key] = c.row.samplingWeight
            let value = c.row.kind == "match" ? c.row.correct : (c.row.missed.isEmpty ? "" : ValidationSheet.missedCategories(c.row.missed).sorted().joined(separator: ";"))
            guard !value.isEmpty || (c.row.kind == "unmatched" && !c.row.missed.isEmpty) else { continue }
            let coder = c.row.coder.isEmpty ? "sheet " + (c.file as NSString).lastPathComponent : c.row.coder
            if let old = codings[key]?[coder], old != value, let at = seenAt[key + "\u{1F}" + coder] {
                problems.append(Problem(file: c.file, line: c.line, "\(coder) coded this passage '\(value)' here and '\(old)' at \(at.0):\(at.1)"))
                continue
            }
            codings[key, default: [:]][coder] = value
            seenAt[key + "\u{1F}" + coder] = (c.file, c.line)
        }
        let allCoders = Set(codings.values.flatMap(\.keys)).sorted()
        let matchKeys = order.filter { meta[$0]!.kind == "match" }, unmatchedKeys = order.filter { meta[$0]!.kind == "unmatched" }
        func represented(_ keys: [String]) -> Double {
            weightIn.values.map { w in keys.reduce(0.0) { $0 + (w[$1] ?? 0) } }.max() ?? 0
        }
        let population = represented(unmatchedKeys)
        let codedUnmatched = unmatchedKeys.filter { codings[$0] != nil }

        func precisionLine(_ level: String, _ keys: [String], frame: String, category: String = "", entry: String = "") -> Line {
            var l = Line(level: level, frame: frame, category: category, entry: entry)
            l.matches = represented(keys)
            let coded = keys.filter { codings[$0] != nil }
            l.passages = coded.count
            l.coders = Set(coded.flatMap { codings[$0]!.keys }).count
            let values = coded.map { k -> (value: Double, weight: Double) in
                let v = codings[k]!.values.map { Double($0) ?? 0 }
                return (v.reduce(0, +) / Double(v.count), meta[k]!.samplingWeight)
            }
            if let w = Wilson.weighted(values) { l.precision = w.estimate; l.ciLow = w.low; l.ciHigh = w.high; l.effectiveN = w.effectiveN }
            let units = coded.map { codings[$0]! }
            l.alpha = Agreement.krippendorffAlpha(units)
            let coderSet = Set(units.filter { $0.count >= 2 }.flatMap(\.keys)).sorted()
            if coderSet.count == 2 { l.kappa = Agreement.cohensKappa(units, coders: coderSet[0], coderSet[1]) }
            l.disagreements = units.filter { Set($0.values).count > 1 }.count
            // Missed rate: the share of coded unmatched sentences marked with this category (or, for
            // a frame or the whole, any of its categories).
            if !codedUnmatched.isEmpty {
                let marks = codedUnmatched.map { k -> Double in
                    let v = codings[k]!.values.map { value -> Double in
                        let cats = value.split(separator: ";").map(String.init)
                        let hit = cats.contains { c in
                            if !category.isEmpty { return c == frame + "/" + category }
                            return frame.isEmpty ? true : c.hasPrefix(frame + "/")
                        }
                        return hit ? 1 : 0
                    }
                    return v.reduce(0, +) / Double(v.count)
                }
                let x = marks.reduce(0, +), n = Double(marks.count)
                l.missedRate = x / n
                if let ci = Wilson.interval(successes: x, n: n) { l.missedLow = ci.low; l.missedHigh = ci.high }
                // Recall = TP / (TP + FN) with TP = matches × precision and FN = missed rate ×
                // unmatched sentences (one missed hit per marked sentence); the bounds pair the
                // precision and missed-rate interval ends that make recall smallest and largest.
                if let m = l.matches, m > 0, let p = l.precision, let pl = l.ciLow, let ph = l.ciHigh, let ml = l.missedLow, let mh = l.missedHigh {
                    func recall(_ p: Double, _ r: Double) -> Double { m * p + r * population > 0 ? m * p / (m * p + r * population) : 0 }
                    l.recall = recall(p, x / n); l.recallLow = recall(pl, mh); l.recallHigh = recall(ph, ml)
                }
            }
            return l
        }

        var lines: [Line] = []
        func group(_ keyOf: (ValidationSheet.Row) -> String) -> [(String, [String])] {
            var g: [String: [String]] = [:], o: [String] = []
            for k in matchKeys { let gk = keyOf(meta[k]!); if g[gk] == nil { o.append(gk) }; g[gk, default: []].append(k) }
            return o.sorted().map { ($0, g[$0]!) }
        }
        for (_, keys) in group({ EntryKey.of(frame: $0.frame, category: $0.category, form: $0.entry) }) {
            let r = meta[keys[0]]!
            var l = precisionLine("entry", keys, frame: r.frame, category: r.category, entry: r.entry)
            l.missedRate = nil; l.missedLow = nil; l.missedHigh = nil; l.recall = nil; l.recallLow = nil; l.recallHigh = nil
            lines.append(l)
        }
        for (_, keys) in group({ "\($0.frame)/\($0.category)" }) {
            let r = meta[keys[0]]!
            lines.append(precisionLine("category", keys, frame: r.frame, category: r.category))
        }
        for (_, keys) in group({ $0.frame }) { lines.append(precisionLine("frame", keys, frame: meta[keys[0]]!.frame)) }
        if !matchKeys.isEmpty || !codedUnmatched.isEmpty {
            var all = precisionLine("all", matchKeys, frame: "")
            if matchKeys.isEmpty { all.matches = nil }
            lines.append(all)
        }

        var disagreements: [Disagreement] = []
        for k in order {
            guard let c = codings[k], Set(c.values).count > 1 else { continue }
            disagreements.append(.init(row: meta[k]!, codings: c.keys.sorted().map { ($0, c[$0]!) }))
        }
        return (ValidationScore(lines: lines, disagreements: disagreements, coders: allCoders, unmatchedPopulation: population), problems)
    }
}
