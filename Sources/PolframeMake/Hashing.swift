import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum Digest {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func sha256(_ bytes: some DataProtocol) -> String {
        // Hex by table: String(format:) per byte made hashing the slowest part of a no-op make.
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in SHA256.hash(data: bytes) {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// Hashes a file in 1 MiB pieces, so a large output is never held in memory to be hashed.
    static func sha256(file path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return hex(hasher.finalize())
    }

    /// Lowercase hex of a digest.
    static func hex(_ digest: SHA256.Digest) -> String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in digest {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

