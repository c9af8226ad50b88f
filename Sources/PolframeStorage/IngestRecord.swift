import Foundation
import PolframeFoundation
import PolframeIngest

/// The ingest result the later stages need: the extracted text and metadata, or why the
/// document was skipped. Stored as tab-separated `key value` lines followed by the text.
package struct IngestRecord: Sendable, Hashable {
    package var skipReason: String?
    package var message: String?
    package var contentSHA256 = ""
    package var format = ""
    package var title: Field?
    package var date: Field?
    package var issuer: Field?
    package var language: Field?
    package var encoding = ""
    package var encodingSource = ""
    package var invalidBytes = 0
    package var firstInvalidByte: Int?
    package var warnings: [String] = []
    package var text = ""

    /// The version byte this release writes first (see `RecordVersion`).
    package static let version: UInt8 = 2

    package init(skipReason: String, message: String) {
        self.skipReason = skipReason
        self.message = message
    }

    package init(_ d: Document, contentSHA256: String) {
        self.contentSHA256 = contentSHA256
        format = d.format.rawValue
        title = d.title; date = d.date; issuer = d.issuer; language = d.language
        encoding = d.encoding; encodingSource = d.encodingSource
        invalidBytes = d.invalidBytes; firstInvalidByte = d.firstInvalidByte
        warnings = d.warnings
        text = d.text
    }

    package func serialized() -> Data {
        var lines: [String] = []
        func put(_ k: String, _ v: String) { lines.append(k + "\t" + FieldEscape.escape(v)) }
        if let r = skipReason { put("skip", r) }
        if let m = message { put("message", m) }
        put("sha256", contentSHA256)
        put("format", format)
        for (k, f) in [("title", title), ("date", date), ("issuer", issuer), ("language", language)] {
            if let f { put(k, f.value); put(k + "_source", f.source) }
        }
        put("encoding", encoding)
        put("encoding_source", encodingSource)
        put("invalid_bytes", String(invalidBytes))
        if let b = firstInvalidByte { put("first_invalid_byte", String(b)) }
        for w in warnings { put("warning", w) }
        var out = Data([Self.version])
        out.append(contentsOf: (lines.joined(separator: "\n") + "\n\n" + text).utf8)
        return out
    }

    /// Only the text of a serialized record, or nil when the record is damaged or its document
    /// was skipped: what a reader of texts needs, without the fields parsed.
    package static func text(serialized data: Data) -> String? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let (_, start) = RecordVersion.read(bytes.first, current: Self.version) else { return nil }
            var i = start
            var lineStart = start
            while i + 1 < bytes.count {
                if bytes[i] == 0x0A {
                    // A "skip" field: the document has no text.
                    if i - lineStart >= 5 && bytes[lineStart] == UInt8(ascii: "s") && bytes[lineStart + 1] == UInt8(ascii: "k")
                        && bytes[lineStart + 2] == UInt8(ascii: "i") && bytes[lineStart + 3] == UInt8(ascii: "p") && bytes[lineStart + 4] == 0x09 {
                        return nil
                    }
                    if bytes[i + 1] == 0x0A { return String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 2)...]), as: UTF8.self) }
                    lineStart = i + 1
                }
                i += 1
            }
            return nil
        }
    }

    package init?(serialized data: Data) {
        // The blank line between the fields and the text, found on bytes (String's range(of:)
        // went through a slow general path, and this runs for every document a re-score reads).
        let bytes = [UInt8](data)
        guard let (_, start) = RecordVersion.read(bytes.first, current: Self.version) else { return nil }
        var cut = -1
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A { cut = i; break }
            i += 1
        }
        guard cut >= 0 else { return nil }
        text = String(decoding: bytes[(cut + 2)...], as: UTF8.self)
        var kv: [String: String] = [:]
        for line in bytes[start..<cut].split(separator: 0x0A) {
            guard let tab = line.firstIndex(of: 0x09) else { return nil }
            let k = String(decoding: line[..<tab], as: UTF8.self)
            let v = FieldEscape.unescape(String(decoding: line[(tab + 1)...], as: UTF8.self))
            if k == "warning" { warnings.append(v) } else { kv[k] = v }
        }
        skipReason = kv["skip"]; message = kv["message"]
        contentSHA256 = kv["sha256"] ?? ""
        format = kv["format"] ?? ""
        func field(_ k: String) -> Field? { kv[k].map { Field($0, source: kv[k + "_source"] ?? "") } }
        title = field("title"); date = field("date"); issuer = field("issuer"); language = field("language")
        encoding = kv["encoding"] ?? ""; encodingSource = kv["encoding_source"] ?? ""
        invalidBytes = Int(kv["invalid_bytes"] ?? "0") ?? 0
        firstInvalidByte = kv["first_invalid_byte"].flatMap(Int.init)
    }
}
