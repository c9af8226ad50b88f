import Foundation
import PolframeScore

/// The evidence report: static pages, CSS and a little JavaScript that open from `file://`
/// with no server and no network, leading from every number to the sentences behind it.
public struct Report: Sendable {
    /// Passages on one page before the rest go to a next page (keeps each page a few MB at most).
    public static let passagesPerPage = 400
    /// Rows of the document index on one page.
    public static let documentsPerIndexPage = 2_000
    /// Characters of document text on one page before the rest go to a next page.
    public static let textPerPage = 400_000
    /// Matches per category on the coding page (a stratified, seeded sample).
    public static let codingPerCategory = 12

    let input: ReportInput
    let documents: Rows
    /// matches.csv, and each document's rows of it.
    let matchTable: Rows
    let matchesByDoc: [String: [Match]]
    /// Category key "frame/category" → colour class index (palette order, stable per run).
    let categoryClass: [String: Int]
    /// Each row kind's tag parts, by `Match.kind`.
    let markTags: MarkTags

    public init(_ input: ReportInput) {
        self.input = input
        documents = Rows(input.documents)
        let m = Rows(input.matches)
        matchTable = m
        var byDoc: [String: [Match]] = [:]
        var classes: [String: Int] = [:]
        var tags = MarkTags()
        let (doc, frame, category, entry) = (m.column("doc_id"), m.column("frame"), m.column("category"), m.column("entry"))
        let (start, end, negated, excluded) = (m.column("start"), m.column("end"), m.column("negated"), m.column("excluded"))
        // One closure for every row: `input.label` made per row copied the whole input each time.
        let labels = input.labels
        let label = { (id: String) -> String in labels[id] ?? id }
        for (k, r) in m.rows.enumerated() {
            let kind = tags.kind(frame: m.value(r, frame), category: m.value(r, category), entry: m.value(r, entry),
                                 negated: m.value(r, negated) == "true", excluded: m.value(r, excluded) == "true",
                                 colour: { key in
                                     if classes[key] == nil { classes[key] = classes.count % Assets.classes }
                                     return classes[key]!
                                 }, label: label)
            byDoc[m.value(r, doc), default: []].append(Match(start: Int(m.value(r, start)) ?? -1, end: Int(m.value(r, end)) ?? -1,
                                                             kind: Int32(kind), row: Int32(k)))
        }
        matchesByDoc = byDoc
        categoryClass = classes
        markTags = tags
    }

    /// The matched text of a row, as matches.csv has it.
    func matchedText(_ m: Match) -> String { matchTable.value(matchTable.rows[Int(m.row)], "text") }

    func classOf(_ key: String) -> Int { categoryClass[key] ?? 0 }
    func label(_ id: String) -> String { input.label(id) }

    /// Every file of the report, by path relative to the report folder, in path order.
    public func files() -> [ReportFile] {
        let collected = Collected()
        draw { collected.add($0) }
        return collected.files.sorted { $0.path < $1.path }
    }

    /// Draws every file of the report and hands each group of files to `emit` as soon as it is
    /// drawn, on any thread: a page can be written and freed while the next is drawn, rather than
    /// the whole report held in memory. Documents are read and drawn once, on all cores; the
    /// layout of their files follows, and every page that links to a document is drawn after it.
    public func draw(_ emit: @Sendable ([ReportFile]) -> Void) {
        var clock = PhaseClock()
        let pass = documentPass()
        clock.mark("report: documents drawn")
        let layout = DocumentLayout(pass.documents)
        // The pages of the whole corpus are drawn beside the cells' and the documents' files.
        _ = Parallel.map(2) { part in
            if part == 0 {
                emit([ReportFile("report.css", text: Assets.css), ReportFile("report.js", text: Assets.js),
                      ReportFile("index.html", text: overview(layout)), ReportFile("lexicon.html", text: lexiconPage()),
                      ReportFile("coding.html", text: codingPage(layout))] + documentIndex(layout).map { ReportFile($0.path, text: $0.text) })
            } else {
                var clock = PhaseClock()
                cellPages(passages: pass.passages, layout: layout, emit)
                clock.mark("report: cell pages")
                documentFiles(pass.documents, layout: layout, emit)
                clock.mark("report: document files")
            }
        }
        clock.mark("report: pages written")
    }

    // MARK: - names of pages

    static func cellPage(group: String, year: String, frame: String, page: Int = 1) -> String {
        "cells/\(HTML.slug(group))-\(HTML.slug(year))-\(HTML.slug(frame))" + (page > 1 ? "-p\(page)" : "") + ".html"
    }

    // MARK: - documents

    /// Documents that count in the series: scored, and not left out (undated, duplicate...).
    func inSeries(_ row: [String]) -> Bool {
        let status = documents.value(row, "status")
        let left = documents.value(row, "in_series")
        return status == "ok" && (left.isEmpty || left == "yes")
    }

    /// The documents in the series, by group and year (the key of `cellKey` without a frame).
    func documentRowsByCell() -> [String: [[String]]] {
        var out: [String: [[String]]] = [:]
        for r in documents.rows where inSeries(r) {
            out[documents.value(r, input.groupColumn) + "\u{1F}" + documents.value(r, "year"), default: []].append(r)
        }
        return out
    }

    func documentLink(_ row: [String], root: String, layout: DocumentLayout) -> String {
        var b = HTMLBytes()
        appendDocumentLink(row, root: root, layout: layout, into: &b)
        return String(decoding: b.bytes, as: UTF8.self)
    }

    func appendDocumentLink(_ row: [String], root: String, layout: DocumentLayout, into b: inout HTMLBytes) {
        let id = documents.value(row, "doc_id")
        let title = documents.value(row, "title")
        b.append("<a href=\""); b.append(root); layout.appendHref(id, into: &b); b.append("\">"); b.appendEscaped(title.isEmpty ? id : title); b.append("</a>")
    }
}

/// With POLFRAME_TIMING set, the wall time of each phase of drawing goes to standard error (as
/// make's phases do).
struct PhaseClock {
    static let enabled = ProcessInfo.processInfo.environment["POLFRAME_TIMING"] != nil
    private var since = Date()

    mutating func mark(_ name: String) {
        guard Self.enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "polframe: timing: %@ %.3f s\n", name, now.timeIntervalSince(since)).utf8))
        since = now
    }
}

/// Files handed over from several threads, kept in one list.
final class Collected: @unchecked Sendable {
    // @unchecked: `files` is only touched under `lock`.
    private let lock = NSLock()
    private var list: [ReportFile] = []

    func add(_ f: [ReportFile]) { lock.lock(); list += f; lock.unlock() }
    var files: [ReportFile] { lock.lock(); defer { lock.unlock() }; return list }
}

/// One file of the report: its path relative to the report folder, and its bytes.
public struct ReportFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(_ path: String, _ bytes: [UInt8]) { self.path = path; self.bytes = bytes }
    public init(_ path: String, text: String) { self.path = path; bytes = Array(text.utf8) }

    /// The file as text (it is UTF-8).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

extension Report {
    /// "no interval (1 document)" where an interval cannot be drawn, else "[low, high]".
    static func interval(_ low: String, _ high: String, documents: String) -> String {
        if low.isEmpty || high.isEmpty {
            return documents == "1" ? "no interval (1 document)" : "no interval"
        }
        return "[\(low), \(high)]"
    }
}
