import PolframeScore

/// Minimal SVG building: escaped text and numbers printed the same way on every run.
enum SVG {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A coordinate rounded to 0.1 unit (0.025 mm at print size): short and stable text.
    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        if r == 0 { return "0" }
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Approximate advance of a string in user units, for wrapping and layout (DejaVu Sans,
    /// the widest of the fonts named, so text laid out with it fits in the others).
    static func textWidth(_ s: String, size: Double) -> Double {
        var w = 0.0
        for u in s.unicodeScalars {
            switch u.value {
            case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: w += 1.0
            case 0x20, 0x2C, 0x2E, 0x3A, 0x3B, 0x69, 0x6A, 0x6C, 0x27, 0x7C: w += 0.32
            case 0x41...0x5A, 0x6D, 0x77: w += 0.75
            default: w += 0.6
            }
        }
        return w * size
    }

    /// `s` shortened with "…" to fit `width` at `size` (unchanged when it fits).
    static func fit(_ s: String, width: Double, size: Double) -> String {
        guard textWidth(s, size: size) > width else { return s }
        var chars = Array(s)
        while !chars.isEmpty && textWidth(String(chars) + "…", size: size) > width { chars.removeLast() }
        return String(chars) + "…"
    }

    /// Words of `s` in lines no wider than `width` at `size`.
    static func wrap(_ s: String, width: Double, size: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty && textWidth(candidate, size: size) > width {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// About `target` round tick values (1, 2 or 5 times a power of ten) covering lo...hi.
    static func ticks(_ lo: Double, _ hi: Double, target: Int = 5) -> [Double] {
        guard hi > lo else { return [lo] }
        let raw = (hi - lo) / Double(max(1, target))
        var p = 1.0
        while p * 10 <= raw { p *= 10 }
        while p > raw { p /= 10 }
        let step = [1.0, 2.0, 5.0, 10.0].map { $0 * p }.first { $0 >= raw } ?? p * 10
        var out: [Double] = []
        var k = (lo / step).rounded(.up)
        while k * step <= hi + step * 1e-9 { out.append(k * step); k += 1 }
        return out
    }

    /// A tick label: as many decimals as the step needs, never "-0".
    static func tickLabel(_ v: Double, step: Double) -> String {
        let digits = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3
        let s = NumberFormat.fixed(v, digits)
        if Double(s) == 0 { return "0" }
        // A typographic minus, as wide as the plus and the digits.
        return s.hasPrefix("-") ? "−" + s.dropFirst() : s
    }

    /// Thousands separated by commas (deterministic, locale-free).
    static func grouped(_ v: Int) -> String {
        let digits = String(abs(v))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return v < 0 ? "-" + out : out
    }
}

/// An SVG document at print size: `width` user units map to 180 mm (4 units per millimetre),
/// so a 10-unit font prints at about 7 pt.
struct SVGCanvas {
    static let unitsPerMillimetre = 4.0
    static let fontFamily = "Helvetica, Arial, 'DejaVu Sans', sans-serif"

    let width: Double
    private(set) var defs: [String] = []
    private(set) var body: [String] = []

    init(width: Double = 720) { self.width = width }

    mutating func add(_ element: String) { body.append(element) }
    mutating func define(_ element: String) { if !defs.contains(element) { defs.append(element) } }

    /// An element with attributes in the order given (stable bytes) and optional escaped text.
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil, children: String? = nil) -> String {
        var s = "<\(name)"
        for (k, v) in attributes { s += " \(k)=\"\(v)\"" }
        if let t = text { return s + ">\(SVG.escape(t))</\(name)>" }
        if let c = children { return s + ">\(c)</\(name)>" }
        return s + "/>"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil, opacity: Double? = nil) {
        var s = "<line x1=\"\(SVG.n(x1))\" y1=\"\(SVG.n(y1))\" x2=\"\(SVG.n(x2))\" y2=\"\(SVG.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(width))\""
        if let d = dash { s += " stroke-dasharray=\"\(d)\"" }
        if let o = opacity { s += " stroke-opacity=\"\(SVG.n(o))\"" }
        add(s + "/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1, tooltip: String? = nil) {
        var s = "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(w))\" height=\"\(SVG.n(h))\" fill=\"\(fill)\""
        if let st = stroke { s += " stroke=\"\(st)\" stroke-width=\"\(SVG.n(strokeWidth))\"" }
        if let t = tooltip { add(s + "><title>\(SVG.escape(t))</title></rect>") } else { add(s + "/>") }
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ x: Double, _ y: Double, _ s: String, size: Double = 11, anchor: Anchor = .start, bold: Bool = false,
                       fill: String = "#222", rotate: Bool = false, cssClass: String? = nil) {
        var a = rotate ? "<text transform=\"translate(\(SVG.n(x)) \(SVG.n(y))) rotate(-90)\"" : "<text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\""
        if size != 11 { a += " font-size=\"\(SVG.n(size))\"" }
        if anchor != .start { a += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { a += " font-weight=\"bold\"" }
        if fill != "#222" { a += " fill=\"\(fill)\"" }
        if let c = cssClass { a += " class=\"\(c)\"" }
        add(a + ">\(SVG.escape(s))</text>")
    }

    /// A diagonal hatch pattern in `colour` (for "skipped" and "no documents").
    mutating func hatch(id: String, colour: String, background: String = "white") -> String {
        define("<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"6\" height=\"6\" fill=\"\(background)\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(colour)\" stroke-width=\"2\"/></pattern>")
        return "url(#\(id))"
    }

    /// The figure's heading: a bold title and wrapped explanatory lines; returns the y below it.
    mutating func heading(title: String, subtitle: [String], left: Double = 16) -> Double {
        var y = 26.0
        for l in SVG.wrap(title, width: width - 2 * left, size: 16) {
            text(left, y, l, size: 16, bold: true, cssClass: "title")
            y += 20
        }
        y += 0
        for para in subtitle {
            for l in SVG.wrap(para, width: width - 2 * left, size: 11) {
                text(left, y, l, fill: "#444")
                y += 15
            }
        }
        return y + 4
    }

    /// The source note at the bottom, wrapped; returns the y below it.
    mutating func sourceNote(_ notes: [String], at top: Double, left: Double = 16) -> Double {
        var y = top + 12
        for para in notes {
            for l in SVG.wrap(para, width: width - 2 * left, size: 10) {
                text(left, y, l, size: 10, fill: "#555", cssClass: "source")
                y += 13
            }
        }
        return y + 4
    }

    /// The finished document, `height` user units tall.
    func document(height: Double, title: String, description: String) -> String {
        let mm = { (v: Double) in NumberFormat.fixed(v / SVGCanvas.unitsPerMillimetre, 1) + "mm" }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(mm(width))\" height=\"\(mm(height))\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\""
        s += " font-family=\"\(SVGCanvas.fontFamily)\" font-size=\"11\">\n"
        s += "<title>\(SVG.escape(title))</title>\n<desc>\(SVG.escape(description))</desc>\n"
        if !defs.isEmpty { s += "<defs>\n" + defs.joined(separator: "\n") + "\n</defs>\n" }
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += body.joined(separator: "\n")
        s += "\n</svg>\n"
        return s
    }
}

/// Years on a horizontal axis: one slot per calendar year from `first` to `last`, values at the
/// slot's centre, so bars, heatmap columns and points of different figures line up alike.
struct YearScale {
    let first: Int
    let last: Int
    let left: Double
    let right: Double

    init(years: [Int], left: Double, right: Double) {
        let lo = years.min() ?? 2016
        first = lo; last = max(years.max() ?? lo, lo)
        self.left = left; self.right = right
    }

    var years: ClosedRange<Int> { first...last }
    var slot: Double { (right - left) / Double(last - first + 1) }
    func x(_ year: Int) -> Double { left + (Double(year - first) + 0.5) * slot }
    /// Label every year when they fit, else every second or fifth.
    var labelEvery: Int { slot >= 34 ? 1 : slot >= 17 ? 2 : 5 }
}

/// A linear value axis.
struct ValueScale {
    let lo: Double, hi: Double, top: Double, bottom: Double
    func y(_ v: Double) -> Double { bottom - (v - lo) / (hi - lo) * (bottom - top) }
}
