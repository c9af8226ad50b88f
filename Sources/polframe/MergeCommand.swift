import ArgumentParser
import Foundation
import PolframeMake

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Make the corpus outputs from the shards of a sharded run (make --shard I/N).",
        discussion: """
        Reads each shard's records (per document: metadata, scores, matches; no texts) and writes \
        the pipeline's outputs, byte-identical to a single-machine make of the same corpus. \
        Refuses a missing shard, or one from another pipeline, lexicon, normalization, polframe \
        or manifest row, naming it. See docs/scale.md.
        """
    )

    @OptionGroup var options: PipelineOptions

    @Argument(help: "`report` to build the evidence report even when the pipeline does not ask for it.")
    var targets: [String] = []

    @Option(name: .long, help: ArgumentHelp("The shards' folder (default: OUTPUT/shards).", valueName: "DIR"))
    var shardDir: String?

    @Option(name: .long, help: ArgumentHelp("The number of shards (default: as the first shard's records say).", valueName: "N"))
    var shards: Int?

    @Option(name: [.customShort("j"), .customLong("jobs")], help: "Shards read in parallel (default: the number of cores).")
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Print only errors and skipped documents.")
    var quiet = false

    func run() throws {
        for t in targets where t != "report" {
            printError("polframe: unknown target '\(t)': `merge` takes `report`")
            throw ExitCode(2)
        }
        if let shards, ShardSpec(index: 1, count: shards) == nil {
            printError("polframe: --shards takes a number from 1 to \(ShardSpec.maxCount), not \(shards)")
            throw ExitCode(2)
        }
        let engine = try options.load()
        var mergeOptions = MergeOptions(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                        shardRoot: shardDir.map(ShardFolders.absolute), shards: shards)
        mergeOptions.report = targets.contains("report")
        let report = try orExit { try engine.merge(mergeOptions) }
        if !quiet { for w in report.warnings { printError("polframe: warning: \(w)") } }
        for s in report.skipped { printError("polframe: skipped: \(s.message)") }
        if !quiet {
            let mb = String(format: "%.1f", Double(report.recordBytes) / 1_000_000)
            print("\(engine.inputs.pipeline.name): merged \(report.shards) shard\(report.shards == 1 ? "" : "s") (\(mb) MB of records): \(report.documents) documents, \(report.scored) scored, \(report.skipped.count) skipped; wrote \(relative(report.outputDirectory))/ in \(String(format: "%.2f", report.seconds)) s")
        }
    }
}
