import Foundation
import Testing
@testable import PolframeMake
import PolframeText
@testable import PolframeStorage

/// The cache's packs and index (cache format 3): results survive runs and killed runs, damage
/// reads as absent, superseded records are compacted away, and format-1 loose files are still
/// read (and moved into the pack by a make).
@Suite struct CacheTests {
    static func folder() throws -> String { try Fixtures.temporaryDirectory() + "/cache" }

    static func packs(_ root: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/packs")) ?? []).filter { $0.hasSuffix(".pack") }.sorted()
    }

    static func bytes(_ s: String) -> Data { Data(s.utf8) }

    @Test func aFingerprintsKeyIsTheBytesItsHexSpells() {
        let hex = "00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210"
        let bytes: [UInt8] = stride(from: 0, to: 64, by: 2).map { i in
            UInt8(hex.dropFirst(i).prefix(2), radix: 16)!
        }
        #expect(Cache.key(hex).bytes == bytes)
        #expect(Cache.key(hex) != Cache.key(hex.uppercased()), "anything but lowercase hex is named by its sha256")
        #expect(Cache.key("retry") == Cache.key("retry"))
    }

    @Test func resultsWrittenAndCommittedAreFoundByTheNextRun() throws {
        let root = try Self.folder()
        let first = Cache(root: root)
        first.write(.ingest, "aa11", Self.bytes("record"))
        first.write(.analysis, "aa11", Self.bytes("analysis"))
        first.write(.score, "bb22", Self.bytes("1\t2\t3\t4\t5\n\u{1E}\nrow\n"))
        #expect(first.read(.analysis, "aa11") == Self.bytes("analysis"), "readable within the run")
        first.commit()
        #expect(Self.packs(root).count == 1, "one pack per run, not a file per result")
        let next = Cache(root: root)
        #expect(next.read(.ingest, "aa11") == Self.bytes("record"))
        #expect(next.read(.analysis, "aa11") == Self.bytes("analysis"))
        #expect(next.contains(.score, "bb22"))
        #expect(!next.contains(.score, "aa11"), "kinds are separate")
        #expect(next.read(.ingest, "bb22") == nil)
    }

    @Test func aKilledRunsWholeRecordsAreAdoptedAndATornTailIgnored() throws {
        let root = try Self.folder()
        let killed = Cache(root: root)
        killed.write(.ingest, "k1", Self.bytes("first"))
        killed.write(.ingest, "k2", Self.bytes("second, torn below"))
        // No commit: the run "died" before writing the index. Tear its last record.
        let pack = root + "/packs/" + (try #require(Self.packs(root).first))
        let whole = try #require(FileManager.default.contents(atPath: pack))
        try whole.dropLast(3).write(to: URL(fileURLWithPath: pack))
        let next = Cache(root: root)
        #expect(next.read(.ingest, "k1") == Self.bytes("first"))
        #expect(next.read(.ingest, "k2") == nil)
        #expect(!next.contains(.ingest, "k2"))
    }

    @Test func aDamagedRecordOrIndexReadsAsAbsentNotAsWrongBytes() throws {
        let root = try Self.folder()
        let c = Cache(root: root)
        c.write(.score, "s1", Self.bytes("score one"))
        c.write(.score, "s2", Self.bytes("score two"))
        c.commit()
        // Flip the last byte of the pack (inside s2's bytes).
        let pack = root + "/packs/" + (try #require(Self.packs(root).first))
        var data = try #require(FileManager.default.contents(atPath: pack))
        data[data.count - 1] ^= 0xFF
        try data.write(to: URL(fileURLWithPath: pack))
        let next = Cache(root: root)
        #expect(next.read(.score, "s1") == Self.bytes("score one"))
        #expect(next.read(.score, "s2") == nil)
        // A damaged index is an empty one: the packs are then adopted record by record.
        var index = try #require(FileManager.default.contents(atPath: root + "/index"))
        index[10] ^= 0xFF
        try index.write(to: URL(fileURLWithPath: root + "/index"))
        let afterIndex = Cache(root: root)
        #expect(afterIndex.read(.score, "s1") == Self.bytes("score one"))
        #expect(afterIndex.read(.score, "s2") == nil)
    }

    @Test func superseededRecordsAreCompactedAway() throws {
        let root = try Self.folder()
        let big = Data(repeating: 0x41, count: 10_000)
        let first = Cache(root: root)
        first.write(.analysis, "a1", big)
        first.write(.analysis, "a2", Self.bytes("small, still live"))
        first.commit()
        let firstPack = try #require(Self.packs(root).first)
        // A later run rewrites a1 (as -B does): the first pack is now mostly dead.
        let second = Cache(root: root)
        second.write(.analysis, "a1", big)
        second.commit()
        #expect(Self.packs(root).count == 1)
        #expect(!Self.packs(root).contains(firstPack), "the mostly superseded pack is removed")
        let third = Cache(root: root)
        #expect(third.read(.analysis, "a1") == big)
        #expect(third.read(.analysis, "a2") == Self.bytes("small, still live"), "its live record moved to the new pack")
    }

    @Test func resultsNoStateNamesAreKeptNewestFirstWithinABudget() throws {
        let root = try Self.folder()
        func run(_ key: String, _ bytes: Int) {
            let c = Cache(root: root)
            c.write(.score, key, Data(repeating: 0x42, count: bytes))
            c.commit { [Cache.key("live")] }
        }
        run("live", 100)
        run("older", 50)
        run("newer", 50)
        let c = Cache(root: root)
        #expect(c.contains(.score, "live"), "a result the state names is never forgotten")
        #expect(c.contains(.score, "newer"), "the newest unnamed result stays for reuse")
        #expect(!c.contains(.score, "older"), "beyond as many unnamed results as named ones, the oldest go")
        #expect(Self.packs(root).count <= 2, "packs left with nothing live are removed")
    }

    @Test func looseFormatOneEntriesAreReadAndMovedIntoThePack() throws {
        let root = try Self.folder()
        let old = Cache(root: root)
        #expect(Cache.writeEntry(Self.bytes("loose record"), to: old.path(.ingest, "ff00")))
        // A reader (kwic, explain) leaves the loose file where it is.
        let reader = Cache(root: root)
        #expect(reader.contains(.ingest, "ff00"))
        #expect(reader.read(.ingest, "ff00") == Self.bytes("loose record"))
        reader.commit()
        #expect(FileManager.default.fileExists(atPath: old.path(.ingest, "ff00")))
        // A make copies it into its pack and removes the loose file once the index names the copy.
        let make = Cache(root: root)
        make.adoptLooseEntries()
        #expect(make.read(.ingest, "ff00") == Self.bytes("loose record"))
        make.commit()
        #expect(!FileManager.default.fileExists(atPath: old.path(.ingest, "ff00")))
        #expect(!FileManager.default.fileExists(atPath: root + "/ingest"), "the emptied format-1 folder goes too")
        #expect(Cache(root: root).read(.ingest, "ff00") == Self.bytes("loose record"))
    }

    /// A project built with format-1 loose files: a lexicon change re-scores only, reading the
    /// loose ingest records and analyses, and ends byte-identical to a clean build.
    @Test func aFormatOneCacheStillSparesIngestAndNormalize() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        // Turn the cache into format 1: every result as a loose file, no index, no packs.
        let root = dir + "/out/.polframe/cache"
        let state = try BuildState.read(path: dir + "/out/.polframe/state.tsv")
        let packed = Cache(root: root)
        var loose: [String] = []
        for d in state.documents.values {
            for (kind, fp) in [(Cache.Kind.ingest, d.ingestFingerprint), (.analysis, d.normalizeFingerprint), (.score, d.scoreFingerprint)] {
                let data = try #require(packed.read(kind, fp))
                #expect(Cache.writeEntry(data, to: packed.path(kind, fp)))
                loose.append(packed.path(kind, fp))
            }
        }
        try FileManager.default.removeItem(atPath: root + "/index")
        try FileManager.default.removeItem(atPath: root + "/packs")

        var lex = try Fixtures.read(dir + "/lexicon.yaml")
        lex = lex.replacingOccurrences(of: "          - {en: ethics, zh: 伦理}", with: "          - {en: ethics, zh: 伦理}\n          - {en: protect}")
        try Fixtures.write(lex, dir + "/lexicon.yaml")
        let r = try IncrementalTests.make(dir)
        #expect(r.stageCounts == ["score": 1] && r.keptScores.count == 3, "nothing re-ingested or re-normalized; only us1 has the new form")
        #expect(!FileManager.default.fileExists(atPath: root + "/ingest") && !FileManager.default.fileExists(atPath: root + "/analysis"),
                "the loose entries read were moved into the pack")
        _ = try StateFormatTests.engine(dir, output: "clean").make(MakeOptions(jobs: 2, quiet: true))
        #expect(try StateFormatTests.read(dir).dropLast() == StateFormatTests.read(dir, "clean").dropLast())
        // And the next change finds them in the pack.
        lex = lex.replacingOccurrences(of: "          - {en: protect}", with: "          - {en: protect}\n          - {en: trust}")
        try Fixtures.write(lex, dir + "/lexicon.yaml")
        #expect(try IncrementalTests.make(dir).stageCounts == ["score": 1])
    }
}

/// A cache whose ingest and score records were written before records carried a version byte
/// (every record of the release before) is read as it is: nothing is recomputed on upgrade.
@Suite struct UnversionedRecordTests {
    @Test func recordsWithoutAVersionByteAreReadWithoutRecomputing() throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let root = dir + "/out/.polframe/cache"
        let state = try BuildState.read(path: dir + "/out/.polframe/state.tsv")
        let cache = Cache(root: root)
        var rewritten = 0
        for d in state.documents.values {
            for (kind, fp) in [(Cache.Kind.ingest, d.ingestFingerprint), (.score, d.scoreFingerprint)] {
                let data = try #require(cache.read(kind, fp))
                #expect(data.first == (kind == .ingest ? IngestRecord.version : ScoreRecord.version))
                cache.write(kind, fp, data.dropFirst())
                rewritten += 1
            }
        }
        cache.commit()
        #expect(rewritten == 8)
        #expect(Cache(root: root).read(.ingest, try #require(state.documents["us1"]).ingestFingerprint)?.first != IngestRecord.version)
        #expect(try IncrementalTests.make(dir).runs.isEmpty, "a no-op stays a no-op")

        var lex = try Fixtures.read(dir + "/lexicon.yaml")
        lex = lex.replacingOccurrences(of: "          - {en: ethics, zh: 伦理}", with: "          - {en: ethics, zh: 伦理}\n          - {en: protect}")
        try Fixtures.write(lex, dir + "/lexicon.yaml")
        let r = try IncrementalTests.make(dir)
        #expect(r.stageCounts == ["score": 1] && r.keptScores.count == 3, "old ingest records and scores are used, not recomputed")
        _ = try StateFormatTests.engine(dir, output: "clean").make(MakeOptions(jobs: 2, quiet: true))
        #expect(try StateFormatTests.read(dir).dropLast() == StateFormatTests.read(dir, "clean").dropLast())
    }
}

/// A cache written by the previous format (records "PFR1" with a one-lane checksum, index
/// version 2) is read as it is: upgrading recomputes nothing.
@Suite struct CacheFormatTwoTests {
    /// The same cache rewritten as format 2 wrote it.
    static func downgrade(_ root: String) throws {
        let packs = try FileManager.default.contentsOfDirectory(atPath: root + "/packs")
        for name in packs {
            let path = root + "/packs/" + name
            var b = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            var o = 0
            while o + Cache.headerSize <= b.count {
                let h = try #require(b.withUnsafeBytes { Cache.header($0, at: o) })
                let body = o + Cache.headerSize
                b[o + 3] = Cache.formatTwoMagic[3]
                let sum = b.withUnsafeBytes {
                    Cache.checksum(key: UnsafeRawBufferPointer(rebasing: $0[body..<(body + h.keyLength)]),
                                   data: UnsafeRawBufferPointer(rebasing: $0[(body + h.keyLength)..<(body + h.keyLength + h.length)]), formatTwo: true)
                }
                withUnsafeBytes(of: sum.littleEndian) { for k in 0..<8 { b[o + 12 + k] = $0[k] } }
                o = body + h.keyLength + h.length
            }
            try Data(b).write(to: URL(fileURLWithPath: path))
        }
        var index = [UInt8](try #require(FileManager.default.contents(atPath: root + "/index")))
        withUnsafeBytes(of: UInt32(2).littleEndian) { for k in 0..<4 { index[4 + k] = $0[k] } }
        let sum = index.withUnsafeBytes { raw -> UInt64 in
            let body = UnsafeRawBufferPointer(rebasing: raw[0..<(index.count - 8)])
            return Checksum.finish(Checksum.absorbOneLane(body, Checksum.basis ^ UInt64(body.count)))
        }
        withUnsafeBytes(of: sum.littleEndian) { for k in 0..<8 { index[index.count - 8 + k] = $0[k] } }
        try Data(index).write(to: URL(fileURLWithPath: root + "/index"))
    }

    @Test func recordsAndIndexOfFormatTwoAreRead() throws {
        let root = NSTemporaryDirectory() + "polframe-cache2-" + UUID().uuidString
        let c = Cache(root: root)
        let a = Data("an ingest record".utf8), b = Data(repeating: 7, count: 5000)
        c.write(.ingest, "f1", a)
        c.write(.analysis, "f2", b)
        c.commit()
        try Self.downgrade(root)
        let next = Cache(root: root)
        #expect(next.read(.ingest, "f1") == a && next.read(.analysis, "f2") == b)
        #expect(Cache.parseIndex([UInt8](try #require(FileManager.default.contents(atPath: root + "/index")))) != nil, "the version-2 index is read, not adopted")
    }

    @Test func anAnalysisOfStorageVersionTwoIsRead() throws {
        let analyzer = try TextAnalyzer()
        let a = try analyzer.analyze("We protect human rights. 加快数据中心建设。")
        var v3 = a.serialized()
        // Version 2: no checksum after the units.
        let cut = 12 + 2 * a.units.count
        v3.removeSubrange(cut..<(cut + 8))
        withUnsafeBytes(of: UInt32(2).littleEndian) { for k in 0..<4 { v3[4 + k] = $0[k] } }
        let back = try #require(AnalyzedText(serialized: v3))
        #expect(back.serialized() == a.serialized())
        // Its units are not vouched for by a checksum: anything may be in them.
        #expect(v3.withUnsafeBytes { AnalyzedText.storedUnits($0, mayContain: Array("privacy".utf16)) })
    }
}
