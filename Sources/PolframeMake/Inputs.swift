import Foundation
import PolframeIngest
import PolframeLexicon
import PolframeScore
import PolframeText

/// Everything a run reads before any document: the pipeline, its lexicons (compiled) and its
/// manifest. Problems in any of them come back together.
public struct Inputs: Sendable {
    public internal(set) var pipeline: Pipeline
    public let lexicons: [CompiledLexicon]
    /// Settable for a shard's restricted inputs (`sharded(_:directory:)`).
    public internal(set) var manifest: [ManifestEntry]
    /// sha256 of each lexicon file, by lexicon path.
    let lexiconHashes: [String: String]
    /// The segmenter's dictionary: built-in words, the pipeline's word list, and (if asked) the
    /// lexicons' Chinese forms; and a hash of what went into it.
    public let dictionary: WordDictionary
    let dictionaryHash: String
    /// What loading the lexicons noticed but accepted (a legacy encoding, a LIWC conditional).
    public let lexiconWarnings: [Problem]

    public init(pipeline: Pipeline) throws(MakeError) {
        self.pipeline = pipeline
        var problems: [Problem] = []
        // The manifest first: when it lists Chinese documents, the segmenter's Chinese dictionary
        // is built on another core while the lexicons load and compile.
        var entries: [ManifestEntry] = []
        do { entries = try Manifest.load(path: pipeline.manifestPath) } catch {
            if case .invalidInputs(let p) = error { problems += p }
        }
        if entries.contains(where: { $0.language.hasPrefix("zh") }) {
            Thread.detachNewThread { TextAnalyzer.prepareChineseSegmentation() }
        }
        // Any supported format, detected by content; the pipeline's negation cues are added.
        var loaded: [Lexicon] = []
        for path in pipeline.lexiconPaths {
            do {
                var lex = try Lexicon.load(path: path, format: nil)
                for (lang, cues) in pipeline.negation { lex.negation[lang] = (lex.negation[lang] ?? []) + cues.filter { !(lex.negation[lang] ?? []).contains($0) } }
                loaded.append(lex)
            } catch { problems += error.problems }
        }
        lexiconWarnings = loaded.flatMap(\.warnings)
        var compiled: [CompiledLexicon] = []
        var terms: [String] = []
        if pipeline.lexiconTermsInDictionary {
            for l in loaded { for f in l.frames { for c in f.categories { for e in c.entries { for x in e.forms where x.language == .zh { terms.append(x.text) } } } } }
        }
        var dictionary = WordDictionary()
        do { dictionary = try WordDictionary.builtin(addingFile: pipeline.dictionaryPath, words: terms, shielding: terms, normalizedWith: pipeline.normalization) } catch {
            problems.append(Problem(file: pipeline.dictionaryPath ?? pipeline.path, "word dictionary: \(error)"))
        }
        self.dictionary = dictionary
        dictionaryHash = Digest.sha256(BuiltinWords.identity + "\u{0}" + BuiltinWords.list.joined(separator: "\n") + "\u{0}" + terms.sorted().joined(separator: "\n") + "\u{0}"
                                       + (pipeline.dictionaryPath.flatMap { Digest.sha256(file: $0) } ?? ""))
        // Each lexicon's frames of each role compiled on a core of their own (one analyzer per
        // worker: an analyzer holds ICU state), results in lexicon then role order.
        let jobs = loaded.flatMap { lex in Frame.Role.allCases.filter { r in lex.frames.contains { $0.role == r } }.map { (lex, $0) } }
        let workers = max(1, min(jobs.count, ProcessInfo.processInfo.activeProcessorCount))
        let options = pipeline.normalization, words = dictionary
        // A lexicon compiled by an earlier run with the same inputs (and the same polframe) is
        // taken from the per-user cache; only the others are analyzed.
        let dictionaryDigest = dictionaryHash
        let shas = Dictionary(loaded.map { ($0.path, Digest.sha256(file: $0.path) ?? "") }, uniquingKeysWith: { a, _ in a })
        let negationKey = pipeline.negation.isEmpty ? "" : "\u{1F}negation " + pipeline.negationDescription
        let keys = jobs.map { CompiledLexiconCache.key(lexiconSHA: shas[$0.0.path] ?? "", role: $0.1, normalization: options.fingerprint + negationKey,
                                                       dictionary: dictionaryDigest) }
        let results: [Result<CompiledLexicon, LexiconError>?] = Engine.collect(count: jobs.count, workers: workers) { w, slot in
            var analyzer: TextAnalyzer? = nil
            for i in stride(from: w, to: jobs.count, by: workers) {
                if let (patterns, cues) = CompiledLexiconCache.load(keys[i]) {
                    slot.put(i, .success(CompiledLexicon(jobs[i].0, role: jobs[i].1, patterns: patterns, negationCues: cues)))
                    continue
                }
                if analyzer == nil { analyzer = try? TextAnalyzer(options: options, dictionary: words) }
                guard let analyzer else { slot.put(i, nil); continue }
                do throws(LexiconError) {
                    let c = try CompiledLexicon(jobs[i].0, analyzer: analyzer, role: jobs[i].1)
                    CompiledLexiconCache.store(keys[i], c.patterns, c.negationCues)
                    slot.put(i, .success(c))
                } catch { slot.put(i, .failure(error)) }
            }
        }
        for r in results {
            switch r {
            case .success(let c)?: compiled.append(c)
            case .failure(let e)?: problems += e.problems
            case nil: break
            }
        }
        if results.contains(where: { $0 == nil }) {
            // An analyzer could not be made: say why, once.
            do { _ = try TextAnalyzer(options: options, dictionary: words) } catch { problems.append(Problem(file: pipeline.path, "\(error)")) }
        }
        let frames = Set(loaded.flatMap { $0.frames.map(\.id) })
        let categories = Set(loaded.flatMap { l in l.frames.flatMap { f in f.categories.map { f.id + "/" + $0.id } } })
        for f in [pipeline.plus, pipeline.minus] where pipeline.hasContrast && !loaded.isEmpty && !frames.contains(f) && !categories.contains(f) {
            problems.append(Problem(file: pipeline.path, "contrast side '\(f)' is neither a frame nor a FRAME/CATEGORY of the lexicons (frames: \(frames.sorted().joined(separator: ", ")))"))
        }
        if let filter = pipeline.passageFilter {
            let topics = loaded.flatMap { $0.frames.filter { $0.role == .topic }.map(\.id) }
            if !topics.contains(filter.frame) {
                problems.append(Problem(file: pipeline.path, "passage_filter.frame '\(filter.frame)' is not a topic frame of the lexicons (topic frames: \(topics.isEmpty ? "none" : topics.joined(separator: ", ")); mark one with `role: topic`)"))
            }
        }
        problems += DocumentVariables.checkGroups(pipeline, manifest: entries)
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: pipeline.corpusRoot, isDirectory: &isDir) || !isDir.boolValue {
            problems.append(Problem(file: pipeline.path, "corpus folder \(pipeline.corpusRoot) does not exist (set corpus.root or pass --corpus DIR)"))
        }
        guard problems.isEmpty else { throw .invalidInputs(problems) }
        lexicons = compiled
        manifest = entries
        var hashes: [String: String] = [:]
        for l in compiled { hashes[l.lexicon.path] = Digest.sha256(file: l.lexicon.path) ?? "" }
        lexiconHashes = hashes
    }

    /// The same inputs writing to another folder (verify builds into a temporary one).
    func writing(to directory: String) -> Inputs {
        var copy = self
        copy.pipeline.outputDirectory = directory
        return copy
    }

    /// Frame ids of all lexicons, in order.
    var frames: [String] {
        var seen: [String] = []
        for l in lexicons { for f in l.frames where !seen.contains(f.id) { seen.append(f.id) } }
        return seen
    }

    func file(of entry: ManifestEntry) -> String {
        entry.path.hasPrefix("/") ? entry.path : pipeline.corpusRoot + "/" + entry.path
    }

    // The global parts of each stage's fingerprint.

    var ingestComponents: [(String, String)] {
        [("ingest stage", StageVersion.ingest), ("libxml2", LibXML2Version.string), ("ICU", ICUVersion.library),
         ("poppler", PopplerVersion.string), ("libzip", LibZipVersion.string),
         ("document size limit", String(pipeline.ingest.maxBytes))]
    }

    var normalizeComponents: [(String, String)] {
        [("normalize stage", StageVersion.normalize), ("ICU", ICUVersion.library), ("Unicode", ICUVersion.unicode),
         ("normalization", pipeline.normalization.fingerprint),
         ("word dictionary", dictionaryHash)]
    }

    var scoreComponents: [(String, String)] {
        [("score stage", StageVersion.score),
         ("passage filter", inputs_passageFilterDescription)] + (pipeline.negation.isEmpty ? [] : [("pipeline negation cues", pipeline.negationDescription)]) + Array(Set(lexicons.map { "lexicon \($0.lexicon.name)\u{1F}" + (lexiconHashes[$0.lexicon.path] ?? "") })).sorted().map {
            let parts = $0.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            return (String(parts[0]), String(parts[1]))
        }
    }

    private var inputs_passageFilterDescription: String {
        pipeline.passageFilter.map { "\($0.frame) within \($0.window) sentence\($0.window == 1 ? "" : "s")" } ?? "none"
    }

    var aggregateComponents: [(String, String)] {
        [("aggregate stage", StageVersion.aggregate), ("contrast", "\(pipeline.plus) - \(pipeline.minus)"),
         ("bootstrap", "replicates=\(pipeline.bootstrap.replicates),level=\(pipeline.bootstrap.level),seed=\(pipeline.bootstrap.seed)"),
         ("frames", frames.joined(separator: ",")),
         ("series", "group_by=\(pipeline.groupBy),weighting=\(pipeline.weighting.rawValue),min_documents=\(pipeline.minDocuments),by_language=\(pipeline.byLanguage)" + (pipeline.trends ? ",trends=true" : "")),
         // categories.csv carries the lexicons' labels: a label edit rewrites it.
         ("labels", lexiconLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";"))]
            + validationComponents
            + (pipeline.excelSafe ? [("csv", "excel_safe")] : [])
    }

    /// coverage.csv lists every entry, hit or not: a lexicon edit changes it even when no
    /// document's score changes, so it is a target of its own.
    var coverageComponents: [(String, String)] {
        [("coverage stage", StageVersion.aggregate)] + scoreComponents.filter { $0.0.hasPrefix("lexicon ") }
            + (pipeline.excelSafe ? [("csv", "excel_safe")] : [])
    }

    var figureComponents: [(String, String)] {
        // The figures' source note names the study and each lexicon with its version: an edit
        // of a lexicon's version alone changes no score but must redraw the figures.
        var names: [String] = []
        for l in lexicons where !names.contains("\(l.lexicon.name) \(l.lexicon.version)") { names.append("\(l.lexicon.name) \(l.lexicon.version)") }
        return [("figures stage", StageVersion.figures), ("figures", pipeline.figures.joined(separator: ",")),
                ("study", pipeline.name), ("lexicons", names.joined(separator: ", ")), ("min_hits", String(pipeline.minHits))]
            + pipeline.figureTitles.sorted { $0.key < $1.key }.map { ("\($0.key) title", $0.value) }
    }

    /// Each lexicon's forms by frame/category, as `form=weight`, for explaining lexicon changes.
    var lexiconForms: [String: [String: [String]]] {
        var out: [String: [String: [String]]] = [:]
        for l in lexicons {
            for f in l.frames {
                for c in f.categories {
                    out[l.lexicon.name, default: [:]]["\(f.id)/\(c.id)"] =
                        c.entries.flatMap { e in e.forms.map { "\($0.text)=\(NumberFormat.fixed(e.weight * c.weight, 3))" } }
                }
            }
        }
        return out
    }
}
