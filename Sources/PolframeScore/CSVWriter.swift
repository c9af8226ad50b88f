import Foundation

/// Writes RFC 4180 CSV (fields quoted when they hold a comma, quote, CR or LF; quotes doubled),
/// UTF-8, LF line ends, header first.
public struct CSVTable: Sendable {
    public var header: [String]
    /// The rows of a parsed table. Rows appended to a table being written go straight to its
    /// text instead (an array of fields per row made a 10,000-document documents.csv take
    /// several times its size in memory).
    public var rows: [[String]] = []
    private var body = ""

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "CSV row has \(row.count) fields, header \(header.count)")
        var first = true
        for f in row {
            if !first { body += "," }
            body += Self.field(f)
            first = false
        }
        body += "\n"
    }

    public static func field(_ s: String) -> String {
        if s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    public var text: String { headerText + rowsText }

    public var headerText: String { header.map(Self.field).joined(separator: ",") + "\n" }

    /// The rows without the header, for fragments concatenated later.
    public var rowsText: String {
        var out = body
        for r in rows { out += r.map(Self.field).joined(separator: ",") + "\n" }
        return out
    }
}

/// Numbers printed the same way on every run and machine.
public enum NumberFormat {
    /// `v` with `digits` decimals as C's `%.Nf` prints it, but "0.00" for a negative value that
    /// rounds to zero; "" for NaN.
    public static func fixed(_ v: Double, _ digits: Int) -> String {
        if v.isNaN { return "" }
        let s = printf(v, digits) ?? String(format: "%.\(digits)f", v)
        guard s.utf8.first == UInt8(ascii: "-") else { return s }
        return s == "-0." + String(repeating: "0", count: digits) ? "0." + String(repeating: "0", count: digits) : s
    }

    /// The largest magnitude and number of decimals `printf` handles (its result then fits in
    /// 64 bits); others go to `String(format:)`, which is slow (Foundation's formatter).
    static let printfLimit = 1e9
    static let printfDigits = 9

    /// `%.Nf` worked out exactly: the double is m·2^-k, so m·10^N·2^-k, rounded half to even
    /// as glibc's printf rounds the exact binary value, is the number printed times 10^N.
    static func printf(_ v: Double, _ digits: Int) -> String? {
        guard v.isFinite, v.magnitude < printfLimit, digits >= 0, digits <= printfDigits else { return nil }
        guard #available(macOS 15.0, *) else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        // v = m · 2^-k with k >= 1 (|v| < 2^52): subnormals have no implicit bit.
        let subnormal = v.exponentBitPattern == 0
        let m = UInt128(subnormal ? v.significandBitPattern : v.significandBitPattern | (1 << 52))
        let k = subnormal ? 1074 : 1075 - Int(v.exponentBitPattern)
        let p = m * UInt128(scale)
        var q: UInt128 = 0
        if k < 128 {
            q = p >> k
            let rest = p & ((1 << k) - 1), half = UInt128(1) << (k - 1)
            if rest > half || (rest == half && q & 1 == 1) { q += 1 }
        }
        // Otherwise p < 2^83 <= 2^(k-1): less than half a unit of the last decimal.
        // Written right to left: the decimals, the point, then at least one integer digit.
        var n = UInt64(q)
        let negative = v.sign == .minus
        return String(unsafeUninitializedCapacity: 32) { out in
            var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            return withUnsafeMutableBytes(of: &bytes) { b in
                var i = b.count
                func put(_ c: UInt8) { i -= 1; b[i] = c }
                for _ in 0..<digits { put(UInt8(ascii: "0") + UInt8(n % 10)); n /= 10 }
                if digits > 0 { put(UInt8(ascii: ".")) }
                repeat { put(UInt8(ascii: "0") + UInt8(n % 10)); n /= 10 } while n > 0
                if negative { put(UInt8(ascii: "-")) }
                let length = b.count - i
                for j in 0..<length { out[j] = b[i + j] }
                return length
            }
        }
    }
}

extension CSVTable {
    /// Parses RFC 4180 CSV (quoted fields, doubled quotes, LF or CRLF); the first row is the header.
    public static func parse(_ text: String) -> CSVTable? { parseLocated(text)?.table }

    /// Parses like `parse`, and also says on which line each kept row starts and which rows were
    /// left out for a wrong number of fields (line, fields), so a reader can name them.
    public static func parseLocated(_ text: String) -> (table: CSVTable, lines: [Int], malformed: [(line: Int, fields: Int)])? {
        // Over the UTF-8 bytes (every byte the grammar looks at is ASCII), each field collected
        // as bytes and decoded once: a carriage return outside quotes is dropped, a quote opens
        // quoting only at the start of a field, and "" inside quotes is one quote.
        var rows: [[String]] = []
        var rowLines: [Int] = []
        var line = 1, rowLine = 1
        var row: [String] = []
        var field: [UInt8] = []
        // A field of plain bytes (the usual field) decoded straight from the text, not collected.
        var direct: String? = nil
        var inQuotes = false
        var atFieldStart = true
        var copy = text
        copy.withUTF8 { u in
            func endField() {
                row.append(direct ?? String(decoding: field, as: UTF8.self))
                direct = nil
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
            }
            var i = 0
            let n = u.count
            while i < n {
                let c = u[i]
                i += 1
                if inQuotes {
                    if c == 0x22 {
                        if i < n, u[i] == 0x22 { field.append(0x22); i += 1 } else { inQuotes = false }
                    } else {
                        if c == 0x0A { line += 1 }
                        field.append(c)
                    }
                    continue
                }
                switch c {
                case 0x22 where atFieldStart: inQuotes = true; atFieldStart = false
                case 0x2C: endField()
                case 0x0D: continue
                case 0x0A:
                    endField(); rows.append(row); row = []; row.reserveCapacity(rows[0].count)
                    rowLines.append(rowLine); line += 1; rowLine = line
                default:
                    atFieldStart = false
                    var j = i
                    while j < n { let d = u[j]; if d == 0x2C || d == 0x0A || d == 0x0D { break }; j += 1 }
                    if field.isEmpty && direct == nil && (j == n || u[j] != 0x0D) {
                        direct = String(decoding: UnsafeBufferPointer(rebasing: u[(i - 1)..<j]), as: UTF8.self)
                    } else {
                        field.append(c)
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: u[i..<j]))
                    }
                    i = j
                }
            }
        }
        if direct != nil || !field.isEmpty || !row.isEmpty {
            row.append(direct ?? String(decoding: field, as: UTF8.self)); rows.append(row); rowLines.append(rowLine)
        }
        guard let header = rows.first else { return nil }
        var t = CSVTable(header: header)
        var lines: [Int] = [], malformed: [(line: Int, fields: Int)] = []
        for (k, r) in rows.enumerated().dropFirst() {
            if r.count == header.count { t.rows.append(r); lines.append(rowLines[k]) } else { malformed.append((rowLines[k], r.count)) }
        }
        return (t, lines, malformed)
    }

    /// The values of a column by name, row by row.
    public func column(_ name: String) -> [String]? {
        guard let i = header.firstIndex(of: name) else { return nil }
        return rows.map { $0[i] }
    }
}
