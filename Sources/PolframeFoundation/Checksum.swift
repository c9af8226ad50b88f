/// A 64-bit checksum (a multiply-xor hash over 8-byte words): catches a torn or overwritten
/// record, not an adversary. One algorithm for the pack store, its index and the per-user table
/// cache (table_cache.c has the same in C, tested equal); older variants stay here, named, for
/// reading what older releases wrote.
public enum Checksum {
    /// FNV-1a's offset basis and prime, the hash's constants.
    public static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The checksum of `p` alone, seeded as table_cache.c's `pf_tc_checksum(p, len, seed)`.
    public static func of(_ p: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        finish(absorb(p, basis ^ seed ^ UInt64(p.count)))
    }

    /// Folds `p` into `seed`: four independent lanes over 32-byte blocks (one lane's multiply
    /// chain was the limit: every result a build writes or a re-score reads goes through here),
    /// folded into one, then the rest in one lane.
    public static func absorb(_ p: UnsafeRawBufferPointer, _ seed: UInt64) -> UInt64 {
        var h = seed
        var i = 0
        if p.count >= 32 {
            var a = seed, b = seed ^ 0x9E37_79B9_7F4A_7C15, c = seed ^ 0xC2B2_AE3D_27D4_EB4F, d = seed ^ 0x1656_67B1_9E37_79F9
            while i + 32 <= p.count {
                a = (a ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* prime
                b = (b ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))) &* prime
                c = (c ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))) &* prime
                d = (d ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))) &* prime
                a ^= a >> 29; b ^= b >> 29; c ^= c >> 29; d ^= d >> 29
                i += 32
            }
            for lane in [a, b, c, d] { h = (h ^ lane) &* prime; h ^= h >> 29 }
        }
        return absorbOneLane(UnsafeRawBufferPointer(rebasing: p[i...]), h)
    }

    /// The same multiply-xor in one lane (the pack store's format 2 used it for everything).
    public static func absorbOneLane(_ p: UnsafeRawBufferPointer, _ seed: UInt64) -> UInt64 {
        var h = seed
        var i = 0
        while i + 8 <= p.count {
            h = (h ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* prime
            h ^= h >> 29
            i += 8
        }
        while i < p.count {
            h = (h ^ UInt64(p[i])) &* prime
            i += 1
        }
        return h
    }

    /// Mixes the high half into the low one, as every variant ends.
    public static func finish(_ h: UInt64) -> UInt64 { h ^ (h >> 32) }

    /// The variant stored after the units of an analysis (`AnalyzedText` storage version 3):
    /// the lanes seeded apart and the tail byte by byte. Kept so analyses already on disk are
    /// read, not recomputed.
    public static func analysisUnits(_ p: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (basis ^ UInt64(p.count), 0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9)
        var i = 0
        while i + 32 <= p.count {
            lanes.0 = (lanes.0 ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* prime
            lanes.1 = (lanes.1 ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))) &* prime
            lanes.2 = (lanes.2 ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))) &* prime
            lanes.3 = (lanes.3 ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))) &* prime
            lanes.0 ^= lanes.0 >> 29; lanes.1 ^= lanes.1 >> 29; lanes.2 ^= lanes.2 >> 29; lanes.3 ^= lanes.3 >> 29
            i += 32
        }
        var h = lanes.0
        for l in [lanes.1, lanes.2, lanes.3] { h = (h ^ l) &* prime; h ^= h >> 29 }
        while i < p.count { h = (h ^ UInt64(p[i])) &* prime; i += 1 }
        return finish(h)
    }
}
