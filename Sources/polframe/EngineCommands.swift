import ArgumentParser
import Foundation
import PolframeMake

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Say which targets are out of date, and why.")
    @OptionGroup var options: PipelineOptions

    func run() throws {
        let engine = try options.load()
        let report = try orExit { try engine.make(MakeOptions(dryRun: true, quiet: true)) }
        print("\(engine.inputs.pipeline.name): \(report.documents) documents; outputs in \(relative(engine.outputDirectory))/")
        printPlan(report)
        let leftOut = engine.leftOutOfSeries
        if !leftOut.isEmpty {
            print("left out of the series by the last make (documents.csv, in_series):")
            for d in leftOut { print("  \(d.id): \(d.reason)") }
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say why a target is out of date.",
        discussion: "TARGET is ingest:ID, normalize:ID, score:ID, a document ID (all three), aggregate or figures."
    )
    @OptionGroup var options: PipelineOptions
    @Argument(help: "The target.") var target: String

    func run() throws {
        let engine = try options.load()
        let report = try orExit { try engine.make(MakeOptions(dryRun: true, quiet: true)) }
        let known = Set(engine.inputs.manifest.map(\.id))
        let wanted: [String]
        if target.contains(":") || target == "aggregate" || target == "figures" || target == "series" {
            wanted = [target == "series" ? "aggregate" : target]
        } else if known.contains(target) {
            wanted = ["ingest:\(target)", "normalize:\(target)", "score:\(target)"]
        } else {
            printError("polframe: no target '\(target)' (documents: ingest:ID, normalize:ID, score:ID or ID; corpus: aggregate, figures)")
            throw ExitCode(2)
        }
        for t in wanted {
            if let r = report.runs.first(where: { $0.target == t }) {
                print("\(t) is out of date:")
                for reason in r.reasons { print("  \(reason)") }
            } else if t.hasPrefix("score:"), report.keptScores.contains(String(t.dropFirst(6))), let delta = report.lexiconDelta {
                print("\(t) keeps its score: the lexicon edit (\(delta)) does not reach it (no changed pattern occurs in its text)")
            } else if report.conditional.contains(t) {
                print("\(t) will run if its input changes (an earlier target is out of date)")
            } else {
                print("\(t) is up to date")
            }
        }
    }
}

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "graph", abstract: "Print the target graph in Graphviz DOT.")
    @OptionGroup var options: PipelineOptions
    func run() throws { print(try options.load().graph(), terminator: "") }
}

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clean", abstract: "Remove a pipeline's outputs, state and cache.")
    @OptionGroup var options: PipelineOptions
    func run() throws {
        let engine = try options.load()
        do {
            let removed = try engine.clean()
            print(removed.isEmpty ? "nothing to remove" : "removed from \(relative(engine.outputDirectory)): \(removed.joined(separator: ", "))")
        } catch {
            printError("polframe: \(error)")
            throw ExitCode(1)
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Rebuild from scratch into a temporary folder and compare with the outputs in the output folder."
    )
    @OptionGroup var options: PipelineOptions
    @Option(name: [.customShort("j"), .customLong("jobs")]) var jobs: Int?

    func run() throws {
        let engine = try options.load()
        let report: VerifyReport
        do { report = try engine.verify(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount) } catch {
            printError("polframe: \(error)")
            throw ExitCode(1)
        }
        if !report.missing.isEmpty && report.compared.isEmpty {
            printError("polframe: verify: no outputs in \(relative(engine.outputDirectory)) to compare; run polframe make first")
            throw ExitCode(1)
        }
        for f in report.compared { print("\(report.drifted.contains(f) ? "DRIFT" : "same ") \(f)") }
        if report.ok {
            print("verified: \(report.compared.count) files reproduce byte for byte")
        } else {
            print("drifted: \(report.drifted.joined(separator: ", "))")
            for c in report.causes { print("  because \(c)") }
            throw ExitCode(1)
        }
    }
}

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Materialize the corpus from a mirror folder or the manifest's URLs, checking sha256."
    )
    @OptionGroup var options: PipelineOptions
    @Option(name: .long, help: "A folder laid out like the corpus to copy from (instead of the URLs).") var from: String?
    @Option(name: .long, help: "Seconds each download may take, start to finish.") var timeout: Double = 60
    @Option(name: .long, help: "Largest file accepted, in bytes after decompression (default: the pipeline's ingest.max_bytes; 1 GiB for JSONL files).")
    var maxBytes: Int?
    @Flag(name: .long, help: "Also fetch file:// URLs (off: a manifest must not copy local files into the corpus).")
    var allowFileUrls = false

    func run() throws {
        let engine = try options.load()
        if let maxBytes, maxBytes < 1 { printError("polframe: fetch: --max-bytes must be at least 1"); throw ExitCode(2) }
        let r = engine.fetch(from: from, options: FetchOptions(timeout: timeout, maxBytes: maxBytes, allowFileURLs: allowFileUrls))
        print("fetched \(r.fetched.count), already present \(r.present.count), failed \(r.failed.count)")
        for (p, s) in r.recorded { print("recorded sha256 \(s) for \(p)") }
        for (p, why) in r.failed { printError("polframe: fetch: \(p): \(why)") }
        if !r.failed.isEmpty { throw ExitCode(1) }
    }
}
