import Foundation
import Testing

/// Messages and exit statuses of the commands, through the binary.
@Suite struct CommandTests {
    @Test func versionsPrintsEveryVersionAndSucceeds() throws {
        let r = try CLI.run(["versions"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("polframe "))
        #expect(r.out.contains("ICU ") && r.out.contains("libxml2 "))
    }

    /// Benchmarks and the fuzz harness are in polframe-bench, not in the product binary.
    @Test func helpListsTheCommandsWithoutBenchmarks() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        for command in ["make", "status", "explain", "why", "kwic", "lexicon", "verify"] { #expect(r.out.contains("  \(command)"), "--help lacks \(command)") }
        #expect(!r.out.contains("  bench"))
        let bench = try CLI.run(["bench", "extract", "."])
        #expect(bench.status == 2)
        #expect(bench.err.hasPrefix("polframe: ") && bench.err.contains("'bench'"))
    }

    @Test func aMissingPipelineIsAUsageError() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["status", "-f", "nowhere.yaml"], in: dir)
        #expect(r.status == 2)
        #expect(r.err.hasPrefix("polframe: ") && r.err.contains("nowhere.yaml"))
        let none = try CLI.run(["status"], in: dir)
        #expect(none.status == 2, "no pipeline found in an empty folder")
    }

    /// What the argument parser refuses is a usage error like any other: status 2.
    @Test func anUnknownOptionIsAUsageError() throws {
        let r = try CLI.run(["lexicon", "lint", "--no-such-option", "x.yaml"])
        #expect(r.status == 2)
        #expect(r.err.contains("--no-such-option"))
        let missing = try CLI.run(["lexicon", "lint"])
        #expect(missing.status == 2)
        #expect(missing.err.contains("Missing expected argument"))
        let help = try CLI.run(["lexicon", "lint", "--help"])
        #expect(help.status == 0 && help.out.contains("USAGE"))
    }

    @Test func lintPassesACleanLexiconAndFailsOnErrorsWithTheirPlace() throws {
        let good = try CLI.run(["lexicon", "lint", CLI.repoRoot + "/lexicons/ai-governance-framing.yaml"])
        #expect(good.status == 0, "\(good.err)")
        let dir = try CLI.temporaryDirectory()
        func lexicon(_ entries: String, _ name: String) throws -> String {
            try CLI.write("name: \(name)\nversion: \"1\"\nframes:\n  f:\n    categories:\n      c:\n        entries:\n\(entries)", dir + "/\(name).yaml")
            return dir + "/\(name).yaml"
        }
        // A form listed twice is a warning: lint passes, as make would.
        let twice = try CLI.run(["lexicon", "lint", try lexicon("          - en: trust\n          - en: trust\n", "twice")])
        #expect(twice.status == 0, "\(twice.err)")
        #expect(twice.out.contains(dir + "/twice.yaml:9:") && twice.out.contains("listed twice"))
        #expect(twice.err.contains("0 errors, 1 warning"))
        let bad = try CLI.run(["lexicon", "lint", try lexicon("          - {en: trust, weight: lots}\n", "bad")])
        #expect(bad.status == 1)
        #expect(bad.out.contains(dir + "/bad.yaml:8:"), "problems are printed as FILE:LINE:COLUMN: message")
        #expect(bad.err.contains("1 error"))
        let missing = try CLI.run(["lexicon", "lint", dir + "/nothing.yaml"])
        #expect(missing.status == 1)
        #expect(missing.out.contains("nothing.yaml"))
    }
}
