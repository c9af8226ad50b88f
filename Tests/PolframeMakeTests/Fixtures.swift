import Foundation

/// Paths and helpers shared by the make tests.
enum Fixtures {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static var lexicon: String { repoRoot + "/lexicons/ai-governance-framing.yaml" }

    /// ../shared/corpus beside the repository, when it is there.
    static var sharedCorpus: String? {
        let p = ((repoRoot + "/../shared/corpus") as NSString).standardizingPath
        return FileManager.default.fileExists(atPath: p + "/MANIFEST.tsv") ? p : nil
    }

    /// Under CI=true the shared data must be there: tests that need it run and fail loudly.
    static var sharedRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "polframe-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// CSV rows as field arrays (no quoted commas or newlines in the fields tests look at).
    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
