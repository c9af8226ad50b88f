import CICUBridge

/// Character classes the segmentation rules are written in, looked up in one table for the
/// Basic Multilingual Plane (built once from ICU's properties).
enum CharClass: UInt8 {
    case other = 0, space, han, hanDigit, digit, latin, punct

    static let table: [UInt8] = {
        var t = [UInt8](repeating: CharClass.other.rawValue, count: 65536)
        for u in 0..<65536 {
            if u >= 0xD800 && u < 0xE000 { continue }
            let c = CharClass.compute(UInt32(u))
            t[u] = c.rawValue
        }
        for u in SegmentationRules.hanDigits.utf16 { t[Int(u)] = CharClass.hanDigit.rawValue }
        return t
    }()

    private static func compute(_ v: UInt32) -> CharClass {
        if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x3000 || v == 0xA0 { return .space }
        if v >= 0x30 && v <= 0x39 { return .digit }
        if v >= 0xFF10 && v <= 0xFF19 { return .digit }
        let script = pf_script(v)
        if script == 17 && pf_is_alnum(v) != 0 { return .han }
        if script == 25 && pf_is_alnum(v) != 0 { return .latin }
        if pf_is_alnum(v) == 0 && v > 0x20 && pf_script(v) == 0 { return .punct }
        return .other
    }

    @inline(__always) static func of(_ u: UInt16) -> CharClass { CharClass(rawValue: table[Int(u)])! }
    @inline(__always) static func isHan(_ u: UInt16) -> Bool { isHan(u, table) }

    /// `isHan` with the table already in hand (a hot loop reads `table` once, not per unit).
    @inline(__always) static func isHan(_ u: UInt16, _ table: [UInt8]) -> Bool {
        let c = table[Int(u)]
        return c == CharClass.han.rawValue || c == CharClass.hanDigit.rawValue
    }
}
