import Foundation
import PolframeIngest

extension ManifestAdder {
    /// Adds the row of one document, or updates the row with its path (and record): a new hash
    /// is recorded with a message, fields the user gave are set; anything else is left as the
    /// user last edited it.
    func upsert(_ doc: Document, rel: String, record: Int?, sha: String, fromPath: [(String, String)],
                into table: inout ManifestTable) -> FileReport {
        func column(_ name: String) -> Int {
            if let i = table.header.firstIndex(of: name) { return i }
            table.header.append(name)
            for k in table.rows.indices { table.rows[k].fields.append("") }
            return table.header.count - 1
        }
        let (idC, pathC, shaC, recordC) = (column("id"), column("path"), column("sha256"), column("record"))
        let recordText = record.map(String.init) ?? ""
        var notes: [String] = []
        var outcome: FileReport.Outcome
        let index: Int
        if let k = table.rows.firstIndex(where: { $0.fields[pathC] == rel && $0.fields[recordC] == recordText }) {
            index = k
            outcome = .unchanged
            let was = table.rows[k].fields[shaC]
            if was != sha {
                notes.append(was.isEmpty ? "sha256 recorded: \(sha)" : "changed since it was added: sha256 was \(was.prefix(12))…, now \(sha.prefix(12))…")
                table.rows[k].fields[shaC] = sha
                outcome = .updated
            }
        } else {
            let line = (table.rows.last?.line ?? 1) + 1
            table.rows.append((line, Array(repeating: "", count: table.header.count)))
            index = table.rows.count - 1
            let ids = Set(table.rows.map { $0.fields[idC] })
            table.rows[index].fields[idC] = Self.uniqueID(rel, record: record, taken: ids)
            table.rows[index].fields[pathC] = rel
            table.rows[index].fields[shaC] = sha
            table.rows[index].fields[recordC] = recordText
            outcome = .added
        }
        for (c, v) in fromPath + fields {
            let i = column(c)
            let value = c == "date" ? (DateParser.partial(v) ?? v) : v
            if table.rows[index].fields[i] != value {
                if outcome == .unchanged { outcome = .updated }
                if !table.rows[index].fields[i].isEmpty { notes.append("\(c): '\(table.rows[index].fields[i])' → '\(value)'") }
                table.rows[index].fields[i] = value
            }
        }
        if let twin = table.rows.indices.first(where: { $0 != index && table.rows[$0].fields[shaC] == sha }) {
            notes.append("same content as \(table.rows[twin].fields[idC]): make will count it once (in_series: no: duplicate)")
        }
        // What the row and the document say, with sources; what neither says.
        let row = table.rows[index].fields
        func stated(_ c: String) -> String? { table.header.firstIndex(of: c).map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 } }
        var found = ["format \(doc.format.rawValue)"]
        var missing: [String] = []
        for (name, field) in [("title", doc.title), ("date", doc.date), ("language", doc.language), ("country", nil as Field?)] {
            if let v = stated(name) { found.append("\(name) \(name == "title" ? "'\(v)'" : v) [manifest]") }
            else if let f = field { found.append("\(name) \(name == "title" ? "'\(f.value)'" : f.value) [\(f.source)]") }
            else { missing.append(name) }
        }
        notes.insert("found: " + found.joined(separator: "; "), at: 0)
        if !missing.isEmpty {
            let advice = missing.map { $0 == "country" ? "--country CC" : $0 == "date" ? "--set date=YYYY[-MM[-DD]] or --from-path '{date}…'" : "--set \($0)=…" }
            notes.append("missing: \(missing.joined(separator: ", ")) (give \(advice.joined(separator: ", ")), or edit the manifest)")
        }
        return FileReport(outcome: outcome, path: rel + (record.map { "#\($0)" } ?? ""), id: row[idC], notes: notes)
    }

    /// An id from the file name (letters and digits of any script, others as '-'), made unique.
    static func uniqueID(_ rel: String, record: Int?, taken: Set<String>) -> String {
        let stem = ((rel as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        var id = ""
        for ch in stem.unicodeScalars {
            if CharacterSet.alphanumerics.contains(ch) || ch == "_" { id.unicodeScalars.append(ch) }
            else if !id.isEmpty && !id.hasSuffix("-") { id += "-" }
        }
        while id.hasSuffix("-") { id.removeLast() }
        if id.isEmpty { id = "doc" }
        if let record { id += "-r\(record)" }
        var candidate = id, n = 2
        while taken.contains(candidate) { candidate = "\(id)-\(n)"; n += 1 }
        return candidate
    }
}

/// `--from-path '{country}/{date}-*.html'`: fields read from a document's path relative to the
/// corpus folder. `{name}` takes one path part or a piece of one (`{date}` only a date: YYYY,
/// YYYY-MM or YYYY-MM-DD), `*` any text within a part, `**` any parts; the pattern matches the
/// end of the path.
public struct PathPattern: Sendable {
    public let text: String
    let regex: NSRegularExpression
    let names: [String]

    public init(_ text: String) throws(MakeError) {
        self.text = text
        var pattern = "(?:^|/)"
        var names: [String] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "{", let close = text[i...].firstIndex(of: "}") {
                let name = String(text[text.index(after: i)..<close])
                guard DocumentVariables.isValidName(name) || Manifest.knownColumns.contains(name), !["id", "path", "sha256", "record"].contains(name) else {
                    throw .invalidInputs([.init(file: "--from-path", "'{\(name)}' is not a field polframe add can fill (country, date, language, title, issuer, or a document variable's name)")])
                }
                names.append(name)
                pattern += name == "date" ? "([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)" : "([^/]+?)"
                i = text.index(after: close)
                continue
            }
            if c == "*" {
                let next = text.index(after: i)
                if next < text.endIndex, text[next] == "*" { pattern += ".*"; i = text.index(after: next); continue }
                pattern += "[^/]*"
            } else {
                pattern += NSRegularExpression.escapedPattern(for: String(c))
            }
            i = text.index(after: i)
        }
        guard !names.isEmpty else { throw .invalidInputs([.init(file: "--from-path", "'\(text)' names no field: use {country}, {date}, … for the parts to read")]) }
        do { regex = try NSRegularExpression(pattern: pattern + "$") } catch {
            throw .invalidInputs([.init(file: "--from-path", "'\(text)' cannot be read as a pattern: \(error)")])
        }
        self.names = names
    }

    /// The fields a path gives, or nil when it does not match.
    public func fields(of path: String) -> [(String, String)]? {
        let ns = path as NSString
        guard let m = regex.firstMatch(in: path, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return names.enumerated().map { k, name in (name, ns.substring(with: m.range(at: k + 1))) }
    }
}
