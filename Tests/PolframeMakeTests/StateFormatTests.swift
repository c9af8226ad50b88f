import Foundation
import Testing
@testable import PolframeMake

/// State format 2 (stat tuples, coverage totals), its migration from format 1, the no-op fast
/// path and the stamp checked before anything is read.
@Suite struct StateFormatTests {
    static let outputs = ["documents.csv", "scores.csv", "series.csv", "categories.csv", "contrast.csv", "matches.csv", "coverage.csv", "polframe.lock"]

    static func engine(_ dir: String, output: String = "out") throws -> Engine {
        var p = try Pipeline.load(path: dir + "/p.yaml")
        p.outputDirectory = dir + "/" + output
        return try Engine(pipeline: p)
    }

    static func read(_ dir: String, _ output: String = "out") throws -> [String] {
        try outputs.map { try Fixtures.read(dir + "/" + output + "/" + $0) }
    }

    @Test func formatOneStateMigratesWithoutRebuilding() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let before = try Self.read(dir)
        let path = dir + "/out/.polframe/state.tsv"
        try BuildState.read(path: path).writeFormat1(path: path)
        #expect(try Fixtures.read(path).hasPrefix("polframe-state\t1\n"))
        #expect(try BuildState.read(path: path).coverage == nil)

        let r = try IncrementalTests.make(dir)
        #expect(r.stageCounts.isEmpty, "a format-1 state must not cause any document to be rebuilt")
        #expect(try Fixtures.read(path).hasPrefix("polframe-state\t\(BuildState.format)\n"))
        let migrated = try BuildState.read(path: path)
        #expect(migrated.coverage?.isEmpty == false)
        #expect(migrated.documents.values.allSatisfy { $0.inode != 0 && $0.ctime >= 0 })
        #expect(try Self.read(dir) == before)
    }

    @Test func coverageTotalsFollowEachChangeAsACleanBuildCountsThem() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        // One document changes (its old counts out, its new ones in), then one disappears.
        try Fixtures.write("<html><body><p>Privacy, privacy and democracy; allies too.</p></body></html>", dir + "/docs/us1.html")
        _ = try IncrementalTests.make(dir)
        _ = try Self.engine(dir, output: "clean1").make(MakeOptions(jobs: 2, quiet: true))
        #expect(try Fixtures.read(dir + "/out/coverage.csv") == Fixtures.read(dir + "/clean1/coverage.csv"))
        let manifest = try Fixtures.read(dir + "/manifest.tsv").split(separator: "\n").filter { !$0.hasPrefix("us2\t") }.joined(separator: "\n") + "\n"
        try Fixtures.write(manifest, dir + "/manifest.tsv")
        _ = try IncrementalTests.make(dir)
        _ = try Self.engine(dir, output: "clean2").make(MakeOptions(jobs: 2, quiet: true))
        #expect(try Fixtures.read(dir + "/out/coverage.csv") == Fixtures.read(dir + "/clean2/coverage.csv"))
        #expect(try Fixtures.read(dir + "/out/coverage.csv") != Fixtures.read(dir + "/clean1/coverage.csv"))
    }

    @Test func aDeletedCacheIsRebuiltWhenACorpusTargetNeedsIt() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        // As if the state had been written long after the inputs: their stat tuples are then
        // trusted (outside the racy window) and the fast path is taken.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: dir + "/out/.polframe/state.tsv")
        try FileManager.default.removeItem(atPath: dir + "/out/.polframe/cache")
        #expect(try IncrementalTests.make(dir).runs.isEmpty, "a no-op needs no cache")
        // A change to one document makes the aggregate read the others' results: they are gone,
        // so those documents are rebuilt from their inputs, and the outputs are a clean build's.
        try Fixtures.write("<html><body><p>We protect human rights, privacy and democracy.</p></body></html>", dir + "/docs/us1.html")
        let r = try IncrementalTests.make(dir)
        #expect(r.skipped.isEmpty)
        _ = try Self.engine(dir, output: "clean").make(MakeOptions(jobs: 2, quiet: true))
        #expect(try Self.read(dir).dropLast() == Self.read(dir, "clean").dropLast())
    }

    /// The stamp: a run with a probe writes it; it holds while nothing changes and fails on any
    /// change to a document, a lexicon, the manifest or an output.
    @Test func stampHoldsUntilSomethingChanges() throws {
        let dir = try IncrementalTests.project()
        func probe() throws -> (Pipeline, Stamp.Probe) {
            var probe = Stamp.Probe(pipelinePath: dir + "/p.yaml")
            let p = try Pipeline.load(path: dir + "/p.yaml")
            probe.add(p)
            return (p, probe)
        }
        func make() throws {
            let (p, pr) = try probe()
            _ = try Engine(pipeline: p).make(MakeOptions(jobs: 2, quiet: true, stamp: pr))
        }
        func upToDate(racy: Double = -1e9) throws -> Int? {
            let (p, pr) = try probe()
            return Stamp.upToDate(p, pr, racyWindow: racy)
        }
        #expect(try upToDate() == nil, "no stamp before the first run")
        try make()
        #expect(try upToDate() == 4)
        // Files written a moment ago are not trusted within the racy window.
        #expect(try upToDate(racy: 3600) == nil)

        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: dir + "/docs/us2.md")
        #expect(try upToDate() == nil, "a touched document")
        try make()
        #expect(try upToDate() == 4)

        try Fixtures.write(try Fixtures.read(dir + "/lexicon.yaml") + "\n", dir + "/lexicon.yaml")
        #expect(try upToDate() == nil, "an edited lexicon")
        try make()
        #expect(try upToDate() == 4)

        try Fixtures.write("tampered\n", dir + "/out/series.csv")
        #expect(try upToDate() == nil, "a modified output")
        try make()
        #expect(try upToDate() == 4)

        // A dry run leaves the stamp; a real run removes it first (a killed run leaves none).
        _ = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(dryRun: true, quiet: true))
        #expect(try upToDate() == 4)
        _ = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(quiet: true))
        #expect(try upToDate() == nil)

        // A stamp of another format, or with a damaged tuple, is not trusted.
        try make()
        #expect(try upToDate() == 4)
        let stamp = dir + "/out/.polframe/stamp.tsv"
        let text = try Fixtures.read(stamp)
        try Fixtures.write(text.replacingOccurrences(of: "polframe-stamp\t\(Stamp.format)\n", with: "polframe-stamp\t1\n"), stamp)
        #expect(try upToDate() == nil, "a stamp of format 1")
        let doc = try #require(text.split(separator: "\n").first { $0.hasPrefix("doc\t") })
        try Fixtures.write(text.replacingOccurrences(of: String(doc), with: String(doc.dropLast()) + "x"), stamp)
        #expect(try upToDate() == nil, "a damaged tuple")
        try Fixtures.write(text.replacingOccurrences(of: String(doc), with: String(doc.dropLast()) + (doc.last == "1" ? "2" : "1")), stamp)
        #expect(try upToDate() == nil, "another ctime")
        try Fixtures.write(text, stamp)
        #expect(try upToDate() == 4)
    }
}

@Suite struct ContentHashTests {
    /// The output hash is fixed (states from other runs compare against it), 32 hex digits, and
    /// changes with any one bit of any length of input.
    @Test func stableWideAndSensitiveToEveryBit() {
        #expect(Digest.content([UInt8]()) == Digest.content([UInt8]()))
        #expect(Digest.content(Array("polframe".utf8)).count == 32)
        var rng = SplitMix(seed: 7)
        var seen = Set<String>()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 1000] {
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let h = Digest.content(bytes)
            #expect(seen.insert(h).inserted, "a collision at length \(length)")
            for bit in stride(from: 0, to: length * 8, by: max(1, length * 8 / 64)) {
                bytes[bit / 8] ^= 1 << UInt8(bit % 8)
                #expect(Digest.content(bytes) != h, "flipping bit \(bit) of \(length) bytes")
                bytes[bit / 8] ^= 1 << UInt8(bit % 8)
            }
        }
        // Trailing zero bytes are not the same as none.
        #expect(Digest.content([1, 2, 3]) != Digest.content([1, 2, 3, 0]))
        #expect(Digest.content(Data([1, 2, 3])) == Digest.content([1, 2, 3]))
    }

    @Test func noCollisionsAmongManySmallInputs() {
        var rng = SplitMix(seed: 11)
        var seen = Set<String>()
        for i in 0..<50_000 {
            let bytes = (0..<(i % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 4) }
            seen.insert(Digest.content(bytes))
        }
        // Distinct inputs among the 50,000 (small alphabet, so many repeat): each hash once.
        var inputs = Set<[UInt8]>()
        var rng2 = SplitMix(seed: 11)
        for i in 0..<50_000 { inputs.insert((0..<(i % 40)).map { _ in UInt8(truncatingIfNeeded: rng2.next() % 4) }) }
        #expect(seen.count == inputs.count)
    }
}
