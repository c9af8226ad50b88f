/// The records of RFC 4180 text one at a time, with the line each starts on: the tables'
/// readers go through it so that a large table is never held parsed whole. A record without
/// quotes (nearly all of them) is split on commas directly; one with quotes goes through
/// `CSVTable.parse`, the one full parser.
enum CSVRecords {
    /// Calls `body` with each record's fields and first line until it returns false. Empty
    /// lines are skipped; a carriage return before a line feed is dropped.
    static func forEach(_ text: String, _ body: ([String], Int) -> Bool) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var line = 1
        while start < utf8.endIndex {
            // The record ends at the first line feed outside quotes.
            var end = start, quotes = 0, newlines = 0
            while end < utf8.endIndex {
                let c = utf8[end]
                if c == 0x22 { quotes += 1 } else if c == 0x0A { if quotes % 2 == 0 { break }; newlines += 1 }
                utf8.formIndex(after: &end)
            }
            var record = Substring(utf8[start..<end])
            if record.utf8.last == 0x0D { record = Substring(record.utf8.dropLast()) }
            if !record.isEmpty {
                let fields: [String]
                if quotes == 0 {
                    // On bytes: a comma followed by a combining mark is one Character.
                    fields = record.utf8.split(separator: 0x2C, omittingEmptySubsequences: false).map { String(Substring($0)) }
                } else {
                    fields = CSVTable.parse(String(record) + "\n")?.header ?? []
                }
                if !body(fields, line) { return }
            }
            line += newlines + 1
            start = end < utf8.endIndex ? utf8.index(after: end) : end
        }
    }
}
