/// Tests on eight bytes at once, loaded as one UInt64: the scanners' fast path over runs of
/// ASCII text. Each test leaves the high bit of every byte that passes. The bytes must all be ASCII
/// (`w & ASCIIWord.highBits == 0`), so that adding to a byte never carries into the next.
enum ASCIIWord {
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// The high bit of each byte that is an ASCII letter (`(c | 0x20)` in `a...z`).
    @inline(__always) static func letters(_ w: UInt64) -> UInt64 {
        let y = w | (ones &* 0x20)
        let atLeastA = (y &+ ones &* (0x80 - 0x61)) & highBits
        let pastZ = (y &+ ones &* (0x80 - 0x7B)) & highBits
        return atLeastA & ~pastZ
    }

    /// The high bit of each byte equal to `c`.
    @inline(__always) static func bytes(_ w: UInt64, equalTo c: UInt8) -> UInt64 {
        let t = w ^ (ones &* UInt64(c))
        return ~(((t & ~highBits) &+ ~highBits) | t) & highBits
    }

    /// The high bit of each byte below `c` (at most 0x80).
    @inline(__always) static func bytes(_ w: UInt64, below c: UInt8) -> UInt64 {
        ~(w &+ ones &* UInt64(0x80 - c)) & highBits
    }
}
