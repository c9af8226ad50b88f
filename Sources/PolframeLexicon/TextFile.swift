import Foundation

/// A user's text file that could not be read as text, said as a problem at its byte and line.
public struct UnreadableText: Error, Sendable, CustomStringConvertible {
    public var problem: Problem
    public var description: String { problem.description }
}

/// Reads the text files users write (lexicons, pipelines, manifests): UTF-8, with or without a
/// BOM, or UTF-16 with a BOM (what spreadsheets save as "Unicode text"). Anything else is refused
/// naming the first bad byte, its line and column, rather than as a file that "cannot be read".
public enum TextFile {
    public static func read(_ path: String) throws(UnreadableText) -> String {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw UnreadableText(problem: Problem(file: path, "cannot read: \((error as NSError).localizedDescription)"))
        }
        return try decode(bytes, path: path)
    }

    /// The text of `bytes`, read as `read` reads a file.
    public static func decode(_ bytes: [UInt8], path: String) throws(UnreadableText) -> String {
        func refuse(_ offset: Int, _ what: String) -> UnreadableText {
            let (line, column) = position(of: offset, in: bytes)
            return UnreadableText(problem: Problem(file: path, line: line, column: column, "\(what) at byte \(offset): save the file as UTF-8"))
        }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw UnreadableText(problem: Problem(file: path, "the file is UTF-32 (byte-order mark): save it as UTF-8"))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            if bytes.count % 2 != 0 { throw refuse(bytes.count - 1, "invalid UTF-16 (an odd number of bytes)") }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2 - 1)
            for i in stride(from: 2, to: bytes.count, by: 2) {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            }
            var text = ""
            var parser = Unicode.UTF16.ForwardParser()
            var it = units.makeIterator()
            var unit = 0
            while true {
                switch parser.parseScalar(from: &it) {
                case .valid(let encoded):
                    text.unicodeScalars.append(Unicode.UTF16.decode(encoded))
                    unit += encoded.count
                case .error:
                    // Lines of UTF-16 cannot be counted on the raw bytes: say the byte alone.
                    throw UnreadableText(problem: Problem(file: path, "invalid UTF-16 (an unpaired surrogate) at byte \(2 + unit * 2): save the file as UTF-8"))
                case .emptyInput:
                    return text
                }
            }
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var parser = Unicode.UTF8.ForwardParser()
        var it = bytes[body...].makeIterator()
        var offset = body
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0 {
                    throw refuse(offset, "a NUL byte (UTF-16 without a byte-order mark?)")
                }
                offset += encoded.count
            case .error:
                throw refuse(offset, "invalid UTF-8")
            case .emptyInput:
                return String(decoding: bytes[body...], as: UTF8.self)
            }
        }
    }

    /// The 1-based line and column (in bytes) of a byte offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }
}
