import Foundation
import PolframeLexicon
import PolframeScore

/// Category precision measured by a pipeline's coded sheets, applied to weighted hits: a
/// category's adjusted count is its weighted hits × its precision (docs/METHOD.md, "Validation").
struct PrecisionAdjustment: Sendable {
    /// "frame/category" → precision (HT-weighted over the coded matches of current entries).
    let categories: [String: Double]
    /// frame → precision, for categories without a coded match.
    let frames: [String: Double]
    /// The scoring behind it, written as the pipeline's validation.csv.
    let score: ValidationScore

    /// The factor of a category: its precision, else its frame's, else 1 (no evidence, no change).
    func factor(frame: String, category: String) -> Double {
        categories[frame + "/" + category] ?? frames[frame] ?? 1
    }

    /// The documents with every category's weighted hits scaled by its factor.
    func adjust(_ docs: [ScoredDocument]) -> [ScoredDocument] {
        docs.map { d in
            var c = d
            for i in c.score.categories.indices {
                c.score.categories[i].weighted *= factor(frame: c.score.categories[i].frame, category: c.score.categories[i].category)
            }
            return c
        }
    }

    /// Reads the sheets; rows of entries the lexicons no longer have are left out (a sheet coded
    /// before an entry was removed still measures the entries that remain). Nil without sheets.
    static func load(_ paths: [String], lexicons: [CompiledLexicon]) throws(MakeError) -> PrecisionAdjustment? {
        guard !paths.isEmpty else { return nil }
        var rows: [ValidationSheet.CodedRow] = [], problems: [Problem] = []
        for p in paths {
            let r = ValidationSheet.read(p)
            rows += r.rows
            problems += r.problems
        }
        let current = Set(lexicons.flatMap { l in l.patterns.map { EntryKey.of(frame: $0.frame, category: $0.category, form: $0.form) } })
        rows = rows.filter { $0.row.kind != "match" || current.contains(EntryKey.of(frame: $0.row.frame, category: $0.row.category, form: $0.row.entry)) }
        let (score, more) = ValidationScore.compute(rows)
        problems += more
        guard problems.isEmpty else { throw .invalidInputs(problems) }
        var categories: [String: Double] = [:], frames: [String: Double] = [:]
        for l in score.lines {
            guard let p = l.precision else { continue }
            if l.level == "category" { categories[l.frame + "/" + l.category] = p }
            if l.level == "frame" { frames[l.frame] = p }
        }
        return PrecisionAdjustment(categories: categories, frames: frames, score: score)
    }
}

extension Inputs {
    /// The coded sheets' content, so editing a sheet re-runs the aggregate (nothing when the
    /// pipeline names none, so other pipelines keep their fingerprints).
    var validationComponents: [(String, String)] {
        pipeline.validationSheets.map { ("validation sheet \(($0 as NSString).lastPathComponent)", Digest.sha256(file: $0) ?? "missing") }
    }
}

/// series, contrast and pooled contrast over precision-adjusted documents: point values beside
/// the raw ones (one bootstrap replicate stands in for the intervals, which are not written).
struct AdjustedTables {
    let series: [SeriesRow]
    let contrast: [ContrastRow]
    let overall: [ContrastRow]
    /// validation.csv of the sheets, as `polframe validate score` writes it.
    let validation: String

    /// Nil when the pipeline names no coded sheet.
    static func make(_ p: Pipeline, lexicons: [CompiledLexicon], scored: [ScoredDocument], frames: [String]) throws(MakeError) -> AdjustedTables? {
        guard let adjustment = try PrecisionAdjustment.load(p.validationSheets, lexicons: lexicons) else { return nil }
        let docs = adjustment.adjust(scored)
        let builder = SeriesBuilder(bootstrap: BootstrapOptions(replicates: 1, level: p.bootstrap.level, seed: p.bootstrap.seed), weighting: p.weighting)
        let pooled = docs.map { d -> ScoredDocument in
            var c = d
            c.year = 0
            return c
        }
        return AdjustedTables(series: builder.series(docs, frames: frames), contrast: builder.contrast(docs, plus: p.plus, minus: p.minus),
                              overall: builder.contrast(pooled, plus: p.plus, minus: p.minus), validation: adjustment.score.csv)
    }
}
