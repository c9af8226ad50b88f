/// Limits on a JSON record, checked on its bytes before the JSON parser sees it, so that what
/// the parser would call "not in the correct format" is said as what it is.
enum JSONLimits {
    /// Arrays and objects inside each other: Foundation's parser refuses deeper nesting with a
    /// generic message.
    static let maxDepth = 512

    /// The offset (from the record's start) of the bracket that nests deeper than `maxDepth`,
    /// or nil. Brackets inside strings do not count.
    static func tooDeep(_ bytes: ArraySlice<UInt8>) -> Int? {
        var depth = 0, inString = false, escaped = false
        for i in bytes.indices {
            let c = bytes[i]
            if inString {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inString = false }
                continue
            }
            switch c {
            case 0x22: inString = true
            case 0x5B, 0x7B:
                depth += 1
                if depth > maxDepth { return i - bytes.startIndex }
            case 0x5D, 0x7D: depth -= 1
            default: break
            }
        }
        return nil
    }
}
