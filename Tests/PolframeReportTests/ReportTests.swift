import PolframeScore
import Testing
@testable import PolframeReport

@Suite struct ReportTests {
    static let text1 = "We protect human rights. We build infrastructure and data centers.\nTrust matters."
    static let text2 = "加快人工智能基础设施建设。保护个人隐私。"

    static func input(text: @escaping @Sendable (String) -> String? = { $0 == "d1" ? ReportTests.text1 : $0 == "d2" ? ReportTests.text2 : nil }) -> ReportInput {
        let documents = CSVTable.parse("""
        doc_id,country,year,date,date_source,language,title,tokens,sentences,status
        d1,US,2023,2023-05-01,manifest,en,First <doc>,12,3,ok
        d2,中国,2023,2023-06-01,text,zh,规划,10,2,ok
        d3,US,2024,,,en,Broken,0,0,skipped: empty document

        """)!
        let series = CSVTable.parse("""
        country,year,frame,documents,tokens,hits,weighted,rate_per_10k,ci_low,ci_high,flag
        US,2023,values_based,1,12,2,2.000,1666.6667,,,few_documents
        US,2023,development_centric,1,12,2,2.000,1666.6667,,,few_documents
        中国,2023,development_centric,1,10,1,1.000,1000.0000,,,few_documents

        """)!
        let matches = CSVTable.parse("""
        doc_id,frame,category,entry,language,start,end,text,negated
        d1,values_based,ethics_rights,human rights,en,11,23,human rights,false
        d1,development_centric,infrastructure,infrastructure,en,34,48,infrastructure,false
        d1,development_centric,infrastructure,data center*,en,53,65,data centers,true
        d1,values_based,trust,trust,en,67,72,Trust,false
        d1,topic_technology,technology,data,en,53,57,data,false
        d2,development_centric,infrastructure,基础设施,zh,6,10,基础设施,false

        """)!
        let coverage = CSVTable.parse("""
        lexicon,frame,category,entry,language,weight,hits,documents
        l,values_based,ethics_rights,human rights,en,1.000,1,1
        l,values_based,ethics_rights,civil liberties,en,1.000,0,0

        """)!
        return ReportInput(name: "study", description: "A test study.", groupColumn: "country", documents: documents, series: series,
                           contrast: nil, categories: nil, matches: matches, coverage: coverage, validation: nil,
                           figures: [(name: "contrast.svg", svg: "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><title>c</title></svg>")],
                           labels: ["values_based": "Values-based framing", "ethics_rights": "Ethics and rights"], passageFilter: nil,
                           text: text, windows: { $0 == "d1" ? [0..<25] : [] })
    }

    func files() -> [String: String] { Dictionary(uniqueKeysWithValues: Report(Self.input()).files().map { ($0.path, $0.text) }) }

    /// The file holding a document's section.
    static func documentFile(_ files: [String: String], _ id: String) -> String? {
        files.keys.sorted().first { $0.hasPrefix("docs/") && files[$0]!.contains("<section class=\"document\" id=\"\(DocumentLayout.anchor(id))\"") }
    }

    static func documentPage(_ files: [String: String], _ id: String) throws -> String {
        let path = try #require(documentFile(files, id))
        return try #require(files[path])
    }

    @Test func everyPageIsThereWithUniqueNames() {
        let f = files()
        for page in ["index.html", "lexicon.html", "documents.html", "coding.html", "report.css", "report.js"] { #expect(f[page] != nil) }
        // One page per series cell; every document in a file of documents; 中国 and US never share a file name.
        #expect(f.keys.filter { $0.hasPrefix("cells/") }.count == 3)
        #expect(f.keys.filter { $0.hasPrefix("docs/") }.count <= 3)
        for id in ["d1", "d2", "d3"] { #expect(Self.documentFile(f, id) != nil) }
        #expect(HTML.slug("中国") != HTML.slug("美国"))
        #expect(HTML.slug("US") != HTML.slug("us"))
    }

    @Test func theDocumentPageHighlightsExactlyItsMatches() throws {
        let f = files()
        let file = try Self.documentPage(f, "d1")
        // The document's own section (other documents may share its file).
        let open = try #require(file.range(of: "<section class=\"document\" id=\"d-d1\""))
        let close = try #require(file.range(of: "</section>", range: open.upperBound..<file.endIndex))
        let page = String(file[open.lowerBound..<close.upperBound])
        // Every mark's offsets and text are a matches.csv row of the document.
        var marks: [String] = []
        var rest = Substring(page)
        while let open = rest.range(of: "<mark id=\"") {
            let tag = rest[open.lowerBound...].prefix { $0 != ">" }
            func attr(_ n: String) -> String {
                guard let r = tag.range(of: n + "=\"") else { return "" }
                return String(tag[r.upperBound...].prefix { $0 != "\"" })
            }
            marks.append("\(attr("data-start"))-\(attr("data-end"))")
            rest = rest[tag.endIndex...]
        }
        #expect(marks == ["11-23", "34-48", "53-65", "53-57", "67-72"])
        // A topic match inside a framing match nests inside its mark.
        #expect(page.contains("<mark id=\"d-d1-m53-65\" class=\"m c") && page.contains("><mark id=\"d-d1-m53-57\""))
        #expect(page.contains("class=\"m c") && page.contains(" negated\""))
        // The passage-filter window is shaded, and the metadata says where the date came from.
        #expect(page.contains("<span class=\"window\">We protect </span>"))
        #expect(page.contains("First &lt;doc&gt;"))
    }

    @Test func cellPagesListDocumentsEntriesAndPassagesInContext() throws {
        let f = files()
        let page = try #require(f[Report.cellPage(group: "US", year: "2023", frame: "development_centric")])
        #expect(page.contains("data centers") && page.contains("infrastructure"))
        #expect(page.contains("<span class=\"tag\">negated</span>"))
        // The passage is the sentence around the match, not the whole text.
        #expect(page.contains("We build <mark"))
        #expect(!page.contains("Trust matters"))
        #expect(page.contains("no interval (1 document)"))
        let file = try #require(Self.documentFile(f, "d1"))
        #expect(page.contains("href=\"../\(file)#d-d1-m34-48\""))
    }

    @Test func overviewLeadsWithCoverageAndShowsGapsAndLeftOutDocuments() throws {
        let page = try #require(files()["index.html"])
        let coverage = try #require(page.range(of: "Corpus coverage"))
        let figures = try #require(page.range(of: "<figure"))
        #expect(coverage.lowerBound < figures.lowerBound)
        #expect(!page.contains("<?xml"))
        #expect(page.contains("skipped: empty document"))
        #expect(page.contains("href=\"\(Report.cellPage(group: "US", year: "2023", frame: "values_based"))\""))
        // No page asks the network for anything: no remote scripts, styles or images.
        for (_, text) in files() {
            #expect(!text.contains("src=\"http") && !text.contains("href=\"http://cdn") && !text.contains("@import"))
        }
    }

    @Test func lexiconPageListsEntriesNeverMatched() throws {
        let page = try #require(files()["lexicon.html"])
        #expect(page.contains("Never matched (1)") && page.contains("civil liberties"))
        #expect(page.contains("Ethics and rights"))
    }

    @Test func codingSampleIsStratifiedAndDeterministic() throws {
        let a = Report(Self.input()).codingSample(), b = Report(Self.input()).codingSample()
        #expect(a.map { "\($0.doc)|\($0.start)" } == b.map { "\($0.doc)|\($0.start)" })
        // Every category with matches is in the sample.
        #expect(Set(a.map(\.category)) == ["ethics_rights", "infrastructure", "trust", "technology"])
        let page = try #require(files()["coding.html"])
        #expect(page.contains("data-sample-id=\"match|d1|values_based|ethics_rights|human rights|11|23\"") && page.contains("data-kind=\"match\"") && page.contains("report.js"))
        #expect(page.contains("No validation sample was found"))
        #expect(page.contains("data-sampling-weight=\"1.0000\"") && page.contains("data-country=\"US\""))
        #expect(page.contains("data-context=\"We protect [[human rights]].\""))
    }

    @Test func aLongDocumentIsSplitIntoPagesWithoutCuttingAMark() {
        let long = String(repeating: "word word word word word.\n", count: Report.textPerPage / 10)
        let input = Self.input(text: { $0 == "d1" ? long : nil })
        let pages = Report(input).files().filter { $0.path.hasPrefix("docs/d1") }
        #expect(pages.count >= 2)
        #expect(pages.allSatisfy { $0.text.utf8.count < 4 * Report.textPerPage * 2 })
    }

    @Test func missingTextSaysSoInsteadOfFailing() throws {
        let f = Dictionary(uniqueKeysWithValues: Report(Self.input(text: { _ in nil })).files().map { ($0.path, $0.text) })
        #expect(try Self.documentPage(f, "d1").contains("not available"))
    }

    /// A corpus of `n` short documents, every third one with a match, for the layout's tests.
    static func corpus(_ n: Int, skip: Int? = nil) -> ReportInput {
        var docs = "doc_id,country,year,date,date_source,language,title,tokens,sentences,status\n"
        var matches = "doc_id,frame,category,entry,language,start,end,text,negated\n"
        for i in 0..<n where i != skip {
            docs += "x\(i),US,\(2016 + i % 3),,,en,Doc \(i),9,2,ok\n"
            if i % 3 == 0 { matches += "x\(i),values_based,trust,trust,en,3,8,trust,false\n" }
        }
        let series = "country,year,frame,documents,tokens,hits,weighted,rate_per_10k,ci_low,ci_high\n"
            + (0..<3).map { "US,\(2016 + $0),values_based,1,9,1,1.000,1.0,,\n" }.joined()
        return ReportInput(name: "big", description: "", groupColumn: "country", documents: CSVTable.parse(docs)!, series: CSVTable.parse(series)!,
                           contrast: nil, categories: nil, matches: CSVTable.parse(matches)!, coverage: nil, validation: nil, figures: [],
                           labels: [:], passageFilter: nil, text: { id in "We trust it. Document \(id) says more.\n" })
    }

    @Test func everyLinkLeadsToAFileAndAnchorOfTheReport() throws {
        for input in [Self.input(), Self.corpus(700)] {
            let f = Dictionary(uniqueKeysWithValues: Report(input).files().map { ($0.path, $0.text) })
            var checked = 0
            for (path, text) in f where path.hasSuffix(".html") {
                let dir = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : ""
                for m in text.matches(of: /href="([^"]+)"/) {
                    let href = String(m.1)
                    if href.hasPrefix("http") || href.hasPrefix("file:") { continue }
                    let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    var target = parts[0].isEmpty ? path : (dir.isEmpty ? parts[0] : dir + "/" + parts[0])
                    while let r = target.range(of: "[^/]+/\\.\\./", options: .regularExpression) { target.removeSubrange(r) }
                    let page = try #require(f[target], "\(path) links to \(href): no such file")
                    if parts.count > 1 { #expect(page.contains("id=\"\(parts[1])\""), "\(path) links to \(href): no such anchor") }
                    checked += 1
                }
            }
            #expect(checked > 0)
        }
    }

    @Test func documentsShareFilesOfBoundedSizeAndOneNewDocumentMovesNoOther() throws {
        let before = Dictionary(uniqueKeysWithValues: Report(Self.corpus(3_000, skip: 1_500)).files().map { ($0.path, $0.text) })
        let docs = before.filter { $0.key.hasPrefix("docs/") }
        #expect(docs.count < 3_000 / 10)
        #expect(docs.values.allSatisfy { $0.utf8.count < 2 * DocumentLayout.bytesPerFile })
        // The document index is paginated too.
        #expect(before["documents-p2.html"] != nil)
        // Adding one document rewrites the file it joins, not the files of the others.
        let after = Dictionary(uniqueKeysWithValues: Report(Self.corpus(3_000)).files().map { ($0.path, $0.text) })
        let changed = after.filter { $0.key.hasPrefix("docs/") && before[$0.key] != $0.value }
        #expect(changed.count >= 1 && changed.count <= 2)
    }

    @Test func codingPageShowsTheSheetRowsWithTheirIDs() throws {
        let sheet = CSVTable.parse("""
        kind,doc_id,country,year,language,frame,category,entry,start,end,matched,negated,sampling_weight,context,correct,coder,missed,note
        match,d1,US,2023,en,values_based,ethics_rights,human rights,11,23,human rights,0,2.5000,"We protect [[human rights]], always.",,,,
        unmatched,d1,US,2023,en,,,,67,81,,0,40.0000,Trust matters.,,,,

        """)!
        var input = Self.input()
        input.codingSheet = sheet
        let page = try #require(Dictionary(uniqueKeysWithValues: Report(input).files().map { ($0.path, $0.text) })["coding.html"])
        #expect(page.contains("2 passages of the validation sample"))
        #expect(page.contains("data-sample-id=\"match|d1|values_based|ethics_rights|human rights|11|23\""))
        #expect(page.contains("data-sample-id=\"unmatched|d1||||67|81\"") && page.contains("input type=\"text\" class=\"missed\""))
        #expect(page.contains("data-sampling-weight=\"2.5000\"") && page.contains("data-context=\"We protect [[human rights]], always.\""))
        #expect(page.contains("We protect <mark class=\"m c"))
    }
}
