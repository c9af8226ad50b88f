import Foundation

/// Writes RFC 4180 CSV (fields quoted when they hold a comma, quote, CR or LF; quotes doubled),
/// UTF-8, LF line ends, header first.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "CSV row has \(row.count) fields, header \(header.count)")
        rows.append(row)
    }

    public static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    public var text: String {
        var out = header.map(Self.field).joined(separator: ",") + "\n"
        for r in rows { out += r.map(Self.field).joined(separator: ",") + "\n" }
        return out
    }
}

/// Numbers printed the same way on every run and machine.
public enum NumberFormat {
    public static func fixed(_ v: Double, _ digits: Int) -> String {
        if v.isNaN { return "" }
        let s = String(format: "%.\(digits)f", v)
        return s == "-0." + String(repeating: "0", count: digits) ? "0." + String(repeating: "0", count: digits) : s
    }
}

/// Writes a file by writing a temporary file beside it and renaming it over the target, so a
/// reader (or a crash) sees the old file or the new one, never half of one.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tmp = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try data.write(to: URL(fileURLWithPath: tmp))
        if let h = FileHandle(forWritingAtPath: tmp) {
            try? h.synchronize()
            try? h.close()
        }
        guard rename(tmp, path) == 0 else {
            let e = errno
            unlink(tmp)
            throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO)
        }
    }
}
