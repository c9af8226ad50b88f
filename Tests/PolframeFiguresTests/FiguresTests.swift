import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PolframeFigures
import PolframeScore

/// The four figures drawn from CSV text alone, as the make engine calls them.
@Suite struct FiguresTests {
    // US has documents in 2019 and 2021 but not 2020: every figure must show 2020 as a gap.
    static let documents = """
    doc_id,country,year,date,date_source,language,title,tokens,sentences,status
    us-a,US,2019,2019-02-05,manifest,en,"A, first",1000,50,ok
    us-b,US,2019,2019-06-01,manifest,en,B,3000,90,ok
    us-c,US,2021,2021-03-01,manifest,en,C,2000,80,ok
    us-d,US,2021,2021-04-01,manifest,en,D,,,skipped: checksum mismatch
    cn-a,CN,2019,2019-03-05,manifest,zh,甲,4000,100,ok
    cn-b,CN,2020,2020-05-22,manifest,zh,乙,5000,120,ok
    cn-x,CN,,,,zh,丙,,,skipped: empty document

    """
    static let scores = """
    doc_id,country,year,language,frame,category,hits,negated,weighted,rate_per_10k
    us-a,US,2019,en,values_based,ethics_rights,4,0,4.000,40.0000
    us-a,US,2019,en,development_centric,infrastructure,1,0,1.000,10.0000
    us-b,US,2019,en,values_based,ethics_rights,2,0,2.000,6.6667
    us-b,US,2019,en,development_centric,infrastructure,6,1,6.000,20.0000
    us-c,US,2021,en,values_based,ethics_rights,0,0,0.000,0.0000
    us-c,US,2021,en,development_centric,infrastructure,3,0,3.000,15.0000
    cn-a,CN,2019,zh,values_based,ethics_rights,1,0,1.000,2.5000
    cn-a,CN,2019,zh,development_centric,infrastructure,20,0,20.000,50.0000
    cn-b,CN,2020,zh,values_based,ethics_rights,0,0,0.000,0.0000
    cn-b,CN,2020,zh,development_centric,infrastructure,30,0,30.000,60.0000

    """
    static let series = """
    country,year,frame,documents,tokens,hits,weighted,rate_per_10k,ci_low,ci_high
    CN,2019,values_based,1,4000,1,1.000,2.5000,,
    CN,2019,development_centric,1,4000,20,20.000,50.0000,,
    CN,2020,values_based,1,5000,0,0.000,0.0000,,
    CN,2020,development_centric,1,5000,30,30.000,60.0000,,
    US,2019,values_based,2,4000,6,6.000,15.0000,6.6667,40.0000
    US,2019,development_centric,2,4000,7,7.000,17.5000,10.0000,20.0000
    US,2021,values_based,1,2000,0,0.000,0.0000,,
    US,2021,development_centric,1,2000,3,3.000,15.0000,,

    """
    static let contrast = """
    country,year,documents,plus,minus,index,ci_low,ci_high
    CN,2019,1,1.000,20.000,-0.9048,,
    CN,2020,1,0.000,30.000,-1.0000,,
    US,2019,2,6.000,7.000,-0.0769,-0.2000,0.6000
    US,2021,1,0.000,3.000,-1.0000,,

    """
    let inputs = FigureInputs(series: series, contrast: contrast, scores: scores, documents: documents)
    let options = FigureOptions(study: "test-study", source: "Source: polframe test, lexicon x 1.0")

    func all() throws -> [(String, String)] {
        try Figures.names.flatMap { try Figures.render($0, inputs, options) }
    }

    @Test func everyFigureIsWellFormedSVG() throws {
        let files = try all()
        #expect(files.map(\.0) == ["contrast.svg", "frame_rates.svg", "category_heatmap_CN.svg", "category_heatmap_US.svg", "corpus_coverage.svg"])
        for (name, svg) in files {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(name) is not well-formed XML: \(String(describing: parser.parserError))")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(name)")
        }
    }

    @Test func everyFigureHasTitleLegendCountsAndSource() throws {
        for (name, svg) in try all() {
            #expect(svg.contains("class=\"title\""), "\(name) has no title")
            #expect(svg.contains("class=\"legend\""), "\(name) has no legend")
            #expect(svg.contains("class=\"n\""), "\(name) shows no document counts")
            #expect(svg.contains("Source: polframe test, lexicon x 1.0"), "\(name) has no source note")
            #expect(svg.contains("test-study"), "\(name) does not name the study")
        }
        let rates = try Figures.render("frame_rates", inputs, options)[0].1
        #expect(rates.contains(">values_based<") && rates.contains(">development_centric<"))
        #expect(rates.contains("per 10,000 tokens"))
        #expect(rates.contains("<polygon") == false, "no two adjacent years with intervals, so no band")
        #expect(rates.contains("US values_based 2019: 15.0 [6.7, 40.0], n=2, 6 hits"))
        #expect(rates.contains("CN values_based 2019: 2.5 no interval (1 document), n=1, 1 hit"))
    }

    @Test func yearsWithoutDocumentsAreGapsNotZeros() throws {
        let contrast = try Figures.render("contrast", inputs, options)[0].1
        // US 2019 and 2021 are not joined by a line (a gap); CN 2019-2020 neither: one document each is no trend.
        #expect(contrast.components(separatedBy: "<polyline").count - 1 == 0)
        #expect(contrast.contains("class=\"gap\">–<"))
        let heatmap = try Figures.render("category_heatmap", inputs, options).first { $0.0 == "category_heatmap_US.svg" }!.1
        #expect(heatmap.contains("US 2020: no documents"))
        #expect(!heatmap.contains("US 2020 values_based"))
        // Pooled: (4 + 2) weighted hits over 4,000 tokens = 15 per 10,000.
        #expect(heatmap.contains("US 2019 values_based/ethics_rights (ethics rights): 15.00 per 10,000 tokens"))
        // The skipped document's tokens are not in the denominator: 3 over 2,000 tokens.
        #expect(heatmap.contains("US 2021 development_centric/infrastructure (infrastructure): 15.00 per 10,000 tokens"))
        let coverage = try Figures.render("corpus_coverage", inputs, options)[0].1
        #expect(coverage.contains("US 2021: 1 skipped documents"))
        #expect(coverage.contains(">1+1<"))
        #expect(coverage.contains("class=\"gap\">0<"), "US 2020 is an empty slot")
        #expect(coverage.contains("1 document without a year not shown"))
        #expect(coverage.contains("checksum mismatch (1)"))
    }

    @Test func passageFilterDenominatorsAndYearsWithoutScoredTokens() throws {
        // With a passage filter documents.csv has scored_tokens: rates divide by them, and a
        // year whose documents have no scored token is "n/a", not "no documents".
        let documents = """
        doc_id,country,year,tokens,status,scored_tokens
        us-a,US,2019,1000,ok,200
        us-b,US,2020,3000,ok,0

        """
        let scores = """
        doc_id,country,year,frame,category,weighted
        us-a,US,2019,values_based,ethics_rights,2.000
        us-b,US,2020,values_based,ethics_rights,0.000

        """
        let files = try Figures.render("category_heatmap", FigureInputs(series: nil, contrast: nil, scores: scores, documents: documents), options)
        let svg = try #require(files.first).1
        #expect(svg.contains("US 2019 values_based/ethics_rights (ethics rights): 100.00 per 10,000 tokens"))
        #expect(svg.contains("US 2020: no tokens scored") && svg.contains(">n/a<"))
        #expect(!svg.contains("US 2020: no documents"))
        let coverage = try Figures.render("corpus_coverage", FigureInputs(series: nil, contrast: nil, scores: nil, documents: documents), options)[0].1
        #expect(coverage.contains("whole documents (light), scored passages (solid)"))
    }

    @Test func sameInputSameBytes() throws {
        let a = try all(), b = try all()
        #expect(a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1))
        // Row order in the CSV does not matter either.
        let lines = Self.series.split(separator: "\n")
        let shuffled = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n"
        let c = try Figures.render("frame_rates", FigureInputs(series: shuffled, contrast: nil, scores: nil, documents: Self.documents), options)
        #expect(c[0].1 == a[1].1)
    }

    @Test func titleOptionReplacesTheHeading() throws {
        let o = FigureOptions(title: "My & title", source: "s")
        let svg = try Figures.render("corpus_coverage", inputs, o)[0].1
        #expect(svg.contains("<title>My &amp; title</title>"))
    }

    @Test func errorsNameWhatIsMissing() {
        #expect(throws: FigureError.unknownFigure("pie", known: Figures.names)) { try Figures.render("pie", inputs, options) }
        #expect(throws: FigureError.missingInput(figure: "category_heatmap", file: "documents.csv")) {
            try Figures.render("category_heatmap", FigureInputs(series: nil, contrast: nil, scores: Self.scores, documents: nil), options)
        }
        #expect(throws: FigureError.unreadableTable(file: "series.csv", missingColumns: ["ci_low", "ci_high"])) {
            try Figures.render("frame_rates", FigureInputs(series: "country,year,frame,documents,tokens,hits,weighted,rate_per_10k\n", contrast: nil, scores: nil, documents: nil), options)
        }
    }

    @Test func sqrtLegendTicksAreRoundAndIncreasing() {
        let t = CategoryHeatmapFigure.sqrtTicks(117)
        #expect(t.first == 0 && t == t.sorted() && Set(t).count == t.count && t.last! <= 117)
    }
}
