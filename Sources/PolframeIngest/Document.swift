/// The formats polframe reads.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case html, xml, markdown, text, jsonl, pdf, docx, odt

    /// Formats read from a binary package (through poppler or libzip), never decoded as text.
    public var isBinaryPackage: Bool { self == .pdf || self == .docx || self == .odt }

    /// The format a file name suggests, or nil.
    public static func from(path: String) -> DocumentFormat? {
        let lower = path.lowercased()
        let ext = lower.split(separator: ".").last.map(String.init) ?? ""
        switch ext {
        case "html", "htm", "xhtml", "shtml": return .html
        case "xml": return .xml
        case "md", "markdown": return .markdown
        case "txt", "text": return .text
        case "jsonl", "ndjson": return .jsonl
        case "pdf": return .pdf
        case "docx": return .docx
        case "odt": return .odt
        default: return nil
        }
    }

    /// Accepts the names a manifest may use ("md", "txt", "htm", ...).
    public init?(label: String) {
        switch label.lowercased() {
        case "html", "htm": self = .html
        case "xml": self = .xml
        case "md", "markdown": self = .markdown
        case "txt", "text": self = .text
        case "jsonl": self = .jsonl
        case "pdf": self = .pdf
        case "docx": self = .docx
        case "odt": self = .odt
        default: return nil
        }
    }
}

/// A unit of main text: a heading, a paragraph, a list item or a table row.
public struct Block: Sendable, Hashable {
    public enum Kind: String, Sendable { case heading, paragraph, listItem, tableRow }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) { self.kind = kind; self.text = text }
}

/// A metadata value with the signal it came from ("meta name=date", "front matter", ...).
public struct Field: Sendable, Hashable {
    public var value: String
    public var source: String
    public init(_ value: String, source: String) { self.value = value; self.source = source }
}

/// A document read from bytes: main text as blocks, and what could be learned about it.
public struct Document: Sendable {
    public var path: String
    public var format: DocumentFormat
    public var blocks: [Block]
    public var title: Field?
    /// YYYY-MM-DD, or YYYY-MM / YYYY when that is all that is known.
    public var date: Field?
    public var issuer: Field?
    public var language: Field?
    public var url: Field?
    public var encoding: String
    /// "bom", "declared", "detected" or "fallback", with the detail.
    public var encodingSource: String
    /// Bytes the decoder could not map (replaced by U+FFFD); the first at `firstInvalidByte`.
    public var invalidBytes: Int
    public var firstInvalidByte: Int?
    /// Problems that did not stop reading (parser recoveries), for the log.
    public var warnings: [String]
    /// An identifier the document carries (a Federal Register document number).
    public var identifier: Field?
    /// The kind of unit a multi-document file held it as (RULE, NOTICE, ...), or nil.
    public var kind: String?
    /// For a JSONL record: the record's text as stored, which the manifest's sha256 covers.
    public var recordContent: String?

    public init(path: String, format: DocumentFormat, blocks: [Block], encoding: String = "UTF-8",
                encodingSource: String = "declared") {
        self.path = path
        self.format = format
        self.blocks = blocks
        self.encoding = encoding
        self.encodingSource = encodingSource
        self.invalidBytes = 0
        self.warnings = []
    }

    /// The extracted main text: blocks separated by blank lines. Offsets in matches.csv count
    /// Unicode scalars into this string.
    public var text: String { blocks.map(\.text).joined(separator: "\n\n") }
}
