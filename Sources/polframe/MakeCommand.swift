import ArgumentParser
import Foundation
import PolframeMake

struct MakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make",
        abstract: "Run a pipeline: ingest, normalize, score, series, figures.",
        discussion: "Reads pipelines/demo.yaml unless -f names another pipeline file. Outputs go to the pipeline's output folder (output/NAME/)."
    )

    @Option(name: [.customShort("f"), .customLong("file")], help: "The pipeline file.")
    var pipeline: String = "pipelines/demo.yaml"

    @Option(name: .long, help: "The corpus folder (overrides the pipeline's corpus.root).")
    var corpus: String?

    @Option(name: [.customShort("j"), .customLong("jobs")], help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .long, help: "Exit non-zero when any document was skipped.")
    var strict = false

    func run() throws {
        let p: Pipeline
        let build: Build
        do {
            p = try Pipeline.load(path: pipeline, corpusOverride: corpus)
            build = try Build(pipeline: p)
        } catch {
            printError("polframe: \(error)")
            throw ExitCode(2)
        }
        let options = BuildOptions(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, quiet: quiet)
        let quiet = self.quiet
        let summary: BuildSummary
        do {
            summary = try build.run(options) { line in
                if !quiet || line.hasPrefix("skipped") { printError("polframe: \(line)") }
            }
        } catch {
            printError("polframe: \(error)")
            throw ExitCode(1)
        }
        if !quiet {
            print("\(p.name): \(summary.documents) documents, \(summary.scored) scored, \(summary.skipped.count) skipped; wrote \(relative(summary.outputDirectory))/ in \(String(format: "%.2f", summary.seconds)) s")
            for country in summary.documentsByCountry.keys.sorted() {
                print("  \(country): \(summary.documentsByCountry[country]!) documents, \(summary.tokensByCountry[country] ?? 0) tokens, \(summary.hitsByCountry[country] ?? 0) hits")
            }
        }
        if strict && !summary.skipped.isEmpty { throw ExitCode(1) }
    }

    private func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
