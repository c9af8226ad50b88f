import ArgumentParser
import Foundation
import PolframeMake

struct BenchMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Matching throughput (tokens/s) with a pipeline's lexicons over the analyses of its last make."
    )
    @OptionGroup var options: PipelineOptions
    @Option(help: "Runs; the fastest is reported.") var repeats: Int = 3

    func run() throws {
        let engine = try options.load()
        do {
            let b = try engine.benchmarkMatching(repeats: repeats)
            print("match: \(b.documents) documents, \(b.tokens) tokens, \(String(format: "%.3f", b.seconds)) s (best of \(repeats)), \(String(format: "%.2f", b.tokensPerSecond / 1e6)) M tokens/s, one thread")
        } catch {
            printError("polframe: \(error)")
            throw ExitCode(1)
        }
    }
}
