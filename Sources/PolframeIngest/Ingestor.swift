import Foundation

/// Limits that protect a run from hostile or broken input.
public struct IngestOptions: Sendable, Hashable {
    /// Larger files are skipped (bytes).
    public var maxBytes: Int
    public init(maxBytes: Int = 64 << 20) { self.maxBytes = maxBytes }
}

/// Reads files of every supported format into `Document`s.
public enum Ingestor {
    /// Reads a file from disk. `displayPath` names it in messages.
    public static func ingest(file: String, displayPath: String? = nil, format: DocumentFormat? = nil,
                              record: Int? = nil, options: IngestOptions = IngestOptions()) throws(IngestError) -> Document {
        let name = displayPath ?? file
        // Only regular files: reading a FIFO would wait forever for a writer, and a symlink
        // loop would be reported as a missing file.
        var st = stat()
        if stat(file, &st) != 0, errno == ELOOP {
            throw .unreadable(path: name, detail: "symlink loop (too many levels of symbolic links)")
        } else if st.st_mode & S_IFMT != S_IFREG && st.st_mode != 0 {
            let kind = st.st_mode & S_IFMT == S_IFIFO ? "a named pipe (FIFO)" : st.st_mode & S_IFMT == S_IFDIR ? "a folder" : "a device or socket"
            throw .unreadable(path: name, detail: "is \(kind), not a regular file")
        }
        let bytes: [UInt8]
        do {
            let attrs = try FileManager.default.attributesOfItem(atPath: file)
            if let size = attrs[.size] as? Int, size > options.maxBytes, record == nil {
                throw IngestError.tooLarge(path: name, bytes: size, limit: options.maxBytes)
            }
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch let e as IngestError {
            throw e
        } catch {
            throw .unreadable(path: name, detail: (error as NSError).localizedDescription)
        }
        return try ingest(bytes: bytes, path: name, format: format, record: record, options: options)
    }

    /// Reads bytes already in memory.
    public static func ingest(bytes: [UInt8], path: String, format: DocumentFormat? = nil, record: Int? = nil,
                              options: IngestOptions = IngestOptions()) throws(IngestError) -> Document {
        if bytes.isEmpty { throw .empty(path: path) }
        let fmt = try resolveFormat(bytes, path: path, forced: format)
        if fmt == .jsonl {
            guard let record else { throw .badRecord(path: path, line: 0, detail: "a JSONL document needs a record number") }
            var doc = try JSONLReader.read(bytes, path: path, record: record, maxBytes: options.maxBytes)
            finish(&doc)
            return doc
        }
        if bytes.count > options.maxBytes { throw .tooLarge(path: path, bytes: bytes.count, limit: options.maxBytes) }
        if fmt.isBinaryPackage {
            var doc = try readPackage(bytes, path: path, format: fmt, options: options)
            finish(&doc)
            return doc
        }
        if let nul = binaryOffset(bytes) { throw .binary(path: path, offset: nul) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { throw .empty(path: path) }

        if fmt == .xml, let record {
            // A Federal Register issue holds many documents: the record is the position of one.
            guard let units = try federalRegisterUnits(bytes, path: path) else {
                throw .badRecord(path: path, line: record, detail: "a record number selects a document of a Federal Register issue (FEDREG or USLM), and this XML file is not one")
            }
            guard record <= units.count else {
                throw .badRecord(path: path, line: record, detail: "the Federal Register issue holds \(units.count) documents")
            }
            var doc = units[record - 1]
            finish(&doc)
            return doc
        }
        let decoded = try TextDecoder.decode(bytes, path: path, lookForDeclaration: fmt == .html || fmt == .xml)
        var doc: Document
        switch fmt {
        case .html: doc = try HTMLReader.read(decoded, path: path)
        case .xml: doc = try XMLReader.read(decoded, path: path)
        case .markdown: doc = try MarkdownReader.read(decoded, path: path, markdown: true)
        case .text: doc = try MarkdownReader.read(decoded, path: path, markdown: false)
        case .jsonl, .pdf, .docx, .odt: fatalError("handled above")
        }
        finish(&doc)
        return doc
    }

    /// Reads every document a file holds: one per unit of a Federal Register issue (FEDREG or
    /// USLM: each PRESDOCU, RULE, PRORULE and NOTICE with agency, date, document number and
    /// title), one per line of a JSONL file, otherwise the single document `ingest` returns.
    public static func ingestAll(bytes: [UInt8], path: String, format: DocumentFormat? = nil,
                                 options: IngestOptions = IngestOptions()) throws(IngestError) -> [Document] {
        if bytes.isEmpty { throw .empty(path: path) }
        let fmt = try resolveFormat(bytes, path: path, forced: format)
        if fmt == .jsonl {
            var docs: [Document] = []
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() where line.contains(where: { $0 > 0x20 }) {
                docs.append(try ingest(bytes: bytes, path: path, format: .jsonl, record: i + 1, options: options))
            }
            return docs
        }
        guard fmt == .xml else { return [try ingest(bytes: bytes, path: path, format: fmt, options: options)] }
        if bytes.count > options.maxBytes { throw .tooLarge(path: path, bytes: bytes.count, limit: options.maxBytes) }
        if let nul = binaryOffset(bytes) { throw .binary(path: path, offset: nul) }
        guard var docs = try federalRegisterUnits(bytes, path: path) else {
            return [try ingest(bytes: bytes, path: path, format: .xml, options: options)]
        }
        for i in docs.indices { finish(&docs[i]) }
        return docs
    }

    /// The documents of a Federal Register issue in the order they appear, or nil when the
    /// XML is not an issue. Their paths end in "#" and the document number.
    private static func federalRegisterUnits(_ bytes: [UInt8], path: String) throws(IngestError) -> [Document]? {
        let decoded = try TextDecoder.decode(bytes, path: path, lookForDeclaration: true)
        let (root, problems) = MarkupParser.parseXML(decoded.text, path: path)
        guard let root else {
            let p = problems.first
            throw .malformed(path: path, line: p?.line ?? 0, column: p?.column ?? 0, detail: p?.message ?? "not well-formed")
        }
        guard FederalRegister.isIssue(root) else { return nil }
        let docs = FederalRegister.split(root, decoded: decoded, path: path)
        if docs.isEmpty { throw .noText(path: path, detail: "Federal Register issue without documents") }
        return docs
    }

    /// `ingestAll` for a file on disk.
    public static func ingestAll(file: String, displayPath: String? = nil, format: DocumentFormat? = nil,
                                 options: IngestOptions = IngestOptions()) throws(IngestError) -> [Document] {
        let name = displayPath ?? file
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw .unreadable(path: name, detail: (error as NSError).localizedDescription)
        }
        return try ingestAll(bytes: bytes, path: name, format: format, options: options)
    }

    private static func finish(_ doc: inout Document) {
        if doc.language == nil, let lang = LanguageGuess.fromScripts(doc.blocks.lazy.map(\.text)) {
            doc.language = Field(lang, source: "scripts of the text")
        }
    }

    /// The offset of a NUL byte in the first 8 KiB, which marks binary content (UTF-16 or UTF-32
    /// text with a BOM, and UTF-16 text whose NUL bytes fall as its characters would, is not binary).
    static func binaryOffset(_ bytes: [UInt8]) -> Int? {
        if TextDecoder.bom(bytes) != nil || EncodingEvidence.utf16ByNulBytes(bytes) != nil { return nil }
        return bytes.prefix(8192).firstIndex(of: 0)
    }

    /// The format to read: the manifest's when it names one, else what the bytes announce (a
    /// PDF named .txt is a PDF; an image is refused whatever its name), else the name's, else
    /// what the text looks like.
    static func resolveFormat(_ bytes: [UInt8], path: String, forced: DocumentFormat?) throws(IngestError) -> DocumentFormat {
        if let forced { return forced }
        switch FormatSniffer.sniff(bytes) {
        case .supported(let f): return f
        case .unsupported(let what): throw .unsupportedFormat(path: path, format: what)
        case nil: return DocumentFormat.from(path: path) ?? sniff(bytes)
        }
    }

    /// PDF, DOCX and ODT: read by their libraries, never decoded as text. Uncompressed parts of
    /// a package count against the same size limit as files.
    private static func readPackage(_ bytes: [UInt8], path: String, format: DocumentFormat,
                                    options: IngestOptions) throws(IngestError) -> Document {
        switch format {
        case .pdf: return try PDFReader.read(bytes, path: path)
        case .docx: return try OfficeReader.read(bytes, path: path, layout: OfficeReader.docx, limit: options.maxBytes)
        case .odt: return try OfficeReader.read(bytes, path: path, layout: OfficeReader.odt, limit: options.maxBytes)
        default: fatalError("\(format) is not a binary package")
        }
    }

    /// The format bytes suggest when the name does not.
    static func sniff(_ bytes: [UInt8]) -> DocumentFormat {
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased().trimmingWhitespace
        if head.hasPrefix("<?xml") && !head.contains("<html") { return .xml }
        if head.hasPrefix("<!doctype html") || head.contains("<html") || head.contains("<body") { return .html }
        if head.hasPrefix("---") { return .markdown }
        return .text
    }
}
