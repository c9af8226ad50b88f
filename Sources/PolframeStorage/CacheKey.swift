import Crypto

extension Cache {
    /// A fingerprint as 32 bytes (its hex digits decoded; any other name by its sha256): cheaper
    /// to hash and store than the 64-character string, for the tens of thousands of entries an
    /// index holds.
    package struct Key: Hashable, Sendable {
        package var a: UInt64, b: UInt64, c: UInt64, d: UInt64
        package static let size = 32

        package init(a: UInt64, b: UInt64, c: UInt64, d: UInt64) { self.a = a; self.b = b; self.c = c; self.d = d }

        package init(_ raw: UnsafeRawBufferPointer) {
            a = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self); b = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            c = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self); d = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        }

        package var bytes: [UInt8] { withUnsafeBytes(of: self) { Array($0) } }
    }

    package static func key(_ fingerprint: String) -> Key {
        var f = fingerprint
        if let k = f.withUTF8({ hexKey($0) }) { return k }
        return Array(SHA256.hash(data: Array(fingerprint.utf8))).withUnsafeBytes { Key($0) }
    }

    /// Each byte's value as a lowercase hex digit, 0xFF for any other byte.
    package static let hexValues: [UInt8] = (0..<256).map { (c: Int) -> UInt8 in
        if c >= 0x30 && c <= 0x39 { return UInt8(c - 0x30) }
        if c >= 0x61 && c <= 0x66 { return UInt8(c - 0x61 + 10) }
        return 0xFF
    }

    /// 64 lowercase hex digits as the 32 bytes they spell (each word loaded little-endian), or nil.
    package static func hexKey(_ u: UnsafeBufferPointer<UInt8>) -> Key? {
        guard u.count == 2 * Key.size else { return nil }
        return hexValues.withUnsafeBufferPointer { t -> Key? in
            var bad: UInt8 = 0
            var words: [UInt64] = [0, 0, 0, 0]
            for w in 0..<4 {
                var v: UInt64 = 0
                for j in 0..<8 {
                    let hi = t[Int(u[16 * w + 2 * j])], lo = t[Int(u[16 * w + 2 * j + 1])]
                    bad |= hi | lo
                    v |= UInt64(hi &<< 4 | lo) << (8 * UInt64(j))
                }
                words[w] = v
            }
            return bad & 0xF0 == 0 ? Key(a: words[0], b: words[1], c: words[2], d: words[3]) : nil
        }
    }
}
