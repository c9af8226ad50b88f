import Foundation
import Testing

/// make, status, why, kwic, explain and lint -f over one small project (one run of make).
@Suite(.serialized) struct PipelineCommandTests {
    static let project: Result<String, Error> = Result {
        let dir = try CLI.project()
        let r = try CLI.run(["make", "-f", "cli.yaml", "-j", "2"], in: dir)
        guard r.status == 0 else { throw CLIError(message: "make failed (\(r.status)): \(r.err)") }
        return dir
    }
    struct CLIError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    @Test func makeReportsTheSkippedDocumentAndSucceeds() throws {
        let dir = try CLI.project()
        let r = try CLI.run(["make", "-f", "cli.yaml", "-j", "2"], in: dir)
        #expect(r.status == 0)
        #expect(r.out.contains("cli: 4 documents, 3 scored, 1 skipped"))
        #expect(r.err.contains("polframe: skipped: ") && r.err.contains("empty"))
        // --keep-going turns a skipped document into a failing run, with a summary.
        let k = try CLI.run(["make", "-f", "cli.yaml", "-B", "-k", "-q"], in: dir)
        #expect(k.status == 1)
        #expect(k.err.contains("1 document skipped:"))
        let again = try CLI.run(["make", "-f", "cli.yaml"], in: dir)
        #expect(again.status == 0)
        #expect(again.out.contains("up to date"))
    }

    @Test func whyExplainsACellAndRefusesAMissingOne() throws {
        let dir = try Self.project.get()
        let r = try CLI.run(["why", "-f", "cli.yaml", "US", "2021", "values_based"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("US 2021 values_based: 2 documents"))
        #expect(r.out.contains("us1 — weighted "))
        let none = try CLI.run(["why", "-f", "cli.yaml", "US", "1999", "values_based"], in: dir)
        #expect(none.status == 1)
        #expect(none.err.contains("series.csv") && none.err.contains("no cell US 1999 values_based"))
    }

    @Test func kwicShowsMatchesInContext() throws {
        let dir = try Self.project.get()
        let r = try CLI.run(["kwic", "-f", "cli.yaml", "trust"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("us1 US 2021") && r.out.contains("[trust]"))
        #expect(r.err.contains("2 matches of 'trust'"))
    }

    @Test func explainRefusesAnUnknownTarget() throws {
        let dir = try Self.project.get()
        let r = try CLI.run(["explain", "-f", "cli.yaml", "nonesuch"], in: dir)
        #expect(r.status == 2)
        #expect(r.err.hasPrefix("polframe: ") && r.err.contains("'nonesuch'"))
        let status = try CLI.run(["status", "-f", "cli.yaml"], in: dir)
        #expect(status.status == 0)
        #expect(status.out.contains("cli"))
    }

    /// lint -f reads the coverage of the last make through its table; a damaged table is named
    /// with its line and the lint still runs.
    @Test func lintReadsTheCoverageOfTheLastMake() throws {
        let dir = try Self.project.get()
        let lexicon = CLI.repoRoot + "/lexicons/ai-governance-framing.yaml"
        let r = try CLI.run(["lexicon", "lint", "-f", "cli.yaml", lexicon], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(!r.err.contains("no coverage.csv"))
        let copy = try CLI.temporaryDirectory()
        for name in ["cli.yaml", "manifest.tsv", "docs"] { try FileManager.default.copyItem(atPath: dir + "/" + name, toPath: copy + "/" + name) }
        try CLI.write("lexicon,frame,category,entry,language,weight,hits,documents\nx,f,c,e,en,1.000,many,1\n", copy + "/out/coverage.csv")
        let damaged = try CLI.run(["lexicon", "lint", "-f", "cli.yaml", lexicon], in: copy)
        #expect(damaged.status == 0)
        #expect(damaged.err.contains("coverage.csv:2: column hits holds 'many'"))
    }
}
