import Foundation
import PolframeLexicon
import PolframeScore

/// A manifest file as a table of text: its header, and each row with the line it starts on.
/// TSV splits on tabs line by line; CSV follows RFC 4180 (quoted fields may hold commas, doubled
/// quotes and line breaks), so a manifest saved by a spreadsheet reads as it looks there.
public struct ManifestTable: Sendable {
    public enum Separator: Sendable { case tab, comma }
    public var separator: Separator
    public var header: [String]
    public var rows: [(line: Int, fields: [String])]

    /// Splits `text`; a quote left open at the end of a CSV file is a problem naming its line.
    public static func parse(_ text: String, path: String) throws(MakeError) -> ManifestTable {
        let firstLine = text.utf8.prefix { $0 != 0x0A }
        let separator: Separator = firstLine.contains(0x09) ? .tab : .comma
        var records: [(line: Int, fields: [String])] = []
        switch separator {
        case .tab:
            var line = 0
            for raw in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
                line += 1
                records.append((line, raw.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }))
            }
        case .comma:
            records = try splitCSV(text, path: path)
        }
        // Spaces and a carriage return around a field are not part of it; blank lines are no rows.
        func trimmed(_ s: String) -> String {
            // Most fields need nothing: look at the end bytes before calling Foundation.
            guard let a = s.utf8.first, let b = s.utf8.last, a == 0x20 || a == 0x09 || b == 0x20 || b == 0x0D || b == 0x09 else { return s }
            let t = s.trimmingCharacters(in: .whitespaces)
            return t.hasSuffix("\r") ? String(t.dropLast()).trimmingCharacters(in: .whitespaces) : t
        }
        records = records.map { ($0.line, $0.fields.map(trimmed)) }.filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
        guard let head = records.first, head.line == 1 else {
            throw .invalidInputs([Problem(file: path, line: 1, column: 1, "the manifest is empty: it needs a header line")])
        }
        return ManifestTable(separator: separator, header: head.fields.map { $0.lowercased() }, rows: Array(records.dropFirst()))
    }

    /// RFC 4180 records over the UTF-8 bytes, each with the line it starts on.
    static func splitCSV(_ text: String, path: String) throws(MakeError) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, atFieldStart = true
        var line = 1, recordLine = 1, quoteLine = 1
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if c == 0x0A { line += 1 }
            if inQuotes {
                if c == 0x22 {
                    if i < bytes.count, bytes[i] == 0x22 { field.append(0x22); i += 1 } else { inQuotes = false }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case 0x22 where atFieldStart && field.allSatisfy({ $0 == 0x20 }):
                inQuotes = true; quoteLine = line; field.removeAll()
            case 0x2C:
                fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true); atFieldStart = true
            case 0x0A:
                fields.append(String(decoding: field, as: UTF8.self)); records.append((recordLine, fields))
                fields = []; field.removeAll(keepingCapacity: true); atFieldStart = true; recordLine = line
            case 0x20 where atFieldStart: field.append(c)
            default: field.append(c); atFieldStart = false
            }
        }
        if inQuotes {
            throw .invalidInputs([Problem(file: path, line: quoteLine, column: 1, "a quoted field opened on this line is never closed (a CSV field in quotes ends with a quote)")])
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(String(decoding: field, as: UTF8.self)); records.append((recordLine, fields)) }
        return records
    }

    /// The file's text: tab-separated (values with tabs or line breaks get spaces instead), or
    /// RFC 4180 CSV with fields quoted where they need it.
    public func render() -> String {
        func line(_ fields: [String]) -> String {
            switch separator {
            case .tab:
                return fields.map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r\n", with: " ")
                    .replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\t")
            case .comma:
                return fields.map(CSVTable.field).joined(separator: ",")
            }
        }
        return ([line(header)] + rows.map { line($0.fields) }).joined(separator: "\n") + "\n"
    }
}
