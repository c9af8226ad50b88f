import Foundation
import Testing
@testable import PolframeMake
import PolframeIngest

/// Issue 13, items 3, 6, 12, the file part of 16, and 18: what a hostile manifest, a careless
/// `output:` or a killed run could make `make`, `clean` and `verify` do to files.
@Suite(.timeLimit(.minutes(2))) struct FilesystemSecurityTests {
    static func doc(_ dir: String, _ name: String = "a.txt") throws {
        try FilesystemFixtures.write("Human rights and democratic values guide development.\n", dir + "/corpus/" + name)
    }

    /// Item 3: make and clean remove only what polframe wrote: a user's SVG in figures/, a
    /// user's file in .polframe/ and beside the outputs all survive a redraw and a clean.
    @Test func makeAndCleanDeleteOnlyTheirOwnFiles() throws {
        let dir = try FilesystemFixtures.temporaryDirectory()
        try FilesystemFixtures.project(dir, rows: [("a", "a.txt", "")])
        try Self.doc(dir)
        _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true))
        let out = dir + "/out"
        #expect(FilesystemFixtures.exists(out + "/figures/contrast.svg"))
        let mine = [out + "/figures/user-logo.svg", out + "/.polframe/notes.txt", out + "/README.txt"]
        for f in mine { try FilesystemFixtures.write("mine\n", f) }
        _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, rebuildAll: true, quiet: true))
        for f in mine { #expect(try FilesystemFixtures.read(f) == "mine\n") }
        // A fresh clone of published outputs (lock, no state): a figure the lock lists and the
        // pipeline no longer draws goes; the user's stays.
        try FilesystemFixtures.write(try FilesystemFixtures.read(dir + "/p.yaml") + "figures: [contrast, frame_rates]\n", dir + "/p.yaml")
        _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true))
        #expect(FilesystemFixtures.exists(out + "/figures/frame_rates.svg"))
        try FileManager.default.removeItem(atPath: out + "/.polframe/state.tsv")
        try FilesystemFixtures.project(dir, rows: [("a", "a.txt", "")])
        _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true))
        #expect(!FilesystemFixtures.exists(out + "/figures/frame_rates.svg") && FilesystemFixtures.exists(out + "/figures/contrast.svg"))
        for f in mine { #expect(try FilesystemFixtures.read(f) == "mine\n") }
        // A lock forged to list a file outside the folder as an output.
        try FilesystemFixtures.write("precious\n", dir + "/victim.txt")
        let lock = try FilesystemFixtures.read(out + "/polframe.lock")
        try FilesystemFixtures.write(lock + "  \"../victim.txt\": 00\n  \"figures/../../victim.txt\": 00\n", out + "/polframe.lock")
        let removed = try FilesystemFixtures.engine(dir).clean()
        #expect(removed.contains("documents.csv") && removed.contains("figures/contrast.svg") && removed.contains(".polframe/state.tsv"))
        for f in mine { #expect(try FilesystemFixtures.read(f) == "mine\n") }
        #expect(try FilesystemFixtures.read(dir + "/victim.txt") == "precious\n")
        #expect(!FilesystemFixtures.exists(out + "/documents.csv") && !FilesystemFixtures.exists(out + "/polframe.lock"))
        #expect(!FilesystemFixtures.exists(out + "/.polframe/cache") && !FilesystemFixtures.exists(out + "/figures/contrast.svg"))
    }

    /// Item 3: `output: /`, `output: ..` (the pipeline's own folder's parent), the corpus folder
    /// and a non-empty folder that is not polframe's are refused before anything is written.
    @Test func makeRefusesOutputFoldersThatAreNotItsOwn() throws {
        let dir = try FilesystemFixtures.temporaryDirectory()
        try Self.doc(dir)
        try FilesystemFixtures.write("user data\n", dir + "/theirs/series.csv")
        for (output, expected) in [("/", "root of the file system"), ("..", "holds the pipeline file"), (".", "holds the pipeline file"),
                                   ("corpus", "holds the corpus folder"), ("theirs", "already holds files polframe did not write (series.csv)")] {
            try FilesystemFixtures.project(dir, rows: [("a", "a.txt", "")], output: output)
            do {
                _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true))
                Issue.record("output: \(output) was accepted")
            } catch {
                #expect("\(error)".contains(expected), "output: \(output): \(error)")
            }
        }
        #expect(try FilesystemFixtures.read(dir + "/theirs/series.csv") == "user data\n")
        #expect(!FilesystemFixtures.exists(dir + "/theirs/.polframe") && !FilesystemFixtures.exists(dir + "/corpus/documents.csv"))
    }

    /// Item 6: a FIFO named like a document is skipped with its reason; make does not hang.
    @Test func makeSkipsAFIFOWithAReason() throws {
        let dir = try FilesystemFixtures.temporaryDirectory()
        try FilesystemFixtures.project(dir, rows: [("a", "a.txt", ""), ("pipe", "pipe.txt", ""), ("folder", "folder.txt", "")])
        try Self.doc(dir)
        #expect(mkfifo(dir + "/corpus/pipe.txt", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: dir + "/corpus/folder.txt", withIntermediateDirectories: true)
        let report = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 2, quiet: true))
        let status = try FilesystemFixtures.statuses(dir)
        #expect(status["a"] == "ok")
        #expect(status["pipe"] == "skipped: not a regular file")
        #expect(status["folder"] == "skipped: not a regular file")
        #expect(report.skipped.first { $0.id == "pipe" }?.message.contains("a named pipe (FIFO)") == true)
        // `polframe ingest FILE` reads through Ingestor: the same refusal, not a permission error.
        do {
            _ = try Ingestor.ingest(file: dir + "/corpus/pipe.txt")
            Issue.record("a FIFO was ingested")
        } catch {
            #expect(error.description.contains("is a named pipe (FIFO), not a regular file"), "\(error)")
        }
    }

    /// Item 12: `../`, absolute paths and symlinks out of corpus.root are refused (nothing of
    /// the file reaches the outputs) unless the pipeline says `corpus.allow_outside_root: true`.
    @Test func makeRefusesPathsLeavingCorpusRoot() throws {
        let dir = try FilesystemFixtures.temporaryDirectory()
        let secret = dir + "/secret.txt"
        try FilesystemFixtures.write("Human rights secret of another user.\n", secret)
        try FileManager.default.createDirectory(atPath: dir + "/outside", withIntermediateDirectories: true)
        try FilesystemFixtures.write("Human rights in a folder elsewhere.\n", dir + "/outside/b.txt")
        let rows = [("a", "a.txt", ""), ("up", "../secret.txt", ""), ("abs", secret, ""), ("link", "link.txt", ""), ("dirlink", "sub/b.txt", ""),
                    ("inside", "./a.txt", ""), ("dotdot", "x/../a.txt", "")]
        try FilesystemFixtures.project(dir, rows: rows)
        try Self.doc(dir)
        try FileManager.default.createSymbolicLink(atPath: dir + "/corpus/link.txt", withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: dir + "/corpus/sub", withDestinationPath: dir + "/outside")
        let report = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 2, quiet: true))
        var status = try FilesystemFixtures.statuses(dir)
        #expect(status["a"] == "ok" && status["inside"] == "ok")
        for id in ["up", "abs", "link", "dirlink", "dotdot"] { #expect(status[id] == "skipped: path outside the corpus root", "\(id): \(status[id] ?? "")") }
        #expect(report.skipped.first { $0.id == "abs" }?.message.contains("corpus.allow_outside_root") == true)
        #expect(!(try FilesystemFixtures.read(dir + "/out/matches.csv")).contains("secret"))
        // Allowed explicitly: read.
        try FilesystemFixtures.project(dir, rows: rows, extraCorpusKeys: "allow_outside_root: true")
        _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 2, quiet: true))
        status = try FilesystemFixtures.statuses(dir)
        for id in ["up", "abs", "link", "dirlink"] { #expect(status[id] == "ok", "\(id): \(status[id] ?? "")") }
    }

    /// Item 16 (files): a symlink loop is named as such; a write error is one sentence naming
    /// the path and the cause, not Foundation's error dump.
    @Test func messagesNameSymlinkLoopsAndWriteErrors() throws {
        let dir = try FilesystemFixtures.temporaryDirectory()
        try FilesystemFixtures.project(dir, rows: [("a", "a.txt", ""), ("loop", "loop.txt", "")])
        try Self.doc(dir)
        try FileManager.default.createSymbolicLink(atPath: dir + "/corpus/loop.txt", withDestinationPath: dir + "/corpus/loop2.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/corpus/loop2.txt", withDestinationPath: dir + "/corpus/loop.txt")
        _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true))
        #expect(try FilesystemFixtures.statuses(dir)["loop"] == "skipped: symlink loop")
        // figures/ replaced by a file: the redraw cannot write there.
        try FileManager.default.removeItem(atPath: dir + "/out/figures")
        try FilesystemFixtures.write("in the way\n", dir + "/out/figures")
        do {
            _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, rebuildAll: true, quiet: true))
            Issue.record("the make wrote through a file")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("cannot write \(dir)/out/figures/"), "\(message)")
            #expect(message.hasSuffix("\(dir)/out/figures is a file, not a folder"), "\(message)")
            #expect(!message.contains("Domain=") && !message.contains("NSError") && !message.contains("UserInfo"))
        }
        // The output folder itself a file.
        try FilesystemFixtures.write("a file\n", dir + "/notafolder")
        try FilesystemFixtures.project(dir, rows: [("a", "a.txt", "")], output: "notafolder")
        #expect(throws: MakeError.self) { try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true)) }
        do { _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true)) } catch {
            #expect("\(error)".contains("\(dir)/notafolder is a file, not a folder"))
        }
        #expect(WriteFailure.reason(POSIXError(.ENOSPC), writing: dir + "/x.csv") == "the disk is full (no space left on device)")
        #expect(WriteFailure.reason(POSIXError(.EROFS), writing: dir + "/x.csv") == "the file system is read-only")
    }

    /// Item 18: a second make on a locked output folder stops with a clear message; killed
    /// runs' temporaries are removed by the next make and by clean; an abandoned verify folder
    /// is removed by the next verify, which leaves nothing behind itself.
    @Test func runLockTemporariesAndAbandonedVerifyFolders() throws {
        let dir = try FilesystemFixtures.temporaryDirectory()
        try FilesystemFixtures.project(dir, rows: [("a", "a.txt", "")])
        try Self.doc(dir)
        let out = dir + "/out"
        do {
            let held = try RunLock(outputDirectory: out)
            do {
                _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true))
                Issue.record("a second make ran while the lock was held")
            } catch {
                #expect("\(error)".contains("is in use by another polframe run (pid \(getpid())"), "\(error)")
            }
            withExtendedLifetime(held) {}
        }
        _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true))
        let dead = FilesystemFixtures.deadPID
        let leftovers = [out + "/scores.csv.tmp-\(dead)-12345", out + "/.polframe/cache/index.tmp-\(dead)-7", out + "/figures/contrast.svg.tmp-\(dead)-9"]
        let live = out + "/series.csv.tmp-\(getpid())-1"
        for f in leftovers + [live] { try FilesystemFixtures.write("half\n", f) }
        _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true))
        for f in leftovers { #expect(!FilesystemFixtures.exists(f), "\(f)") }
        #expect(FilesystemFixtures.exists(live))
        try FileManager.default.removeItem(atPath: live)
        for f in leftovers { try FilesystemFixtures.write("half\n", f) }
        _ = try FilesystemFixtures.engine(dir).clean()
        for f in leftovers { #expect(!FilesystemFixtures.exists(f), "\(f)") }
        // Verify: an abandoned folder of a dead verify goes; its own folder is gone after it.
        _ = try FilesystemFixtures.engine(dir).make(MakeOptions(jobs: 1, quiet: true))
        let tmp = dir + "/tmp"
        try FilesystemFixtures.write("159 MB of rebuild\n", tmp + "/polframe-verify-\(dead)-ABC/series.csv")
        try FilesystemFixtures.write("someone else's\n", tmp + "/other.txt")
        #expect(try FilesystemFixtures.engine(dir).verify(jobs: 1, temporaryRoot: tmp).ok)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp) == ["other.txt"])
    }

    /// Item 18: the cache is held to its limit when a make ends (the analyses, its bulk, are
    /// forgotten first and their packs compacted in the same run), the outputs are unchanged
    /// and a later make still works from what is kept.
    @Test func cacheStaysWithinItsLimit() throws {
        func packBytes(_ dir: String) throws -> Int {
            let folder = dir + "/out/.polframe/cache/packs"
            return try FileManager.default.contentsOfDirectory(atPath: folder).reduce(0) { $0 + (Cache.fileInfo(folder + "/" + $1)?.size ?? 0) }
        }
        var dirs: [String] = []
        for _ in 0..<2 {
            let dir = try FilesystemFixtures.temporaryDirectory()
            try FilesystemFixtures.project(dir, rows: (0..<4).map { ("d\($0)", "d\($0).txt", "") })
            for i in 0..<4 {
                let text = (0..<200).map { "Sentence \($0) of document \(i) on human rights, development and the economy." }.joined(separator: " ")
                try FilesystemFixtures.write(text + "\n", dir + "/corpus/d\(i).txt")
            }
            dirs.append(dir)
        }
        _ = try FilesystemFixtures.engine(dirs[0]).make(MakeOptions(jobs: 1, quiet: true))
        var limited = MakeOptions(jobs: 1, quiet: true)
        limited.cacheLimit = 1
        _ = try FilesystemFixtures.engine(dirs[1]).make(limited)
        let unlimitedBytes = try packBytes(dirs[0]), limitedBytes = try packBytes(dirs[1])
        #expect(limitedBytes * 3 < unlimitedBytes, "limited \(limitedBytes) bytes, unlimited \(unlimitedBytes)")
        let state = try BuildState.read(path: dirs[1] + "/out/.polframe/state.tsv")
        let cache = Cache(root: dirs[1] + "/out/.polframe/cache")
        for d in state.documents.values {
            #expect(!cache.contains(.analysis, d.normalizeFingerprint))
            #expect(cache.contains(.ingest, d.ingestFingerprint) && cache.contains(.score, d.scoreRecordKey))
        }
        for f in ["documents.csv", "scores.csv", "matches.csv", "series.csv"] {
            #expect(try FilesystemFixtures.read(dirs[0] + "/out/" + f) == (try FilesystemFixtures.read(dirs[1] + "/out/" + f)), "\(f)")
        }
        // Rebuilding under the limit gives the same outputs again.
        limited.rebuildAll = true
        _ = try FilesystemFixtures.engine(dirs[1]).make(limited)
        #expect(try FilesystemFixtures.read(dirs[0] + "/out/scores.csv") == (try FilesystemFixtures.read(dirs[1] + "/out/scores.csv")))
        #expect(try packBytes(dirs[1]) * 3 < unlimitedBytes)
        #expect(Engine.cacheSize("500M") == 500 << 20 && Engine.cacheSize("2G") == 2 << 30 && Engine.cacheSize("12") == 12 && Engine.cacheSize("x") == nil)
    }
}
