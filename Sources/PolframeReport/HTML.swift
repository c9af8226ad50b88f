/// Escaping, file names and the page frame every report page shares.
enum HTML {
    /// Text for HTML content and attribute values (`&`, `<`, `>`, `"`, `'` as entities; see
    /// `HTMLBytes.appendEscaped`). Most text has nothing to escape and is returned as it is.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
        var b = HTMLBytes(capacity: s.utf8.count + 32)
        b.appendEscaped(s)
        return String(decoding: b.bytes, as: UTF8.self)
    }

    /// A file-name-safe, stable slug: ASCII letters and digits kept, anything else hex-coded, so
    /// two different ids never share a page (中国 and 美国 must not both become `__`).
    static func slug(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                out.unicodeScalars.append(Unicode.Scalar(b + 32))
                out += "~"  // keeps "US" and "us" apart on case-insensitive file systems
            default:
                out += "." + String(b, radix: 16, uppercase: false)
            }
        }
        if out.utf8.count > 120 {
            // Long ids keep a readable head and a hash of the whole, still unique.
            out = String(out.prefix(100)) + "." + String(StableName.hash(s), radix: 16)
        }
        return out.isEmpty ? "_" : out
    }

    /// One page: the shared head (styles, no network), a skip link, the navigation bar and the
    /// main content. `root` is the relative path to the report folder ("" or "../").
    static func page(title: String, root: String, current: String, body: String, script: Bool = false) -> String {
        String(decoding: page(title: title, root: root, current: current, script: script, capacity: body.utf8.count + 1_024) { $0.append(body) },
               as: UTF8.self)
    }

    /// A page whose main content `body` writes in place (`capacity`: about how many bytes it holds).
    static func page(title: String, root: String, current: String, script: Bool = false, capacity: Int = 0,
                     body: (inout HTMLBytes) -> Void) -> [UInt8] {
        var s = HTMLBytes(capacity: capacity)
        s.append("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>
        """)
        s.appendEscaped(title)
        s.append("</title>\n<link rel=\"stylesheet\" href=\""); s.append(root); s.append("""
        report.css">
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <nav aria-label="Report"><ul>
        """)
        for (href, label) in [("index.html", "Overview"), ("lexicon.html", "Lexicon"), ("documents.html", "Documents"), ("coding.html", "Coding")] {
            s.append("<li><a href=\""); s.append(root); s.append(href); s.append("\"")
            if href == current { s.append(" aria-current=\"page\"") }
            s.append(">"); s.append(label); s.append("</a></li>")
        }
        s.append("</ul></nav>\n<main id=\"main\" tabindex=\"-1\">\n")
        body(&s)
        s.append("\n</main>\n")
        if script { s.append("<script src=\""); s.append(root); s.append("report.js\"></script>\n") }
        s.append("</body>\n</html>\n")
        return s.bytes
    }

    /// A table with a caption, header cells with scope, and rows of already escaped HTML cells.
    static func table(caption: String, header: [String], rows: [[String]], numeric: Set<Int> = []) -> String {
        var s = "<table>\n<caption>\(caption)</caption>\n<thead><tr>"
        for h in header { s += "<th scope=\"col\">\(escape(h))</th>" }
        s += "</tr></thead>\n<tbody>\n"
        for r in rows {
            s += "<tr>"
            for (i, c) in r.enumerated() { s += numeric.contains(i) ? "<td class=\"num\">\(c)</td>" : "<td>\(c)</td>" }
            s += "</tr>\n"
        }
        s += "</tbody>\n</table>\n"
        return s
    }

    /// The same table written in place: `cell(row, column, &bytes)` writes each cell's HTML.
    static func table(caption: String, header: [String], rows: Int, numeric: Set<Int> = [], into s: inout HTMLBytes,
                      cell: (Int, Int, inout HTMLBytes) -> Void) {
        s.append("<table>\n<caption>"); s.append(caption); s.append("</caption>\n<thead><tr>")
        for h in header { s.append("<th scope=\"col\">"); s.appendEscaped(h); s.append("</th>") }
        s.append("</tr></thead>\n<tbody>\n")
        for r in 0..<rows {
            s.append("<tr>")
            for c in header.indices {
                s.append(numeric.contains(c) ? "<td class=\"num\">" : "<td>")
                cell(r, c, &s)
                s.append("</td>")
            }
            s.append("</tr>\n")
        }
        s.append("</tbody>\n</table>\n")
    }
}

/// FNV-1a over UTF-8, stable across runs (for file names of long ids).
enum StableName {
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// `hash("\(id)|\(offset)")`, with no string made.
    static func hash(_ id: String, _ offset: Int) -> UInt64 {
        var h = hash(id)
        h = (h ^ UInt64(UInt8(ascii: "|"))) &* 0x0000_0100_0000_01B3
        var digits = HTMLBytes()
        digits.append(offset)
        for b in digits.bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
