import Foundation
import Testing

/// Runs the built `polframe` binary: what a user sees (standard output, standard error) and the
/// exit status (0 done, 1 the work failed, 2 the command or its inputs are wrong).
enum CLI {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The binary beside the test bundle in the products folder (`.build/debug`), or
    /// $POLFRAME_BINARY. `swift test` builds it first: this target depends on it.
    static let binary: String? = {
        if let p = ProcessInfo.processInfo.environment["POLFRAME_BINARY"] { return p }
        var folders = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        folders += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        return folders.map { $0.appendingPathComponent("polframe").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    /// Runs `polframe ARGS` in `directory`; a binary that cannot be found is a test failure.
    static func run(_ args: [String], in directory: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        guard let binary else {
            Issue.record("no polframe binary beside the tests (set POLFRAME_BINARY)", sourceLocation: sourceLocation)
            return Result(status: -1, out: "", err: "")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Output goes to files, so neither stream can fill a pipe and stall the child.
        let base = NSTemporaryDirectory() + "polframe-cli-" + UUID().uuidString
        FileManager.default.createFile(atPath: base + ".out", contents: nil)
        FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer { try? FileManager.default.removeItem(atPath: base + ".out"); try? FileManager.default.removeItem(atPath: base + ".err") }
        p.standardOutput = FileHandle(forWritingAtPath: base + ".out")
        p.standardError = FileHandle(forWritingAtPath: base + ".err")
        try p.run()
        p.waitUntilExit()
        let outData = FileManager.default.contents(atPath: base + ".out") ?? Data()
        let errData = FileManager.default.contents(atPath: base + ".err") ?? Data()
        return Result(status: p.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "polframe-cli-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// A small project: two English and one Chinese document, one unreadable, the shipped lexicon.
    static func project() throws -> String {
        let dir = try temporaryDirectory()
        try write("<html><body><p>We protect human rights and privacy, and trust our democratic values.</p></body></html>", dir + "/docs/us1.html")
        try write("---\ntitle: Plan\n---\n\nDemocracy and trust, with allies and partners. We build infrastructure.\n", dir + "/docs/us2.md")
        try write("<?xml version=\"1.0\"?><doc><title>规划</title><p>加快数据中心和算力基础设施建设，推动数字经济发展。</p></doc>", dir + "/docs/cn1.xml")
        try write("", dir + "/docs/empty.md")
        try write("""
            id\tpath\tcountry\tdate\tlanguage\ttitle\tissuer\turl\tsha256
            us1\tus1.html\tUS\t2021-05-01\ten\t\t\t\t
            us2\tus2.md\tUS\t2021\ten\t\t\t\t
            cn1\tcn1.xml\tCN\t2021-03-05\tzh\t\t\t\t
            empty\tempty.md\tUS\t2021\ten\t\t\t\t

            """, dir + "/manifest.tsv")
        try write("""
            name: cli
            corpus: {root: docs, manifest: manifest.tsv}
            lexicons: [\(repoRoot)/lexicons/ai-governance-framing.yaml]
            contrast: {plus: values_based, minus: development_centric}
            series: {bootstrap: {replicates: 50, seed: 3}}
            figures: []
            output: out
            """, dir + "/cli.yaml")
        return dir
    }
}
