import Testing
@testable import PolframeScore

@Suite struct TrendTests {
    /// A document with weighted hits in categories `a` and `b` of frame `f`.
    func doc(_ id: String, _ year: Int, a: Double, b: Double, group: String = "CN") -> ScoredDocument {
        let cats = [CategoryCount(frame: "f", category: "a", hits: Int(a), negated: 0, weighted: a),
                    CategoryCount(frame: "f", category: "b", hits: Int(b), negated: 0, weighted: b)]
        return ScoredDocument(id: id, country: group, year: year, language: "zh",
                              score: DocumentScore(tokens: 1000, sentences: 10, categories: cats, matches: [], hanCharacters: 1000, latinLetters: 0))
    }
    let frames: [TrendBuilder.FrameCategories] = [(frame: "f", categories: ["a", "b", "never"])]

    @Test func slopeIsOrdinaryLeastSquares() {
        // y = 0.1 x + 2 exactly, and a worked example: x 1,2,3,4; y 1,3,2,6 -> slope 1.4.
        #expect(abs(TrendBuilder.slope([(2016, 203.6), (2017, 203.7), (2018, 203.8)])! - 0.1) < 1e-9)
        #expect(abs(TrendBuilder.slope([(1, 1), (2, 3), (3, 2), (4, 6)])! - 1.4) < 1e-12)
        #expect(TrendBuilder.slope([(2020, 0.5)]) == nil)
        #expect(TrendBuilder.slope([(2020, 0.5), (2020, 0.7)]) == nil)
    }

    @Test func sharesPoolTheYearsDocuments() {
        let docs = [doc("x", 2020, a: 3, b: 1), doc("y", 2020, a: 1, b: 3), doc("z", 2021, a: 0, b: 0)]
        let rows = TrendBuilder(bootstrap: BootstrapOptions(replicates: 200, seed: 7)).shares(docs, frames: frames)
        let a2020 = rows.first { $0.year == 2020 && $0.category == "a" }!
        #expect(a2020.share == 0.5 && a2020.documents == 2 && a2020.frameWeighted == 8)
        #expect(a2020.ciLow! < 0.5 && a2020.ciHigh! > 0.5)
        // A year without hits in the frame has no share (not zero), and one document no interval.
        let a2021 = rows.first { $0.year == 2021 && $0.category == "a" }!
        #expect(a2021.share == nil && a2021.ciLow == nil)
        #expect(rows.filter { $0.category == "never" }.allSatisfy { $0.share == nil || $0.share == 0 })
    }

    @Test func aRisingCategoryHasAPositiveSlopeWithAnInterval() {
        // Category a's share rises from 0.2 to 0.8 over four years, two documents a year.
        var docs: [ScoredDocument] = []
        for (i, year) in (2016...2019).enumerated() {
            let a = 2.0 + 2.0 * Double(i)
            docs.append(doc("\(year)-1", year, a: a, b: 10 - a))
            docs.append(doc("\(year)-2", year, a: a + 1, b: 9 - a))
        }
        let t = TrendBuilder(bootstrap: BootstrapOptions(replicates: 500, seed: 1)).trends(docs, frames: frames)
        let a = t.first { $0.category == "a" }!
        #expect(a.years == 4 && a.documents == 8 && a.firstYear == 2016 && a.lastYear == 2019)
        #expect(abs(a.slope! - 0.2) < 1e-9)
        #expect(a.ciLow! > 0 && a.ciLow! <= a.slope! && a.slope! <= a.ciHigh!)
        #expect(a.positive == 1)
        let b = t.first { $0.category == "b" }!
        #expect(abs(b.slope! + 0.2) < 1e-9 && b.ciHigh! < 0 && b.positive == 0)
    }

    @Test func trendsAreDeterministicWhateverTheOrder() {
        let docs = (0..<12).map { doc("d\($0)", 2016 + $0 % 4, a: Double($0 % 5), b: Double(7 - $0 % 3)) }
        let builder = TrendBuilder(bootstrap: BootstrapOptions(replicates: 300, seed: 3))
        #expect(builder.trends(docs, frames: frames) == builder.trends(docs.reversed(), frames: frames))
        #expect(builder.shares(docs, frames: frames) == builder.shares(docs.shuffled(), frames: frames))
    }

    @Test func singleDocumentYearsGiveASlopeButNoInterval() {
        let docs = [doc("a", 2016, a: 1, b: 3), doc("b", 2018, a: 3, b: 1)]
        let a = TrendBuilder().trends(docs, frames: frames).first { $0.category == "a" }!
        #expect(a.slope == 0.25 && a.ciLow == nil && a.positive == nil)
    }
}
