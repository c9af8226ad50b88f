import Crypto
import Foundation

enum Digest {
    static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    static func sha256(file path: String) -> String? {
        guard let d = FileManager.default.contents(atPath: path) else { return nil }
        return sha256(d)
    }
}

