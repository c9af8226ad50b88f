import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PolframeFigures
import PolframeScore

/// Every element of an SVG with its attributes and text, read with an XML parser (not string
/// matching), so the checks below see what a renderer sees.
final class SVGElements: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text: String = ""; var parentName: String? }
    private(set) var elements: [Element] = []
    private var open: [Int] = []

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else { throw CocoaError(.coderReadCorrupt) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, parentName: open.last.map { elements[$0].name }))
        open.append(elements.count - 1)
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { open.removeLast() }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if let i = open.last { elements[i].text += string } }

    func all(_ name: String, classed cls: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (cls == nil || ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(cls!))) }
    }
    /// The <title> (tooltip) text of each element of `name`, in order.
    func titled(_ name: String) -> [(Element, String)] {
        var out: [(Element, String)] = []
        for (i, e) in elements.enumerated() where e.name == name {
            if i + 1 < elements.count, elements[i + 1].name == "title", elements[i + 1].parentName == name { out.append((e, elements[i + 1].text)) }
        }
        return out
    }
    var width: Double { Double(elements.first { $0.name == "svg" }?.attributes["viewBox"]?.split(separator: " ")[2] ?? "0") ?? 0 }
}

@Suite struct HonestFiguresTests {
    static let options = FigureOptions(study: "t", source: "Source: test.")

    // A: 2019 and 2020 rest on one document each; B on three, with no documents in 2021.
    static let contrast = """
    country,year,documents,plus,minus,index,ci_low,ci_high,flag,hits,translated
    A,2019,1,1.000,2.000,-0.3333,,,few_documents,3,1
    A,2020,1,2.000,2.000,0.0000,,,few_documents,4,0
    B,2019,3,30.000,10.000,0.5000,0.2000,0.7000,,40,0
    B,2020,3,20.000,20.000,0.0000,-0.3000,0.3000,,40,0
    B,2022,3,10.000,30.000,-0.5000,-0.7000,-0.2000,,40,0

    """

    @Test func pointsUnderTheHitThresholdAreHollowAndLabelled() throws {
        let svg = try SVGElements(Figures.render("contrast", FigureInputs(series: nil, contrast: Self.contrast, scores: nil, documents: nil), Self.options)[0].1)
        let points = svg.titled("circle").filter { ($0.0.attributes["class"] ?? "").hasPrefix("point") }
        #expect(points.count == 5)
        for (e, tip) in points {
            let hits = Int(e.attributes["data-hits"] ?? "") ?? -1
            let thin = hits < 10
            #expect(e.attributes["class"] == (thin ? "point thin" : "point"), "\(tip)")
            #expect((e.attributes["fill"] == "white") == thin, "\(tip)")
        }
        let labels = svg.all("text", classed: "hits").map(\.text)
        #expect(labels.sorted() == ["3 hits", "4 hits"])
        // Area by hits: the 40-hit points are larger than the 3-hit one.
        let radius = { (h: String) in Double(points.first { $0.0.attributes["data-hits"] == h }!.0.attributes["r"]!)! }
        #expect(radius("40") > radius("4") && radius("4") >= radius("3"))
        // The threshold is an option.
        var loose = Self.options
        loose.minHits = 1
        let none = try SVGElements(Figures.render("contrast", FigureInputs(series: nil, contrast: Self.contrast, scores: nil, documents: nil), loose)[0].1)
        #expect(none.all("circle", classed: "thin").isEmpty)
    }

    @Test func noLineBetweenSingleDocumentPointsNorAcrossAGap() throws {
        let svg = try SVGElements(Figures.render("contrast", FigureInputs(series: nil, contrast: Self.contrast, scores: nil, documents: nil), Self.options)[0].1)
        let lines = svg.all("polyline")
        // Only B 2019-2020: A's points rest on one document each, B 2022 follows a gap.
        #expect(lines.count == 1)
        #expect(lines.first?.attributes["points"]?.split(separator: " ").count == 2)
        #expect(svg.titled("circle").contains { $0.1.contains("A 2019: -0.333 no interval (1 document), n=1, 3 hits, 1 translated") })
        #expect(!svg.elements.contains { $0.text.contains("[, ]") })
    }

    @Test func fewDocumentIntervalsAreDrawnAsASpreadNotAnEstimate() throws {
        let contrast = """
        country,year,documents,plus,minus,index,ci_low,ci_high,flag,hits,translated
        B,2019,2,30.000,10.000,0.5000,0.2000,0.7000,few_documents,40,0
        B,2020,3,20.000,20.000,0.0000,-0.3000,0.3000,,40,0
        B,2021,3,20.000,20.000,0.0000,-0.3000,0.3000,,40,0

        """
        let text = try Figures.render("contrast", FigureInputs(series: nil, contrast: contrast, scores: nil, documents: nil), Self.options)[0].1
        let svg = try SVGElements(text)
        #expect(svg.all("line", classed: "spread").count == 1)
        // The band covers 2020-2021 only: two points above, two below.
        #expect(svg.all("polygon").first?.attributes["points"]?.split(separator: " ").count == 4)
        #expect(text.contains("B 2019: 0.500 [0.200, 0.700] (few documents: their spread, not a confidence interval), n=2"))
    }

    @Test func translatedDocumentsAreMarked() throws {
        let text = try Figures.render("contrast", FigureInputs(series: nil, contrast: Self.contrast, scores: nil, documents: nil), Self.options)[0].1
        let svg = try SVGElements(text)
        #expect(svg.all("circle", classed: "translated").count == 1)
        #expect(text.contains("Translated documents, matched in the translation's language: A 2019 (1 of 1)."))
        #expect(text.contains("dashed ring: includes translated documents"))
    }

    /// Twelve groups with long names, in every year-series figure and the coverage figure.
    static func twelveGroups() -> FigureInputs {
        let groups = (1...12).map { "Group\($0)-" + String(repeating: "x", count: $0 * 3) }
        var series = "country,year,frame,documents,tokens,hits,weighted,rate_per_10k,ci_low,ci_high\n"
        var contrast = "country,year,documents,plus,minus,index,ci_low,ci_high,hits\n"
        var documents = "doc_id,country,year,tokens,status,language\n"
        for (i, g) in groups.enumerated() {
            for year in 2020...2021 {
                for f in ["values_based", "development_centric"] {
                    series += "\(g),\(year),\(f),2,1000,\(i + 5),\(i + 5).000,\(Double(i + 5) * 10),1.0,90.0\n"
                }
                contrast += "\(g),\(year),2,\(i + 1).000,3.000,0.1,0.0,0.2,\(i + 4)\n"
                documents += "\(g)-\(year)-a,\(g),\(year),500,ok,en\n\(g)-\(year)-b,\(g),\(year),500,ok,en\n"
            }
        }
        return FigureInputs(series: series, contrast: contrast, scores: nil, documents: documents)
    }

    @Test func legendsOfTwelveGroupsStayInsideTheCanvas() throws {
        for name in ["contrast", "frame_rates", "corpus_coverage"] {
            let svg = try SVGElements(Figures.render(name, Self.twelveGroups(), Self.options)[0].1)
            let legend = svg.all("text", classed: "legend")
            #expect(svg.all("text", classed: "group").count == 12, "\(name): every group in the legend")
            for t in legend {
                let x = Double(t.attributes["x"]!)!, size = Double(t.attributes["font-size"] ?? "11")!
                let bold = t.attributes["font-weight"] == "bold" ? 1.1 : 1
                #expect(x >= 0 && x + SVG.textWidth(t.text, size: size) * bold <= svg.width, "\(name): '\(t.text)' at \(x) runs off the canvas")
            }
            // Wrapped into several rows, not one.
            #expect(Set(legend.map { $0.attributes["y"]! }).count > 1, "\(name)")
        }
    }

    @Test func aGroupHasOneColourInEveryFigure() throws {
        let inputs = Self.twelveGroups()
        func colours(_ name: String) throws -> [String: String] {
            let svg = try SVGElements(Figures.render(name, inputs, Self.options)[0].1)
            var out: [String: String] = [:]
            for (e, tip) in svg.titled(name == "corpus_coverage" ? "rect" : "circle") {
                let group = String(tip.prefix { $0 != " " })
                let colour = name == "corpus_coverage" ? e.attributes["fill"]! : e.attributes["stroke"]!
                if name == "corpus_coverage" && !tip.contains("scored documents") { continue }
                #expect(out[group] == nil || out[group] == colour, "\(name): \(group) drawn in two colours")
                out[group] = colour
            }
            return out
        }
        let contrast = try colours("contrast"), rates = try colours("frame_rates"), coverage = try colours("corpus_coverage")
        #expect(contrast.count == 12)
        #expect(contrast == rates && rates == coverage)
        #expect(Set(contrast.values).count == 12, "twelve groups, twelve colours")
        // A figure drawn from a table missing some groups keeps the others' colours.
        let partial = FigureInputs(series: nil, contrast: inputs.contrast, scores: nil, documents: inputs.documents)
        let svg = try SVGElements(Figures.render("contrast", partial, Self.options)[0].1)
        for (e, tip) in svg.titled("circle") { #expect(e.attributes["stroke"] == contrast[String(tip.prefix { $0 != " " })]) }
    }

    @Test func subtitlesFollowTheGrouping() throws {
        var o = Self.options
        o.groupBy = "language"
        let series = "country,year,frame,documents,tokens,hits,weighted,rate_per_10k,ci_low,ci_high\nen,2020,values_based,2,100,12,12.000,1200.0,1.0,2.0\n"
        let contrast = try Figures.render("contrast", FigureInputs(series: nil, contrast: Self.contrast, scores: nil, documents: nil), o)[0].1
        let rates = try Figures.render("frame_rates", FigureInputs(series: series, contrast: nil, scores: nil, documents: nil), o)[0].1
        for svg in [contrast, rates] {
            #expect(svg.contains("language-year") && svg.contains("by language and year"))
            #expect(!svg.contains("country"))
        }
        #expect(Grouping.noun("administration") == "administration")
    }

    @Test func ratesOfSeveralLanguagesCarryANote() throws {
        let documents = "doc_id,country,year,tokens,status,language\nu,US,2020,100,ok,en\nc,CN,2020,100,ok,zh\n"
        let series = "country,year,frame,documents,tokens,hits,weighted,rate_per_10k,ci_low,ci_high\nUS,2020,values_based,1,100,12,12.000,1200.0,,\nCN,2020,values_based,1,100,12,12.000,1200.0,,\n"
        let both = try Figures.render("frame_rates", FigureInputs(series: series, contrast: nil, scores: nil, documents: documents), Self.options)[0].1
        #expect(both.contains("Rates of English and Chinese documents share this scale but are not comparable"))
        let english = documents.replacingOccurrences(of: ",zh", with: ",en")
        let one = try Figures.render("frame_rates", FigureInputs(series: series, contrast: nil, scores: nil, documents: english), Self.options)[0].1
        #expect(!one.contains("not comparable"))
    }

    static let categories = """
    country,year,frame,category,documents,tokens,weighted,rate_per_10k,hits,translated,frame_label,category_label
    中国,2020,development_centric,talent_rd_catchup,1,1000,5.000,50.0000,5,1,Development-centric framing,"Talent, R&D and catch-up"
    美国,2020,development_centric,talent_rd_catchup,2,2000,4.000,20.0000,4,0,Development-centric framing,"Talent, R&D and catch-up"
    a/b,2020,development_centric,talent_rd_catchup,2,2000,4.000,20.0000,4,0,Development-centric framing,"Talent, R&D and catch-up"
    a_b,2020,development_centric,talent_rd_catchup,2,2000,4.000,20.0000,4,0,Development-centric framing,"Talent, R&D and catch-up"

    """

    @Test func heatmapsShowLexiconLabelsAndTranslations() throws {
        let files = try Figures.render("category_heatmap", FigureInputs(series: nil, contrast: nil, scores: nil, documents: nil, categories: Self.categories), Self.options)
        let cn = try #require(files.first { $0.0 == "category_heatmap_中国.svg" }).1
        let labels = try SVGElements(cn).all("text", classed: "row-label").map(\.text)
        #expect(labels.contains("Talent, R&D and catch-up") && labels.contains("Development-centric framing"))
        #expect(!cn.contains(">talent rd catchup<"))
        #expect(cn.contains(">1†<") && cn.contains("translated documents"))
    }

    @Test func heatmapFileNamesAreUniqueForNonASCIIGroups() throws {
        let files = try Figures.render("category_heatmap", FigureInputs(series: nil, contrast: nil, scores: nil, documents: nil, categories: Self.categories), Self.options)
        let names = files.map(\.0)
        #expect(Set(names).count == 4)
        #expect(names.contains("category_heatmap_中国.svg") && names.contains("category_heatmap_美国.svg"))
        #expect(names.contains("category_heatmap_a_2F_b.svg") && names.contains("category_heatmap_a_5F_b.svg"))
        #expect(FileName.safe("US") == "US" && FileName.safe("CN") == "CN")
        // Stable, and bounded in length with a hash telling long names apart.
        let long = String(repeating: "长", count: 60)
        #expect(FileName.safe(long) == FileName.safe(long))
        #expect(FileName.safe(long) != FileName.safe(long + "x"))
        #expect(FileName.safe(long + "x").utf8.count <= 82)
        #expect(!FileName.safe("../etc").contains("/") && !FileName.safe("../etc").contains("."))
    }
}
