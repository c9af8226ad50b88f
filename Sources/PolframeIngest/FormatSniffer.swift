/// What a file's first bytes say it is, before its name is believed: a PDF named `.txt` is a
/// PDF, and a PNG named `.html` is an image, never text to score.
public enum SniffedFormat: Sendable, Hashable {
    /// A format polframe reads.
    case supported(DocumentFormat)
    /// A format polframe does not read; the value names it ("legacy Microsoft Office (DOC, XLS or PPT)").
    case unsupported(String)
}

/// Recognizes formats by their magic numbers. The signatures are data (`signatures`), so tests
/// and documentation can list them.
public enum FormatSniffer {
    /// A signature: bytes expected at an offset, and what they mean.
    struct Signature: Sendable {
        var offset: Int
        var bytes: [UInt8]
        var format: SniffedFormat
        /// A second test for short signatures that text could start with.
        var confirm: (@Sendable ([UInt8]) -> Bool)?
        init(_ offset: Int, _ bytes: [UInt8], _ format: SniffedFormat, confirm: (@Sendable ([UInt8]) -> Bool)? = nil) {
            self.offset = offset; self.bytes = bytes; self.format = format; self.confirm = confirm
        }
        init(_ offset: Int, _ ascii: String, _ format: SniffedFormat, confirm: (@Sendable ([UInt8]) -> Bool)? = nil) {
            self.init(offset, Array(ascii.utf8), format, confirm: confirm)
        }
    }

    /// Signatures checked in order (the first that matches wins). Zip packages are told apart
    /// by `zipPackage` after this table says "zip".
    static let signatures: [Signature] = [
        Signature(0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], .unsupported("legacy Microsoft Office (DOC, XLS or PPT)")),
        Signature(0, "{\\rtf", .unsupported("RTF")),
        Signature(0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .unsupported("PNG image")),
        Signature(0, [0xFF, 0xD8, 0xFF], .unsupported("JPEG image")),
        Signature(0, "GIF87a", .unsupported("GIF image")),
        Signature(0, "GIF89a", .unsupported("GIF image")),
        Signature(0, [0x49, 0x49, 0x2A, 0x00], .unsupported("TIFF image")),
        Signature(0, [0x4D, 0x4D, 0x00, 0x2A], .unsupported("TIFF image")),
        Signature(8, "WEBP", .unsupported("WebP image"), confirm: { $0.starts(with: Array("RIFF".utf8)) }),
        // "BM" starts English words: a BMP header has NUL bytes in its first 14.
        Signature(0, "BM", .unsupported("BMP image"), confirm: { $0.prefix(14).contains(0) }),
        Signature(0, [0x1F, 0x8B], .unsupported("gzip archive")),
        Signature(0, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], .unsupported("7z archive")),
        Signature(0, "Rar!\u{1A}\u{07}", .unsupported("RAR archive")),
        Signature(0, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], .unsupported("xz archive")),
        Signature(0, [0x28, 0xB5, 0x2F, 0xFD], .unsupported("zstd archive")),
        Signature(0, "BZh", .unsupported("bzip2 archive"), confirm: { $0.count > 3 && (0x31...0x39).contains($0[3]) }),
        Signature(257, "ustar", .unsupported("tar archive")),
        Signature(0, [0x7F, 0x45, 0x4C, 0x46], .unsupported("ELF executable")),
        Signature(0, "%!PS", .unsupported("PostScript")),
    ]

    /// A zip file's first bytes: a local file header, or the end record of an empty archive.
    static let zipSignatures: [[UInt8]] = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06]]

    /// The PDF header may follow up to 1024 bytes of junk (PDF 1.7, annex H).
    static let pdfHeaderWindow = 1024

    /// Zip packages by the entry that defines them. OpenDocument stores its media type as the
    /// first entry, uncompressed (ODF 1.2, part 3, 3.3); OOXML is known by its main part.
    static let zipPackages: [(entry: String, format: SniffedFormat)] = [
        ("word/document.xml", .supported(.docx)),
        ("xl/workbook.xml", .unsupported("XLSX spreadsheet")),
        ("ppt/presentation.xml", .unsupported("PPTX presentation")),
    ]
    static let openDocumentTypes: [(mediaType: String, format: SniffedFormat)] = [
        ("application/vnd.oasis.opendocument.text", .supported(.odt)),
        ("application/vnd.oasis.opendocument.spreadsheet", .unsupported("ODS spreadsheet")),
        ("application/vnd.oasis.opendocument.presentation", .unsupported("ODP presentation")),
        ("application/epub+zip", .unsupported("EPUB book")),
    ]

    /// The format the bytes announce, or nil when they announce none (text, HTML, XML, JSONL
    /// are then told apart by name and content).
    public static func sniff(_ bytes: [UInt8]) -> SniffedFormat? {
        if let at = find(Array("%PDF-".utf8), in: bytes.prefix(pdfHeaderWindow)) {
            // Past offset 0 the header could be a text that quotes one: a PDF also ends in %%EOF.
            if at == 0 || find(Array("%%EOF".utf8), in: bytes.suffix(pdfHeaderWindow)) != nil { return .supported(.pdf) }
        }
        if zipSignatures.contains(where: { bytes.starts(with: $0) }) { return zipPackage(bytes) }
        for s in signatures where matches(s, bytes) && (s.confirm?(bytes) ?? true) { return s.format }
        return nil
    }

    /// Which kind of zip package the bytes hold. Entry names are stored uncompressed in the
    /// local headers and the central directory, so a byte search finds them without unzipping.
    static func zipPackage(_ bytes: [UInt8]) -> SniffedFormat {
        let name = Array("mimetype".utf8)
        if bytes.count > 38, Array(bytes[30..<38]) == name {
            let rest = bytes[38..<min(bytes.count, 38 + 100)]
            for t in openDocumentTypes where rest.starts(with: Array(t.mediaType.utf8)) { return t.format }
        }
        for p in zipPackages where find(Array(p.entry.utf8), in: bytes[...]) != nil { return p.format }
        if bytes.count > 38, Array(bytes[30..<38]) == name { return .unsupported("OpenDocument file other than text") }
        return .unsupported("zip archive")
    }

    static func matches(_ s: Signature, _ bytes: [UInt8]) -> Bool {
        bytes.count >= s.offset + s.bytes.count && bytes[s.offset..<(s.offset + s.bytes.count)].elementsEqual(s.bytes)
    }

    static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first, hay.count >= needle.count else { return nil }
        var i = hay.startIndex
        let last = hay.endIndex - needle.count
        while i <= last {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
