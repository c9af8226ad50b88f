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

    @Test func everyPageIsThereWithUniqueNames() {
        let f = files()
        for page in ["index.html", "lexicon.html", "documents.html", "coding.html", "report.css", "report.js"] { #expect(f[page] != nil) }
        // One page per series cell and per document; 中国 and US never share a file name.
        #expect(f.keys.filter { $0.hasPrefix("cells/") }.count == 3)
        #expect(f.keys.filter { $0.hasPrefix("docs/") }.count == 3)
        #expect(HTML.slug("中国") != HTML.slug("美国"))
        #expect(HTML.slug("US") != HTML.slug("us"))
    }

    @Test func theDocumentPageHighlightsExactlyItsMatches() throws {
        let page = try #require(files()[Report.documentPage("d1")])
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
        #expect(page.contains("<mark id=\"m53-65\" class=\"m c") && page.contains("><mark id=\"m53-57\""))
        #expect(page.contains("class=\"m c") && page.contains(" negated\""))
        // The passage-filter window is shaded, and the metadata says where the date came from.
        #expect(page.contains("<span class=\"window\">We protect </span>"))
        #expect(page.contains("First &lt;doc&gt;"))
    }

    @Test func cellPagesListDocumentsEntriesAndPassagesInContext() throws {
        let page = try #require(files()[Report.cellPage(group: "US", year: "2023", frame: "development_centric")])
        #expect(page.contains("data centers") && page.contains("infrastructure"))
        #expect(page.contains("<span class=\"tag\">negated</span>"))
        // The passage is the sentence around the match, not the whole text.
        #expect(page.contains("We build <mark"))
        #expect(!page.contains("Trust matters"))
        #expect(page.contains("no interval (1 document)"))
        #expect(page.contains("href=\"../docs/d1.html#m34-48\""))
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

    @Test func codingSampleIsStratifiedAndDeterministic() {
        let a = Report(Self.input()).codingSample(), b = Report(Self.input()).codingSample()
        #expect(a.map { "\($0.doc)|\($0.start)" } == b.map { "\($0.doc)|\($0.start)" })
        // Every category with matches is in the sample.
        #expect(Set(a.map(\.category)) == ["ethics_rights", "infrastructure", "trust", "technology"])
        let page = Report(Self.input()).codingPage()
        #expect(page.contains("data-sample-id=\"s1\"") && page.contains("data-kind=\"match\"") && page.contains("report.js"))
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
        #expect(try #require(f[Report.documentPage("d1")]).contains("not available"))
    }
}
