import PolframeScore

/// Corpus coverage: documents per year and group (scored solid, skipped hatched; a year
/// without documents is an empty slot marked 0), and below the tokens of the scored documents,
/// the denominators of every rate.
enum CorpusCoverageFigure {
    static func render(_ documents: [DocumentLine], options: FigureOptions) -> String {
        var c = SVGCanvas()
        let left = 84.0, right = c.width - 24
        let noun = options.groupNoun
        let title = options.heading("Corpus coverage by \(noun) and year")
        let skippedTotal = documents.filter { !$0.isScored }.count
        var y = c.heading(title: title, subtitle: [
            "Documents per year and \(noun) (\(documents.count) documents, \(skippedTotal) skipped) and the tokens scored, which every rate per 10,000 tokens divides by.",
        ])
        let dated = documents.filter { $0.year != nil }
        let countries = Array(Set(documents.map(\.country))).sorted()
        let colours = options.colours(for: countries)
        struct Cell: Hashable { var country: String; var year: Int }
        var ok: [Cell: Int] = [:], skipped: [Cell: Int] = [:], tokens: [Cell: Int] = [:], scoredTokens: [Cell: Int] = [:]
        for d in dated {
            let cell = Cell(country: d.country, year: d.year!)
            if d.isScored {
                ok[cell, default: 0] += 1
                tokens[cell, default: 0] += d.tokens ?? 0
                scoredTokens[cell, default: 0] += d.scoredTokens ?? 0
            } else { skipped[cell, default: 0] += 1 }
        }
        // With a passage filter only some tokens are scored: both are drawn.
        let filtered = tokens != scoredTokens

        // Legend: groups with their totals (and translations), then the skipped swatch; it wraps.
        var flow = FlowLegend(left: left, right: c.width - 16, top: y)
        for country in countries {
            let mine = documents.filter { $0.country == country }
            let translated = mine.filter(\.translated).count
            let label = flow.fit("\(country) (\(mine.count) documents\(translated > 0 ? ", \(translated) translated" : ""))", swatch: 20)
            let (x, ly) = flow.place(20 + SVG.textWidth(label, size: 11))
            c.rect(x, ly - 6, 14, 12, fill: colours[country]!)
            c.text(x + 20, ly + 4, label, cssClass: "legend group")
        }
        let hatchGrey = c.hatch(id: "skipped-legend", colour: "#666")
        let skippedLabel = flow.fit("skipped, not scored (label n+k: n scored, k skipped)", swatch: 20)
        let (sx, sy) = flow.place(20 + SVG.textWidth(skippedLabel, size: 11))
        c.rect(sx, sy - 6, 14, 12, fill: hatchGrey, stroke: "#666", strokeWidth: 0.8)
        c.text(sx + 20, sy + 4, skippedLabel, cssClass: "legend")
        y = flow.bottom + 4

        let xs = YearScale(years: dated.map(\.year!), left: left, right: right)
        let k = Double(countries.count)
        let barWidth = min(28, xs.slot * 0.8 / max(k, 1))
        func barX(_ i: Int, _ year: Int) -> Double { xs.x(year) + (Double(i) - (k - 1) / 2) * barWidth - barWidth / 2 }

        // Panel 1: documents.
        c.text(left + 6, y + 12, "Documents", size: 12, bold: true, cssClass: "panel")
        let maxDocs = Double(countries.flatMap { co in xs.years.map { (ok[Cell(country: co, year: $0)] ?? 0) + (skipped[Cell(country: co, year: $0)] ?? 0) } }.max() ?? 1)
        let docTicks = SVG.ticks(0, max(maxDocs, 1), target: 4).filter { $0 == $0.rounded() }
        // Short when there are few documents per year: bars of 0 or 1 need no 170 units.
        let ys = ValueScale(lo: 0, hi: max(docTicks.last ?? 1, maxDocs) * 1.12, top: y + 18, bottom: y + 18 + min(170, 70 + 25 * maxDocs))
        TimeSeriesLayer.valueAxis(&c, ys, ticks: docTicks, left: left, right: right, title: "documents")
        for (i, country) in countries.enumerated() {
            let col = colours[country]!
            let hatch = c.hatch(id: "skipped-\(i)", colour: col)
            for year in xs.years {
                let cell = Cell(country: country, year: year)
                let n = ok[cell] ?? 0, s = skipped[cell] ?? 0
                let bx = barX(i, year)
                if n + s == 0 {
                    c.line(bx + 1, ys.bottom - 0.5, bx + barWidth - 1, ys.bottom - 0.5, stroke: col, width: 1, dash: "2 2")
                    c.text(bx + barWidth / 2, ys.bottom - 4, "0", size: 10, anchor: .middle, fill: "#888", cssClass: "gap")
                    continue
                }
                let top = ys.y(Double(n))
                if n > 0 { c.rect(bx, top, barWidth, ys.bottom - top, fill: col, tooltip: "\(country) \(year): \(n) scored documents") }
                if s > 0 {
                    let st = ys.y(Double(n + s))
                    c.rect(bx, st, barWidth, top - st, fill: hatch, stroke: col, strokeWidth: 0.8, tooltip: "\(country) \(year): \(s) skipped documents")
                }
                let label = s > 0 ? "\(n)+\(s)" : "\(n)"
                c.text(bx + barWidth / 2, ys.y(Double(n + s)) - 4, label, size: 10, anchor: .middle, cssClass: "n")
            }
        }
        y = TimeSeriesLayer.yearAxis(&c, xs, bottom: ys.bottom, title: nil) + 6

        // Panel 2: tokens of the scored documents (thousands).
        c.text(left + 6, y + 12, filtered ? "Tokens (thousands): whole documents (light), scored passages (solid)" : "Tokens of scored documents (thousands)",
               size: 12, bold: true, cssClass: "panel")
        let maxTokens = Double(tokens.values.max() ?? 1) / 1000
        let tokenTicks = SVG.ticks(0, max(maxTokens, 0.1), target: 3)
        let ts = ValueScale(lo: 0, hi: max(tokenTicks.last ?? 1, maxTokens) * 1.05, top: y + 18, bottom: y + 118)
        TimeSeriesLayer.valueAxis(&c, ts, ticks: tokenTicks, left: left, right: right, title: "tokens (k)")
        for (i, country) in countries.enumerated() {
            for year in xs.years {
                guard let t = tokens[Cell(country: country, year: year)], t > 0 else { continue }
                let top = ts.y(Double(t) / 1000)
                let s = scoredTokens[Cell(country: country, year: year)] ?? t
                if filtered {
                    c.add("<rect x=\"\(SVG.n(barX(i, year)))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(barWidth))\" height=\"\(SVG.n(ts.bottom - top))\" fill=\"\(colours[country]!)\" fill-opacity=\"0.3\"><title>\(SVG.escape("\(country) \(year): \(SVG.grouped(t)) tokens, \(SVG.grouped(s)) scored"))</title></rect>")
                }
                let stop = ts.y(Double(s) / 1000)
                c.rect(barX(i, year), stop, barWidth, ts.bottom - stop, fill: colours[country]!,
                       tooltip: "\(country) \(year): \(SVG.grouped(s)) tokens scored")
            }
        }
        if tokens.isEmpty { c.text((left + right) / 2, (ts.top + ts.bottom) / 2, "no scored documents", anchor: .middle, fill: "#888") }
        y = TimeSeriesLayer.yearAxis(&c, xs, bottom: ts.bottom)

        var notes = ["0: no documents that year; rates and indices for it are gaps, not zeros."]
        let undated = documents.count - dated.count
        if undated > 0 { notes.append("\(undated) document\(undated == 1 ? "" : "s") without a year not shown.") }
        var reasons: [String: Int] = [:]
        for d in documents where !d.isScored { reasons[String(d.status.dropFirst("skipped: ".count)), default: 0] += 1 }
        if !reasons.isEmpty {
            let sorted = reasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let shown = sorted.prefix(4).map { "\($0.key) (\($0.value))" }
            notes.append("Skipped: " + shown.joined(separator: "; ") + (sorted.count > 4 ? "; \(sorted.count - 4) other reasons (see documents.csv)." : "."))
        }
        y = c.sourceNote(notes + [options.source], at: y)
        return c.document(height: y, title: title, description: "Bar charts of documents and tokens per year and \(noun).")
    }
}
