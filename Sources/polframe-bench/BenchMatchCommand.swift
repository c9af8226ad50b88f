import ArgumentParser
import Foundation
import PolframeMake

struct BenchMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Matching throughput (tokens/s) with a pipeline's lexicons over the analyses of its last make."
    )
    @Option(name: [.customShort("f"), .customLong("file")], help: "The pipeline file.") var file: String
    @Option(name: .long, help: "The corpus folder (overrides the pipeline's corpus.root).") var corpus: String?
    @Option(help: "Runs; the fastest is reported.") var repeats: Int = 3

    func run() throws {
        do {
            let engine = try Engine(pipeline: try Pipeline.load(path: file, corpusOverride: corpus))
            let b = try MatchBenchmark.run(engine, repeats: repeats)
            print("match: \(b.documents) documents, \(b.tokens) tokens, \(String(format: "%.3f", b.seconds)) s (best of \(repeats)), \(String(format: "%.2f", b.tokensPerSecond / 1e6)) M tokens/s, one thread")
        } catch {
            printError("polframe-bench: \(error)")
            throw ExitCode(1)
        }
    }
}
