import Foundation

/// Reads one record of a JSON Lines file: `content` (or `text`) is the document, with `title`,
/// `year`/`date` and `url` as metadata.
enum JSONLReader {
    /// `maxBytes` bounds the record (its line), as `ingest.max_bytes` bounds a file.
    static func read(_ bytes: [UInt8], path: String, record: Int, maxBytes: Int = IngestOptions().maxBytes) throws(IngestError) -> Document {
        var line = 1, start = 0
        var i = 0
        while line < record, i < bytes.count {
            if bytes[i] == 0x0A { line += 1; start = i + 1 }
            i += 1
        }
        guard line == record, start < bytes.count else {
            throw .badRecord(path: path, line: record, detail: "the file has only \(line) lines")
        }
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        if end - start > maxBytes {
            throw .badRecord(path: path, line: record, detail: "too large (\(end - start) bytes, limit \(maxBytes): ingest.max_bytes)")
        }
        if let at = JSONLimits.tooDeep(bytes[start..<end]) {
            throw .badRecord(path: path, line: record, detail: "JSON nested deeper than \(JSONLimits.maxDepth) levels at byte \(at + 1) of the line")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes[start..<end]))
        } catch {
            // The debug description says where and what ("Unexpected character 'x' around line 1, column 5");
            // the localized one only that the data "isn't in the correct format".
            let why = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            throw .badRecord(path: path, line: record, detail: "not JSON: \(why)")
        }
        guard let dict = object as? [String: Any],
              let content = (dict["content"] ?? dict["text"] ?? dict["body"]) as? String else {
            throw .badRecord(path: path, line: record, detail: "no string field content, text or body")
        }
        let decoded = DecodedText(text: content, encoding: "UTF-8", source: "JSON", invalidBytes: 0, firstInvalidByte: nil)
        var doc = try MarkdownReader.read(decoded, path: path, markdown: false)
        doc.format = .jsonl
        doc.recordContent = content
        if let t = dict["title"] as? String { doc.title = Field(t, source: "record title") }
        if let d = dict["date"] as? String, let v = DateParser.partial(d) ?? DateParser.firstDate(in: d) {
            doc.date = Field(v, source: "record date")
        } else if let y = dict["year"], let v = DateParser.partial("\(y)") {
            doc.date = Field(v, source: "record year")
        }
        if let u = dict["url"] as? String { doc.url = Field(u, source: "record url") }
        return doc
    }
}
