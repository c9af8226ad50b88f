import Foundation
import Testing
@testable import PolframeMake

@Suite struct TrendOutputTests {
    /// `series.trends: true` writes category_shares.csv and trends.csv; turning it on later
    /// re-runs the aggregate only (no document is ingested, normalized or scored again).
    @Test func trendTablesAreWrittenWhenAskedAndOnlyThen() throws {
        let dir = try Fixtures.temporaryDirectory()
        let texts = ["加快人才培养和科技研发，推动标准体系建设。", "完善标准体系，推进智慧城市和社会治理。", "加强人才培养，建设数据中心和算力基础设施。"]
        var manifest = "id\tpath\tcountry\tdate\tlanguage\ttitle\tissuer\turl\tsha256\n"
        for (i, t) in texts.enumerated() {
            try Fixtures.write("# 规定\n\n\(t)\n", dir + "/docs/d\(i).md")
            manifest += "d\(i)\td\(i).md\tCN\t\(2020 + i)-01-01\tzh\t\t\t\t\n"
        }
        try Fixtures.write(manifest, dir + "/manifest.tsv")
        let yaml = """
        name: trends
        corpus: {root: docs, manifest: manifest.tsv}
        lexicons: [\(Fixtures.lexicon)]
        series: {bootstrap: {replicates: 50, seed: 7}TRENDS}
        output: out
        """
        try Fixtures.write(yaml.replacingOccurrences(of: "TRENDS", with: ""), dir + "/p.yaml")
        _ = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(jobs: 1, quiet: true))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/trends.csv"))

        try Fixtures.write(yaml.replacingOccurrences(of: "TRENDS", with: ", trends: true"), dir + "/p.yaml")
        let report = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(jobs: 1, quiet: true))
        #expect((report.stageCounts["ingest"] ?? 0) == 0 && (report.stageCounts["score"] ?? 0) == 0)
        let trends = Fixtures.rows(try Fixtures.read(dir + "/out/trends.csv"))
        #expect(trends[0] == ["country", "frame", "category", "years", "documents", "first_year", "last_year", "slope_per_year",
                              "ci_low", "ci_high", "share_of_replicates_above_zero"])
        // Every category of both framing frames, none of the topic frame.
        #expect(trends.dropFirst().allSatisfy { $0[1] == "values_based" || $0[1] == "development_centric" })
        #expect(trends.contains { $0[2] == "standards" && $0[3] == "3" && $0[5] == "2020" && $0[6] == "2022" && !$0[7].isEmpty })
        let shares = Fixtures.rows(try Fixtures.read(dir + "/out/category_shares.csv"))
        #expect(shares[0].prefix(4) == ["country", "year", "frame", "category"])
        let standards2021 = shares.first { $0[1] == "2021" && $0[3] == "standards" }!
        #expect(Double(standards2021[7])! > 0)
    }
}
