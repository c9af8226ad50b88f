import Foundation
import Testing
@testable import PolframeScore

/// Each output table reads back what it writes (write → read → equal rows and layout), and its
/// reader names the file, line and column of what it cannot read. Values are chosen at the
/// precision the tables print (a weight of 1.234 survives three decimals).
@Suite struct OutputTableTests {
    static let grouped = TableLayout(groups: ["country", "administration"])
    static let adjusted = TableLayout(groups: ["country"], adjusted: true)

    func roundTrip<T: OutputTable>(_ table: T.Type, _ rows: [T.Row], _ layout: TableLayout = TableLayout(),
                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = T.text(rows, layout)
        let back = try T.read(text, file: T.fileName)
        #expect(back.rows == rows, "\(T.fileName) rows differ after a round trip", sourceLocation: sourceLocation)
        #expect(T.header(back.layout) == T.header(layout), "\(T.fileName) layout differs after a round trip", sourceLocation: sourceLocation)
        #expect(T.text(back.rows, back.layout) == text, "\(T.fileName) is not rewritten byte for byte", sourceLocation: sourceLocation)
    }

    @Test func documentsRoundTrip() throws {
        let ok = DocumentsTable.Row(docID: "us-1", country: "US", year: 2021, date: "2021-03-04", dateSource: "manifest", language: "en",
                                    title: "On AI, \"trust\" and\nsafety", tokens: 1200, sentences: 40, status: "ok", issuer: "OSTP",
                                    path: "wh/a.html", format: "html", encoding: "UTF-8", encodingSource: "declared", invalidBytes: 0,
                                    hanShare: 0.125, scoredTokens: 900, translationOf: "", leftOut: nil, variables: ["Biden", "report"])
        let skipped = DocumentsTable.Row(docID: "cn-2", country: "CN", year: nil, date: "", dateSource: "", language: "zh", title: "人工智能",
                                         tokens: nil, sentences: nil, status: "skipped: not UTF-8", issuer: "", path: "cn/b.jsonl#3",
                                         format: "", encoding: "", encodingSource: "", invalidBytes: nil, hanShare: nil, scoredTokens: nil,
                                         translationOf: "us-1", leftOut: "skipped", variables: ["", ""])
        try roundTrip(DocumentsTable.self, [ok, skipped], TableLayout(variables: ["administration", "genre"]))
        try roundTrip(DocumentsTable.self, [{ var r = ok; r.variables = []; return r }()])
    }

    @Test func scoresAndDocumentFramesRoundTrip() throws {
        try roundTrip(ScoresTable.self, [
            .init(docID: "a", country: "US", year: 2020, language: "en", frame: "values_based", category: "ethics", hits: 3, negated: 1,
                  weighted: 2.5, rate: 12.3457),
            .init(docID: "b", country: "CN", year: nil, language: "zh", frame: "development_centric", category: "growth", hits: 0, negated: 0,
                  weighted: 0, rate: nil),
        ])
        try roundTrip(DocumentFramesTable.self, [
            .init(docID: "a", country: "US", year: 2020, language: "en", frame: "values_based", hits: 4, negated: 0, weighted: 3.75,
                  scoredTokens: 800, rate: 46.875, contrastIndex: -0.25, leftOut: nil),
            .init(docID: "b", country: "CN", year: nil, language: "zh", frame: "values_based", hits: 0, negated: 0, weighted: 0,
                  scoredTokens: 0, rate: nil, contrastIndex: nil, leftOut: "undated"),
        ])
    }

    @Test func seriesRoundTrip() throws {
        let cell = SeriesTable.Row(group: ["US"], year: 2020, frame: "values_based", documents: 3, tokens: 3000, hits: 12, weighted: 11.5,
                                   rate: 38.3333, ciLow: 20.1, ciHigh: 55.25, fewDocuments: true, translated: 1)
        let lone = SeriesTable.Row(group: ["CN"], year: 2019, frame: "values_based", documents: 1, tokens: 0, hits: 0, weighted: 0,
                                   rate: nil, ciLow: nil, ciHigh: nil, fewDocuments: false, translated: 0)
        try roundTrip(SeriesTable.self, [cell, lone])
        var two = cell
        two.group = ["US", "Biden"]
        try roundTrip(SeriesTable.self, [two], Self.grouped)
        var fixed = cell
        fixed.weightedAdjusted = 9.25
        fixed.rateAdjusted = 30.8333
        var unfixed = lone
        unfixed.weightedAdjusted = nil
        try roundTrip(SeriesTable.self, [fixed, unfixed], Self.adjusted)
    }

    @Test func seriesByLanguageKeepsTheLanguageAsItsOwnColumn() throws {
        let cell = SeriesTable.Row(group: ["US"], year: 2020, frame: "values_based", documents: 2, tokens: 100, hits: 1, weighted: 1,
                                   rate: 100, ciLow: nil, ciHigh: nil, fewDocuments: false, translated: 0)
        let row = SeriesByLanguageTable.Row(series: cell, language: "en")
        try roundTrip(SeriesByLanguageTable.self, [row])
        let text = SeriesByLanguageTable.text([row])
        #expect(text.hasPrefix("country,language,year,"))
        #expect(text.contains("\nUS,en,2020,"))
        // Grouped by language already: the language is the group's column, written once.
        let byLanguage = TableLayout(groups: ["language", "country"])
        try roundTrip(SeriesByLanguageTable.self, [row], byLanguage)
        #expect(SeriesByLanguageTable.text([row], byLanguage).hasPrefix("language,country,year,"))
        #expect(SeriesByLanguageTable.text([row], byLanguage).contains("\nen,US,2020,"))
    }

    @Test func contrastTablesRoundTrip() throws {
        let a = ContrastTable.Row(group: ["US"], year: 2020, documents: 4, plus: 10.5, minus: 2.25, index: 0.6471, ciLow: 0.3, ciHigh: 0.9,
                                  fewDocuments: false, hits: 13, translated: 2)
        let none = ContrastTable.Row(group: ["CN"], year: 2021, documents: 1, plus: 0, minus: 0, index: nil, ciLow: nil, ciHigh: nil,
                                     fewDocuments: true, hits: 0, translated: 0)
        try roundTrip(ContrastTable.self, [a, none])
        var fixed = a
        fixed.plusAdjusted = 9.5; fixed.minusAdjusted = 2; fixed.indexAdjusted = 0.6522
        try roundTrip(ContrastTable.self, [fixed, none], Self.adjusted)
        var two = a
        two.group = ["US", "Trump"]
        try roundTrip(ContrastTable.self, [two], Self.grouped)
        try roundTrip(ContrastOverallTable.self, [
            .init(group: ["US"], documents: 9, plus: 20, minus: 5.5, index: 0.5686, ciLow: 0.4, ciHigh: 0.7),
            .init(group: ["CN"], documents: 2, plus: 0, minus: 0, index: nil, ciLow: nil, ciHigh: nil),
        ])
        try roundTrip(ContrastOverallTable.self, [.init(group: ["US", "Biden"], documents: 9, plus: 20, minus: 5.5, index: 0.5686,
                                                        ciLow: 0.4, ciHigh: 0.7, plusAdjusted: 18, minusAdjusted: 5, indexAdjusted: 0.5652)],
                      TableLayout(groups: ["country", "administration"], adjusted: true))
        #expect(ContrastOverallTable.text([.init(group: ["US"], documents: 1, plus: 1, minus: 0, index: 1, ciLow: nil, ciHigh: nil)])
            .contains("\nUS,all,1,"))
    }

    @Test func categoryTablesRoundTrip() throws {
        try roundTrip(CategoriesTable.self, [
            .init(group: ["US"], year: 2020, frame: "values_based", category: "ethics", documents: 3, tokens: 900, weighted: 4.5,
                  rate: 50, hits: 5, translated: 0, frameLabel: "Values-based", categoryLabel: "Ethics, rights"),
            .init(group: ["CN"], year: 2020, frame: "values_based", category: "ethics", documents: 1, tokens: 0, weighted: 0,
                  rate: nil, hits: 0, translated: 1, frameLabel: "", categoryLabel: ""),
        ], TableLayout(groups: ["country"]))
        try roundTrip(CategorySharesTable.self, [
            .init(group: ["US", "Biden"], year: 2022, frame: "values_based", category: "ethics", documents: 2, weighted: 1.5,
                  frameWeighted: 4, share: 0.375, ciLow: 0.1, ciHigh: 0.6),
            .init(group: ["US", "Trump"], year: 2019, frame: "values_based", category: "ethics", documents: 1, weighted: 0,
                  frameWeighted: 0, share: nil, ciLow: nil, ciHigh: nil),
        ], Self.grouped)
        try roundTrip(TrendsTable.self, [
            .init(group: ["CN"], frame: "development_centric", category: "growth", years: 5, documents: 12, firstYear: 2017, lastYear: 2021,
                  slope: -0.01234, ciLow: -0.02, ciHigh: 0.00125, positive: 0.125),
            .init(group: ["US"], frame: "development_centric", category: "growth", years: 0, documents: 0, firstYear: nil, lastYear: nil,
                  slope: nil, ciLow: nil, ciHigh: nil, positive: nil),
        ])
    }

    @Test func lexiconTablesRoundTrip() throws {
        let coverage: [CoverageTable.Row] = [
            .init(lexicon: "framing", frame: "values_based", category: "ethics", entry: "human right*", language: "en", weight: 1.5, hits: 7, documents: 3),
            .init(lexicon: "framing", frame: "values_based", category: "ethics", entry: "以人为本", language: "zh", weight: nil, hits: 2, documents: 1),
        ]
        try roundTrip(CoverageTable.self, coverage)
        #expect(CoverageTable.text(coverage).contains(",zh,exclude,2,1\n"))
        #expect(CoverageTable.hits(coverage) == ["values_based/ethics/human right*": 7, "values_based/ethics/以人为本": 2])
        try roundTrip(DisagreementsTable.self, [.init(docID: "a", field: "date", manifest: "2020", extracted: "2019-05-01", extractedSource: "meta tag")])
        try roundTrip(MatchesTable.self, [
            .init(docID: "a", frame: "values_based", category: "ethics", entry: "trust", language: "en", start: 10, end: 15, text: "Trust", negated: false),
            .init(docID: "a,b", frame: "values_based", category: "ethics", entry: "人权", language: "zh", start: 20, end: 22, text: "人\"权", negated: true),
        ])
    }

    /// make renders matches.csv rows field by field into its cache: the same bytes as the table.
    @Test func renderedMatchesEqualTheTableRows() {
        let matches = [
            MatchRecord(frame: "values_based", category: "ethics", entry: "trust", language: "en", start: 1, end: 6, text: "trust, \"fair\"", negated: true),
            MatchRecord(frame: "f", category: "c", entry: "人工智能", language: "zh", start: 7, end: 11, text: "人工\n智能", negated: false),
        ]
        var rendered = ""
        MatchesTable.append(matches, docField: CSVTable.field("doc,1"), to: &rendered)
        let rows = matches.map { MatchesTable.Row(docID: "doc,1", frame: $0.frame, category: $0.category, entry: $0.entry, language: $0.language,
                                                  start: $0.start, end: $0.end, text: $0.text, negated: $0.negated) }
        #expect(rendered == MatchesTable.rowsText(rows))
    }

    @Test func readErrorsNameTheFileLineAndColumn() {
        let header = ScoresTable.headerText()
        #expect(throws: TableError.badValue(file: "out/scores.csv", line: 3, column: "weighted", value: "lots", expected: "a number")) {
            try ScoresTable.read(header + "a,US,2020,en,f,c,1,0,1.000,\nb,US,2020,en,f,c,1,0,lots,\n", file: "out/scores.csv")
        }
        #expect(throws: TableError.malformedRow(file: "s.csv", line: 2, fields: 3, expected: 10)) {
            try ScoresTable.read(header + "a,US,2020\n", file: "s.csv")
        }
        #expect(throws: TableError.missingColumns(file: "c.csv", ["hits", "documents"])) {
            try CoverageTable.read("lexicon,frame,category,entry,language,weight\n", file: "c.csv")
        }
        #expect(throws: TableError.empty(file: "e.csv")) { try SeriesTable.read("", file: "e.csv") }
        let quoted = "doc_id,frame,category,entry,language,start,end,text,negated\n\"x\",f,c,e,en,1,2,\"two\nlines\",maybe\n"
        #expect(throws: TableError.badValue(file: "m.csv", line: 2, column: "negated", value: "maybe", expected: "true or false")) {
            try MatchesTable.read(quoted, file: "m.csv")
        }
        #expect(TableError.badValue(file: "m.csv", line: 2, column: "negated", value: "maybe", expected: "true or false").description
            == "m.csv:2: column negated holds 'maybe', expected true or false")
    }

    /// Extra columns are fine, columns are found by name, and a CRLF table reads as an LF one.
    @Test func readersFindColumnsByName() throws {
        let text = "extra,weighted,frame,category,doc_id,country,year\r\nz,1.500,f,c,a,US,2020\r\n"
        let rows = try ScoresTable.read(text, file: "scores.csv").rows
        #expect(rows == [.init(docID: "a", country: "US", year: 2020, language: "", frame: "f", category: "c", hits: 0, negated: 0, weighted: 1.5, rate: nil)])
    }
}
