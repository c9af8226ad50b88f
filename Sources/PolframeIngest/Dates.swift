/// Finds and validates dates in text: ISO, Chinese (2021年12月31日) and English (March 1, 2022).
public enum DateParser {
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
    ]

    /// The date patterns, by name (documentation and tests list them). `DateScanner` matches
    /// them by hand over Unicode scalars: Swift Regex cost two thirds of extraction time.
    public static let patternNames: [String] = [
        "iso (2021-12-31, 2021/9/5, 2021.9.5)", "chinese (2021年12月31日)", "han-numeral (二〇二一年十二月三十一日)",
        "year-month (1998年3月, no day)", "english month-day-year (March 1, 2022)", "english day-month-year (7 June 2024)",
        "slash month-day-year (9/17/2004; day first when the first number exceeds 12)",
    ]

    /// The first valid full date in the text, as YYYY-MM-DD.
    public static func firstDate(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        return DateScanner.matches(in: scalars, firstOnly: true).first { !$0.partial }?.value
    }

    /// Han numerals as values (二〇二一 digit by digit when `positional`; 十二 -> 12, 三十一 -> 31, 十 -> 10).
    static func hanValue(_ values: [Int], positional: Bool) -> Int? {
        if positional { return values.contains(10) ? nil : values.reduce(0) { $0 * 10 + $1 } }
        switch values.count {
        case 1: return values[0]
        case 2: return values[0] == 10 ? 10 + values[1] : (values[1] == 10 ? values[0] * 10 : nil)
        case 3: return values[1] == 10 ? values[0] * 10 + values[2] : nil
        default: return nil
        }
    }

    /// A date found in text: where it is, its value, and whether a time follows it.
    public struct Match: Sendable {
        public var range: Range<String.Index>
        public var value: String
        public var hasTime: Bool
    }

    /// Every valid date in the text, in order (ISO, Chinese, Han-numeral, English).
    public static func allDates(in text: String) -> [Match] {
        let scalars = text.unicodeScalars
        return DateScanner.matches(in: Array(scalars), firstOnly: false).map { m in
            let lo = scalars.index(scalars.startIndex, offsetBy: m.start)
            let hi = scalars.index(lo, offsetBy: m.end - m.start)
            return Match(range: lo..<hi, value: m.value, hasTime: m.hasTime)
        }
    }

    /// YYYY-MM-DD when the date exists and lies between 1900 and 2100; nil otherwise.
    public static func validated(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1900...2100).contains(y), (1...12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard d <= days else { return nil }
        return String(format4: y) + "-" + String(pad2: m) + "-" + String(pad2: d)
    }

    /// Accepts YYYY, YYYY-MM or YYYY-MM-DD (as manifests give them); nil for anything else.
    public static func partial(_ s: String) -> String? {
        let parts = s.split(separator: "-")
        guard let y = Int(parts.first ?? ""), (1900...2100).contains(y), parts[0].count == 4 else { return nil }
        switch parts.count {
        case 1: return String(format4: y)
        case 2:
            guard let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            return String(format4: y) + "-" + String(pad2: m)
        case 3:
            guard let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
            return validated(y, m, d)
        default: return nil
        }
    }
}

extension String {
    init(pad2 v: Int) { self = v < 10 ? "0" + v.description : v.description }
    init(format4 v: Int) { self = DateParser.zeroPadded(v, 4) }
}

extension DateParser {
    static func zeroPadded(_ v: Int, _ width: Int) -> String {
        let digits = v.description
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
