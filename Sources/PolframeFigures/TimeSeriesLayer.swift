import PolframeScore

/// A value of one country in one year, with its interval and the documents behind it.
struct SeriesPoint: Sendable, Hashable {
    var year: Int
    var value: Double
    var low: Double?
    var high: Double?
    var documents: Int
    /// Raw hits behind the value (its marker's area).
    var hits: Int
    /// Translated documents among `documents`.
    var translated: Int = 0
    /// Flagged `few_documents` (under `series.min_documents`): its bootstrap interval is nearly
    /// the range of its documents, not a confidence statement, and is drawn as such.
    var fewDocuments: Bool = false
}

/// Drawing shared by the year-series figures: axes, lines broken at years without documents and
/// at single-document points, interval bands, markers sized by hits, the legend and the table of
/// document counts under the year axis.
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

    /// One group's series: interval bands over runs of consecutive years that all have an
    /// interval (a whisker where a run is one year long); the line only between consecutive
    /// years that each rest on two documents or more (one document is no trend); markers with
    /// their area by hits, hollow and labelled with their count under the hit threshold, ringed
    /// when the cell holds translated documents.
    static func draw(_ c: inout SVGCanvas, _ points: [SeriesPoint], colour: String, dodge: Double, xs: YearScale, ys: ValueScale,
                     label: String, markers: MarkerScale, format: (Double) -> String) {
        let x = { (p: SeriesPoint) in xs.x(p.year) + dodge }
        // Few documents: a dashed, faint whisker of their spread, never part of a band.
        for p in points where p.fewDocuments {
            guard let lo = p.low, let hi = p.high else { continue }
            c.add("<line x1=\"\(SVG.n(x(p)))\" y1=\"\(SVG.n(ys.y(lo)))\" x2=\"\(SVG.n(x(p)))\" y2=\"\(SVG.n(ys.y(hi)))\" stroke=\"\(colour)\" stroke-width=\"1.2\" stroke-opacity=\"0.55\" stroke-dasharray=\"3 2\" class=\"spread\"/>")
        }
        for run in runs(points, where: { $0.low != nil && $0.high != nil && !$0.fewDocuments }) {
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
        for run in runs(points, where: { $0.documents >= 2 }) where run.count > 1 {
            c.add("<polyline points=\"\(run.map { "\(SVG.n(x($0))),\(SVG.n(ys.y($0.value)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>")
        }
        for p in points.sorted(by: { $0.year < $1.year }) {
            var interval = IntervalText.describe(low: p.low, high: p.high, documents: p.documents, format: format)
            if p.fewDocuments && p.low != nil { interval += " (few documents: their spread, not a confidence interval)" }
            var tip = "\(label) \(p.year): \(format(p.value)) \(interval), n=\(p.documents), \(MarkerScale.hitsLabel(p.hits))"
            if p.translated > 0 { tip += ", \(p.translated) translated" }
            let r = markers.radius(p.hits), thin = markers.isThin(p.hits)
            let (px, py) = (SVG.n(x(p)), SVG.n(ys.y(p.value)))
            if p.translated > 0 {
                c.add("<circle cx=\"\(px)\" cy=\"\(py)\" r=\"\(SVG.n(r + 3))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1\" stroke-dasharray=\"2 1.5\" class=\"translated\"/>")
            }
            let fill = thin ? "white" : colour
            c.add("<circle cx=\"\(px)\" cy=\"\(py)\" r=\"\(SVG.n(r))\" fill=\"\(fill)\" fill-opacity=\"\(thin ? "1" : "0.85")\" stroke=\"\(colour)\" stroke-width=\"1.8\" class=\"\(thin ? "point thin" : "point")\" data-hits=\"\(p.hits)\"><title>\(SVG.escape(tip))</title></circle>")
            // Groups dodged left label on the left, so two groups' labels in one year do not overprint.
            if thin {
                let before = dodge < 0
                c.text(x(p) + (before ? -(r + 3) : r + 3), ys.y(p.value) + 3.5, MarkerScale.hitsLabel(p.hits), size: 9,
                       anchor: before ? .end : .start, fill: colour, cssClass: "hits")
            }
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

    /// The legend from `top`: the groups (wrapping over as many rows as they need), then what
    /// bands, marker sizes, hollow and ringed points and missing lines mean.
    static func legend(_ c: inout SVGCanvas, groups: [String], colours: [String: String], top: Double, left: Double,
                       markers: MarkerScale, translated: Bool, fewDocuments: Bool = false,
                       intervalNote: String = "band or whisker: bootstrap interval over documents") -> Double {
        var flow = FlowLegend(left: left, right: c.width - 16, top: top)
        for group in groups {
            let col = colours[group]!
            let name = flow.fit(group, swatch: 28 * 1.1)
            // Bold: about a tenth wider than the regular advance textWidth estimates.
            let (x, y) = flow.place(28 + SVG.textWidth(name, size: 11) * 1.1)
            c.line(x, y, x + 22, y, stroke: col, width: 2)
            c.add("<circle cx=\"\(SVG.n(x + 11))\" cy=\"\(SVG.n(y))\" r=\"3.5\" fill=\"\(col)\" stroke=\"\(col)\" stroke-width=\"1.8\"/>")
            c.text(x + 28, y + 4, name, bold: true, cssClass: "legend group")
        }
        flow.breakRow()
        let band = flow.fit(intervalNote, swatch: 28)
        var (x, y) = flow.place(28 + SVG.textWidth(band, size: 11))
        c.rect(x, y - 6, 22, 12, fill: "#777", stroke: nil)
        c.add("<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y - 6))\" width=\"22\" height=\"12\" fill=\"white\" fill-opacity=\"0.7\"/>")
        c.line(x + 11, y - 6, x + 11, y + 6, stroke: "#777", width: 1.5)
        c.text(x + 28, y + 4, band, cssClass: "legend")
        if fewDocuments {
            let spread = flow.fit("dashed whisker: few documents (flagged few_documents), their spread, not a confidence interval", swatch: 22)
            (x, y) = flow.place(22 + SVG.textWidth(spread, size: 11))
            c.add("<line x1=\"\(SVG.n(x + 8))\" y1=\"\(SVG.n(y - 7))\" x2=\"\(SVG.n(x + 8))\" y2=\"\(SVG.n(y + 7))\" stroke=\"#555\" stroke-width=\"1.2\" stroke-opacity=\"0.55\" stroke-dasharray=\"3 2\"/>")
            c.text(x + 22, y + 4, spread, cssClass: "legend")
        }
        let values = markers.legendValues
        let sizes = "area: hits (" + values.map { SVG.grouped($0) }.joined(separator: ", ") + ")"
        let widths = values.map { 2 * markers.radius($0) + 4 }
        (x, y) = flow.place(widths.reduce(0, +) + 6 + SVG.textWidth(sizes, size: 11))
        var mx = x
        for (v, w) in zip(values, widths) {
            c.add("<circle cx=\"\(SVG.n(mx + w / 2))\" cy=\"\(SVG.n(y))\" r=\"\(SVG.n(markers.radius(v)))\" fill=\"#555\" fill-opacity=\"0.85\" stroke=\"#555\" stroke-width=\"1.2\"/>")
            mx += w
        }
        c.text(mx + 6, y + 4, sizes, cssClass: "legend")
        let hollow = flow.fit("hollow: fewer than \(markers.minHits) hits (count beside it)", swatch: 22)
        (x, y) = flow.place(22 + SVG.textWidth(hollow, size: 11))
        c.add("<circle cx=\"\(SVG.n(x + 8))\" cy=\"\(SVG.n(y))\" r=\"3.5\" fill=\"white\" stroke=\"#555\" stroke-width=\"1.8\"/>")
        c.text(x + 22, y + 4, hollow, cssClass: "legend")
        if translated {
            let ring = flow.fit("dashed ring: includes translated documents", swatch: 22)
            (x, y) = flow.place(22 + SVG.textWidth(ring, size: 11))
            c.add("<circle cx=\"\(SVG.n(x + 8))\" cy=\"\(SVG.n(y))\" r=\"6.5\" fill=\"none\" stroke=\"#555\" stroke-width=\"1\" stroke-dasharray=\"2 1.5\"/>")
            c.add("<circle cx=\"\(SVG.n(x + 8))\" cy=\"\(SVG.n(y))\" r=\"3.5\" fill=\"#555\" stroke=\"#555\" stroke-width=\"1.8\"/>")
            c.text(x + 22, y + 4, ring, cssClass: "legend")
        }
        let unjoined = flow.fit("no line: a year without documents, or a point of one document (no trend)", swatch: 0)
        (x, y) = flow.place(SVG.textWidth(unjoined, size: 11))
        c.text(x, y + 4, unjoined, cssClass: "legend")
        return flow.bottom
    }

    /// Rows of document counts per country under the year axis ("–" where a year has none).
    static func documentTable(_ c: inout SVGCanvas, _ xs: YearScale, top: Double, countries: [String], colours: [String: String],
                              counts: [String: [Int: Int]]) -> Double {
        var y = top + 12
        c.text(16, y, "Documents (n)", size: 10.5, bold: true)
        y += 15
        for country in countries {
            let name = SVG.fit(country, width: xs.left - 40, size: 10.5)
            c.text(xs.left - 8, y, "\(name) n=", size: 10.5, anchor: .end, fill: colours[country]!)
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
