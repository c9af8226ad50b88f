import Foundation
import Testing
@testable import PolframeMake
import PolframeScore

@Suite struct ValidationTests {
    @Test func allocationCoversEntriesThenFollowsTheirShares() {
        // One slot per entry first, then the 7 left to the entry furthest below its share
        // (targets 9.26, 0.56, 0.19 of 10): all to the frequent entry.
        #expect(ValidationSample.allocate([50, 3, 1], 10) == [8, 1, 1])
        // Fewer slots than entries: the most frequent entries first.
        #expect(ValidationSample.allocate([2, 9, 5], 2) == [0, 1, 1])
        // More slots than matches: every match, no entry above its count.
        #expect(ValidationSample.allocate([2, 1], 10) == [2, 1])
        #expect(ValidationSample.allocate([], 5) == [])
        let a = ValidationSample.allocate([40, 30, 20, 10], 20)
        #expect(a.reduce(0, +) == 20 && a == [8, 6, 4, 2])
    }

    @Test func choiceIsWithoutReplacementAndSeeded() {
        var r1 = SplitMix64(seed: 7), r2 = SplitMix64(seed: 7), r3 = SplitMix64(seed: 8)
        let a = ValidationSample.choose(5, of: 100, &r1), b = ValidationSample.choose(5, of: 100, &r2)
        #expect(a == b && Set(a).count == 5 && a == a.sorted() && a.allSatisfy { $0 < 100 })
        #expect(ValidationSample.choose(5, of: 100, &r3) != a)
        #expect(ValidationSample.choose(9, of: 3, &r3) == [0, 1, 2])
    }

    @Test func contextMarksTheMatchAndCollapsesSpace() {
        let s = Array("First one.  The  Democratic\nPeople's Republic. Last.".unicodeScalars)
        let start = 17, end = 27  // "Democratic"
        #expect(String(String.UnicodeScalarView(s[start..<end])) == "Democratic")
        #expect(ValidationSample.context(s, sentence: 12..<46, match: start..<end) == "The [[Democratic]] People's Republic.")
        let long = Array((String(repeating: "a ", count: 400) + "target" + String(repeating: " b", count: 400)).unicodeScalars)
        let c = ValidationSample.context(long, sentence: 0..<long.count, match: 800..<806)
        #expect(c.hasPrefix("…") && c.hasSuffix("…") && c.contains("[[target]]") && c.unicodeScalars.count <= ValidationSample.maximumContext + 6)
    }

    /// The demo pipeline: a sheet covers every category with matches, is the same byte for byte
    /// for a seed, and scores back with the counts the coders gave.
    @Test func sampleOfTheDemoIsStratifiedDeterministicAndScores() throws {
        var p = try Pipeline.load(path: Fixtures.repoRoot + "/pipelines/demo.yaml")
        p.outputDirectory = try Fixtures.temporaryDirectory()
        let engine = try Engine(pipeline: p)
        _ = try engine.make(MakeOptions(jobs: 2, quiet: true))
        let a = try engine.validationSample(.init(perCategory: 3, unmatched: 4, seed: 11))
        let b = try engine.validationSample(.init(perCategory: 3, unmatched: 4, seed: 11))
        let c = try engine.validationSample(.init(perCategory: 3, unmatched: 4, seed: 12))
        #expect(ValidationSheet.render(a.rows) == ValidationSheet.render(b.rows))
        #expect(ValidationSheet.render(a.rows) != ValidationSheet.render(c.rows))
        #expect(!a.strata.isEmpty)
        for s in a.strata {
            let rows = a.rows.filter { $0.kind == "match" && $0.frame == s.frame && $0.category == s.category }
            #expect(rows.count == min(3, s.matches) && s.sampled == rows.count)
            #expect(s.entriesSampled == min(3, s.entries))
            // The rows stand for every match of the entries drawn (all of the category's when
            // every entry got a row).
            let drawn = Set(rows.map(\.entry)).count
            #expect(drawn == s.entriesSampled)
            let represented = rows.reduce(0) { $0 + $1.samplingWeight }
            if s.entriesSampled == s.entries { #expect(abs(represented - Double(s.matches)) < 1e-9) } else { #expect(represented < Double(s.matches)) }
            #expect(rows.allSatisfy { $0.context.contains("[[") && $0.context.contains("]]") && !$0.country.isEmpty })
        }
        #expect(a.rows.allSatisfy { $0.frame != "topic_technology" })
        let unmatched = a.rows.filter { $0.kind == "unmatched" }
        #expect(unmatched.count == min(4, a.unmatchedPopulation) && unmatched.allSatisfy { !$0.context.isEmpty })

        // Code it: the first match of each category wrong, the rest right; read back from disk.
        var coded = a.rows
        var seen: Set<String> = []
        for i in coded.indices {
            coded[i].coder = "c1"
            if coded[i].kind == "match" {
                coded[i].correct = seen.insert(coded[i].frame + coded[i].category).inserted ? "0" : "1"
            } else {
                coded[i].missed = i % 2 == 0 ? "values_based/ethics_rights" : "none"
            }
        }
        let sheet = p.outputDirectory + "/coded.csv"
        try AtomicFile.write(ValidationSheet.render(coded), to: sheet)
        let read = ValidationSheet.read(sheet)
        #expect(read.problems.isEmpty && read.rows.count == coded.count)
        let (score, problems) = ValidationScore.compute(read.rows)
        #expect(problems.isEmpty && score.coders == ["c1"])
        let categories = score.lines.filter { $0.level == "category" }
        #expect(categories.count == a.strata.count)
        for l in categories {
            let n = coded.filter { $0.kind == "match" && $0.category == l.category }.count
            #expect(l.passages == n && l.kappa == nil)
            if n == 1 { #expect(l.precision == 0) }
        }
        let all = try #require(score.lines.first { $0.level == "all" })
        let marked = unmatched.indices.filter { i in coded.firstIndex { $0.key == unmatched[i].key }! % 2 == 0 }.count
        #expect(all.missedRate == Double(marked) / Double(unmatched.count))
    }

    @Test func twoCodersGiveKappaAlphaAndTheDisagreements() throws {
        func row(_ i: Int, _ correct: String, _ coder: String) -> ValidationSheet.CodedRow {
            .init(row: .init(kind: "match", docID: "d\(i)", country: "US", year: "2020", language: "en", frame: "values_based",
                             category: "democratic_values", entry: "democratic", start: i * 10, end: i * 10 + 5, matched: "x",
                             negated: false, samplingWeight: 2, context: "c", correct: correct, coder: coder),
                  file: coder == "B" ? "t.csv" : "s.csv", line: i + 2)
        }
        // Krippendorff's (2011) binary example (AgreementTests) as two coders' sheets.
        let a: [Int] = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], b: [Int] = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        var rows: [ValidationSheet.CodedRow] = []
        for i in 0..<10 { rows.append(row(i, String(a[i]), "A")) }
        for i in 0..<10 { rows.append(row(i, String(b[i]), "B")) }
        let (score, problems) = ValidationScore.compute(rows)
        #expect(problems.isEmpty)
        let cat = try #require(score.lines.first { $0.level == "category" })
        #expect(cat.passages == 10 && cat.coders == 2 && cat.disagreements == 4)
        #expect(abs(cat.kappa! - 0.04 / 0.44) < 1e-12 && abs(cat.alpha! - 0.0952) < 1e-4)
        // Precision averages the coders: (2 + 4) / 20.
        #expect(abs(cat.precision! - 0.3) < 1e-12)
        #expect(score.disagreements.count == 4)
        // Two coders' sheets of the same sample stand for the same matches, not twice as many.
        #expect(cat.matches == 20)
        // One coder coding one passage two ways is an error naming both places.
        let (_, twice) = ValidationScore.compute([row(1, "1", "A"), row(1, "0", "A")])
        #expect(twice.count == 1 && twice[0].description.contains("s.csv:3"))
    }

    @Test func badSheetsAreReportedWithTheirLines() throws {
        let dir = try Fixtures.temporaryDirectory()
        var text = ValidationSheet.header.joined(separator: ",") + "\n"
        text += "match,d1,US,2020,en,values_based,ethics_rights,ethics,1,7,ethics,0,1,ctx,yes,me,,\n"
        text += "match,d1,US,2020,en,values_based,ethics_rights,ethics,1,7\n"
        text += "match,d1,US,2020,en,values_based,ethics_rights,ethics,x,7,ethics,0,1,ctx,1,me,,\n"
        try Fixtures.write(text, dir + "/bad.csv")
        let r = ValidationSheet.read(dir + "/bad.csv")
        let messages = r.problems.map(\.description)
        #expect(messages.contains { $0.hasPrefix(dir + "/bad.csv:2:") && $0.contains("correct must be 1, 0") })
        #expect(messages.contains { $0.hasPrefix(dir + "/bad.csv:3:") && $0.contains("10 fields") })
        #expect(messages.contains { $0.hasPrefix(dir + "/bad.csv:4:") && $0.contains("start and end") })
        try Fixtures.write("doc_id,correct\nd1,1\n", dir + "/short.csv")
        #expect(ValidationSheet.read(dir + "/short.csv").problems.first?.description.contains("missing columns kind") == true)
    }
}

@Suite struct PrecisionAdjustmentTests {
    /// A pipeline naming a coded sheet: every values_based match coded wrong and every
    /// development_centric match right gives adjusted plus 0, adjusted minus = minus, and an
    /// adjusted index of −1 wherever there are minus hits; without a sheet no column is added.
    @Test func codedSheetAddsAdjustedColumns() throws {
        var p = try Pipeline.load(path: Fixtures.repoRoot + "/pipelines/demo.yaml")
        p.outputDirectory = try Fixtures.temporaryDirectory()
        _ = try Engine(pipeline: p).make(MakeOptions(jobs: 2, quiet: true))
        let plain = try Fixtures.read(p.outputDirectory + "/contrast.csv")
        #expect(!plain.contains("index_adjusted"))
        var rows = try Engine(pipeline: p).validationSample(.init(perCategory: 2, seed: 3)).rows
        for i in rows.indices { rows[i].correct = rows[i].frame == "values_based" ? "0" : "1"; rows[i].coder = "t" }
        #expect(Set(rows.map(\.frame)) == ["values_based", "development_centric"])
        let sheet = p.outputDirectory + "/coded.csv"
        try AtomicFile.write(ValidationSheet.render(rows), to: sheet)
        p.validationSheets = [sheet]
        let report = try Engine(pipeline: p).make(MakeOptions(jobs: 2, quiet: true))
        #expect(report.runs.contains { $0.target == "aggregate" && $0.reasons.joined().contains("validation sheet") })
        let table = try #require(CSVTable.parse(try Fixtures.read(p.outputDirectory + "/contrast.csv")))
        let col = { (n: String) in table.header.firstIndex(of: n)! }
        #expect(!table.rows.isEmpty)
        for r in table.rows {
            #expect(Double(r[col("plus_adjusted")]) == 0)
            #expect(r[col("minus_adjusted")] == r[col("minus")])
            if Double(r[col("minus")])! > 0 { #expect(Double(r[col("index_adjusted")]) == -1) }
            // The raw headline is untouched.
            #expect(plain.contains(r.prefix(col("flag") + 1).joined(separator: ",")))
        }
        let series = try Fixtures.read(p.outputDirectory + "/series.csv")
        #expect(series.split(separator: "\n")[0].hasSuffix("weighted_adjusted,rate_adjusted_per_10k"))
        // The precision behind the adjustment is written beside it.
        let validation = try #require(CSVTable.parse(try Fixtures.read(p.outputDirectory + "/validation.csv")))
        let frames = validation.rows.filter { $0[0] == "frame" }.map { ($0[1], $0[validation.header.firstIndex(of: "precision")!]) }
        #expect(Set(frames.map(\.0)) == ["values_based", "development_centric"])
        #expect(frames.allSatisfy { $0.0 == "values_based" ? $0.1 == "0.0000" : $0.1 == "1.0000" })
    }
}
