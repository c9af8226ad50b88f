import PolframeScore

/// A value of one country in one year, with its interval and the documents behind it.
struct SeriesPoint: Sendable, Hashable {
    var year: Int
    var value: Double
    var low: Double?
    var high: Double?
    var documents: Int
}

/// Drawing shared by the year-series figures: axes, lines broken at years without documents,
/// interval bands, the legend and the table of document counts under the year axis.
enum TimeSeriesLayer {
    /// Consecutive years in runs: a year without a point ends a run.
    static func runs(_ points: [SeriesPoint], where keep: (SeriesPoint) -> Bool = { _ in true }) -> [[SeriesPoint]] {
        var out: [[SeriesPoint]] = []
        var run: [SeriesPoint] = []
        for p in points.sorted(by: { $0.year < $1.year }) {
            if !keep(p) || (run.last.map { p.year != $0.year + 1 } ?? false) {
                if !run.isEmpty { out.append(run) }
                run = []
            }
            if keep(p) { run.append(p) }
        }
        if !run.isEmpty { out.append(run) }
        return out
    }

    /// One country's series: interval bands over runs of consecutive years that all have an
    /// interval (a whisker where a run is one year long), the line over runs of consecutive
    /// years, filled points where there is an interval and hollow ones where there is none.
    static func draw(_ c: inout SVGCanvas, _ points: [SeriesPoint], colour: String, dodge: Double, xs: YearScale, ys: ValueScale,
                     label: String, format: (Double) -> String) {
        let x = { (p: SeriesPoint) in xs.x(p.year) + dodge }
        for run in runs(points, where: { $0.low != nil && $0.high != nil }) {
            if run.count == 1 {
                let p = run[0]
                c.line(x(p), ys.y(p.low!), x(p), ys.y(p.high!), stroke: colour, width: 1.5, opacity: 0.8)
                c.line(x(p) - 4, ys.y(p.low!), x(p) + 4, ys.y(p.low!), stroke: colour, width: 1.5, opacity: 0.8)
                c.line(x(p) - 4, ys.y(p.high!), x(p) + 4, ys.y(p.high!), stroke: colour, width: 1.5, opacity: 0.8)
            } else {
                let upper = run.map { "\(SVG.n(x($0))),\(SVG.n(ys.y($0.high!)))" }
                let lower = run.reversed().map { "\(SVG.n(x($0))),\(SVG.n(ys.y($0.low!)))" }
                c.add("<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"\(colour)\" stroke-opacity=\"0.35\" stroke-width=\"0.6\"/>")
            }
        }
        for run in runs(points) where run.count > 1 {
            c.add("<polyline points=\"\(run.map { "\(SVG.n(x($0))),\(SVG.n(ys.y($0.value)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>")
        }
        for p in points.sorted(by: { $0.year < $1.year }) {
            let interval = p.low.flatMap { lo in p.high.map { " [\(format(lo)), \(format($0))]" } } ?? " (no interval)"
            let tip = "\(label) \(p.year): \(format(p.value))\(interval), n=\(p.documents)"
            let fill = p.low == nil ? "white" : colour
            c.add("<circle cx=\"\(SVG.n(x(p)))\" cy=\"\(SVG.n(ys.y(p.value)))\" r=\"3.5\" fill=\"\(fill)\" stroke=\"\(colour)\" stroke-width=\"1.8\"><title>\(SVG.escape(tip))</title></circle>")
        }
    }

    /// Year ticks and labels under `bottom`.
    static func yearAxis(_ c: inout SVGCanvas, _ xs: YearScale, bottom: Double, title: String? = "Year") -> Double {
        c.line(xs.left, bottom, xs.right, bottom, stroke: "#444")
        for year in xs.years {
            c.line(xs.x(year), bottom, xs.x(year), bottom + 4, stroke: "#444")
            if (year - xs.first) % xs.labelEvery == 0 { c.text(xs.x(year), bottom + 17, String(year), anchor: .middle) }
        }
        guard let t = title else { return bottom + 22 }
        c.text((xs.left + xs.right) / 2, bottom + 34, t, anchor: .middle)
        return bottom + 40
    }

    /// Horizontal grid lines with labels on the left, and the axis title rotated beside them.
    static func valueAxis(_ c: inout SVGCanvas, _ ys: ValueScale, ticks: [Double], left: Double, right: Double, title: String, emphasise: Double? = nil) {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        for v in ticks {
            let strong = emphasise == v
            c.line(left, ys.y(v), right, ys.y(v), stroke: strong ? "#777" : "#e4e4e4", width: strong ? 1.2 : 1)
            c.text(left - 6, ys.y(v) + 4, SVG.tickLabel(v, step: step), size: 10.5, anchor: .end)
        }
        c.line(left, ys.top, left, ys.bottom, stroke: "#444")
        c.text(left - 44, (ys.top + ys.bottom) / 2, title, anchor: .middle, rotate: true)
    }

    /// The legend in one or more rows from `top`: countries, then what bands and hollow points mean.
    static func legend(_ c: inout SVGCanvas, countries: [String], colours: [String: String], top: Double, left: Double,
                       intervalNote: String = "band or whisker: bootstrap interval over documents", hollowNote: String = "one document (no interval)") -> Double {
        var x = left
        var y = top + 8
        // Moves to the next row when an item `w` wide would not fit on this one.
        func place(_ w: Double) {
            if x > left && x + w > c.width - 16 { x = left; y += 18 }
        }
        func advance(_ w: Double) { x += w }
        for country in countries {
            let col = colours[country]!
            place(36 + SVG.textWidth(country, size: 11))
            c.line(x, y, x + 22, y, stroke: col, width: 2)
            c.add("<circle cx=\"\(SVG.n(x + 11))\" cy=\"\(SVG.n(y))\" r=\"3.5\" fill=\"\(col)\" stroke=\"\(col)\" stroke-width=\"1.8\"/>")
            c.text(x + 28, y + 4, country, bold: true, cssClass: "legend")
            advance(36 + SVG.textWidth(country, size: 11) + 14)
        }
        place(28 + SVG.textWidth(intervalNote, size: 11))
        c.rect(x, y - 6, 22, 12, fill: "#777", stroke: nil)
        c.add("<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y - 6))\" width=\"22\" height=\"12\" fill=\"white\" fill-opacity=\"0.7\"/>")
        c.line(x + 11, y - 6, x + 11, y + 6, stroke: "#777", width: 1.5)
        c.text(x + 28, y + 4, intervalNote, cssClass: "legend")
        advance(36 + SVG.textWidth(intervalNote, size: 11) + 14)
        place(22 + SVG.textWidth(hollowNote, size: 11))
        c.add("<circle cx=\"\(SVG.n(x + 11))\" cy=\"\(SVG.n(y))\" r=\"3.5\" fill=\"white\" stroke=\"#555\" stroke-width=\"1.8\"/>")
        c.text(x + 22, y + 4, hollowNote, cssClass: "legend")
        return y + 14
    }

    /// Rows of document counts per country under the year axis ("–" where a year has none).
    static func documentTable(_ c: inout SVGCanvas, _ xs: YearScale, top: Double, countries: [String], colours: [String: String],
                              counts: [String: [Int: Int]]) -> Double {
        var y = top + 12
        c.text(16, y, "Documents (n)", size: 10.5, bold: true)
        y += 15
        for country in countries {
            c.text(xs.left - 8, y, "\(country) n=", size: 10.5, anchor: .end, fill: colours[country]!)
            for year in xs.years {
                if let n = counts[country]?[year] {
                    c.text(xs.x(year), y, String(n), size: 10.5, anchor: .middle, fill: colours[country]!, cssClass: "n")
                } else {
                    c.text(xs.x(year), y, "–", size: 10.5, anchor: .middle, fill: "#999", cssClass: "gap")
                }
            }
            y += 14
        }
        return y
    }
}
