import Foundation

/// The columns of an output table beyond its fixed ones: the group fields (`series.group_by`)
/// that lead grouped tables, the document variables that end documents.csv, and whether the
/// precision-adjusted columns of coded sheets (`validation.sheets`) are there.
public struct TableLayout: Sendable, Equatable {
    public var groups: [String]
    public var variables: [String]
    public var adjusted: Bool

    public init(groups: [String] = ["country"], variables: [String] = [], adjusted: Bool = false) {
        self.groups = groups; self.variables = variables; self.adjusted = adjusted
    }
}

/// One output file's contract (contract v1 of DESIGN.md): its header, its row type, how a row
/// becomes fields and how fields become a row again. Make writes through it; figures, `why`,
/// `kwic` and `lexicon lint` read through it, so a column is named in one place.
public protocol OutputTable {
    associatedtype Row: Sendable, Equatable
    /// The file's name in the output folder.
    static var fileName: String { get }
    /// The header with `country` standing for the group fields: what docs/outputs.md describes.
    static var columns: [String] { get }
    /// The columns an older or hand-made table may lack (read as empty).
    static var optionalColumns: Set<String> { get }
    /// The header of a table with this layout.
    static func header(_ layout: TableLayout) -> [String]
    /// The layout a header says (the inverse of `header`).
    static func layout(of header: [String]) -> TableLayout
    /// A row's fields, in header order.
    static func fields(_ row: Row, _ layout: TableLayout) -> [String]
    /// A row from its fields.
    static func row(_ record: TableRecord) throws(TableError) -> Row
}

extension OutputTable {
    public static var optionalColumns: Set<String> { [] }
    public static func header(_ layout: TableLayout) -> [String] { columns }
    public static func layout(of header: [String]) -> TableLayout { TableLayout() }

    /// The whole table as CSV text.
    public static func text<S: Sequence>(_ rows: S, _ layout: TableLayout = TableLayout()) -> String where S.Element == Row {
        var t = CSVTable(header: header(layout))
        for r in rows { t.append(fields(r, layout)) }
        return t.text
    }

    /// Rows without the header, for a table written in pieces.
    public static func rowsText<S: Sequence>(_ rows: S, _ layout: TableLayout = TableLayout()) -> String where S.Element == Row {
        var t = CSVTable(header: header(layout))
        for r in rows { t.append(fields(r, layout)) }
        return t.rowsText
    }

    /// The header line.
    public static func headerText(_ layout: TableLayout = TableLayout()) -> String { CSVTable(header: header(layout)).headerText }

    /// Reads the table's text; `file` names it in errors. Columns are found by name, so extra
    /// columns are fine; a missing one, a row with the wrong number of fields, or a value that
    /// is not what its column holds is an error naming the file, the line and the column.
    public static func read(_ text: String, file: String) throws(TableError) -> (layout: TableLayout, rows: [Row]) {
        var rows: [Row] = []
        let layout = try forEachRow(text, file: file) { rows.append($0) }
        return (layout, rows)
    }

    /// Reads the table's text a row at a time, so a large table (scores.csv) never sits in
    /// memory whole, parsed; the layout its header says is returned.
    @discardableResult
    public static func forEachRow(_ text: String, file: String, _ body: (Row) -> Void) throws(TableError) -> TableLayout {
        var header: [String]? = nil
        var at: [String: Int] = [:]
        var layout = TableLayout()
        var failure: TableError? = nil
        CSVRecords.forEach(text) { fields, line in
            guard let h = header else {
                header = fields
                for (i, name) in fields.enumerated() where at[name] == nil { at[name] = i }
                layout = Self.layout(of: fields)
                let missing = Self.header(layout).filter { at[$0] == nil && !optionalColumns.contains($0) }
                if !missing.isEmpty { failure = .missingColumns(file: file, missing) }
                return failure == nil
            }
            guard fields.count == h.count else {
                failure = .malformedRow(file: file, line: line, fields: fields.count, expected: h.count)
                return false
            }
            do throws(TableError) { body(try row(TableRecord(file: file, line: line, at: at, fields: fields, layout: layout))) } catch {
                failure = error
                return false
            }
            return true
        }
        if let failure { throw failure }
        guard header != nil else { throw .empty(file: file) }
        return layout
    }

    /// Reads the table from a file.
    public static func read(path: String) throws(TableError) -> (layout: TableLayout, rows: [Row]) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw .unreadable(file: path, detail: "\(error.localizedDescription)") }
        return try read(text, file: path)
    }

    /// A grouped table's header: the group fields, then the columns after `country`.
    static func grouped(_ layout: TableLayout) -> [String] { layout.groups + columns.dropFirst() }

    /// The group fields of a grouped table's header: the columns before `columns[1]`.
    static func groupLayout(of header: [String], adjusted: [String] = []) -> TableLayout {
        let end = header.firstIndex(of: columns[1]) ?? 1
        return TableLayout(groups: Array(header.prefix(end)), adjusted: !adjusted.isEmpty && adjusted.allSatisfy(header.contains))
    }
}

/// One row being read: its values by column name, typed, with errors that name the place.
public struct TableRecord {
    /// The table's file, for errors.
    public let file: String
    /// The line the row starts on (the header is line 1).
    public let line: Int
    let at: [String: Int]
    let fields: [String]
    /// The layout the table's header says.
    public let layout: TableLayout

    /// The text of a column (empty when the table has no such column).
    public func text(_ column: String) -> String { at[column].map { fields[$0] } ?? "" }

    /// The values of the layout's group columns, in order.
    public var group: [String] { layout.groups.map(text) }

    /// The values of the layout's document variables, in order.
    public var variables: [String] { layout.variables.map(text) }

    /// An integer; an empty or other field is an error naming the place.
    public func int(_ column: String) throws(TableError) -> Int {
        guard let v = Int(text(column)) else { throw bad(column, "an integer") }
        return v
    }

    /// An integer, or nil for an empty field.
    public func optionalInt(_ column: String) throws(TableError) -> Int? {
        let s = text(column)
        if s.isEmpty { return nil }
        guard let v = Int(s) else { throw bad(column, "an integer or nothing") }
        return v
    }

    /// A number; an empty or other field is an error naming the place.
    public func double(_ column: String) throws(TableError) -> Double {
        guard let v = Double(text(column)) else { throw bad(column, "a number") }
        return v
    }

    /// A number, or nil for an empty field.
    public func optionalDouble(_ column: String) throws(TableError) -> Double? {
        let s = text(column)
        if s.isEmpty { return nil }
        guard let v = Double(s) else { throw bad(column, "a number or nothing") }
        return v
    }

    /// `true` or `false`, as matches.csv writes them.
    public func bool(_ column: String) throws(TableError) -> Bool {
        switch text(column) {
        case "true": return true
        case "false": return false
        default: throw bad(column, "true or false")
        }
    }

    func bad(_ column: String, _ expected: String) -> TableError {
        .badValue(file: file, line: line, column: column, value: text(column), expected: expected)
    }
}

/// Why an output table could not be read.
public enum TableError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, detail: String)
    case empty(file: String)
    case missingColumns(file: String, [String])
    case malformedRow(file: String, line: Int, fields: Int, expected: Int)
    case badValue(file: String, line: Int, column: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let detail): return "\(file): cannot read: \(detail)"
        case .empty(let file): return "\(file): empty: no header row"
        case .missingColumns(let file, let names): return "\(file): no column \(names.map { "'\($0)'" }.joined(separator: ", "))"
        case .malformedRow(let file, let line, let fields, let expected): return "\(file):\(line): \(fields) fields, the header has \(expected)"
        case .badValue(let file, let line, let column, let value, let expected):
            return "\(file):\(line): column \(column) holds '\(value)', expected \(expected)"
        }
    }
}

/// The formatting of numbers in every table (fixed decimals; empty for nothing).
enum TableCell {
    static func fixed(_ v: Double, _ digits: Int) -> String { NumberFormat.fixed(v, digits) }
    static func fixed(_ v: Double?, _ digits: Int) -> String { v.map { NumberFormat.fixed($0, digits) } ?? "" }
    static func int(_ v: Int?) -> String { v.map(String.init) ?? "" }
    /// `few_documents` for a cell under `series.min_documents`.
    static func flag(_ few: Bool) -> String { few ? "few_documents" : "" }
    /// documents.csv's `in_series`: `yes`, or `no: why`.
    static func inSeries(_ why: String?) -> String { why.map { "no: " + $0 } ?? "yes" }
    static func inSeries(_ text: String) -> String? { text.hasPrefix("no: ") ? String(text.dropFirst(4)) : nil }
}
