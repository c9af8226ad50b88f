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
        discussion: "TARGET is ingest:ID, normalize:ID, score:ID, a document ID (all three), aggregate, coverage, figures, report or lock."
    )
    @OptionGroup var options: PipelineOptions
    @Argument(help: "The target.") var target: String

    func run() throws {
        let engine = try options.load()
        let ids = Set(engine.inputs.manifest.map(\.id))
        let wanted: [Target]
        if let t = Target(parsing: target) { wanted = [t] }
        else if ids.contains(target) { wanted = [.ingest(target), .normalize(target), .score(target)] }
        else { wanted = [] }
        if wanted.isEmpty || wanted.contains(where: { $0.document.map { !ids.contains($0) } ?? false }) {
            let doc = wanted.first?.document.map { " (no document \($0) in the manifest)" } ?? ""
            printError("polframe: no target '\(target)'\(doc); targets: \(Target.forms)")
            throw ExitCode(2)
        }
        var dryRun = MakeOptions(dryRun: true, quiet: true)
        // The report is planned when asked about, whether or not the pipeline builds it.
        dryRun.report = wanted.contains(.report)
        let plan = try orExit { try engine.make(dryRun) }.plan
        for t in wanted {
            switch plan.decision(for: t, documents: ids) ?? .notRequested {
            case .run(let reasons):
                print("\(t) is out of date:")
                for reason in reasons { print("  \(reason)") }
            case .kept(let delta):
                print("\(t) keeps its score: the lexicon edit (\(delta)) does not reach it (no changed pattern occurs in its text)")
            case .conditional: print("\(t) will run if its input changes (an earlier target is out of date)")
            case .upToDate: print("\(t) is up to date")
            case .notRequested: print("\(t) is not built by this pipeline's make")
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
