import PolframeScore

/// The contrast index by country over the years: one line per country, its bootstrap interval
/// as a band, and the number of documents at each point.
public enum ContrastFigure {
    public static func render(_ rows: [ContrastRow], title: String, plus: String, minus: String, source: String) -> String {
        let width = 720.0, height = 440.0
        let left = 70.0, right = 130.0, top = 60.0, bottom = 80.0
        let plotW = width - left - right, plotH = height - top - bottom
        let years = rows.map(\.year)
        let minYear = years.min() ?? 2016, maxYear = max(years.max() ?? 2025, (years.min() ?? 2016) + 1)
        func x(_ year: Int) -> Double { left + Double(year - minYear) / Double(maxYear - minYear) * plotW }
        func y(_ v: Double) -> Double { top + (1 - (v + 1) / 2) * plotH }

        let countries = Array(Set(rows.map(\.country))).sorted()
        let colour = SVG.colours(for: countries)
        var s = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(SVG.n(width))" height="\(SVG.n(height))" viewBox="0 0 \(SVG.n(width)) \(SVG.n(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <title>\(SVG.escape(title))</title>
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(SVG.n(left))" y="28" font-size="16" font-weight="bold">\(SVG.escape(title))</text>
        <text x="\(SVG.n(left))" y="46" fill="#444">Contrast index = (\(SVG.escape(plus)) − \(SVG.escape(minus))) / (sum), weighted hits; band: bootstrap interval over documents; n = documents</text>

        """
        // Axes and grid.
        for v in stride(from: -1.0, through: 1.0, by: 0.5) {
            s += "<line x1=\"\(SVG.n(left))\" x2=\"\(SVG.n(left + plotW))\" y1=\"\(SVG.n(y(v)))\" y2=\"\(SVG.n(y(v)))\" stroke=\"\(v == 0 ? "#888" : "#e3e3e3")\" stroke-width=\"1\"/>\n"
            s += "<text x=\"\(SVG.n(left - 8))\" y=\"\(SVG.n(y(v) + 4))\" text-anchor=\"end\">\(v == 0 ? "0" : SVG.n(v))</text>\n"
        }
        for year in minYear...maxYear {
            s += "<line x1=\"\(SVG.n(x(year)))\" x2=\"\(SVG.n(x(year)))\" y1=\"\(SVG.n(top + plotH))\" y2=\"\(SVG.n(top + plotH + 5))\" stroke=\"#444\"/>\n"
            s += "<text x=\"\(SVG.n(x(year)))\" y=\"\(SVG.n(top + plotH + 20))\" text-anchor=\"middle\">\(year)</text>\n"
        }
        s += "<line x1=\"\(SVG.n(left))\" x2=\"\(SVG.n(left))\" y1=\"\(SVG.n(top))\" y2=\"\(SVG.n(top + plotH))\" stroke=\"#444\"/>\n"
        s += "<text x=\"\(SVG.n(left + plotW / 2))\" y=\"\(SVG.n(top + plotH + 42))\" text-anchor=\"middle\">Year</text>\n"
        s += "<text transform=\"translate(20 \(SVG.n(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">← \(SVG.escape(minus))   index   \(SVG.escape(plus)) →</text>\n"

        for (i, country) in countries.enumerated() {
            let c = colour[country]!
            let pts = rows.filter { $0.country == country && $0.index != nil }.sorted { $0.year < $1.year }
            let band = pts.filter { $0.ciLow != nil }
            if band.count >= 1 {
                let upper = band.map { "\(SVG.n(x($0.year))),\(SVG.n(y($0.ciHigh!)))" }
                let lower = band.reversed().map { "\(SVG.n(x($0.year))),\(SVG.n(y($0.ciLow!)))" }
                if band.count == 1 {
                    let b = band[0]
                    s += "<line x1=\"\(SVG.n(x(b.year)))\" x2=\"\(SVG.n(x(b.year)))\" y1=\"\(SVG.n(y(b.ciLow!)))\" y2=\"\(SVG.n(y(b.ciHigh!)))\" stroke=\"\(c)\" stroke-opacity=\"0.4\" stroke-width=\"6\"/>\n"
                } else {
                    s += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(c)\" fill-opacity=\"0.15\" stroke=\"none\"/>\n"
                }
            }
            // Years without documents break the line rather than being drawn through.
            var segment: [String] = []
            var lastYear: Int? = nil
            func flushLine() {
                if segment.count > 1 { s += "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" stroke=\"\(c)\" stroke-width=\"2\"/>\n" }
                segment = []
            }
            for p in pts {
                if let l = lastYear, p.year != l + 1 { flushLine() }
                segment.append("\(SVG.n(x(p.year))),\(SVG.n(y(p.index!)))")
                lastYear = p.year
            }
            flushLine()
            for p in pts {
                s += "<circle cx=\"\(SVG.n(x(p.year)))\" cy=\"\(SVG.n(y(p.index!)))\" r=\"4\" fill=\"\(c)\"><title>\(SVG.escape(country)) \(p.year): index \(NumberFormat.fixed(p.index!, 3)), n = \(p.documents)</title></circle>\n"
                s += "<text x=\"\(SVG.n(x(p.year) + 5))\" y=\"\(SVG.n(y(p.index!) - 7 + Double(i) * 0))\" font-size=\"10\" fill=\"\(c)\">n=\(p.documents)</text>\n"
            }
            let ly = top + 10 + Double(i) * 20
            s += "<line x1=\"\(SVG.n(left + plotW + 15))\" x2=\"\(SVG.n(left + plotW + 40))\" y1=\"\(SVG.n(ly))\" y2=\"\(SVG.n(ly))\" stroke=\"\(c)\" stroke-width=\"2\"/>\n"
            s += "<text x=\"\(SVG.n(left + plotW + 46))\" y=\"\(SVG.n(ly + 4))\">\(SVG.escape(country))</text>\n"
        }
        s += "<text x=\"\(SVG.n(left))\" y=\"\(SVG.n(height - 12))\" font-size=\"10\" fill=\"#555\">\(SVG.escape(source))</text>\n"
        s += "</svg>\n"
        return s
    }
}
