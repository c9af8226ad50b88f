/// Finds and validates dates in text: ISO, Chinese (2021年12月31日) and English (March 1, 2022).
public enum DateParser {
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
    ]

    /// The date patterns, in the order they are tried.
    nonisolated(unsafe) static let iso = /(\d{4})[-\/.](\d{1,2})[-\/.](\d{1,2})/
    nonisolated(unsafe) static let chinese = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/
    nonisolated(unsafe) static let english = /(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(\d{1,2}),?\s+(\d{4})\b/
    nonisolated(unsafe) static let englishDayFirst = /(?i)\b(\d{1,2})\s+(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})\b/

    /// The first valid date in the text, as YYYY-MM-DD.
    public static func firstDate(in text: String) -> String? {
        var best: (String.Index, String)? = nil
        func consider(_ at: String.Index, _ y: Substring, _ m: Int?, _ d: Substring) {
            guard let y = Int(y), let m, let d = Int(d), let s = validated(y, m, d) else { return }
            if best == nil || at < best!.0 { best = (at, s) }
        }
        if let r = text.firstMatch(of: iso) { consider(r.range.lowerBound, r.1, Int(r.2), r.3) }
        if let r = text.firstMatch(of: chinese) { consider(r.range.lowerBound, r.1, Int(r.2), r.3) }
        if let r = text.firstMatch(of: english) { consider(r.range.lowerBound, r.3, months[r.1.lowercased()], r.2) }
        if let r = text.firstMatch(of: englishDayFirst) { consider(r.range.lowerBound, r.3, months[r.2.lowercased()], r.1) }
        if text.contains("年"), let r = text.firstMatch(of: hanDate), let y = hanNumber(r.1, positional: true),
           let m = hanNumber(r.2, positional: false), let d = hanNumber(r.3, positional: false), let v = validated(y, m, d),
           best == nil || r.range.lowerBound < best!.0 {
            best = (r.range.lowerBound, v)
        }
        return best?.1
    }

    /// Han numerals in dates: 二〇二一年十二月三十一日.
    nonisolated(unsafe) static let hanDate = /([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/
    /// A time right after a date ("2005-07-31 12:30"): a timestamp, typical of publication lines.
    nonisolated(unsafe) static let timeAfter = /^\s*\d{1,2}[:：]\d{2}/

    static let hanDigits: [Character: Int] = [
        "〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
    ]

    /// 二〇二一 -> 2021 (digit by digit); 十二 -> 12, 三十一 -> 31, 十 -> 10.
    static func hanNumber(_ s: Substring, positional: Bool) -> Int? {
        let values = s.compactMap { hanDigits[$0] }
        guard values.count == s.count, !values.isEmpty else { return nil }
        if positional { return values.reduce(0) { $0 * 10 + $1 } }
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
        var out: [Match] = []
        func add(_ r: Range<String.Index>, _ y: Int?, _ m: Int?, _ d: Int?) {
            guard let y, let m, let d, let v = validated(y, m, d) else { return }
            let hasTime = text[r.upperBound...].prefix(8).firstMatch(of: timeAfter) != nil
            out.append(Match(range: r, value: v, hasTime: hasTime))
        }
        for r in text.matches(of: iso) { add(r.range, Int(r.1), Int(r.2), Int(r.3)) }
        if text.contains("年") {
            for r in text.matches(of: chinese) { add(r.range, Int(r.1), Int(r.2), Int(r.3)) }
            for r in text.matches(of: hanDate) {
                add(r.range, hanNumber(r.1, positional: true), hanNumber(r.2, positional: false), hanNumber(r.3, positional: false))
            }
        }
        if text.contains("月") {
            // Year and month only (1998年3月): kept as YYYY-MM when no day follows.
            for r in text.matches(of: /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)/) {
                guard let y = Int(r.1), let m = Int(r.2), (1900...2100).contains(y), (1...12).contains(m) else { continue }
                out.append(Match(range: r.range, value: String(format4: y) + "-" + String(pad2: m), hasTime: false))
            }
        }
        for r in text.matches(of: english) { add(r.range, Int(r.3), months[r.1.lowercased()], Int(r.2)) }
        for r in text.matches(of: englishDayFirst) { add(r.range, Int(r.3), months[r.2.lowercased()], Int(r.1)) }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
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
