import Dispatch
import Foundation
import PolframeFigures
import PolframeIngest
import PolframeLexicon
import PolframeScore
import PolframeText

/// How a run goes: parallelism and how much it says.
public struct BuildOptions: Sendable {
    public var jobs: Int
    public var quiet: Bool
    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, quiet: Bool = false) {
        self.jobs = max(1, jobs)
        self.quiet = quiet
    }
}

/// What a run did, for the summary line and the caller's exit status.
public struct BuildSummary: Sendable {
    public var documents: Int
    public var scored: Int
    public var skipped: [DocumentResult]
    public var tokensByCountry: [String: Int]
    public var hitsByCountry: [String: Int]
    public var documentsByCountry: [String: Int]
    public var outputDirectory: String
    public var seconds: Double
}

/// Runs a whole pipeline: every document through ingest, normalization and scoring (in
/// parallel), then series, contrast, figures and the lock file.
public struct Build {
    public let pipeline: Pipeline
    public let lexicons: [CompiledLexicon]
    public let manifest: [ManifestEntry]

    /// Loads and checks everything a run needs; all problems come back together before any work.
    public init(pipeline: Pipeline) throws(MakeError) {
        self.pipeline = pipeline
        var problems: [Problem] = []
        var loaded: [Lexicon] = []
        for path in pipeline.lexiconPaths {
            do { loaded.append(try Lexicon.load(path: path)) } catch { problems += error.problems }
        }
        var compiled: [CompiledLexicon] = []
        do {
            let analyzer = try TextAnalyzer(options: pipeline.normalization)
            for lex in loaded {
                do { compiled.append(try CompiledLexicon(lex, analyzer: analyzer)) } catch { problems += error.problems }
            }
        } catch {
            problems.append(Problem(file: pipeline.path, "\(error)"))
        }
        let frames = Set(loaded.flatMap { $0.frames.map(\.id) })
        for f in [pipeline.plus, pipeline.minus] where !loaded.isEmpty && !frames.contains(f) {
            problems.append(Problem(file: pipeline.path, "contrast frame '\(f)' is not in the lexicons (frames: \(frames.sorted().joined(separator: ", ")))"))
        }
        var entries: [ManifestEntry] = []
        do { entries = try Manifest.load(path: pipeline.manifestPath) } catch {
            if case .invalidInputs(let p) = error { problems += p }
        }
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: pipeline.corpusRoot, isDirectory: &isDir) || !isDir.boolValue {
            problems.append(Problem(file: pipeline.path, "corpus folder \(pipeline.corpusRoot) does not exist (set corpus.root or pass --corpus DIR)"))
        }
        guard problems.isEmpty else { throw .invalidInputs(problems) }
        lexicons = compiled
        manifest = entries
    }

    /// Processes every document; results come back in manifest order whatever `jobs` is.
    public func processAll(jobs: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(MakeError) -> [DocumentResult] {
        let results = ResultSlots(count: manifest.count)
        let failure = ResultSlots(count: 1)
        let workers = min(jobs, max(1, manifest.count))
        let entries = manifest
        let pipeline = self.pipeline
        let lexicons = self.lexicons
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let processor: DocumentProcessor
            do { processor = try DocumentProcessor(pipeline: pipeline, lexicons: lexicons) } catch {
                failure.set(0, DocumentResult(entry: entries[0], skipReason: "\(error)"))
                return
            }
            for i in stride(from: w, to: entries.count, by: workers) {
                results.set(i, processor.process(entries[i]))
                if let progress { progress(results.filled, entries.count) }
            }
        }
        if let f = failure.all.first ?? nil {
            throw .invalidInputs([Problem(file: pipeline.path, "cannot start ICU: \(f.skipReason ?? "")")])
        }
        return results.all.map { $0! }
    }

    /// Runs the pipeline and writes every output.
    public func run(_ options: BuildOptions, log: @escaping @Sendable (String) -> Void) throws(MakeError) -> BuildSummary {
        let start = Date()
        let results = try processAll(jobs: options.jobs)
        for r in results {
            for w in r.warnings { log("warning: \(w)") }
            if let m = r.message { log("skipped: \(m)") }
            for d in r.disagreements {
                log("note: \(d.docID): manifest \(d.field) '\(d.manifest)' differs from extracted '\(d.extracted)' (\(d.source)); the manifest wins")
            }
        }
        let writer = OutputWriter(pipeline: pipeline, lexicons: lexicons)
        try writer.write(results)
        var summary = BuildSummary(documents: results.count, scored: 0, skipped: [], tokensByCountry: [:], hitsByCountry: [:],
                                   documentsByCountry: [:], outputDirectory: pipeline.outputDirectory, seconds: 0)
        for r in results {
            if let s = r.score {
                summary.scored += 1
                summary.documentsByCountry[r.entry.country, default: 0] += 1
                summary.tokensByCountry[r.entry.country, default: 0] += s.tokens
                summary.hitsByCountry[r.entry.country, default: 0] += s.categories.reduce(0) { $0 + $1.hits }
            } else {
                summary.skipped.append(r)
            }
        }
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }
}

/// Fixed slots that workers fill by index, behind a lock.
final class ResultSlots: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private var slots: [DocumentResult?]
    private let lock = NSLock()
    private var count = 0

    var filled: Int {
        lock.lock(); defer { lock.unlock() }
        return count
    }

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: DocumentResult) {
        lock.lock(); defer { lock.unlock() }
        if slots[i] == nil { count += 1 }
        slots[i] = r
    }

    var all: [DocumentResult?] {
        lock.lock(); defer { lock.unlock() }
        return slots
    }
}
