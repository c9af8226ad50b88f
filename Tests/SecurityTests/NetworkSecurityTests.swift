import Foundation
import Testing
@testable import PolframeMake

/// Issue 13, items 1, 4, 5 and the fetch part of 16: what a hostile manifest could make
/// `polframe fetch` do. Every server is on 127.0.0.1, started and killed by the test.
@Suite(.timeLimit(.minutes(2))) struct NetworkSecurityTests {
    /// Item 1: absolute and `../` manifest paths, a symlinked folder out of the corpus, and a
    /// mirror path that climbs out of the mirror.
    @Test func fetchRefusesManifestPathOutsideCorpus() throws {
        let dir = try FilesystemFixtures.temporaryDirectory()
        let victim = dir + "/victim.txt", elsewhere = dir + "/elsewhere"
        try FilesystemFixtures.write("precious\n", victim)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FilesystemFixtures.project(dir, rows: [("up", "../victim.txt", ""), ("abs", victim, ""), ("link", "linked/x.txt", ""),
                                                    ("mirror", "m/secret.txt", ""), ("fine", "a.txt", "")])
        try FileManager.default.createSymbolicLink(atPath: dir + "/corpus/linked", withDestinationPath: elsewhere)
        let mirror = dir + "/mirror"
        for name in ["victim.txt", "a.txt", "linked/x.txt"] { try FilesystemFixtures.write("attacker bytes\n", mirror + "/" + name) }
        // The mirror's own symlink out of the mirror: its target is not the mirror's to give.
        try FilesystemFixtures.write("mirror neighbour's secret\n", dir + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: mirror + "/m", withDestinationPath: dir)
        let r = try FilesystemFixtures.engine(dir).fetch(from: mirror)
        #expect(r.fetched == ["a.txt"])
        let failed = Dictionary(r.failed, uniquingKeysWith: { a, _ in a })
        #expect(failed["../victim.txt"]?.contains("climbs with '..'") == true)
        #expect(failed[victim]?.contains("absolute path") == true)
        #expect(failed["linked/x.txt"]?.contains("symlink") == true)
        #expect(failed["m/secret.txt"]?.contains("not copied from the mirror") == true)
        #expect(try FilesystemFixtures.read(victim) == "precious\n")
        #expect(!FilesystemFixtures.exists(elsewhere + "/x.txt"))
        #expect(!FilesystemFixtures.exists(dir + "/corpus/m/secret.txt"))
    }

    /// Item 4: gopher, dict and file URLs never reach libcurl (no connection to the local
    /// service), nor do redirects to them; file:// works only under the explicit flag.
    @Test func fetchAllowsOnlyHTTPAndHTTPS() throws {
        let server = try LocalServer()
        let dir = try FilesystemFixtures.temporaryDirectory()
        try FilesystemFixtures.write("local file\n", dir + "/local.txt")
        try FilesystemFixtures.project(dir, rows: [
            ("g", "g.txt", "gopher://127.0.0.1:\(server.rawPort)/_SET%20key%20pwned"),
            ("d", "d.txt", "dict://127.0.0.1:\(server.rawPort)/d:x"),
            ("f", "f.txt", "file://\(dir)/local.txt"),
            ("rg", "rg.txt", server.base + "/to-gopher"),
            ("rf", "rf.txt", server.base + "/to-file"),
            ("ok", "ok.txt", server.base + "/ok.txt"),
        ])
        let r = try FilesystemFixtures.engine(dir).fetch(from: nil, options: FetchOptions(timeout: 10))
        #expect(r.fetched == ["ok.txt"])
        let failed = Dictionary(r.failed, uniquingKeysWith: { a, _ in a })
        #expect(failed["g.txt"]?.contains("scheme 'gopher' is not fetched") == true)
        #expect(failed["d.txt"]?.contains("scheme 'dict' is not fetched") == true)
        #expect(failed["f.txt"]?.contains("--allow-file-urls") == true)
        #expect(failed["rg.txt"] != nil && failed["rf.txt"] != nil)
        for (_, why) in r.failed { #expect(!why.contains("HTTP 0")) }
        #expect(server.rawConnections(scratch: dir) == 0)
        for name in ["g.txt", "d.txt", "f.txt", "rg.txt", "rf.txt"] { #expect(!FilesystemFixtures.exists(dir + "/corpus/" + name)) }
        // Under the flag, a file URL is fetched (redirects to file:// stay refused).
        let allowed = try FilesystemFixtures.engine(dir).fetch(from: nil, options: FetchOptions(timeout: 10, allowFileURLs: true))
        #expect(allowed.fetched == ["f.txt"])
        #expect(allowed.failed.contains { $0.0 == "rf.txt" })
    }

    /// Item 5: a trickling server is cut off by the total timeout; a declared, an undeclared and
    /// a decompressed size over the limit are refused; nothing partial is left in the corpus.
    @Test func fetchBoundsTimeSizeAndDecompression() throws {
        let server = try LocalServer()
        let dir = try FilesystemFixtures.temporaryDirectory()
        try FilesystemFixtures.project(dir, rows: [("t", "t.txt", server.base + "/trickle"), ("b", "b.txt", server.base + "/big"),
                                                    ("s", "s.txt", server.base + "/stream"), ("z", "z.txt", server.base + "/bomb"),
                                                    ("ok", "ok.txt", server.base + "/ok.txt")])
        // A killed fetch's partial download, and a user's file that only looks like one.
        try FilesystemFixtures.write("partial\n", dir + "/corpus/b.txt.tmp-\(FilesystemFixtures.deadPID)-42")
        try FilesystemFixtures.write("mine\n", dir + "/corpus/notes.txt.tmp-\(FilesystemFixtures.deadPID)-42")
        let r = try FilesystemFixtures.engine(dir).fetch(from: nil, options: FetchOptions(timeout: 2, maxBytes: 1 << 20))
        #expect(r.fetched == ["ok.txt"])
        let failed = Dictionary(r.failed, uniquingKeysWith: { a, _ in a })
        #expect(failed["t.txt"]?.contains("gave up after 2 s") == true)
        for name in ["b.txt", "s.txt", "z.txt"] { #expect(failed[name]?.contains("larger than the limit of 1048576 bytes") == true, "\(name): \(failed[name] ?? "")") }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir + "/corpus").sorted()
        #expect(left == ["notes.txt.tmp-\(FilesystemFixtures.deadPID)-42", "ok.txt"])
    }

    /// Item 16 (fetch): a refused scheme is named as such (never "HTTP 0") and credentials in a
    /// URL are never echoed.
    @Test func fetchMessagesNameTheSchemeAndHideCredentials() throws {
        let dir = try FilesystemFixtures.temporaryDirectory()
        try FilesystemFixtures.project(dir, rows: [("g", "g.txt", "gopher://alice:hunter2@127.0.0.1:9/_x"),
                                                    ("h", "h.txt", "http://alice:hunter2@127.0.0.1:9/doc.html")])
        let r = try FilesystemFixtures.engine(dir).fetch(from: nil, options: FetchOptions(timeout: 2))
        #expect(r.failed.count == 2)
        for (_, why) in r.failed {
            #expect(!why.contains("hunter2") && !why.contains("alice"), "\(why)")
            #expect(!why.contains("HTTP 0"))
        }
        #expect(r.failed.first { $0.0 == "h.txt" }?.1.hasPrefix("http://***@127.0.0.1:9/doc.html: ") == true)
        #expect(Engine.redacted("https://u:p@example.org/a@b") == "https://***@example.org/a@b")
    }
}
