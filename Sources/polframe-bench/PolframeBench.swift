import ArgumentParser
import Foundation

/// Benchmarks that print figures (never timed tests): each prints polframe's figure and, where
/// a peer is given, the peer's and the ratio. A separate executable, so that timing code, the
/// fuzz harness and /proc reading stay out of the product binary.
@main
struct PolframeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polframe-bench",
        abstract: "Measure polframe's speed and quality on benchmark data.",
        version: "0.1.0",
        subcommands: [BenchExtractCommand.self, BenchSegmentCommand.self, BenchMatchCommand.self, BenchCSVCommand.self]
    )
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
