import Foundation
@testable import PolframeMake
import PolframeScore

/// A small project in a temporary folder, and a local HTTP server, for the file-system and
/// network attacks of the security suite.
enum FilesystemFixtures {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static var lexicon: String { repoRoot + "/lexicons/ai-governance-framing.yaml" }
    /// A process id no process can have (above Linux's pid_max), for leftovers of "dead" runs.
    static let deadPID: Int32 = 2_147_483_646

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "polframe-security-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// A project whose manifest lists `rows` (id, path, url); `extraCorpusKeys` go under `corpus:`.
    @discardableResult
    static func project(_ dir: String, rows: [(id: String, path: String, url: String)], output: String = "out",
                        extraCorpusKeys: String = "") throws -> String {
        var manifest = "id\tpath\tcountry\tdate\tlanguage\turl\n"
        for r in rows { manifest += "\(r.id)\t\(r.path)\tUS\t2021\ten\t\(r.url)\n" }
        try write(manifest, dir + "/manifest.tsv")
        try FileManager.default.createDirectory(atPath: dir + "/corpus", withIntermediateDirectories: true)
        let extra = extraCorpusKeys.isEmpty ? "" : ", " + extraCorpusKeys
        try write("name: s\ncorpus: {root: corpus, manifest: manifest.tsv\(extra)}\nlexicons: [\(lexicon)]\ncontrast: {plus: values_based, minus: development_centric}\noutput: \(output)\n", dir + "/p.yaml")
        return dir + "/p.yaml"
    }

    static func engine(_ dir: String) throws -> Engine { try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")) }

    /// documents.csv's status by document id.
    static func statuses(_ dir: String, output: String = "out") throws -> [String: String] {
        guard let t = CSVTable.parse(try read(dir + "/" + output + "/documents.csv")), let ids = t.column("doc_id"),
              let status = t.column("status") else { return [:] }
        return Dictionary(zip(ids, status), uniquingKeysWith: { a, _ in a })
    }
}

/// A Python HTTP server on 127.0.0.1 (a free port), with a raw TCP listener beside it that only
/// counts connections (the target of gopher:// and dict:// attacks). Killed when the test ends.
final class LocalServer {
    let process = Process()
    let httpPort: Int
    let rawPort: Int
    var base: String { "http://127.0.0.1:\(httpPort)" }

    static let script = #"""
    import gzip, http.server, socket, sys, threading, time
    hits = [0]
    raw = socket.socket(); raw.bind(("127.0.0.1", 0)); raw.listen(16)
    def accept():
        while True:
            c, _ = raw.accept(); hits[0] += 1; c.close()
    threading.Thread(target=accept, daemon=True).start()
    bomb = gzip.compress(b"\0" * (24 << 20))
    RAW = raw.getsockname()[1]
    class H(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *a): pass
        def reply(self, body, headers=()):
            self.send_response(200)
            for k, v in headers: self.send_header(k, v)
            self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
        def redirect(self, to):
            self.send_response(302); self.send_header("Location", to); self.send_header("Content-Length", "0"); self.end_headers()
        def do_GET(self):
            p = self.path
            try:
                if p == "/connections": self.reply(str(hits[0]).encode())
                elif p == "/ok.txt": self.reply(b"human rights and development\n")
                elif p == "/bomb": self.reply(bomb, [("Content-Encoding", "gzip")])
                elif p == "/big":
                    self.send_response(200); self.send_header("Content-Length", str(8 << 20)); self.end_headers()
                    for _ in range(8): self.wfile.write(b"x" * (1 << 20))
                elif p == "/stream":
                    self.send_response(200); self.send_header("Connection", "close"); self.end_headers(); self.close_connection = True
                    for _ in range(8): self.wfile.write(b"x" * (1 << 20))
                elif p == "/trickle":
                    self.send_response(200); self.send_header("Content-Length", "100000"); self.end_headers()
                    for _ in range(240): self.wfile.write(b"a"); self.wfile.flush(); time.sleep(0.25)
                elif p == "/to-gopher": self.redirect("gopher://127.0.0.1:%d/_attack" % RAW)
                elif p == "/to-file": self.redirect("file:///etc/hostname")
                else:
                    self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers()
            except (BrokenPipeError, ConnectionResetError):
                pass
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    srv.daemon_threads = True
    print(srv.server_address[1], RAW, flush=True)
    srv.serve_forever()
    """#

    init() throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let d = out.fileHandleForReading.availableData
            if d.isEmpty { break }
            line += d
        }
        let ports = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard ports.count == 2 else {
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the local test server did not start"])
        }
        (httpPort, rawPort) = (ports[0], ports[1])
    }

    /// Connections the raw listener has accepted so far.
    func rawConnections(scratch: String) -> Int? {
        let file = scratch + "/connections-" + UUID().uuidString
        guard case .success = Engine.download(base + "/connections", to: file, options: FetchOptions(timeout: 5), limit: 1 << 10, expected: "") else { return nil }
        return Int((try? FilesystemFixtures.read(file)) ?? "")
    }

    deinit {
        // SIGKILL: a child of the test runner may inherit a mask that blocks SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
