/// Matches the date patterns of `DateParser.patternNames` in one left-to-right pass over Unicode
/// scalars, by hand: the same language as the regular expressions it replaced, at a fraction of
/// their cost (Swift Regex took two thirds of main-text extraction time).
enum DateScanner {
    /// A date found in scalar offsets `start..<end`.
    struct Found: Sendable, Equatable {
        var start: Int
        var end: Int
        var value: String
        var hasTime: Bool
        /// Year and month only (1998年3月).
        var partial: Bool
    }

    static let monthNames: [String: Int] = DateParser.months
    /// Day-first English dates accept only the full month names.
    static let fullMonthNames: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    static let hanDigitValues: [UInt32: Int] = [
        0x3007: 0, 0x25CB: 0, 0x96F6: 0, 0x4E00: 1, 0x4E8C: 2, 0x4E09: 3, 0x56DB: 4, 0x4E94: 5, 0x516D: 6, 0x4E03: 7,
        0x516B: 8, 0x4E5D: 9, 0x5341: 10,
    ]
    static let nian: UInt32 = 0x5E74, yue: UInt32 = 0x6708, ri: UInt32 = 0x65E5

    /// Every date in order; with `firstOnly`, stops at the first full date.
    static func matches(in s: [Unicode.Scalar], firstOnly: Bool) -> [Found] {
        var out: [Found] = []
        var i = 0
        let n = s.count
        while i < n {
            let v = s[i].value
            var consumed = 0
            if isDigit(v) {
                if let (f, end) = iso(s, i) ?? chinese(s, i) ?? englishDayFirst(s, i) ?? slashMonthFirst(s, i) {
                    if var f { f.hasTime = timeFollows(s, end); out.append(f); if firstOnly && !f.partial { return out } }
                    consumed = end - i
                }
            } else if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) {
                if let (f, end) = englishMonthFirst(s, i) {
                    if var f { f.hasTime = timeFollows(s, end); out.append(f); if firstOnly { return out } }
                    consumed = end - i
                } else {
                    // Skip the rest of the word: a month name starts only at a word boundary.
                    var j = i + 1
                    while j < n, isASCIILetter(s[j].value) { j += 1 }
                    consumed = j - i
                }
            } else if hanDigitValues[v] != nil, v != 0x5341 {
                if let (f, end) = hanDate(s, i) {
                    if var f { f.hasTime = timeFollows(s, end); out.append(f); if firstOnly { return out } }
                    consumed = end - i
                }
            }
            i += max(1, consumed)
        }
        return out
    }

    // MARK: patterns. Each returns nil when it does not match at `i`, or (date or nil when the
    // match is not a valid date, end of the match).

    /// iso: `\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`
    static func iso(_ s: [Unicode.Scalar], _ i: Int) -> (Found?, Int)? {
        guard let y = digits(s, i, exactly: 4) else { return nil }
        var j = i + 4
        guard j < s.count, isDateSeparator(s[j].value) else { return nil }
        j += 1
        guard let (m, mEnd) = digits(s, j, upTo: 2), mEnd < s.count, isDateSeparator(s[mEnd].value) else { return nil }
        guard let (d, dEnd) = digits(s, mEnd + 1, upTo: 2) else { return nil }
        return (DateParser.validated(y, m, d).map { Found(start: i, end: dEnd, value: $0, hasTime: false, partial: false) }, dEnd)
    }

    /// chinese: `\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日`, else year-month `\d{4}\s*年\s*\d{1,2}\s*月`
    /// when no day follows.
    static func chinese(_ s: [Unicode.Scalar], _ i: Int) -> (Found?, Int)? {
        guard let y = digits(s, i, exactly: 4) else { return nil }
        var j = skipSpaces(s, i + 4)
        guard j < s.count, s[j].value == nian else { return nil }
        j = skipSpaces(s, j + 1)
        guard let (m, mEnd) = digits(s, j, upTo: 2) else { return nil }
        j = skipSpaces(s, mEnd)
        guard j < s.count, s[j].value == yue else { return nil }
        let monthEnd = j + 1
        j = skipSpaces(s, monthEnd)
        if let (d, dEnd) = digits(s, j, upTo: 2) {
            let k = skipSpaces(s, dEnd)
            if k < s.count, s[k].value == ri {
                return (DateParser.validated(y, m, d).map { Found(start: i, end: k + 1, value: $0, hasTime: false, partial: false) }, k + 1)
            }
        }
        guard (1900...2100).contains(y), (1...12).contains(m) else { return (nil, monthEnd) }
        return (Found(start: i, end: monthEnd, value: String(format4: y) + "-" + String(pad2: m), hasTime: false, partial: true), monthEnd)
    }

    /// han-numeral: `[〇○零一二三四五六七八九]{4}\s*年\s*[一…十]{1,3}\s*月\s*[一…十]{1,3}\s*日`
    static func hanDate(_ s: [Unicode.Scalar], _ i: Int) -> (Found?, Int)? {
        guard i + 4 <= s.count else { return nil }
        var year: [Int] = []
        for k in i..<(i + 4) {
            guard let d = hanDigitValues[s[k].value], d != 10 else { return nil }
            year.append(d)
        }
        var j = skipSpaces(s, i + 4)
        guard j < s.count, s[j].value == nian else { return nil }
        j = skipSpaces(s, j + 1)
        guard let (m, mEnd) = hanSmall(s, j) else { return nil }
        j = skipSpaces(s, mEnd)
        guard j < s.count, s[j].value == yue else { return nil }
        j = skipSpaces(s, j + 1)
        guard let (d, dEnd) = hanSmall(s, j) else { return nil }
        j = skipSpaces(s, dEnd)
        guard j < s.count, s[j].value == ri else { return nil }
        let end = j + 1
        guard let y = DateParser.hanValue(year, positional: true), let m, let d else { return (nil, end) }
        return (DateParser.validated(y, m, d).map { Found(start: i, end: end, value: $0, hasTime: false, partial: false) }, end)
    }

    /// One to three of 一…十 (no zero): the value (nil when not a number) and the end.
    static func hanSmall(_ s: [Unicode.Scalar], _ i: Int) -> (Int?, Int)? {
        var values: [Int] = []
        var j = i
        while j < s.count, let d = hanDigitValues[s[j].value], d != 0, s[j].value != 0x3007 {
            values.append(d)
            j += 1
        }
        guard (1...3).contains(values.count) else { return nil }
        return (DateParser.hanValue(values, positional: false), j)
    }

    /// slash month-day-year: `\b\d{1,2}/\d{1,2}/\d{4}\b`, read as month/day/year (the US
    /// convention of ASP and IIS servers: 9/17/2004 5:54:13 AM), as day/month/year when the first
    /// number cannot be a month.
    static func slashMonthFirst(_ s: [Unicode.Scalar], _ i: Int) -> (Found?, Int)? {
        if i > 0, isWordScalar(s[i - 1]) { return nil }
        guard let (a, aEnd) = digits(s, i, upTo: 2), aEnd < s.count, s[aEnd].value == 0x2F,
              let (b, bEnd) = digits(s, aEnd + 1, upTo: 2), bEnd < s.count, s[bEnd].value == 0x2F,
              let y = digits(s, bEnd + 1, exactly: 4) else { return nil }
        let end = bEnd + 5
        guard end == s.count || !isWordScalar(s[end]) else { return nil }
        let value = a <= 12 ? DateParser.validated(y, a, b) : DateParser.validated(y, b, a)
        return (value.map { Found(start: i, end: end, value: $0, hasTime: false, partial: false) }, end)
    }

    /// english month-day-year: `\b(month)\.?\s+\d{1,2},?\s+\d{4}\b`
    static func englishMonthFirst(_ s: [Unicode.Scalar], _ i: Int) -> (Found?, Int)? {
        if i > 0, isWordScalar(s[i - 1]) { return nil }
        guard let (name, nameEnd) = word(s, i), let m = monthKeys[name] else { return nil }
        var j = nameEnd
        if j < s.count, s[j].value == 0x2E { j += 1 }
        guard j < s.count, isSpace(s[j].value) else { return nil }
        j = skipSpaces(s, j)
        guard let (d, dEnd) = digits(s, j, upTo: 2) else { return nil }
        j = dEnd
        if j < s.count, s[j].value == 0x2C { j += 1 }
        guard j < s.count, isSpace(s[j].value) else { return nil }
        j = skipSpaces(s, j)
        guard let y = digits(s, j, exactly: 4), j + 4 == s.count || !isWordScalar(s[j + 4]) else { return nil }
        return (DateParser.validated(y, m, d).map { Found(start: i, end: j + 4, value: $0, hasTime: false, partial: false) }, j + 4)
    }

    /// english day-month-year: `\b\d{1,2}\s+(full month name)\s+\d{4}\b`
    static func englishDayFirst(_ s: [Unicode.Scalar], _ i: Int) -> (Found?, Int)? {
        if i > 0, isWordScalar(s[i - 1]) { return nil }
        guard let (d, dEnd) = digits(s, i, upTo: 2), dEnd < s.count, isSpace(s[dEnd].value) else { return nil }
        var j = skipSpaces(s, dEnd)
        guard let (name, nameEnd) = word(s, j), fullMonthKeys.contains(name), let m = monthKeys[name] else { return nil }
        guard nameEnd < s.count, isSpace(s[nameEnd].value) else { return nil }
        j = skipSpaces(s, nameEnd)
        guard let y = digits(s, j, exactly: 4), j + 4 == s.count || !isWordScalar(s[j + 4]) else { return nil }
        return (DateParser.validated(y, m, d).map { Found(start: i, end: j + 4, value: $0, hasTime: false, partial: false) }, j + 4)
    }

    /// A time right after a date ("2005-07-31 12:30"), within 8 scalars: `^\s*\d{1,2}[:：]\d{2}`.
    static func timeFollows(_ s: [Unicode.Scalar], _ end: Int) -> Bool {
        let limit = min(s.count, end + 8)
        var j = end
        while j < limit, isSpace(s[j].value) { j += 1 }
        var k = j
        while k < limit, k - j < 2, isDigit(s[k].value) { k += 1 }
        guard k > j, k < limit, s[k].value == 0x3A || s[k].value == 0xFF1A else { return false }
        return k + 2 < limit && isDigit(s[k + 1].value) && isDigit(s[k + 2].value)
    }

    // MARK: scalar classes

    @inline(__always) static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }
    @inline(__always) static func isASCIILetter(_ v: UInt32) -> Bool { (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
    @inline(__always) static func isDateSeparator(_ v: UInt32) -> Bool { v == 0x2D || v == 0x2F || v == 0x2E }

    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return isDigit(v) || isASCIILetter(v) || v == 0x5F }
        // Han and Latin letters meet at a word boundary (UAX #29): 和March 2, 2020 is a date.
        if TextCleanup.isCJK(s) { return false }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }

    static func skipSpaces(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        var j = i
        while j < s.count, isSpace(s[j].value) { j += 1 }
        return j
    }

    /// Exactly `count` ASCII digits at `i` (more may follow).
    static func digits(_ s: [Unicode.Scalar], _ i: Int, exactly count: Int) -> Int? {
        guard i + count <= s.count else { return nil }
        var v = 0
        for k in i..<(i + count) {
            let c = s[k].value
            guard isDigit(c) else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    /// One to `upTo` ASCII digits at `i`, greedily: the value and the end.
    static func digits(_ s: [Unicode.Scalar], _ i: Int, upTo: Int) -> (Int, Int)? {
        var v = 0, j = i
        while j < s.count, j - i < upTo, isDigit(s[j].value) {
            v = v * 10 + Int(s[j].value - 0x30)
            j += 1
        }
        return j > i ? (v, j) : nil
    }

    /// The lowercased ASCII letter run at `i` when it is a whole word (no letter follows), packed
    /// 7 bits a letter into an integer (words longer than 9 letters are no month): no String
    /// is made per word of the page.
    static func word(_ s: [Unicode.Scalar], _ i: Int) -> (UInt64, Int)? {
        var j = i
        var key: UInt64 = 0
        while j < s.count, isASCIILetter(s[j].value) {
            if j - i >= 9 { return nil }
            key = key << 7 | UInt64(s[j].value | 0x20)
            j += 1
        }
        guard j > i, j == s.count || !isWordScalar(s[j]) else { return nil }
        return (key, j)
    }

    static func pack(_ w: String) -> UInt64 { w.utf8.reduce(0) { $0 << 7 | UInt64($1) } }
    static let monthKeys: [UInt64: Int] = Dictionary(uniqueKeysWithValues: monthNames.map { (pack($0.key), $0.value) })
    static let fullMonthKeys: Set<UInt64> = Set(fullMonthNames.map(pack))
}
