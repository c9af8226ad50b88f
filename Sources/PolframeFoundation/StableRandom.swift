/// A small, fast, seedable generator: the same seed gives the same stream on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n (Lemire's method would be unbiased; n is tiny next to 2^64).
    public mutating func index(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// FNV-1a over UTF-8: stable across runs (Swift's Hasher is seeded per process).
public enum StableHash {
    public static func of(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
