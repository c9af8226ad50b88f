import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PolframeFigures
import PolframeScore

@Suite struct ContrastFigureTests {
    let rows = [
        ContrastRow(country: "US", year: 2019, documents: 3, plus: 10, minus: 5, index: 1.0 / 3.0, ciLow: 0.1, ciHigh: 0.5),
        ContrastRow(country: "US", year: 2021, documents: 1, plus: 4, minus: 4, index: 0, ciLow: nil, ciHigh: nil),
        ContrastRow(country: "CN", year: 2019, documents: 2, plus: 1, minus: 9, index: -0.8, ciLow: -0.9, ciHigh: -0.7),
        ContrastRow(country: "CN", year: 2020, documents: 1, plus: 0, minus: 0, index: nil, ciLow: nil, ciHigh: nil),
    ]

    @Test func isWellFormedSVGWithTheEssentials() {
        let svg = ContrastFigure.render(rows, title: "Contrast <test> & more", plus: "values_based", minus: "development_centric", source: "Source: test")
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "SVG is not well-formed XML")
        #expect(svg.contains("Contrast &lt;test&gt; &amp; more"))
        #expect(svg.contains(">US<") && svg.contains(">CN<"))
        #expect(svg.contains("n=3") && svg.contains("n=2"))
        #expect(svg.contains("Source: test"))
        #expect(svg.contains("Contrast index"))
        // Years 2019 and 2021 are not adjacent: no line is drawn through the gap.
        #expect(!svg.contains("<polyline"))
        // A year without an index (no hits) is named, not drawn as zero.
        #expect(svg.contains("CN 2020"))
    }

    @Test func printSizeAndNegativeTicksWithAMinusSign() {
        let svg = ContrastFigure.render(rows, title: "t", plus: "p", minus: "m", source: "s")
        #expect(svg.contains("width=\"180.0mm\""))
        #expect(svg.contains(">−0.5<") && svg.contains(">0<"))
    }

    @Test func sameInputSameBytes() {
        let a = ContrastFigure.render(rows, title: "t", plus: "p", minus: "m", source: "s")
        let b = ContrastFigure.render(rows.reversed(), title: "t", plus: "p", minus: "m", source: "s")
        #expect(a == b)
    }
}
