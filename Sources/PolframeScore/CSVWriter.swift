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
        // Over the UTF-8 bytes (every byte the grammar looks at is ASCII), a field at a time: a
        // field of plain bytes (the usual field) is decoded straight from the text; a quoted one,
        // or one holding a carriage return, is collected first. A carriage return outside quotes
        // is dropped, a quote opens quoting only at the start of a field, and "" inside quotes is
        // one quote. Each row is checked against the header as it ends.
        var header: [String]?
        var rows: [[String]] = []
        var lines: [Int] = []
        var malformed: [(line: Int, fields: Int)] = []
        var copy = text
        copy.withUTF8 { u in
            let n = u.count
            var i = 0, line = 1, rowLine = 1
            var row: [String] = []
            var field: [UInt8] = []
            func endRow() {
                if let h = header {
                    if row.count == h.count { rows.append(row); lines.append(rowLine) } else { malformed.append((rowLine, row.count)) }
                    row = []
                    row.reserveCapacity(h.count)
                } else {
                    header = row
                    row = []
                    rows.reserveCapacity(n / max(32, i))  // about as many rows as header lines fit
                }
            }
            /// Collects bytes up to the next comma or line feed, carriage returns dropped.
            func collectRest() {
                while i < n {
                    let c = u[i]
                    if c == 0x2C || c == 0x0A { break }
                    if c != 0x0D { field.append(c) }
                    i += 1
                }
            }
            while i < n {
                let value: String
                // Carriage returns before a field are dropped, and a quote after them still opens it.
                while i < n && u[i] == 0x0D { i += 1 }
                if i < n && u[i] == 0x22 {
                    field.removeAll(keepingCapacity: true)
                    i += 1
                    while i < n {
                        let c = u[i]
                        if c == 0x22 {
                            if i + 1 < n, u[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                            i += 1
                            break
                        }
                        if c == 0x0A { line += 1 }
                        field.append(c)
                        i += 1
                    }
                    collectRest()
                    value = String(decoding: field, as: UTF8.self)
                } else {
                    let start = i
                    while i < n {
                        let c = u[i]
                        if c == 0x2C || c == 0x0A || c == 0x0D { break }
                        i += 1
                    }
                    if i < n && u[i] == 0x0D && !(i + 1 < n && u[i + 1] == 0x0A) {
                        // A carriage return inside the field: collected without it.
                        field.removeAll(keepingCapacity: true)
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i]))
                        collectRest()
                        value = String(decoding: field, as: UTF8.self)
                    } else {
                        value = String(decoding: UnsafeBufferPointer(rebasing: u[start..<i]), as: UTF8.self)
                        if i < n && u[i] == 0x0D { i += 1 }  // CRLF: the CR goes
                    }
                }
                if i < n && u[i] == 0x2C {
                    row.append(value)
                    i += 1
                    if i == n { row.append(""); endRow() }  // a comma ends the text: one more, empty field
                    continue
                }
                // A line feed or the end of the text ends the row; an empty last line is no row.
                if i < n {
                    row.append(value)
                    i += 1
                    endRow()
                    line += 1
                    rowLine = line
                } else if !value.isEmpty || !row.isEmpty {
                    row.append(value)
                    endRow()
                }
            }
        }
        guard let h = header else { return nil }
        var t = CSVTable(header: h)
        t.rows = rows
        return (t, lines, malformed)
    }

    /// The values of a column by name, row by row.
    public func column(_ name: String) -> [String]? {
        guard let i = header.firstIndex(of: name) else { return nil }
        return rows.map { $0[i] }
    }
}
