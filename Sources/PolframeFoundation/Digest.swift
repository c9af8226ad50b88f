import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Hashes of content: sha256 for inputs and the lock, a fast 128-bit content hash for early cutoff.
public enum Digest {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// The sha256 of bytes as 64 lowercase hex digits.
    public static func sha256(_ bytes: some DataProtocol) -> String {
        // Hex by table: String(format:) per byte made hashing the slowest part of a no-op make.
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in SHA256.hash(data: bytes) {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The sha256 of a text's UTF-8.
    public static func sha256(_ text: String) -> String {
        var t = text
        return t.withUTF8 { sha256(UnsafeRawBufferPointer($0)) }
    }

    /// Hashes a file in 1 MiB pieces, so a large output is never held in memory to be hashed.
    public static func sha256(file path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return sha256(descriptor: fd)
    }

    /// Hashes what a descriptor holds from where it stands, in 1 MiB pieces.
    public static func sha256(descriptor fd: Int32) -> String? {
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { b in Interrupted.retry { Glibc.read(fd, b.baseAddress!, b.count) } }
            if n < 0 { return nil }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return hex(hasher.finalize())
    }

    /// The hash of a stage's output (ingest record, analysis, score record), for early cutoff:
    /// 128 bits as 32 hex digits, from two independent multiply-xor lanes over 16-byte blocks
    /// and a final avalanche of each. It tells whether an output changed between runs; it is not
    /// a defence against crafted inputs, and inputs (documents, lexicons, outputs in the lock)
    /// keep sha256. About ten times faster than sha256 here, on the largest thing a build hashes
    /// (every document's analysis).
    public static func content(_ p: UnsafeRawBufferPointer) -> String {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(p.count)
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(p.count)
        let k1: UInt64 = 0xFF51_AFD7_ED55_8CCD, k2: UInt64 = 0xC4CE_B9FE_1A85_EC53
        var i = 0
        while i + 16 <= p.count {
            a = (a ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* k1
            b = (b ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))) &* k2
            a ^= a >> 31
            b ^= b >> 29
            i += 16
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < p.count {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
            if shift == 64 { a = (a ^ tail) &* k1; a ^= a >> 31; tail = 0; shift = 0 }
        }
        b = (b ^ tail ^ shift) &* k2
        func avalanche(_ x: UInt64) -> UInt64 {
            var x = x
            x ^= x >> 33; x = x &* k1; x ^= x >> 33; x = x &* k2; x ^= x >> 33
            return x
        }
        let h1 = avalanche(a ^ (b >> 17)), h2 = avalanche(b ^ (a << 13) ^ h1)
        var out = [UInt8](repeating: 0, count: 32)
        for (w, h) in [h1, h2].enumerated() {
            for j in 0..<8 {
                let byte = UInt8(truncatingIfNeeded: h >> (56 - 8 * UInt64(j)))
                out[16 * w + 2 * j] = hex[Int(byte >> 4)]
                out[16 * w + 2 * j + 1] = hex[Int(byte & 0x0F)]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `content` of bytes, data or a text's UTF-8.
    public static func content(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { content($0) } }
    public static func content(_ data: Data) -> String { data.withUnsafeBytes { content($0) } }
    public static func content(_ text: String) -> String {
        var t = text
        return t.withUTF8 { content(UnsafeRawBufferPointer($0)) }
    }

    /// Lowercase hex of a digest.
    public static func hex(_ digest: SHA256.Digest) -> String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in digest {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

