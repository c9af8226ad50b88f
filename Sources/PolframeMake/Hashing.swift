import Crypto
import Foundation

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

    static func sha256(file path: String) -> String? {
        guard let d = FileManager.default.contents(atPath: path) else { return nil }
        return sha256(d)
    }
}

