import Foundation
import PolframeIngest
import PolframeScore
import Testing
@testable import PolframeStorage

/// Each record says its version in its first byte; records of the release before versions
/// (version 1, written as below) are still read, so an upgrade recomputes nothing.
@Suite struct RecordVersionTests {
    /// An ingest record exactly as the previous release's `IngestRecord.serialized()` wrote it.
    static let unversionedIngest = Data(("sha256\tabc123\nformat\thtml\ntitle\tA \\t title\ntitle_source\ttitle element\n"
        + "encoding\tutf-8\nencoding_source\tmeta\ninvalid_bytes\t2\nfirst_invalid_byte\t17\nwarning\tone\nwarning\ttwo\n\nThe text.\n\nSecond block.").utf8)

    /// A score file as the previous release wrote it: record, U+001E line, matches.csv rows.
    static let unversionedScore = Data(("12\t2\t0\t60\t12\nvalues_based\tethics\t3\t1\t2.5\nE\tvalues_based/ethics/rights\t3\n"
        + "\u{1E}\nd1,values_based,ethics,rights,en,0,6,rights,false\n").utf8)

    @Test func anUnversionedIngestRecordIsRead() throws {
        let r = try #require(IngestRecord(serialized: Self.unversionedIngest))
        #expect(r.contentSHA256 == "abc123" && r.format == "html")
        #expect(r.title == Field("A \t title", source: "title element"))
        #expect(r.invalidBytes == 2 && r.firstInvalidByte == 17 && r.warnings == ["one", "two"])
        #expect(r.text == "The text.\n\nSecond block.")
        #expect(r.skipReason == nil)
    }

    @Test func anIngestRecordStartsWithItsVersionAndRoundTrips() throws {
        let old = try #require(IngestRecord(serialized: Self.unversionedIngest))
        let bytes = old.serialized()
        #expect(bytes.first == IngestRecord.version)
        #expect(bytes.dropFirst() == Self.unversionedIngest, "the body after the version byte is the old layout")
        #expect(IngestRecord(serialized: bytes) == old)
        let skipped = IngestRecord(skipReason: "empty", message: "d.html: empty")
        #expect(IngestRecord(serialized: skipped.serialized()) == skipped)
    }

    /// The text alone, as the report reads it, is the text the full parse gives, and nothing for
    /// a skipped document or a record without its blank line.
    @Test func theTextAloneAgreesWithTheWholeRecord() throws {
        let old = try #require(IngestRecord(serialized: Self.unversionedIngest))
        #expect(IngestRecord.text(serialized: Self.unversionedIngest) == old.text)
        #expect(IngestRecord.text(serialized: old.serialized()) == old.text)
        let skipped = IngestRecord(skipReason: "empty", message: "d.html: empty")
        #expect(IngestRecord.text(serialized: skipped.serialized()) == nil)
        var empty = old
        empty.text = ""
        #expect(IngestRecord.text(serialized: empty.serialized()) == "")
        #expect(IngestRecord.text(serialized: Data("sha256\tabc\nformat\thtml".utf8)) == nil)
        #expect(IngestRecord.text(serialized: Data([IngestRecord.version &+ 1]) + Data("x\ty\n\ntext".utf8)) == nil)
    }

    @Test func anUnversionedScoreRecordIsRead() throws {
        let r = try #require(ScoreRecord(serialized: Self.unversionedScore))
        #expect(r.tokens == 12 && r.sentences == 2 && r.latinLetters == 60 && r.scoredTokens == 12)
        #expect(r.categories == [CategoryCount(frame: "values_based", category: "ethics", hits: 3, negated: 1, weighted: 2.5)])
        #expect(r.entries == ["values_based/ethics/rights": 3])
        #expect(ScoreRecord.matches(in: Self.unversionedScore) == Data("d1,values_based,ethics,rights,en,0,6,rights,false\n".utf8))
    }

    @Test func aScoreRecordStartsWithItsVersionAndRoundTrips() throws {
        let old = try #require(ScoreRecord(serialized: Self.unversionedScore))
        let rows = Data("d1,values_based,ethics,rights,en,0,6,rights,false\n".utf8)
        let file = ScoreRecord.combine(old.serialized(), rows)
        #expect(file.first == ScoreRecord.version)
        #expect(file.dropFirst() == Self.unversionedScore)
        #expect(ScoreRecord(serialized: file) == old)
        #expect(ScoreRecord.matches(in: file) == rows)
    }

    @Test func aNewerVersionIsNotMisread() {
        var ingest = Self.unversionedIngest
        ingest.insert(IngestRecord.version + 1, at: 0)
        #expect(IngestRecord(serialized: ingest) == nil)
        var score = Self.unversionedScore
        score.insert(ScoreRecord.version + 1, at: 0)
        #expect(ScoreRecord(serialized: score) == nil)
    }

    /// Through the pack store: the matches.csv rows of a score file come out the same whatever
    /// its version.
    @Test func matchesAreCopiedFromEitherVersion() throws {
        let root = NSTemporaryDirectory() + "polframe-records-" + UUID().uuidString
        let cache = Cache(root: root)
        let current = ScoreRecord.combine(try #require(ScoreRecord(serialized: Self.unversionedScore)).serialized(),
                                          ScoreRecord.matches(in: Self.unversionedScore))
        cache.write(.score, "old", Self.unversionedScore)
        cache.write(.score, "new", current)
        cache.commit()
        let out = root + "/rows.csv"
        for fp in ["old", "new"] {
            let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            #expect(Cache(root: root).copyMatches(fp, to: fd))
            close(fd)
            #expect(FileManager.default.contents(atPath: out) == Data("d1,values_based,ethics,rights,en,0,6,rights,false\n".utf8), "\(fp)")
        }
    }
}
