import ArgumentParser
import Foundation
import PolframeMake

/// `make --shard I/N`: one slice of the per-document targets, for a job array (docs/scale.md).
struct ShardOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Build only the per-document targets of shard I of N (1 ≤ I ≤ N; documents assigned by a hash of their id) into the shard's folder, for `polframe merge`.", valueName: "I/N"))
    var shard: String?

    @Option(name: .long, help: ArgumentHelp("The shards' folder (default: OUTPUT/shards); shard I goes to DIR/I.", valueName: "DIR"))
    var shardDir: String?

    /// The parsed `--shard`, or a usage error naming the value.
    func spec() throws -> ShardSpec? {
        guard let shard else { return nil }
        guard let spec = ShardSpec(parsing: shard) else {
            throw ValidationError("--shard takes I/N with 1 ≤ I ≤ N ≤ \(ShardSpec.maxCount) (e.g. --shard 3/8), not '\(shard)'")
        }
        return spec
    }
}

extension MakeCommand {
    /// Builds one shard and reports it the way a make does.
    func runShard() throws {
        guard let spec = try sharding.spec() else { return }
        if !targets.isEmpty {
            printError("polframe: a shard builds the per-document targets only; `polframe merge` makes the corpus outputs and the report")
            throw ExitCode(2)
        }
        let whole = try options.load()
        let root = sharding.shardDir.map(ShardFolders.absolute) ?? ShardFolders.defaultRoot(whole.inputs.pipeline)
        let engine = whole.shard(spec, root: root)
        var makeOptions = MakeOptions(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, dryRun: dryRun, rebuildAll: rebuildAll, quiet: quiet)
        makeOptions.shard = spec
        if let text = cacheLimit ?? ProcessInfo.processInfo.environment["POLFRAME_CACHE_LIMIT"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let bytes = Engine.cacheSize(text) else {
                printError("polframe: cache limit '\(text)' is not a size (write e.g. 500M, 2G or a number of bytes)")
                throw ExitCode(2)
            }
            makeOptions.cacheLimit = bytes
        }
        let report = try orExit { try engine.make(makeOptions) }
        let name = "\(engine.inputs.pipeline.name) shard \(spec)"
        if dryRun {
            print("\(name): \(report.documents) documents")
            printPlan(report)
            return
        }
        if !quiet { for w in report.warnings { printError("polframe: warning: \(w)") } }
        for s in report.skipped { printError("polframe: skipped: \(s.message)") }
        if !quiet {
            let ran = ["ingest", "normalize", "score"].map { "\(report.stageCounts[$0] ?? 0) \($0)" }.joined(separator: ", ")
            print("\(name): \(report.documents) documents, \(report.scored) scored, \(report.skipped.count) skipped; ran \(ran); records in \(relative(report.outputDirectory))/ in \(String(format: "%.2f", report.seconds)) s")
        }
        if keepGoing && !report.skipped.isEmpty {
            printError("polframe: \(report.skipped.count) document\(report.skipped.count == 1 ? "" : "s") skipped:")
            for s in report.skipped { printError("  \(s.id): \(s.status)") }
            throw ExitCode(1)
        }
    }
}
