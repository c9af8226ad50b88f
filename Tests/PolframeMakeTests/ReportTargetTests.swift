import Foundation
import Testing
@testable import PolframeMake
import PolframeReport
import PolframeScore

/// The report target as make builds it: the passage filter's windows shaded on the document
/// pages, the coding page showing the validation sample's sheet, pages rewritten only when
/// their bytes change.
@Suite struct ReportTargetTests {
    static let lexicon = """
    name: t
    version: "1"
    frames:
      values_based:
        categories:
          ethics: {entries: [{en: [ethics, privacy]}]}
      development_centric:
        categories:
          infra: {entries: [{en: [infrastructure]}]}
      topic_technology:
        role: topic
        categories:
          technology: {entries: [{en: [ai, algorithms]}]}
    """

    /// HTML text with its five escapes undone.
    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The shaded stretches of a document's text on its page, as text (marks inside them removed).
    static func shaded(_ page: String, document id: String) throws -> [String] {
        let section = try #require(page.range(of: "<section class=\"document\" id=\"d-\(id)\""))
        let text = try #require(page.range(of: "<div class=\"doctext\"", range: section.upperBound..<page.endIndex))
        let end = try #require(page.range(of: "</div>", range: text.upperBound..<page.endIndex))
        var html = String(page[text.upperBound..<end.lowerBound])
        html = html.replacing(/<mark[^>]*>/, with: "").replacingOccurrences(of: "</mark>", with: "")
            .replacingOccurrences(of: "</span><span class=\"window\">", with: "")
        return html.matches(of: /<span class="window">([^<]*)<\/span>/).map { unescape(String($0.1)) }
    }

    @Test func documentPagesShadeExactlyThePassageFilterWindows() throws {
        let dir = try Fixtures.temporaryDirectory()
        let text = "We value ethics. Our infrastructure is old. AI needs privacy. Nothing else here. More infrastructure here. "
            + "Ethics first. Then algorithms. Infrastructure last."
        try Fixtures.write("<html><head><title>One</title></head><body><p>\(text)</p></body></html>", dir + "/docs/d0.html")
        try Fixtures.write("id\tpath\tcountry\tdate\tlanguage\nd0\td0.html\tUS\t2020-01-01\ten\n", dir + "/manifest.tsv")
        try Fixtures.write(Self.lexicon, dir + "/t.yaml")
        try Fixtures.write("name: filtered\ncorpus: {root: docs, manifest: manifest.tsv}\nlexicons: [t.yaml]\n"
                           + "passage_filter: {frame: topic_technology, window: 0}\ncontrast: {plus: values_based, minus: development_centric}\n"
                           + "series: {bootstrap: {replicates: 50}}\nreport: true\noutput: out\n", dir + "/p.yaml")
        _ = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(jobs: 1, quiet: true))
        let docs = try FileManager.default.contentsOfDirectory(atPath: dir + "/out/report/docs")
        let page = try #require(try docs.map { try Fixtures.read(dir + "/out/report/docs/" + $0) }.first { $0.contains("id=\"d-d0\"") })
        // Window 0: the two sentences with a topic hit, nothing around them.
        #expect(try Self.shaded(page, document: "d0").map { $0.trimmingCharacters(in: .whitespaces) } == ["AI needs privacy.", "Then algorithms."])
        // Every framing match counted lies in a window; those outside were not counted.
        let matches = try Fixtures.read(dir + "/out/matches.csv")
        #expect(matches.contains("privacy") && !matches.contains(",infrastructure,") && !matches.contains(",ethics,en"))
    }

    @Test func codingPageShowsTheValidationSampleSheet() throws {
        var p = try Pipeline.load(path: Fixtures.repoRoot + "/pipelines/demo.yaml")
        p.outputDirectory = try Fixtures.temporaryDirectory()
        var options = MakeOptions(jobs: 2, quiet: true)
        options.report = true
        _ = try Engine(pipeline: p).make(options)
        let own = try Fixtures.read(p.outputDirectory + "/report/coding.html")
        #expect(own.contains("No validation sample was found"))

        let sample = try Engine(pipeline: p).validationSample(.init(perCategory: 2, unmatched: 2, seed: 3))
        try AtomicFile.write(ValidationSheet.render(sample.rows), to: p.outputDirectory + "/" + Report.codingSheetName)
        let run = try Engine(pipeline: p).make(options)
        #expect(run.runs.contains { $0.target == "report" })
        let page = try Fixtures.read(p.outputDirectory + "/report/coding.html")
        #expect(!page.contains("No validation sample was found"))
        // What the page exports (its data attributes, column by column) is the sheet's rows, in order.
        let items = page.split(separator: "\n").filter { $0.hasPrefix("<li tabindex=\"0\"") }.map { line -> [String: String] in
            var v: [String: String] = [:]
            for m in line.matches(of: /data-([a-z-]+)="([^"]*)"/) { v[String(m.1).replacingOccurrences(of: "-", with: "_")] = Self.unescape(String(m.2)) }
            return v
        }
        let sheet = try #require(CSVTable.parse(try Fixtures.read(p.outputDirectory + "/" + Report.codingSheetName)))
        #expect(items.count == sheet.rows.count && sample.rows.contains { $0.kind == "unmatched" })
        for (item, row) in zip(items, sheet.rows) {
            #expect(Report.codingColumns.map { item[$0] ?? "?" } == row)
            #expect(item["sample_id"] == [0, 1, 5, 6, 7, 8, 9].map { row[$0] }.joined(separator: "|"))
        }
    }

    @Test func pagesAreRewrittenOnlyWhenTheirBytesChange() throws {
        let dir = try Fixtures.temporaryDirectory()
        let files = [(path: "index.html", text: "a"), (path: "docs/x.html", text: "b"), (path: "docs/y.html", text: "c")]
        #expect(try ReportFolder.write(files, to: dir).written == 3)
        let again = try ReportFolder.write(files, to: dir)
        #expect(again.written == 0 && again.kept == 3 && again.removed == 0)
        let changed = try ReportFolder.write([files[0], (path: "docs/x.html", text: "B")], to: dir)
        #expect(changed.written == 1 && changed.kept == 1 && changed.removed == 1)
        #expect(try Fixtures.read(dir + "/docs/x.html") == "B" && !FileManager.default.fileExists(atPath: dir + "/docs/y.html"))
    }

    /// The report folder is the report's, but not every file in it: make removes pages it no
    /// longer draws and clean removes every page, and a user's notes beside them stay, as does
    /// the folder that holds them.
    @Test func makeAndCleanRemoveOnlyThePagesOfTheReport() throws {
        let dir = try IncrementalTests.project()
        var options = MakeOptions(jobs: 2, quiet: true)
        options.targets = [.report]
        _ = try IncrementalTests.make(dir, options)
        let report = dir + "/out/report"
        let mine = [report + "/notes.txt", report + "/docs/my-notes.md", report + "/old.html", report + "/cells/sub/x.html"]
        for f in mine { try Fixtures.write("mine\n", f) }
        try Fixtures.write("stale", report + "/cells/gone-2020-values_based.html")
        var again = MakeOptions(jobs: 2, rebuildAll: true, quiet: true)
        again.targets = [.report]
        _ = try IncrementalTests.make(dir, again)
        #expect(!FileManager.default.fileExists(atPath: report + "/cells/gone-2020-values_based.html"), "a page no longer drawn goes")
        for f in mine { #expect(try Fixtures.read(f) == "mine\n", "\(f) stays") }

        let removed = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).clean()
        #expect(removed.contains("report/index.html") && removed.contains("report/report.css") && removed.contains { $0.hasPrefix("report/docs/") })
        for f in mine { #expect(try Fixtures.read(f) == "mine\n", "\(f) stays") }
        #expect(!FileManager.default.fileExists(atPath: report + "/index.html") && FileManager.default.fileExists(atPath: report))
        // With nothing of the user's in it, clean leaves no report folder.
        try FileManager.default.removeItem(atPath: dir + "/out")
        _ = try IncrementalTests.make(dir, options)
        #expect(FileManager.default.fileExists(atPath: report + "/index.html"))
        _ = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).clean()
        #expect(!FileManager.default.fileExists(atPath: report))
    }

    @Test func reportNamesAreTheReportsOwn() {
        for own in ["index.html", "report.css", "report.js", "documents-p3.html", "cells/US-2020-values_based.html", "docs/d1.html",
                    "docs/d1.html.tmp-123-456", "coding.html"] { #expect(ReportFolder.isOwnName(own), "\(own)") }
        for other in ["notes.txt", "old.html", "documents-p.html", "documents-px.html", "docs/notes.md", "cells/sub/x.html", "docs/.html",
                      "../index.html", "figures/contrast.svg", "docs/", "docs/.hidden.html"] { #expect(!ReportFolder.isOwnName(other), "\(other)") }
    }
}
