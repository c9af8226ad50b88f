import ArgumentParser
import Foundation
import PolframeMake

/// Options every pipeline command shares.
struct PipelineOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("file")],
            help: "The pipeline file (default: pipelines/demo.yaml, or the only pipelines/*.yaml of this folder).")
    var file: String?

    /// The pipeline file: -f, else the one a project folder makes obvious.
    var pipeline: String {
        get throws {
            if let file { return file }
            switch PipelineLocator.find(in: FileManager.default.currentDirectoryPath) {
            case .found(let path): return path
            case .problem(let message):
                printError("polframe: \(message)")
                throw ExitCode(2)
            }
        }
    }

    @Option(name: .long, help: "The corpus folder (overrides the pipeline's corpus.root).")
    var corpus: String?

    func load() throws -> Engine {
        do {
            let engine = try Engine(pipeline: try Pipeline.load(path: try pipeline, corpusOverride: corpus))
            for w in engine.inputs.lexiconWarnings { printError(w.description) }
            return engine
        } catch {
            printError("polframe: \(error)")
            throw ExitCode(2)
        }
    }
}

struct MakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make",
        abstract: "Bring a pipeline's outputs up to date: ingest, normalize, score, series, figures.",
        discussion: """
        Reads pipelines/demo.yaml unless -f names another pipeline file. Only what is out of date \
        is rebuilt: a document whose content did not change is not re-read, a lexicon change \
        re-scores without re-segmenting, a figure option redraws only figures. Outputs go to the \
        pipeline's output folder (output/NAME/); state and cache to output/NAME/.polframe/.
        """
    )

    @OptionGroup var options: PipelineOptions

    @OptionGroup var sharding: ShardOptions

    @Argument(help: "Targets to build, with what they read (default: every output of the pipeline): ingest:ID, normalize:ID, score:ID, aggregate, coverage, figures, report, lock. `report` also builds every output; the lock is written when aggregate, coverage and figures are.")
    var targets: [String] = []

    @Option(name: [.customShort("j"), .customLong("jobs")], help: "Documents processed in parallel (default: the number of cores).")
    var jobs: Int?

    @Flag(name: [.customShort("n"), .customLong("dry-run")], help: "Say what would run and why; run nothing.")
    var dryRun = false

    @Flag(name: [.customShort("B"), .customLong("always-make")], help: "Rebuild everything.")
    var rebuildAll = false

    @Flag(name: [.customShort("k"), .customLong("keep-going")],
          help: "Go past documents that fail (they are always reported as skipped rows) and exit non-zero at the end if any did, with a summary.")
    var keepGoing = false

    @Flag(name: .shortAndLong, help: "Print only errors and skipped documents.")
    var quiet = false

    @Option(name: .long, help: "Keep the cache within SIZE (e.g. 500M, 2G; default: $POLFRAME_CACHE_LIMIT, else no limit). See docs/make.md.")
    var cacheLimit: String?

    @Flag(name: .long, help: "Treat documents left out of the series (skipped, undated, without a group value, duplicates) as errors: exit 1 after writing the outputs.")
    var strict = false

    func run() throws {
        if sharding.shard != nil { return try runShard() }
        var makeOptions = MakeOptions(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, dryRun: dryRun, rebuildAll: rebuildAll, quiet: quiet)
        makeOptions.keepGoing = keepGoing
        for t in targets {
            guard let target = Target(parsing: t) else {
                printError("polframe: no target '\(t)' (targets: ingest:ID, normalize:ID, score:ID, \(Target.Kind.allCases.filter { !$0.perDocument }.map(\.rawValue).joined(separator: ", ")))")
                throw ExitCode(2)
            }
            makeOptions.targets.append(target)
        }
        if let text = cacheLimit ?? ProcessInfo.processInfo.environment["POLFRAME_CACHE_LIMIT"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let bytes = Engine.cacheSize(text) else {
                printError("polframe: cache limit '\(text)' is not a size (write e.g. 500M, 2G or a number of bytes)")
                throw ExitCode(2)
            }
            makeOptions.cacheLimit = bytes
        }
        let pipelinePath = try options.pipeline
        let result: MakeResult
        var failed = false
        do throws(MakeError) { result = try Engine.make(pipelinePath: pipelinePath, corpusOverride: options.corpus, makeOptions) } catch {
            switch error {
            case .documentsFailed(let r):
                result = r
                failed = true
            case .invalidInputs, .unknownTarget:
                printError("polframe: \(error)")
                throw ExitCode(2)
            default:
                printError("polframe: \(error)")
                throw ExitCode(1)
            }
        }
        let report = result.report
        guard let engine = result.engine else {
            // The stamp showed every input and output as the last make left them.
            if !quiet { print("\(result.pipeline.name): up to date (\(report.documents) documents); \(relative(result.pipeline.outputDirectory))/ unchanged") }
            try reportLeftOut(SeriesMembership.leftOut(outputDirectory: result.pipeline.outputDirectory), skipped: 0)
            return
        }
        // What loading a lexicon accepted but noticed (a guessed encoding, a skipped empty word).
        if !quiet { for w in engine.inputs.lexiconWarnings { printError(w.description) } }
        if dryRun {
            printPlan(report)
            return
        }
        printSummary(report, engine)
        // Skipped documents were named above; the others left out of the series are named here.
        try reportLeftOut(engine.leftOutOfSeries.filter { $0.reason != "skipped" }, skipped: report.skipped.count)
        if failed {
            printError("polframe: \(report.skipped.count) document\(report.skipped.count == 1 ? "" : "s") skipped:")
            for s in report.skipped { printError("  \(s.id): \(s.status)") }
            throw ExitCode(1)
        }
    }

    /// Warnings, skipped documents, what ran, and per country the documents, tokens and hits.
    func printSummary(_ report: MakeReport, _ engine: Engine) {
        let name = engine.inputs.pipeline.name
        if !quiet { for w in report.warnings { printError("polframe: warning: \(w)") } }
        for s in report.skipped { printError("polframe: skipped: \(s.message)") }
        guard !quiet else { return }
        let ran = ["ingest", "normalize", "score"].map { "\(report.stageCounts[$0] ?? 0) \($0)" }.joined(separator: ", ")
        if report.runs.isEmpty {
            print("\(name): up to date (\(report.documents) documents); \(relative(report.outputDirectory))/ unchanged")
        } else {
            let corpus = [Target.aggregate, .coverage, .figures, .report].filter { t in report.runs.contains { $0.target == t } }.map { ", \($0)" }.joined()
            let kept = report.keptScores.isEmpty ? "" : "; kept \(report.keptScores.count) score\(report.keptScores.count == 1 ? "" : "s") the lexicon edit cannot change"
            print("\(name): \(report.documents) documents, \(report.scored) scored, \(report.skipped.count) skipped; ran \(ran)\(corpus)\(kept); wrote \(relative(report.outputDirectory))/ in \(String(format: "%.2f", report.seconds)) s")
        }
        // Per country, how many of its documents the series leave out (named below).
        let countryOf = Dictionary(engine.inputs.manifest.map { ($0.id, $0.country) }, uniquingKeysWith: { a, _ in a })
        var leftOutBy: [String: Int] = [:]
        for d in engine.leftOutOfSeries where d.reason != "skipped" { leftOutBy[countryOf[d.id] ?? "", default: 0] += 1 }
        let pipeline = engine.inputs.pipeline
        for country in report.documentsByCountry.keys.sorted() {
            let out = leftOutBy[country].map { " (\($0) left out of the series)" } ?? ""
            print("  \(country.isEmpty ? "(no country)" : country): \(report.documentsByCountry[country]!) documents\(out), \(report.tokensByCountry[country] ?? 0) tokens, \(report.hitsByCountry[country] ?? 0) hits of \(pipeline.hasContrast ? "\(pipeline.plus) and \(pipeline.minus)" : "the framing frames")")
        }
    }
}

extension MakeCommand {
    /// Names the documents the series leave out and, under --strict, fails.
    func reportLeftOut(_ leftOut: [(id: String, reason: String)], skipped: Int) throws {
        if !leftOut.isEmpty {
            printError("polframe: \(leftOut.count) document\(leftOut.count == 1 ? "" : "s") left out of the series (documents.csv, column in_series):")
            for d in leftOut { printError("  \(d.id): \(d.reason)") }
        }
        if strict && (!leftOut.isEmpty || skipped > 0) {
            printError("polframe: --strict: \(leftOut.count + skipped) document\(leftOut.count + skipped == 1 ? "" : "s") not counted in the series")
            throw ExitCode(1)
        }
    }
}

/// Prints what would run and why, grouping documents that share a reason.
func printPlan(_ report: MakeReport) {
    if let delta = report.lexiconDelta, !report.keptScores.isEmpty {
        let n = report.keptScores.count
        print("lexicon edit: \(delta); \(n) document\(n == 1 ? " keeps its score" : "s keep their scores") (no changed pattern occurs in \(n == 1 ? "it" : "them"))")
    }
    if report.upToDate {
        print("nothing to do: every target is up to date")
        return
    }
    var grouped: [String: [Target]] = [:]
    var order: [String] = []
    for r in report.runs {
        let key = r.target.kind.rawValue + ": " + r.reasons.joined(separator: "; ")
        if grouped[key] == nil { order.append(key) }
        grouped[key, default: []].append(r.target)
    }
    for key in order {
        let targets = grouped[key]!
        let stage = targets[0].kind.rawValue
        let reasons = String(key.dropFirst(stage.count + 2))
        if targets.count == 1 {
            print("would run \(targets[0]): \(reasons)")
        } else {
            print("would run \(stage) for \(targets.count) documents (\(targets.prefix(3).map { $0.document ?? "" }.joined(separator: ", "))\(targets.count > 3 ? ", …" : "")): \(reasons)")
        }
    }
    if !report.conditional.isEmpty {
        let kinds = Dictionary(grouping: report.conditional) { $0.kind }
        for kind in Target.Kind.allCases {
            guard let ts = kinds[kind] else { continue }
            print("then \(kind.rawValue)\(ts.count > 1 ? " for \(ts.count) documents" : "") if its input changes")
        }
    }
}

func relative(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
}

/// Runs `body`; an error is printed as `polframe: …` and ends the command with status 1.
func orExit<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch {
        printError("polframe: \(error)")
        throw ExitCode(1)
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
