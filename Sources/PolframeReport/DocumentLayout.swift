/// A document as the document pass drew it: the body of each of its pages of text (one for
/// most documents) and the scalar offset where each page starts.
struct DrawnDocument: Sendable {
    var id: String
    var pages: [[UInt8]]
    var starts: [Int]
}

/// Where each document's page lies. Short documents share a file, each under its own anchor, so
/// that a corpus of 10,000 documents is a few hundred files rather than ten thousand (creating
/// and deleting the files was most of the report's time). A shared file ends after a document
/// whose id hashes to a boundary, so adding or removing one document moves no other document to
/// another file (the files around it are rewritten, not all of them), or when it reaches
/// `bytesPerFile` or `documentsPerFile`. A document too long for one page has a file per page.
struct DocumentLayout {
    /// About one document in `boundary` ends a shared file.
    static let boundary: UInt64 = 48
    static let documentsPerFile = 200
    /// Bytes of drawn documents after which a shared file ends (a page stays a few MB at most).
    static let bytesPerFile = 1_000_000

    /// Each file of documents in order, with the documents on it (one for a long document).
    private(set) var files: [(path: String, ids: [String])] = []
    private var firstFile: [String: String] = [:]
    /// Long documents: where each page after the first starts.
    private var pageStarts: [String: [Int]] = [:]
    /// Each document's anchor, made once.
    private var anchors: [String: String] = [:]
    /// A link to a document on one file, up to its anchor: "docs/FILE.html#d-ID".
    private var links: [String: [UInt8]] = [:]

    init(_ documents: [DrawnDocument]) {
        var ids: [String] = []
        var bytes = 0
        func close() {
            guard let first = ids.first else { return }
            let path = "docs/\(HTML.slug(first)).html"
            for id in ids {
                firstFile[id] = path
                links[id] = Array((path + "#" + (anchors[id] ?? Self.anchor(id))).utf8)
            }
            files.append((path, ids))
            ids = []
            bytes = 0
        }
        for d in documents {
            anchors[d.id] = Self.anchor(d.id)
            if d.pages.count > 1 {
                close()
                let path = Self.pageFile(d.id, page: 1)
                firstFile[d.id] = path
                pageStarts[d.id] = d.starts
                files.append((path, [d.id]))
                continue
            }
            ids.append(d.id)
            bytes += d.pages.first?.count ?? 0
            if StableName.hash(d.id) % Self.boundary == 0 || bytes >= Self.bytesPerFile || ids.count >= Self.documentsPerFile { close() }
        }
        close()
    }

    /// The file of page `page` of a long document.
    static func pageFile(_ id: String, page: Int) -> String {
        // ".p2" cannot be the end of another id's slug: a slug's "." is followed by hex digits.
        "docs/\(HTML.slug(id))" + (page > 1 ? ".p\(page)" : "") + ".html"
    }

    static func anchor(_ id: String) -> String { "d-" + HTML.slug(id) }

    static func markAnchor(_ id: String, _ start: Int, _ end: Int) -> String { anchor(id) + "-m\(start)-\(end)" }

    /// The file holding scalar `offset` of a document's text.
    func file(_ id: String, at offset: Int = 0) -> String {
        guard let starts = pageStarts[id] else { return firstFile[id] ?? "documents.html" }
        let page = starts.lastIndex { $0 <= offset } ?? 0
        return Self.pageFile(id, page: page + 1)
    }

    /// A link to a document, from the report folder.
    func href(_ id: String) -> String { file(id) + "#" + Self.anchor(id) }

    /// The same link, written in place.
    func appendHref(_ id: String, into b: inout HTMLBytes) {
        if let link = links[id] { b.append(link) } else { b.append(href(id)) }
    }

    /// A link to one highlighted match of a document, from the report folder.
    func href(_ id: String, start: Int, end: Int) -> String { file(id, at: start) + "#" + Self.markAnchor(id, start, end) }

    /// The same link, written in place (a cell page holds thousands of them).
    func appendHref(_ id: String, start: Int, end: Int, into b: inout HTMLBytes) {
        if let link = links[id] {
            b.append(link); b.append("-m"); b.append(start); b.append("-"); b.append(end)
            return
        }
        b.append(file(id, at: start)); b.append("#")
        if let anchor = anchors[id] { b.append(anchor) } else { b.append(Self.anchor(id)) }
        b.append("-m"); b.append(start); b.append("-"); b.append(end)
    }
}
