import PolframeScore

/// The contrast index by group over the years: one line per group (broken where a year has no
/// documents or rests on one document), its bootstrap interval as a band, markers sized by the
/// hits behind them, and the number of documents in each year.
public enum ContrastFigure {
    /// The figure from contrast rows alone (hits taken as the weighted hits, no translations).
    public static func render(_ rows: [ContrastRow], title: String, plus: String, minus: String, source: String) -> String {
        render(rows.map { ContrastLine(row: $0, hits: Int(($0.plus + $0.minus).rounded()), translated: 0) },
               options: FigureOptions(title: title, source: source, plus: plus, minus: minus))
    }

    static func render(_ lines: [ContrastLine], options: FigureOptions) -> String {
        var c = SVGCanvas()
        let left = 84.0, right = c.width - 24
        let plus = options.plus, minus = options.minus, noun = options.groupNoun
        let title = options.heading("Framing contrast by \(noun) and year")
        var y = c.heading(title: title, subtitle: [
            "Contrast index = (\(plus) − \(minus)) / (\(plus) + \(minus)), over the weighted lexicon hits of each \(noun)-year's documents; +1: only \(plus), −1: only \(minus).",
        ])
        let rows = lines.map(\.row)
        let groups = Array(Set(rows.map(\.country))).sorted()
        let colours = options.colours(for: groups)
        let markers = MarkerScale(hits: lines.filter { $0.row.index != nil }.map(\.hits), minHits: options.minHits)
        y = TimeSeriesLayer.legend(&c, groups: groups, colours: colours, top: y, left: left, markers: markers,
                                   translated: lines.contains { $0.translated > 0 },
                                   fewDocuments: lines.contains { $0.fewDocuments && $0.row.ciLow != nil }) + 8

        let xs = YearScale(years: rows.map(\.year), left: left, right: right)
        // The scale runs a little past ±1 so the notes of direction sit clear of points at ±1.
        let ys = ValueScale(lo: -1.16, hi: 1.16, top: y + 4, bottom: y + 274)
        TimeSeriesLayer.valueAxis(&c, ys, ticks: [-1, -0.5, 0, 0.5, 1], left: left, right: right, title: "Contrast index", emphasise: 0)
        c.text(left + 8, ys.y(1.16) + 12, "↑ more \(plus)", size: 10.5, fill: "#555")
        c.text(left + 8, ys.y(-1.16) - 4, "↓ more \(minus)", size: 10.5, fill: "#555")

        let dodgeStep = min(6, xs.slot * 0.12)
        for (i, group) in groups.enumerated() {
            let points = lines.filter { $0.row.country == group }.compactMap { l in
                l.row.index.map { SeriesPoint(year: l.row.year, value: $0, low: l.row.ciLow, high: l.row.ciHigh, documents: l.row.documents,
                                              hits: l.hits, translated: l.translated, fewDocuments: l.fewDocuments) }
            }
            TimeSeriesLayer.draw(&c, points, colour: colours[group]!, dodge: (Double(i) - Double(groups.count - 1) / 2) * dodgeStep,
                                 xs: xs, ys: ys, label: group, markers: markers, format: { NumberFormat.fixed($0, 3) })
        }
        y = TimeSeriesLayer.yearAxis(&c, xs, bottom: ys.bottom)
        var counts: [String: [Int: Int]] = [:]
        for r in rows { counts[r.country, default: [:]][r.year] = r.documents }
        y = TimeSeriesLayer.documentTable(&c, xs, top: y, countries: groups, colours: colours, counts: counts)
        let noHits = rows.filter { $0.index == nil }.map { "\($0.country) \($0.year)" }
        var notes = ["–: no documents that year (a gap, not a zero)."]
        if !noHits.isEmpty { notes[0] += " No hits of either frame, so no index: \(noHits.joined(separator: ", "))." }
        let translated = lines.filter { $0.translated > 0 }.map { "\($0.row.country) \($0.row.year) (\($0.translated) of \($0.row.documents))" }
        if !translated.isEmpty { notes.append("Translated documents, matched in the translation's language: \(translated.joined(separator: ", ")).") }
        y = c.sourceNote(notes + [options.source], at: y + 4)
        return c.document(height: y, title: title, description: "Line chart of the contrast index by \(noun) and year with bootstrap intervals.")
    }
}
