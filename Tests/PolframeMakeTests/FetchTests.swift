import Foundation
import Testing
@testable import PolframeMake

@Suite struct FetchTests {
    static func project(urlBase: String) throws -> (dir: String, mirror: String) {
        let dir = try Fixtures.temporaryDirectory()
        let mirror = dir + "/mirror"
        let a = "<html><body><p>human rights</p></body></html>", b = "---\ntitle: x\n---\n\n基础设施\n"
        try Fixtures.write(a, mirror + "/a.html")
        try Fixtures.write(b, mirror + "/sub/b.md")
        try Fixtures.write("unexpected", mirror + "/c.txt")
        let shaA = Digest.sha256(a)
        let wrong = String(repeating: "0", count: 64)
        try Fixtures.write("""
        id\tpath\tcountry\tdate\tlanguage\turl\tsha256
        a\ta.html\tUS\t2021\ten\t\(urlBase)/a.html\t\(shaA)
        b\tsub/b.md\tCN\t2021\tzh\t\(urlBase)/sub/b.md\t
        c\tc.txt\tUS\t2022\ten\t\(urlBase)/c.txt\t\(wrong)
        d\td.html\tUS\t2022\ten\t\(urlBase)/missing.html\t
        """ + "\n", dir + "/manifest.tsv")
        try Fixtures.write("name: f\ncorpus: {root: corpus, manifest: manifest.tsv}\nlexicons: [\(Fixtures.lexicon)]\noutput: out\n", dir + "/p.yaml")
        try FileManager.default.createDirectory(atPath: dir + "/corpus", withIntermediateDirectories: true)
        return (dir, mirror)
    }

    @Test func fromAMirrorFolderCheckingHashes() throws {
        let (dir, mirror) = try Self.project(urlBase: "http://127.0.0.1:9")
        let engine = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
        let r = engine.fetch(from: mirror)
        #expect(r.fetched.sorted() == ["a.html", "sub/b.md"])
        #expect(r.failed.map(\.0).sorted() == ["c.txt", "d.html"])
        #expect(r.failed.first { $0.0 == "c.txt" }?.1.contains("sha256 is") == true)
        #expect(r.recorded.map(\.0) == ["sub/b.md"])
        #expect(FileManager.default.fileExists(atPath: dir + "/corpus/sub/b.md"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/corpus/c.txt"))
        // A second fetch finds them present.
        #expect(engine.fetch(from: mirror).present.sorted() == ["a.html", "sub/b.md"])
    }

    @Test func fromURLsOnALocalServer() throws {
        let port = Int.random(in: 20_000...40_000)
        let (dir, mirror) = try Self.project(urlBase: "http://127.0.0.1:\(port)")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", mirror]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: a child of the test runner may inherit a mask that blocks SIGTERM.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        // Wait until it answers.
        var up = false
        for _ in 0..<50 {
            if case .success = Engine.download("http://127.0.0.1:\(port)/a.html", to: dir + "/probe.html", options: FetchOptions(timeout: 1),
                                               limit: 1 << 20, expected: "") { up = true; break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        try #require(up, "the local HTTP server did not start")
        let engine = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml"))
        let r = engine.fetch(from: nil, options: FetchOptions(timeout: 5))
        #expect(r.fetched.sorted() == ["a.html", "sub/b.md"])
        #expect(r.failed.first { $0.0 == "d.html" }?.1.contains("HTTP 404") == true)
        #expect(r.failed.first { $0.0 == "c.txt" }?.1.contains("sha256 is") == true)
        #expect(try Fixtures.read(dir + "/out/.polframe/fetched.tsv").contains("sub/b.md\t"))
    }
}
