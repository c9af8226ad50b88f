/// Why a document could not be read. Each case names the file and, where it applies, the byte
/// offset or line; `reason` is the short form used in documents.csv (`skipped: reason`).
public enum IngestError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, detail: String)
    case empty(path: String)
    case binary(path: String, offset: Int)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case unknownEncoding(path: String, label: String)
    case malformed(path: String, line: Int, column: Int, detail: String)
    case noText(path: String, detail: String)
    /// A record of a container: a JSONL line (`line` is the line number) or a document of a
    /// Federal Register issue (`line` is its position).
    case badRecord(path: String, line: Int, detail: String)
    case unsupportedFormat(path: String, format: String)

    /// The short reason for the `status` column.
    public var reason: String {
        switch self {
        case let .unreadable(_, detail): return "unreadable (\(detail))"
        case .empty: return "empty file"
        case let .binary(_, offset):
            return "binary content (NUL byte at offset \(offset)): not a format polframe reads; convert it to PDF/DOCX/ODT/HTML/text first"
        case let .tooLarge(_, bytes, limit): return "too large (\(bytes) bytes, limit \(limit))"
        case let .unknownEncoding(_, label): return "unknown encoding '\(label)'"
        case let .malformed(_, line, column, detail): return "malformed at line \(line) column \(column) (\(detail))"
        case let .noText(_, detail): return "no text extracted (\(detail))"
        case let .badRecord(_, line, detail): return "bad record \(line) (\(detail))"
        case let .unsupportedFormat(_, format):
            return "unsupported format (\(format)): convert it to PDF/DOCX/ODT/HTML/text first"
        }
    }

    public var path: String {
        switch self {
        case let .unreadable(p, _), let .empty(p), let .binary(p, _), let .tooLarge(p, _, _),
             let .unknownEncoding(p, _), let .malformed(p, _, _, _), let .noText(p, _),
             let .badRecord(p, _, _), let .unsupportedFormat(p, _):
            return p
        }
    }

    public var description: String {
        switch self {
        case let .binary(p, offset): return "\(p): byte \(offset): \(reason)"
        case let .malformed(p, line, column, _): return "\(p):\(line):\(column): \(reason)"
        case let .badRecord(p, _, _): return "\(p): \(reason)"
        default: return "\(path): \(reason)"
        }
    }
}
