import Testing
@testable import PolframeScore

@Suite struct SeriesTests {
    func doc(_ id: String, _ country: String, _ year: Int, tokens: Int, plus: Double, minus: Double) -> ScoredDocument {
        let cats = [CategoryCount(frame: "values_based", category: "a", hits: Int(plus), negated: 0, weighted: plus),
                    CategoryCount(frame: "development_centric", category: "b", hits: Int(minus), negated: 0, weighted: minus)]
        return ScoredDocument(id: id, country: country, year: year, language: "en",
                              score: DocumentScore(tokens: tokens, sentences: 1, categories: cats, matches: [], hanCharacters: 0, latinLetters: 0))
    }

    @Test func contrastIndexAndRates() {
        let docs = [doc("a", "US", 2020, tokens: 1000, plus: 30, minus: 10), doc("b", "US", 2020, tokens: 1000, plus: 10, minus: 10),
                    doc("c", "CN", 2020, tokens: 500, plus: 0, minus: 0)]
        let b = SeriesBuilder(bootstrap: BootstrapOptions(replicates: 200, level: 0.9, seed: 1))
        let c = b.contrast(docs, plus: "values_based", minus: "development_centric")
        #expect(c.count == 2)
        let us = c.first { $0.country == "US" }!
        #expect(us.index == 20.0 / 60.0)
        #expect(us.ciLow! <= us.index! && us.index! <= us.ciHigh!)
        let cn = c.first { $0.country == "CN" }!
        #expect(cn.index == nil && cn.ciLow == nil)
        let s = b.series(docs, frames: ["values_based", "development_centric"])
        let usPlus = s.first { $0.country == "US" && $0.frame == "values_based" }!
        #expect(usPlus.rate == 200)  // 40 weighted hits per 2000 tokens = 200 per 10k
        #expect(usPlus.documents == 2 && usPlus.tokens == 2000)
    }

    @Test func yearsWithoutDocumentsAreAbsent() {
        let docs = [doc("a", "US", 2019, tokens: 100, plus: 1, minus: 1), doc("b", "US", 2021, tokens: 100, plus: 1, minus: 1)]
        let c = SeriesBuilder().contrast(docs, plus: "values_based", minus: "development_centric")
        #expect(c.map(\.year) == [2019, 2021])
    }

    @Test func bootstrapIsDeterministic() {
        let docs = (0..<10).map { doc("d\($0)", "US", 2022, tokens: 100 + $0 * 10, plus: Double($0), minus: Double(10 - $0)) }
        let a = SeriesBuilder().contrast(docs, plus: "values_based", minus: "development_centric")
        let b = SeriesBuilder().contrast(docs.reversed(), plus: "values_based", minus: "development_centric")
        #expect(a == b)
        let other = SeriesBuilder(bootstrap: BootstrapOptions(seed: 99)).contrast(docs, plus: "values_based", minus: "development_centric")
        #expect(a[0].index == other[0].index)
    }

    @Test func csvQuotingFollowsRFC4180() {
        var t = CSVTable(header: ["a", "b"])
        t.append(["x,y", "say \"hi\"\nthen"])
        #expect(t.text == "a,b\n\"x,y\",\"say \"\"hi\"\"\nthen\"\n")
        #expect(NumberFormat.fixed(-0.00001, 3) == "0.000")
        #expect(NumberFormat.fixed(1.0 / 3.0, 4) == "0.3333")
    }
}

@Suite struct WeightingTests {
    func doc(_ id: String, tokens: Int, plus: Double) -> ScoredDocument {
        let cats = [CategoryCount(frame: "values_based", category: "a", hits: Int(plus), negated: 0, weighted: plus),
                    CategoryCount(frame: "development_centric", category: "b", hits: 0, negated: 0, weighted: 0)]
        return ScoredDocument(id: id, country: "US", year: 2020, language: "en",
                              score: DocumentScore(tokens: tokens, sentences: 1, categories: cats, matches: [], hanCharacters: 0, latinLetters: 0))
    }

    @Test func documentWeightingCountsEachDocumentOnce() {
        // A long document with a low rate and a short one with a high rate.
        let docs = [doc("long", tokens: 9000, plus: 9), doc("short", tokens: 1000, plus: 10)]
        let pooled = SeriesBuilder(weighting: .tokens).series(docs, frames: ["values_based"])[0]
        let perDoc = SeriesBuilder(weighting: .documents).series(docs, frames: ["values_based"])[0]
        #expect(abs(pooled.rate - 19) < 1e-9)           // 19 hits per 10,000 tokens
        #expect(abs(perDoc.rate - (10 + 100) / 2) < 1e-9)  // mean of 10 and 100 per 10k
    }
}
