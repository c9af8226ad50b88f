import PolframeScore

/// The pooled rate of each frame per 10,000 tokens by group and year: one panel per frame on
/// a shared scale, one line per group with its bootstrap band, document counts underneath.
enum FrameRatesFigure {
    static func render(_ lines: [SeriesLine], options: FigureOptions, languages: Languages) -> String {
        var c = SVGCanvas()
        let left = 84.0, right = c.width - 24
        let noun = options.groupNoun
        let title = options.heading("Frame rates per 10,000 tokens by \(noun) and year")
        var subtitle = ["Weighted lexicon hits per 10,000 tokens, pooled over each \(noun)-year's documents; one panel per frame; \(options.plus) and \(options.minus) on the same scale."]
        if let note = languages.note { subtitle.append(note) }
        var y = c.heading(title: title, subtitle: subtitle)
        let rows = lines.map(\.row)
        let countries = Array(Set(rows.map(\.country))).sorted()
        let colours = options.colours(for: countries)
        let markers = MarkerScale(hits: rows.filter { $0.rate.isFinite }.map(\.hits), minHits: options.minHits)
        var frames: [String] = []
        for f in [options.plus, options.minus] + rows.map(\.frame) where rows.contains(where: { $0.frame == f }) && !frames.contains(f) { frames.append(f) }
        y = TimeSeriesLayer.legend(&c, groups: countries, colours: colours, top: y, left: left, markers: markers,
                                   translated: lines.contains { $0.translated > 0 },
                                   fewDocuments: lines.contains { $0.fewDocuments && $0.row.ciLow != nil }) + 6

        let xs = YearScale(years: rows.map(\.year), left: left, right: right)
        // The contrast's two frames share a scale (they are compared); any other frame (a topic
        // filter such as topic_technology) gets its own, said in its panel title.
        let contrastFrames = [options.plus, options.minus]
        func scale(_ frame: String) -> (ticks: [Double], hi: Double) {
            let group = contrastFrames.contains(frame) ? contrastFrames : [frame]
            let values = rows.filter { group.contains($0.frame) }.flatMap { [$0.rate, $0.ciHigh ?? 0] }.filter { $0.isFinite }
            let top = max(1, (values.max() ?? 1) * 1.05)
            var ticks = SVG.ticks(0, top, target: 4)
            // End on a tick above the highest value, so no point or band touches the panel title.
            if let last = ticks.last, ticks.count > 1, last < top { ticks.append(last + (ticks[1] - ticks[0])) }
            return (ticks, ticks.last ?? top)
        }
        let panelHeight = frames.count > 2 ? 130.0 : 170.0
        let dodgeStep = min(6, xs.slot * 0.12)
        for (f, frame) in frames.enumerated() {
            let (ticks, hi) = scale(frame)
            let own = !contrastFrames.contains(frame) && frames.contains(where: contrastFrames.contains)
            c.text(left + 6, y + 12, frame + (own ? " (own scale)" : ""), size: 12, bold: true, cssClass: "panel")
            let ys = ValueScale(lo: 0, hi: hi, top: y + 18, bottom: y + 18 + panelHeight)
            TimeSeriesLayer.valueAxis(&c, ys, ticks: ticks, left: left, right: right, title: "per 10,000 tokens", emphasise: 0)
            for (i, country) in countries.enumerated() {
                let points = lines.filter { $0.row.country == country && $0.row.frame == frame && $0.row.rate.isFinite }.map { l in
                    SeriesPoint(year: l.row.year, value: l.row.rate, low: l.row.ciLow, high: l.row.ciHigh, documents: l.row.documents, hits: l.row.hits,
                                translated: l.translated, fewDocuments: l.fewDocuments)
                }
                TimeSeriesLayer.draw(&c, points, colour: colours[country]!, dodge: (Double(i) - Double(countries.count - 1) / 2) * dodgeStep,
                                     xs: xs, ys: ys, label: "\(country) \(frame)", markers: markers, format: { NumberFormat.fixed($0, 1) })
            }
            if f == frames.count - 1 {
                y = TimeSeriesLayer.yearAxis(&c, xs, bottom: ys.bottom)
            } else {
                y = TimeSeriesLayer.yearAxis(&c, xs, bottom: ys.bottom, title: nil) + 4
            }
        }
        var counts: [String: [Int: Int]] = [:]
        for r in rows { counts[r.country, default: [:]][r.year] = r.documents }
        y = TimeSeriesLayer.documentTable(&c, xs, top: y, countries: countries, colours: colours, counts: counts)
        var notes = ["–: no documents that year (a gap, not a zero)."]
        let withTranslations = lines.filter { $0.translated > 0 && $0.row.frame == lines.first?.row.frame }
            .map { "\($0.row.country) \($0.row.year) (\($0.translated) of \($0.row.documents))" }
        if !withTranslations.isEmpty { notes.append("Translated documents, matched in the translation's language: \(withTranslations.joined(separator: ", ")).") }
        y = c.sourceNote(notes + [options.source], at: y + 4)
        return c.document(height: y, title: title, description: "Line charts of frame rates per 10,000 tokens by \(noun) and year with bootstrap intervals, one panel per frame.")
    }
}
