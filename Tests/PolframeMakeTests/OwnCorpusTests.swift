import Foundation
import PolframeScore
import Testing
@testable import PolframeMake

/// A researcher's own corpus, start to finish: `init`, `add` over a mixed folder, `make` with
/// no file edited, then a document variable as the series' group.
@Suite struct OwnCorpusTests {
    enum Content {
        case text(String)
        /// The same bytes as another fixture (a duplicate).
        case copy(of: String)
        /// A file of the repository (binary fixtures: PDF, DOCX, ODT), by path from its root.
        case file(String)
    }

    /// The mixed folder. A new format is one more line here (with `.file("Tests/…")`).
    static let documents: [(path: String, content: Content)] = [
        ("documents/us/2021-ai-initiative.html", .text("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>National AI Initiative</title>
            <meta name="date" content="2021-03-04"></head><body><main><article><h1>National AI Initiative</h1>
            <p>Trustworthy AI must protect human rights and democratic values. We will work with allies on AI safety and accountability.</p>
            <p>The initiative also invests in computing infrastructure and in talent for research and development.</p>
            </article></main></body></html>
            """)),
        ("documents/us/2023-ethics-note.md", .text("""
            ---
            title: Ethics note on artificial intelligence
            date: 2023-06-01
            ---
            # Ethics note

            Human rights, privacy and transparency guide the use of artificial intelligence. Democratic values and trust come first.
            """)),
        ("documents/us/memo.txt", .text("""
            Memo on artificial intelligence

            Accountability and safety matter for artificial intelligence in public services, and so do human rights.
            """)),
        ("documents/us/copies/2021-ai-initiative.html", .copy(of: "documents/us/2021-ai-initiative.html")),
        ("documents/cn/2022-digital-infrastructure.md", .text("""
            ---
            title: 关于加快新型基础设施建设的指导意见
            date: 2022-05-01
            ---
            # 指导意见

            加快数字基础设施建设，推动人工智能产业发展，促进数字经济高质量发展。建设智慧城市，完善标准体系。
            """)),
        ("documents/cn/2020-computing-plan.html", .text("""
            <!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>算力基础设施发展行动计划</title>
            <meta name="date" content="2020-09-10"></head><body><main><article><h1>算力基础设施发展行动计划</h1>
            <p>推进算力基础设施和数据中心建设，发展数字经济，培养人工智能人才，推动产业升级和经济发展。</p>
            <p>加强国际合作，互利共赢，共建数字丝绸之路。</p>
            </article></main></body></html>
            """)),
        ("documents/us/2000-trustworthy-ai-strategy.pdf", .file("Tests/PolframeIngestTests/Fixtures/english.pdf")),
        ("documents/cn/ai-development-plan.pdf", .file("Tests/PolframeIngestTests/Fixtures/chinese.pdf")),
        ("documents/us/digital-cooperation.docx", .file("Tests/PolframeIngestTests/Fixtures/sample.docx")),
        ("documents/us/open-science.odt", .file("Tests/PolframeIngestTests/Fixtures/sample.odt")),
    ]

    static func project() throws -> (dir: String, pipeline: String) {
        let dir = try Fixtures.temporaryDirectory()
        _ = try ProjectTemplate.write(to: dir, name: "study")
        for (path, content) in documents {
            let target = dir + "/" + path
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            switch content {
            case .text(let t): try Fixtures.write(t, target)
            case .copy(let other): try FileManager.default.copyItem(atPath: dir + "/" + other, toPath: target)
            case .file(let repoPath): try FileManager.default.copyItem(atPath: Fixtures.repoRoot + "/" + repoPath, toPath: target)
            }
        }
        return (dir, dir + "/pipelines/study.yaml")
    }

    static func add(_ pipeline: String, _ folder: String, _ fields: [(String, String)]) throws -> [ManifestAdder.FileReport] {
        var adder = ManifestAdder(pipeline: try Pipeline.load(path: pipeline))
        adder.fields = fields
        return try adder.add([folder])
    }

    static func table(_ path: String) throws -> CSVTable {
        guard let t = CSVTable.parse(try Fixtures.read(path)) else { throw MakeError.invalidInputs([]) }
        return t
    }

    @Test func initAddMakeReadsEveryDocumentAndNamesWhatIsLeftOut() throws {
        let (dir, pipeline) = try Self.project()
        let us = try Self.add(pipeline, dir + "/documents/us", [("country", "US"), ("administration", "Biden")])
        let cn = try Self.add(pipeline, dir + "/documents/cn", [("country", "CN"), ("administration", "Xi")])
        #expect((us + cn).allSatisfy { $0.outcome == .added }, "\((us + cn).map { "\($0.path): \($0.notes)" })")
        #expect((us + cn).count == Self.documents.count)
        let memo = us.first { $0.path.hasSuffix("memo.txt") }
        #expect(memo?.notes.contains { $0.hasPrefix("missing: ") && $0.contains("date") } == true, "\(memo?.notes ?? [])")
        #expect(us.contains { $0.notes.contains { $0.contains("same content as 2021-ai-initiative") } })

        // Running add again changes nothing; a changed file gets its new hash and a message.
        let again = try Self.add(pipeline, dir + "/documents/us", [("country", "US"), ("administration", "Biden")])
        #expect(again.allSatisfy { $0.outcome == .unchanged })
        try Fixtures.write("Memo on artificial intelligence\n\nSafety and human rights matter, and accountability too.\n", dir + "/documents/us/memo.txt")
        let changed = try Self.add(pipeline, dir + "/documents/us/memo.txt", [])
        #expect(changed.first?.outcome == .updated)
        #expect(changed.first?.notes.contains { $0.hasPrefix("changed since it was added: sha256 was") } == true)

        let report = try Engine(pipeline: try Pipeline.load(path: pipeline)).make(MakeOptions(jobs: 2, quiet: true))
        #expect(report.documents == Self.documents.count)
        #expect(report.skipped.isEmpty, "\(report.skipped.map(\.message))")

        let out = dir + "/output/study"
        let docs = try Self.table(out + "/documents.csv")
        #expect(docs.header.suffix(2) == ["in_series", "administration"])
        let ids = docs.column("doc_id")!, status = docs.column("status")!, member = docs.column("in_series")!
        #expect(status.allSatisfy { $0 == "ok" }, "\(zip(ids, status).map { "\($0): \($1)" })")
        let why = Dictionary(uniqueKeysWithValues: zip(ids, member))
        #expect(why["memo"] == "no: undated")
        #expect(why["2021-ai-initiative-2"] == "no: duplicate of 2021-ai-initiative")
        #expect(why.values.filter { $0 == "yes" }.count == Self.documents.count - 2)
        #expect(Set(docs.column("administration")!) == ["Biden", "Xi"])
        #expect(Set(SeriesMembership.leftOut(outputDirectory: out).map(\.id)) == ["memo", "2021-ai-initiative-2"])

        // The series count only the documents in it.
        let series = try Self.table(out + "/series.csv")
        let frame = series.column("frame")!, counted = series.column("documents")!
        #expect(zip(frame, counted).filter { $0.0 == "values_based" }.reduce(0) { $0 + Int($1.1)! } == Self.documents.count - 2)
        #expect(FileManager.default.fileExists(atPath: out + "/figures/contrast.svg"))

        // document_frames.csv: a row per document in the series' frames, with its own index.
        let frames = try Self.table(out + "/document_frames.csv")
        let initiative = frames.rows.filter { $0[0] == "2021-ai-initiative" && $0[4] == "values_based" }
        #expect(initiative.count == 1 && Int(initiative[0][5])! > 0)
        #expect(initiative.first.map { Double($0[10]) != nil } == true)

        // Phrases from inside the PDF and the DOCX are found by kwic, in those documents.
        let found = try Engine(pipeline: try Pipeline.load(path: pipeline))
        let rights = try found.kwic("human rights").map(\.docID)
        #expect(rights.contains { $0.hasPrefix("2000-trustworthy-ai-strategy") }, "\(rights)")
        let innovation = try found.kwic("responsible innovation").map(\.docID)
        #expect(innovation.contains("digital-cooperation"), "\(innovation)")
        #expect(try found.kwic("数据中心").map(\.docID).contains("ai-development-plan"))

        // The exported text is the text matches.csv's offsets count into (Unicode scalars).
        let engine = try Engine(pipeline: try Pipeline.load(path: pipeline))
        guard let texts = CSVTable.parse(try engine.exportTexts(.csv)) else { Issue.record("export is not CSV"); return }
        #expect(texts.header.prefix(2) == ["doc_id", "text"])
        #expect(texts.header.last == "administration")
        let textOf = Dictionary(uniqueKeysWithValues: texts.rows.map { ($0[0], $0[1]) })
        let matches = try Self.table(out + "/matches.csv")
        #expect(!matches.rows.isEmpty)
        for m in matches.rows {
            let scalars = Array(textOf[m[0]]!.unicodeScalars)
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[Int(m[5])!..<Int(m[6])!])
            #expect(String(s) == m[7], "\(m)")
        }
        let jsonl = try engine.exportTexts(.jsonl).split(separator: "\n")
        #expect(jsonl.count == Self.documents.count)
        let first = try JSONSerialization.jsonObject(with: Data(jsonl[0].utf8)) as? [String: Any]
        #expect(first?["doc_id"] as? String == ids[0])
        #expect(first?["text"] as? String == textOf[ids[0]])
    }

    @Test func aDocumentVariableGroupsTheSeries() throws {
        let (dir, pipeline) = try Self.project()
        _ = try Self.add(pipeline, dir + "/documents/us", [("country", "US"), ("administration", "Biden")])
        _ = try Self.add(pipeline, dir + "/documents/cn", [("country", "CN"), ("administration", "Xi")])
        let text = try Fixtures.read(pipeline)
        try Fixtures.write(text.replacingOccurrences(of: "group_by: country ", with: "group_by: [administration, language] "), pipeline)
        _ = try Engine(pipeline: try Pipeline.load(path: pipeline)).make(MakeOptions(jobs: 1, quiet: true))
        let series = try Self.table(dir + "/output/study/series.csv")
        #expect(Array(series.header.prefix(3)) == ["administration", "language", "year"])
        let groups = Set(series.rows.map { $0[0] + "/" + $0[1] })
        #expect(groups == ["Biden/en", "Xi/zh"])
        let contrast = try Self.table(dir + "/output/study/contrast.csv")
        // The Chinese PDF is dated from its own metadata (2000, low confidence); the others by their text.
        #expect(contrast.rows.filter { $0[0] == "Xi" }.map { $0[2] } == ["2000", "2020", "2022"])
    }
}

@Suite struct AddTests {
    @Test func aCSVManifestStaysCSVWithItsQuotedFields() throws {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("name: p\ncorpus: {root: ., manifest: m.csv}\nlexicons: [\(Fixtures.lexicon)]\n", dir + "/p.yaml")
        try Fixtures.write("id,path,country,title,genre\nold,old.md,US,\"Plan, with a comma\",plan\n", dir + "/m.csv")
        try Fixtures.write("# Old\n\nText.\n", dir + "/old.md")
        try Fixtures.write("# New\n\nMore text.\n", dir + "/docs/new.md")
        var adder = ManifestAdder(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
        adder.fields = [("genre", "speech, short"), ("country", "CN")]
        let reports = try adder.add([dir + "/docs"])
        #expect(reports.map(\.outcome) == [.added])
        let entries = try Manifest.load(path: dir + "/m.csv")
        #expect(entries.map(\.title) == ["Plan, with a comma", ""])
        #expect(entries.map { $0.variable("genre") } == ["plan", "speech, short"])
        #expect(entries[1].sha256.count == 64)
    }

    @Test func badOptionsStopBeforeAnyFileIsRead() throws {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("name: p\ncorpus: {root: ., manifest: m.tsv}\nlexicons: [\(Fixtures.lexicon)]\n", dir + "/p.yaml")
        for field in [("tokens", "3"), ("Genre!", "x"), ("date", "last week"), ("id", "x")] {
            var adder = ManifestAdder(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
            adder.fields = [field]
            #expect(throws: MakeError.self) { _ = try adder.add([dir]) }
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/m.tsv"))
    }

    @Test func filesOutsideTheCorpusFolderAreNamedNotAdded() throws {
        let dir = try Fixtures.temporaryDirectory()
        try Fixtures.write("name: p\ncorpus: {root: corpus, manifest: m.tsv}\nlexicons: [\(Fixtures.lexicon)]\n", dir + "/p.yaml")
        try Fixtures.write("# Elsewhere\n\nText.\n", dir + "/elsewhere.md")
        try FileManager.default.createDirectory(atPath: dir + "/corpus", withIntermediateDirectories: true)
        let reports = try ManifestAdder(pipeline: try Pipeline.load(path: dir + "/p.yaml")).add([dir + "/elsewhere.md"])
        #expect(reports.map(\.outcome) == [.failed])
        #expect(reports.first?.notes.first?.contains("outside the corpus folder") == true)
    }
}
