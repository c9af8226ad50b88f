/// The opt-in defence against spreadsheet formulas in CSV cells (`csv: {excel_safe: true}` in a
/// pipeline). By default the CSVs stay exact, as R, pandas and `polframe` itself read them; a
/// spreadsheet, though, runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and
/// titles, front matter and manifest fields come from whoever wrote the documents.
public enum CSVFormulaGuard {
    /// First characters a spreadsheet may read as the start of a formula (TAB and CR are
    /// stripped by some before they look).
    public static let triggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// `csv` (RFC 4180 text, whole rows) with an apostrophe before every text cell that starts
    /// with a trigger. A cell that is a plain number (`-0.5`, `+3`, `1e-9`) is left alone, so
    /// numeric columns never change; the apostrophe is the mark spreadsheets hide and read as
    /// "this is text".
    public static func protect(_ csv: String) -> String {
        let b = Array(csv.utf8)
        guard b.contains(where: { triggers.contains($0) }) else { return csv }
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 64)
        var i = 0, atFieldStart = true, inQuotes = false
        while i < b.count {
            let c = b[i]
            if inQuotes {
                out.append(c)
                if c == 0x22 {
                    if i + 1 < b.count, b[i + 1] == 0x22 { out.append(0x22); i += 2; continue }
                    inQuotes = false
                }
                i += 1
                continue
            }
            if atFieldStart {
                atFieldStart = false
                if c == 0x22 {
                    out.append(c)
                    inQuotes = true
                    // A quoted cell holds a comma, quote or line break: never a plain number.
                    if i + 1 < b.count, triggers.contains(b[i + 1]) { out.append(0x27) }
                    i += 1
                    continue
                }
                if triggers.contains(c) {
                    var end = i
                    while end < b.count, b[end] != 0x2C, b[end] != 0x0A { end += 1 }
                    if !isNumber(b[i..<end]) { out.append(0x27) }
                }
            }
            out.append(c)
            if c == 0x2C || c == 0x0A { atFieldStart = true }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a cell is a decimal number as polframe prints them: sign, digits, point, exponent.
    static func isNumber(_ s: ArraySlice<UInt8>) -> Bool {
        var i = s.startIndex
        func digits() -> Int {
            let start = i
            while i < s.endIndex, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < s.endIndex, s[i] == 0x2B || s[i] == 0x2D { i += 1 }
        var count = digits()
        if i < s.endIndex, s[i] == 0x2E { i += 1; count += digits() }
        guard count > 0 else { return false }
        if i < s.endIndex, s[i] == 0x65 || s[i] == 0x45 {
            i += 1
            if i < s.endIndex, s[i] == 0x2B || s[i] == 0x2D { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == s.endIndex
    }
}
