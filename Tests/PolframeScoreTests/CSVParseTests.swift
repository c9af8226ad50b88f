import Testing
@testable import PolframeScore

/// CSVTable.parse reads bytes; the scalar-by-scalar parser it replaced is kept here as the
/// reference it must agree with.
@Suite struct CSVParseTests {
    static func reference(_ text: String) -> CSVTable? {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var atFieldStart = true
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return it.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"" where atFieldStart: inQuotes = true; atFieldStart = false
            case ",": row.append(field); field = ""; atFieldStart = true
            case "\r": continue
            case "\n": row.append(field); rows.append(row); row = []; field = ""; atFieldStart = true
            default: field.unicodeScalars.append(c); atFieldStart = false
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        guard let header = rows.first else { return nil }
        var t = CSVTable(header: header)
        for r in rows.dropFirst() where r.count == header.count { t.rows.append(r) }
        return t
    }

    @Test func agreesWithTheReferenceOnRandomTables() {
        let pieces = ["a", "b", "人工智能", "\"", "\"\"", ",", "\n", "\r\n", "\r", " ", "é", "😀", "x\"y", "", "1.5", "-"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &rng) { text += pieces.randomElement(using: &rng)! }
            let a = CSVTable.parse(text), b = Self.reference(text)
            #expect(a?.header == b?.header && a?.rows == b?.rows, "\(text.debugDescription)")
        }
    }

    @Test func quotedFieldsKeepCommasNewlinesAndQuotes() {
        let t = CSVTable.parse("id,text\r\n1,\"a, \"\"b\"\"\nc\"\n2,plain\n")
        #expect(t?.header == ["id", "text"])
        #expect(t?.rows == [["1", "a, \"b\"\nc"], ["2", "plain"]])
    }

    @Test func rowsKeepTheLineTheyStartOnAndMalformedRowsAreNamed() throws {
        let parsed = try #require(CSVTable.parseLocated("id,text\r\n1,\"a\nb\"\n2\n3,c\n,\n\"4\",\"x\"\r\n5,"))
        #expect(parsed.table.rows == [["1", "a\nb"], ["3", "c"], ["", ""], ["4", "x"], ["5", ""]])
        #expect(parsed.lines == [2, 5, 6, 7, 8])
        #expect(parsed.malformed.map(\.line) == [4] && parsed.malformed.map(\.fields) == [1])
        #expect(CSVTable.parseLocated("") == nil)
    }
}
