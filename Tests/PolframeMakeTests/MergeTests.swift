import Foundation
import Testing
@testable import PolframeMake

/// `make --shard I/N` then `merge` gives the outputs of a single-machine make, byte for byte;
/// a merge refuses shards it cannot trust, naming them.
@Suite struct MergeTests {
    /// A small bilingual corpus with a missing file (a skipped row) and an undated document.
    static func corpus(documents: Int, report: Bool = false) throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        var manifest = "id\tpath\tcountry\tdate\tlanguage\tgenre\n"
        let en = ["human rights", "privacy", "democracy", "infrastructure", "standards", "talent", "allies", "trust", "growth"]
        let zh = ["人权", "隐私", "基础设施", "标准", "人才", "智慧城市", "数字经济", "伦理"]
        for i in 0..<documents {
            let us = i % 3 != 0
            let words = (0..<(20 + i % 17)).map { k in us ? en[(i * 7 + k * k) % en.count] : zh[(i * 3 + k) % zh.count] }
            let body = us ? "<html><body><p>We do not want " + words.joined(separator: ", and ") + ".</p></body></html>"
                          : "<html><body><p>" + words.joined(separator: "，") + "。</p></body></html>"
            try Fixtures.write(body, dir + "/docs/d\(i).html")
            let date = i == 5 ? "" : "\(2016 + i % 9)-0\(1 + i % 9)-1\(i % 10)"
            manifest += "d\(i)\td\(i).html\t\(us ? "US" : "CN")\t\(date)\t\(us ? "en" : "zh")\t\(i % 2 == 0 ? "plan" : "speech")\n"
        }
        manifest += "gone\tgone.html\tUS\t2020\ten\tplan\n"
        try Fixtures.write(manifest, dir + "/manifest.tsv")
        try Fixtures.write("""
            name: sharded
            corpus: {root: docs, manifest: manifest.tsv}
            lexicons: [\(Fixtures.lexicon)]
            contrast: {plus: values_based, minus: development_centric}
            series: {bootstrap: {replicates: 100}}
            figures: [contrast, frame_rates, category_heatmap, corpus_coverage]
            report: \(report)
            output: out

            """, dir + "/p.yaml")
        return dir
    }

    /// Every file under `dir` but polframe's state and the shards, by relative path.
    static func outputs(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: dir) ?? [] where !path.hasPrefix(".polframe") && !path.hasPrefix("shards") {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir + "/" + path, isDirectory: &isDir), !isDir.boolValue else { continue }
            out[path] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + path))
        }
        return out
    }

    /// Builds shards 1…n of `pipeline` under `root`.
    static func buildShards(_ pipeline: Pipeline, _ n: Int, root: String) throws -> [MakeReport] {
        let whole = try Engine(pipeline: pipeline)
        return try (1...n).map { i in
            var options = MakeOptions(jobs: 2, quiet: true)
            options.shard = ShardSpec(index: i, count: n)
            return try whole.shard(options.shard!, root: root).make(options)
        }
    }

    @Test func mergedShardsEqualASingleMakeByteForByte() throws {
        let dir = try Self.corpus(documents: 40, report: true)
        var single = try Pipeline.load(path: dir + "/p.yaml")
        single.outputDirectory = dir + "/single"
        _ = try Engine(pipeline: single).make(MakeOptions(jobs: 2, quiet: true))
        let expected = try Self.outputs(dir + "/single")
        #expect(expected["report/index.html"] != nil && expected["matches.csv"] != nil && expected["figures/contrast.svg"] != nil)

        let pipeline = try Pipeline.load(path: dir + "/p.yaml")
        let shards = try Self.buildShards(pipeline, 3, root: dir + "/out/shards")
        #expect(shards.reduce(0) { $0 + $1.documents } == 41)
        #expect(shards.allSatisfy { $0.documents > 0 }, "every shard of 41 documents got some")
        #expect(shards.flatMap { $0.skipped.map(\.id) } == ["gone"])
        let merged = try Engine(pipeline: pipeline).merge(MergeOptions(jobs: 2))
        #expect(merged.documents == 41 && merged.scored == 40 && merged.skipped.map(\.id) == ["gone"])
        let got = try Self.outputs(dir + "/out")
        #expect(Set(got.keys) == Set(expected.keys))
        for (name, data) in expected.sorted(by: { $0.key < $1.key }) { #expect(got[name] == data, "\(name) differs from the single-machine make") }

        // A re-run shard is incremental: nothing is rebuilt, the records stay byte-identical.
        let records = try Data(contentsOf: URL(fileURLWithPath: ShardFolders.records(root: dir + "/out/shards", index: 2)))
        var options = MakeOptions(jobs: 2, quiet: true)
        options.shard = ShardSpec(index: 2, count: 3)
        let again = try Engine(pipeline: pipeline).shard(options.shard!, root: dir + "/out/shards").make(options)
        #expect(again.stageCounts.isEmpty, "\(again.stageCounts)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ShardFolders.records(root: dir + "/out/shards", index: 2))) == records)
    }

    @Test func aMergeRefusesMissingForeignAndStaleShardsNamingThem() throws {
        let dir = try Self.corpus(documents: 12)
        let pipeline = try Pipeline.load(path: dir + "/p.yaml")
        let root = dir + "/out/shards"
        _ = try Self.buildShards(pipeline, 3, root: root)
        func refusal(_ pipeline: Pipeline, _ options: MergeOptions = MergeOptions(jobs: 2)) -> String {
            do { _ = try Engine(pipeline: pipeline).merge(options); return "" } catch { return error.description }
        }
        // Another N than the shards were built for.
        #expect(refusal(pipeline, MergeOptions(jobs: 2, shards: 2)).contains("holds shard 1/3 where shard 1/2 was expected"))
        // A missing shard.
        let two = ShardFolders.records(root: root, index: 2)
        try FileManager.default.moveItem(atPath: two, toPath: two + ".away")
        #expect(refusal(pipeline).contains("shard 2/3 is missing"))
        try FileManager.default.moveItem(atPath: two + ".away", toPath: two)
        // A damaged records file: the byte is named.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: two))
        bytes[bytes.count - 20] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: two + ".bad"))
        try FileManager.default.moveItem(atPath: two, toPath: two + ".good")
        try FileManager.default.moveItem(atPath: two + ".bad", toPath: two)
        let damaged = refusal(pipeline)
        #expect(damaged.contains(two + ": byte ") && damaged.contains("checksum"), "\(damaged)")
        try FileManager.default.removeItem(atPath: two)
        try FileManager.default.moveItem(atPath: two + ".good", toPath: two)
        // Another pipeline (by name) and another lexicon.
        try Fixtures.write(try Fixtures.read(dir + "/p.yaml").replacingOccurrences(of: "name: sharded", with: "name: other"), dir + "/q.yaml")
        #expect(refusal(try Pipeline.load(path: dir + "/q.yaml")).contains("is from pipeline 'sharded', not 'other'"))
        try Fixtures.write(try Fixtures.read(Fixtures.lexicon) + "\n# an edit\n", dir + "/lexicon.yaml")
        try Fixtures.write(try Fixtures.read(dir + "/p.yaml").replacingOccurrences(of: Fixtures.lexicon, with: dir + "/lexicon.yaml"), dir + "/r.yaml")
        let lexicon = refusal(try Pipeline.load(path: dir + "/r.yaml"))
        #expect(lexicon.contains("shard 1/3 was built with other inputs: lexicon") && lexicon.contains("shard 3/3"), "\(lexicon)")
        // A manifest row changed (and one added) after the shards ran.
        let manifest = try Fixtures.read(dir + "/manifest.tsv")
        try Fixtures.write(manifest.replacingOccurrences(of: "d3\td3.html", with: "d3\td4.html") + "late\td1.html\tUS\t2021\ten\tplan\n", dir + "/manifest.tsv")
        let stale = refusal(pipeline)
        #expect(stale.contains("d3 (manifest line 5): its path, format, record or sha256 changed"), "\(stale)")
        #expect(stale.contains("late (manifest line 15) is not in shard"), "\(stale)")
        // Re-running the shards the message names repairs it.
        _ = try Self.buildShards(pipeline, 3, root: root)
        #expect(refusal(pipeline) == "")
    }

    @Test func aKilledShardResumesWithoutRedoingFinishedDocuments() throws {
        let binary = try #require(CrashSafetyTests.polframe, "needs the polframe executable built beside the tests")
        let dir = try CrashSafetyTests.corpus(documents: 600)
        let pipeline = try Pipeline.load(path: dir + "/p.yaml")
        let packs = dir + "/out/shards/1/.polframe/cache/packs"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["make", "-f", dir + "/p.yaml", "--shard", "1/1", "-j", "1", "--quiet"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Killed once its pack holds some results (and before it finishes, with luck of the machine).
        func packBytes() -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: packs)) ?? []).reduce(0) { $0 + (Cache.fileInfo(packs + "/" + $1)?.size ?? 0) }
        }
        while p.isRunning && packBytes() < 200_000 { usleep(20_000) }
        let killed = p.isRunning
        if killed { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        #expect(killed, "the shard finished before it could be killed: make the corpus larger")
        #expect(!FileManager.default.fileExists(atPath: ShardFolders.records(root: dir + "/out/shards", index: 1)))
        var options = MakeOptions(jobs: 2, quiet: true)
        options.shard = ShardSpec(index: 1, count: 1)
        let resumed = try Engine(pipeline: pipeline).shard(options.shard!, root: dir + "/out/shards").make(options)
        let ingested = resumed.stageCounts["ingest"] ?? 0
        #expect(ingested > 0 && ingested < 600, "the resumed shard ingested \(ingested) of 600 documents")
        var single = pipeline
        single.outputDirectory = dir + "/single"
        _ = try Engine(pipeline: single).make(MakeOptions(jobs: 2, quiet: true))
        _ = try Engine(pipeline: pipeline).merge(MergeOptions(jobs: 2))
        let expected = try Self.outputs(dir + "/single"), got = try Self.outputs(dir + "/out")
        #expect(Set(got.keys) == Set(expected.keys))
        for (name, data) in expected { #expect(got[name] == data, "\(name) differs from the single-machine make") }
    }

    /// The reference study in four shards, merged: the published outputs, byte for byte.
    @Test(.enabled(if: Fixtures.sharedCorpus != nil || Fixtures.sharedRequired, "needs ../shared/corpus beside the repository"))
    func referenceStudyMergedFromFourShardsIsThePublishedOne() throws {
        let corpus = try #require(Fixtures.sharedCorpus, "CI=true but ../shared/corpus is missing")
        var pipeline = try Pipeline.load(path: Fixtures.repoRoot + "/pipelines/us-china-ai.yaml", corpusOverride: corpus)
        let published = pipeline.outputDirectory
        pipeline.outputDirectory = try Fixtures.temporaryDirectory() + "/us-china-ai"
        _ = try Self.buildShards(pipeline, 4, root: pipeline.outputDirectory + "/shards")
        _ = try Engine(pipeline: pipeline).merge(MergeOptions(jobs: 2))
        let lock = try Data(contentsOf: URL(fileURLWithPath: published + "/polframe.lock"))
        // Only some outputs are committed (matches.csv, scores.csv and coverage.csv are not); the
        // lock, equal byte for byte, holds the sha256 of every one of them.
        let names = (Lock.section(lock, "outputs:").keys.sorted() + ["polframe.lock"])
            .filter { FileManager.default.fileExists(atPath: published + "/" + $0) }
        #expect(names.count > 10)
        for name in names {
            let want = try Data(contentsOf: URL(fileURLWithPath: published + "/" + name))
            #expect((try? Data(contentsOf: URL(fileURLWithPath: pipeline.outputDirectory + "/" + name))) == want, "\(name) differs from the published output")
        }
    }
}
