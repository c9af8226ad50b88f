import ArgumentParser

/// Benchmarks that print figures (never timed tests): each prints polframe's figure and, where
/// a peer is given, the peer's and the ratio.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure polframe's speed and quality on benchmark data.",
        subcommands: [BenchExtractCommand.self, BenchSegmentCommand.self, BenchMatchCommand.self]
    )
}
