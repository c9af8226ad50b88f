import PolframeScore

/// Category × year heatmaps, one file per country: the pooled weighted hits of each lexicon
/// category per 10,000 tokens of the country-year's scored documents, on one colour scale for
/// every country so the files compare; years without documents are hatched, not zero.
enum CategoryHeatmapFigure {
    /// ColorBrewer YlGnBu (9 classes): sequential, colour-blind-safe, prints in grey as a ramp.
    static let ramp = ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58"]

    /// The ramp colour of `t` in 0...1 (linear between the classes) and whether text on it should be white.
    static func colour(_ t: Double) -> (String, Bool) {
        let p = min(max(t, 0), 1) * Double(ramp.count - 1)
        let i = min(Int(p), ramp.count - 2), f = p - Double(i)
        func rgb(_ h: String) -> [Double] {
            let v = Int(h.dropFirst(), radix: 16)!
            return [Double((v >> 16) & 255), Double((v >> 8) & 255), Double(v & 255)]
        }
        let a = rgb(ramp[i]), b = rgb(ramp[i + 1])
        let m = (0..<3).map { Int((a[$0] + (b[$0] - a[$0]) * f).rounded()) }
        let hex = m.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        let luminance = (0.299 * Double(m[0]) + 0.587 * Double(m[1]) + 0.114 * Double(m[2])) / 255
        return ("#" + hex, luminance < 0.5)
    }

    static func value(_ v: Double) -> String {
        v == 0 ? "0" : v >= 100 ? NumberFormat.fixed(v, 0) : NumberFormat.fixed(v, 1)
    }

    static func render(_ cells: HeatmapCells, options: FigureOptions, languages: Languages) -> [(String, String)] {
        typealias Cell = HeatmapCells.Cell
        typealias Key = HeatmapCells.Key
        // A year with documents but no token scored (a passage filter found no passage) has
        // no rate either; it is marked apart from a year without documents.
        let unscored = Set(cells.documents.keys.filter { (cells.tokens[$0] ?? 0) == 0 })
        let frames = cells.frames(plus: options.plus, minus: options.minus)
        let filtered = languages.filtered
        let allYears = cells.years
        let groups = cells.groups
        // Colour the contrast's frames; another frame (a topic filter such as topic_technology,
        // several times as frequent) would wash them out, so its rates are printed, not coloured.
        let coloured = Set(frames.filter { [options.plus, options.minus].contains($0) }).isEmpty ? Set(frames) : Set([options.plus, options.minus])
        var maxRate = 0.0
        for k in cells.weighted.keys where coloured.contains(k.frame) { maxRate = max(maxRate, cells.rate(k) ?? 0) }
        let scaleMax = SVG.ticks(0, max(maxRate, 1), target: 5).last.map { $0 >= maxRate ? $0 : maxRate } ?? 1

        let labelSize = 10.5
        let labels = frames.flatMap { f in cells.categories(of: f).map { cells.label(frame: f, category: $0) } } + frames.map { cells.label(frame: $0) } + ["Documents (n)"]
        // Long labels are shortened to fit (in full in their tooltip), so the grid keeps its room.
        let labelWidth = min(340, (labels.map { SVG.textWidth($0, size: labelSize) }.max() ?? 100) + 26)
        let groupNoun = options.groupNoun

        return groups.map { group in
            var c = SVGCanvas()
            let left = 16 + labelWidth, right = c.width - 24
            let title = options.heading("Framing categories by year, \(group)")
            var subtitle = [
                "Weighted lexicon hits of each category per 10,000 tokens, pooled over the year's scored documents of \(groupNoun) \(group)\(filtered ? " (tokens of the scored passages only)" : ""). Colours share one scale across \(Grouping.plural(groupNoun)); bold rows: the whole frame"
                    + (coloured.count < frames.count ? "; frames outside the contrast are printed, not coloured." : "."),
            ]
            if let note = languages.note { subtitle.append(note) }
            var y = c.heading(title: title, subtitle: subtitle)
            let xs = YearScale(years: allYears, left: left, right: right)
            let rowHeight = 19.0
            let hatch = c.hatch(id: "nodocs", colour: "#d0d0d0")
            func empty(_ c: inout SVGCanvas, _ x0: Double, _ y: Double, _ cell: Cell) {
                if unscored.contains(cell) {
                    c.rect(x0, y, xs.slot, rowHeight, fill: "#f2f2f2", stroke: "white", strokeWidth: 1, tooltip: "\(cell.group) \(cell.year): no tokens scored")
                    c.text(xs.x(cell.year), y + 13.5, "n/a", size: 10, anchor: .middle, fill: "#888", cssClass: "unscored")
                } else {
                    c.rect(x0, y, xs.slot, rowHeight, fill: hatch, tooltip: "\(cell.group) \(cell.year): no documents")
                }
            }
            func rowLabel(_ c: inout SVGCanvas, _ x: Double, _ y: Double, _ text: String, bold: Bool) {
                let shown = SVG.fit(text, width: left - x - 8, size: labelSize)
                if shown == text {
                    c.text(x, y, text, size: labelSize, bold: bold, cssClass: "row-label")
                } else {
                    c.add("<text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" font-size=\"10.5\"\(bold ? " font-weight=\"bold\"" : "") class=\"row-label\"><title>\(SVG.escape(text))</title>\(SVG.escape(shown))</text>")
                }
            }
            // Year labels on top.
            for year in xs.years where (year - xs.first) % xs.labelEvery == 0 {
                c.text(xs.x(year), y + 10, String(year), anchor: .middle)
            }
            y += 16
            let gridTop = y
            for frame in frames {
                // The frame's total row: numbers on grey, not coloured (they are on another scale).
                c.rect(16, y, right - 16, rowHeight, fill: "#f0f0f0")
                rowLabel(&c, 20, y + 13.5, cells.label(frame: frame), bold: true)
                for year in xs.years {
                    let cell = Cell(group: group, year: year)
                    let x0 = xs.x(year) - xs.slot / 2
                    guard let t = cells.tokens[cell], t > 0 else {
                        empty(&c, x0, y, cell)
                        continue
                    }
                    let w = cells.categories(of: frame).reduce(0.0) { $0 + (cells.weighted[Key(cell: cell, frame: frame, category: $1)] ?? 0) }
                    c.text(xs.x(year), y + 13.5, value(w / Double(t) * 10_000), size: 10, anchor: .middle, bold: true)
                }
                y += rowHeight
                for category in cells.categories(of: frame) {
                    let label = cells.label(frame: frame, category: category)
                    rowLabel(&c, 30, y + 13.5, label, bold: false)
                    for year in xs.years {
                        let key = Key(cell: Cell(group: group, year: year), frame: frame, category: category)
                        let x0 = xs.x(year) - xs.slot / 2
                        guard let v = cells.rate(key) else {
                            empty(&c, x0, y, key.cell)
                            continue
                        }
                        let hits = cells.hits[key].map { ", \($0) hit\($0 == 1 ? "" : "s")" } ?? ""
                        let tip = "\(group) \(year) \(frame)/\(category) (\(label)): \(NumberFormat.fixed(v, 2)) per 10,000 tokens\(hits)"
                        guard coloured.contains(frame) else {
                            c.rect(x0, y, xs.slot, rowHeight, fill: "#fafafa", stroke: "white", strokeWidth: 1, tooltip: tip)
                            c.text(xs.x(year), y + 13.5, value(v), size: 10, anchor: .middle, cssClass: "cell")
                            continue
                        }
                        let (fill, dark) = colour((v / scaleMax).squareRoot())
                        c.rect(x0, y, xs.slot, rowHeight, fill: fill, stroke: "white", strokeWidth: 1, tooltip: tip)
                        c.text(xs.x(year), y + 13.5, value(v), size: 10, anchor: .middle, fill: dark ? "white" : "#222", cssClass: "cell")
                    }
                    y += rowHeight
                }
            }
            c.line(left, gridTop, left, y, stroke: "#444", width: 0.8)
            // Documents and tokens under each column; † marks a year with translated documents.
            y += 15
            c.text(left - 8, y, "Documents (n)", size: labelSize, anchor: .end, bold: true)
            var translatedYears: [String] = []
            for year in xs.years {
                let cell = Cell(group: group, year: year)
                if let n = cells.documents[cell] {
                    let tr = cells.translated[cell] ?? 0
                    if tr > 0 { translatedYears.append("\(year) (\(tr) of \(n))") }
                    c.text(xs.x(year), y, tr > 0 ? "\(n)†" : String(n), size: 10.5, anchor: .middle, cssClass: tr > 0 ? "n translated" : "n")
                }
                else { c.text(xs.x(year), y, "–", size: 10.5, anchor: .middle, fill: "#999", cssClass: "gap") }
            }
            y += 14
            c.text(left - 8, y, filtered ? "Tokens scored (thousands)" : "Tokens (thousands)", size: labelSize, anchor: .end)
            for year in xs.years {
                if let t = cells.tokens[Cell(group: group, year: year)] {
                    c.text(xs.x(year), y, NumberFormat.fixed(Double(t) / 1000, Double(t) >= 100_000 ? 0 : 1), size: 10, anchor: .middle, fill: "#555")
                }
            }
            y += 10
            y = legend(&c, top: y + 10, left: left, right: right, max: scaleMax, hatch: hatch)
            var notes = ["Hatched: no scored documents that year (a gap, not a zero)."]
            if unscored.contains(where: { $0.group == group }) { notes[0] += " n/a: documents, but no token in a scored passage, so no rate." }
            if !translatedYears.isEmpty {
                notes.append("†: translated documents, matched in the translation's language, not the original's: \(translatedYears.joined(separator: ", ")).")
            }
            y = c.sourceNote(notes + [options.source], at: y)
            return ("category_heatmap_\(FileName.safe(group)).svg",
                    c.document(height: y, title: title, description: "Heatmap of framing categories by year for \(group), in weighted hits per 10,000 tokens."))
        }
    }

    /// The colour bar with ticks in rates (square-root spacing) and the "no documents" swatch.
    static func legend(_ c: inout SVGCanvas, top: Double, left: Double, right: Double, max: Double, hatch: String) -> Double {
        let barLeft = left, barWidth = min(300, right - left - 150), barTop = top + 16
        c.text(barLeft, top + 10, "Weighted hits per 10,000 tokens (square-root colour scale)", size: 10.5, cssClass: "legend")
        let steps = 60
        for i in 0..<steps {
            let (fill, _) = colour((Double(i) + 0.5) / Double(steps))
            c.rect(barLeft + Double(i) * barWidth / Double(steps), barTop, barWidth / Double(steps) + 0.3, 10, fill: fill)
        }
        c.rect(barLeft, barTop, barWidth, 10, fill: "none", stroke: "#888", strokeWidth: 0.6)
        for t in sqrtTicks(max) {
            let x = barLeft + (t / max).squareRoot() * barWidth
            c.line(x, barTop + 10, x, barTop + 14, stroke: "#444")
            c.text(x, barTop + 25, SVG.tickLabel(t, step: t >= 1 || t == 0 ? 1 : 0.1), size: 10, anchor: .middle)
        }
        let sx = barLeft + barWidth + 30
        c.rect(sx, barTop - 2, 22, 14, fill: hatch, stroke: "#aaa", strokeWidth: 0.6)
        c.text(sx + 28, barTop + 9, "no documents", size: 10.5, cssClass: "legend")
        return barTop + 32
    }

    /// Round values spread evenly along a square-root scale from 0 to `max`.
    static func sqrtTicks(_ max: Double) -> [Double] {
        var out: [Double] = [0]
        for f in [0.25, 0.5, 0.75, 1.0] {
            let target = f * f * max
            var p = 1.0
            while p * 10 <= target { p *= 10 }
            while p > target && p > 0.1 { p /= 10 }
            let nice = [5.0, 2.0, 1.0].map { $0 * p }.first { $0 <= target } ?? p
            if nice > out.last! && nice <= max { out.append(nice) }
        }
        return out
    }
}
