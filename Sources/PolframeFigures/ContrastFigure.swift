import PolframeScore

/// The contrast index by country over the years: one line per country (broken where a year has
/// no documents), its bootstrap interval as a band, and the number of documents in each year.
public enum ContrastFigure {
    public static func render(_ rows: [ContrastRow], title: String, plus: String, minus: String, source: String) -> String {
        var c = SVGCanvas()
        let left = 84.0, right = c.width - 24
        var y = c.heading(title: title, subtitle: [
            "Contrast index = (\(plus) − \(minus)) / (\(plus) + \(minus)), over the weighted lexicon hits of each country-year's documents; +1: only \(plus), −1: only \(minus).",
        ])
        let countries = Array(Set(rows.map(\.country))).sorted()
        let colours = SVG.colours(for: countries)
        y = TimeSeriesLayer.legend(&c, countries: countries, colours: colours, top: y, left: left) + 8

        let xs = YearScale(years: rows.map(\.year), left: left, right: right)
        // The scale runs a little past ±1 so the notes of direction sit clear of points at ±1.
        let ys = ValueScale(lo: -1.16, hi: 1.16, top: y + 4, bottom: y + 274)
        TimeSeriesLayer.valueAxis(&c, ys, ticks: [-1, -0.5, 0, 0.5, 1], left: left, right: right, title: "Contrast index", emphasise: 0)
        c.text(left + 8, ys.y(1.16) + 12, "↑ more \(plus)", size: 10.5, fill: "#555")
        c.text(left + 8, ys.y(-1.16) - 4, "↓ more \(minus)", size: 10.5, fill: "#555")

        let dodgeStep = min(6, xs.slot * 0.12)
        for (i, country) in countries.enumerated() {
            let points = rows.filter { $0.country == country }.compactMap { r in
                r.index.map { SeriesPoint(year: r.year, value: $0, low: r.ciLow, high: r.ciHigh, documents: r.documents) }
            }
            TimeSeriesLayer.draw(&c, points, colour: colours[country]!, dodge: (Double(i) - Double(countries.count - 1) / 2) * dodgeStep,
                                 xs: xs, ys: ys, label: country, format: { NumberFormat.fixed($0, 3) })
        }
        y = TimeSeriesLayer.yearAxis(&c, xs, bottom: ys.bottom)
        var counts: [String: [Int: Int]] = [:]
        for r in rows { counts[r.country, default: [:]][r.year] = r.documents }
        y = TimeSeriesLayer.documentTable(&c, xs, top: y, countries: countries, colours: colours, counts: counts)
        let noHits = rows.filter { $0.index == nil }.map { "\($0.country) \($0.year)" }
        var notes = ["–: no documents that year (a gap, not a zero)."]
        if !noHits.isEmpty { notes[0] += " No hits of either frame, so no index: \(noHits.joined(separator: ", "))." }
        y = c.sourceNote(notes + [source], at: y + 4)
        return c.document(height: y, title: title, description: "Line chart of the contrast index by country and year with bootstrap intervals.")
    }
}
