import CPoppler
import Foundation

/// poppler's version, part of the ingest fingerprint: another poppler may read PDFs differently.
public enum PopplerVersion {
    /// e.g. "22.12.0".
    public static var string: String { String(cString: poppler_get_version()) }
}

/// What poppler reads from a PDF, as Swift values.
struct PDFContents: Sendable {
    var pages: [PDFPage] = []
    var title: String?
    var author: String?
    /// Seconds since 1970 (UTC), when the PDF says.
    var created: Int?
    var modified: Int?
}

/// Reads PDFs through poppler: text per page in poppler's reading order, with each line's
/// position, then `PDFLayout` for paragraphs, headers, footers and hyphenation.
enum PDFReader {
    /// Metadata titles that name the tool or the file, not the document.
    static let placeholderTitles: Set<String> = ["untitled", "title", "document", "microsoft word", "slide 1", "anonymous"]
    static let toolTitlePrefixes = ["Microsoft Word - ", "Microsoft PowerPoint - "]
    static let fileExtensions = [".doc", ".docx", ".pdf", ".rtf", ".odt", ".indd", ".tex"]
    /// Author values that tools fill in by default (reportlab writes "anonymous").
    static let placeholderAuthors: Set<String> = ["anonymous", "unknown", "administrator", "admin", "user", "owner"]

    static func read(_ bytes: [UInt8], path: String) throws(IngestError) -> Document {
        let contents = try extract(bytes, path: path)
        var doc = Document(path: path, format: .pdf, blocks: PDFLayout.blocks(contents.pages),
                           encoding: "UTF-8", encodingSource: "PDF text layer (poppler \(PopplerVersion.string))")
        if doc.blocks.isEmpty {
            throw .noText(path: path, detail: "the PDF's \(contents.pages.count) pages have no text layer (scanned pages need OCR first)")
        }
        let empty = contents.pages.indices.filter { contents.pages[$0].lines.allSatisfy { $0.text.trimmingWhitespace.isEmpty } }
        if !empty.isEmpty {
            doc.warnings.append("\(empty.count) of \(contents.pages.count) pages have no text (scanned?): page \(empty.prefix(10).map { String($0 + 1) }.joined(separator: ", "))")
        }
        if let t = contents.title.flatMap(cleanTitle) {
            doc.title = Field(t, source: "PDF metadata (Title)")
        } else if let h = doc.blocks.first(where: { $0.kind == .heading }), h.text.count <= 200 {
            doc.title = Field(h.text, source: "largest text on the first pages")
        }
        if let d = DateParser.firstDate(in: doc.blocks.prefix(6).map(\.text).joined(separator: "\n")) {
            doc.date = Field(d, source: "text pattern near the top")
        } else if let d = contents.created.map(day) {
            doc.date = Field(d, source: "PDF CreationDate (low confidence: when the file was made)")
        } else if let d = contents.modified.map(day) {
            doc.date = Field(d, source: "PDF ModDate (low confidence: when the file was last changed)")
        }
        if let a = contents.author?.trimmingWhitespace, !a.isEmpty, !placeholderAuthors.contains(unbracketed(a.lowercased())) {
            doc.issuer = Field(a, source: "PDF metadata (Author)")
        }
        return doc
    }

    static func cleanTitle(_ raw: String) -> String? {
        var t = TextCleanup.collapse(raw)
        for p in toolTitlePrefixes where t.hasPrefix(p) { t = String(t.dropFirst(p.count)) }
        let lower = t.lowercased()
        if t.isEmpty || placeholderTitles.contains(unbracketed(lower)) || fileExtensions.contains(where: { lower.hasSuffix($0) }) { return nil }
        return t
    }

    /// "(anonymous)" as "anonymous": tools bracket their placeholders.
    static func unbracketed(_ s: String) -> String {
        s.hasPrefix("(") && s.hasSuffix(")") || s.hasPrefix("[") && s.hasSuffix("]") ? String(s.dropFirst().dropLast()) : s
    }

    /// YYYY-MM-DD (UTC) of a time in seconds since 1970.
    static func day(_ seconds: Int) -> String {
        let c = Calendar(identifier: .gregorian)
        var utc = c
        utc.timeZone = TimeZone(identifier: "UTC")!
        let parts = utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Opens the PDF from memory and reads every page; all poppler objects are released here.
    static func extract(_ bytes: [UInt8], path: String) throws(IngestError) -> PDFContents {
        let result: Result<PDFContents, IngestError> = bytes.withUnsafeBytes { raw in
            // Static: the bytes stay pinned until the document is released below.
            let data = g_bytes_new_static(raw.baseAddress, gsize(raw.count))
            defer { g_bytes_unref(data) }
            var error: UnsafeMutablePointer<GError>?
            guard let document = poppler_document_new_from_bytes(data, nil, &error) else {
                var detail = "poppler could not open it"
                if let e = error {
                    let message = e.pointee.message.map { String(cString: $0) } ?? ""
                    if e.pointee.domain == pf_poppler_error_domain() && e.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                        detail = "the PDF is encrypted: remove its password first"
                    } else if !message.isEmpty {
                        detail = "not a readable PDF: \(message)"
                    }
                    g_error_free(e)
                }
                return .failure(.unreadable(path: path, detail: detail))
            }
            defer { pf_poppler_unref(UnsafeMutableRawPointer(document)) }
            var contents = PDFContents()
            contents.title = takeString(poppler_document_get_title(document))
            contents.author = takeString(poppler_document_get_author(document))
            let created = poppler_document_get_creation_date(document)
            if created > 0 { contents.created = Int(created) }
            let modified = poppler_document_get_modification_date(document)
            if modified > 0 { contents.modified = Int(modified) }
            for index in 0..<max(0, poppler_document_get_n_pages(document)) {
                guard let page = poppler_document_get_page(document, index) else { continue }
                contents.pages.append(readPage(page))
                pf_poppler_unref(UnsafeMutableRawPointer(page))
            }
            return .success(contents)
        }
        return try result.get()
    }

    /// A page's lines with their boxes. poppler gives one rectangle per character of the page
    /// text (line breaks included), so the two are walked together.
    private static func readPage(_ page: OpaquePointer) -> PDFPage {
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard let cText = poppler_page_get_text(page) else { return PDFPage(lines: [], height: height) }
        let text = String(cString: cText)
        g_free(cText)
        var rects: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        var boxes: [PopplerRectangle] = []
        if poppler_page_get_text_layout(page, &rects, &count) != 0, let rects {
            boxes = Array(UnsafeBufferPointer(start: rects, count: Int(count)))
        }
        g_free(rects)
        return PDFPage(lines: lines(text, boxes), height: height)
    }

    /// Splits page text into lines; with as many boxes as characters, each line gets the union
    /// of its visible characters' boxes, otherwise lines are stacked one unit apart (no layout).
    static func lines(_ text: String, _ boxes: [PopplerRectangle]) -> [PDFLine] {
        let scalars = Array(text.unicodeScalars)
        let aligned = boxes.count == scalars.count
        var out: [PDFLine] = []
        var start = 0
        func close(_ end: Int) {
            let s = String(String.UnicodeScalarView(scalars[start..<end]))
            var top = Double.infinity, bottom = -Double.infinity, left = Double.infinity
            if aligned {
                for i in start..<end where !isBlank(scalars[i]) {
                    let b = boxes[i]
                    top = min(top, b.y1); bottom = max(bottom, b.y2); left = min(left, b.x1)
                }
            }
            if !top.isFinite {
                top = Double(out.count); bottom = top + 0.9; left = 0
            }
            out.append(PDFLine(text: s, top: top, bottom: bottom, left: left))
        }
        for (i, s) in scalars.enumerated() where s == "\n" {
            close(i)
            start = i + 1
        }
        close(scalars.count)
        return out
    }

    /// White space, with ASCII answered before Unicode's property table (a profile of a
    /// 200-page PDF spent a tenth of its time in the table lookup).
    @inline(__always) static func isBlank(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? (s.value == 0x20 || (0x09...0x0D).contains(s.value)) : s.properties.isWhitespace
    }

    /// A GLib string as a Swift one, freed here.
    private static func takeString(_ p: UnsafeMutablePointer<gchar>?) -> String? {
        guard let p else { return nil }
        defer { g_free(p) }
        return String(cString: p)
    }
}
