import Foundation
import PolframeLexicon
import PolframeScore
import PolframeText
import PolframeFigures
import PolframeIngest
import Yams

/// A pipeline file: the corpus, the lexicons, the options of each stage, and where outputs go.
/// Relative paths are relative to the pipeline file's folder.
public struct Pipeline: Sendable {
    public var path: String
    public var name: String
    public var description: String
    /// The folder documents' paths are relative to (`corpus.root`, or --corpus).
    public var corpusRoot: String
    public var manifestPath: String
    /// `corpus.allow_outside_root`: read manifest paths that are absolute, climb out with `..` or
    /// leave through a symlink (refused by default: a shared manifest must not read any file).
    public var allowOutsideRoot = false
    public var lexiconPaths: [String]
    public var normalization: NormalizationOptions
    /// A word list (one word a line) the segmenter keeps whole, besides the built-in one.
    public var dictionaryPath: String?
    /// Add the lexicons' Chinese forms to the segmenter's dictionary. Off by default: with it, a
    /// lexicon change re-segments every document.
    public var lexiconTermsInDictionary = false
    public var ingest: IngestOptions
    /// The contrast's sides (a frame or `FRAME/CATEGORY` each); both empty without `contrast:`.
    public var plus: String
    public var minus: String
    /// The pipeline's negation cues in one stable line (for fingerprints).
    public var negationDescription: String {
        Form.Language.allCases.map { "\($0.rawValue)=" + (negation[$0] ?? []).joined(separator: "|") }.joined(separator: ";")
    }
    /// Whether the pipeline asks for a contrast (tables and figure).
    public var hasContrast: Bool { !plus.isEmpty && !minus.isEmpty }
    /// Negation cues the pipeline adds to every lexicon's (imported dictionaries have none).
    public var negation: [Form.Language: [String]] = [:]
    public var bootstrap: BootstrapOptions
    /// The fields series group by (with the year): country unless set; built-in groups or
    /// document variables (extra manifest columns).
    public var groupFields: [String] = ["country"]
    /// `groupFields` as the fingerprint and messages name them.
    public var groupBy: String { groupFields.joined(separator: ",") }
    public var weighting: Weighting = .tokens
    /// Cells built from fewer documents are flagged `few_documents`.
    public var minDocuments: Int = 3
    /// Figures draw points resting on fewer hits hollow, labelled with their count.
    public var minHits: Int = 10
    /// Also write series_by_language.csv (each group × year × frame split by language).
    public var byLanguage: Bool = false
    /// Coded sheets (`validation: {sheets: [...]}`): series and contrast then carry
    /// precision-adjusted counts beside the raw ones.
    public var validationSheets: [String] = []
    /// Also write category_shares.csv and trends.csv (each category's share of its frame per
    /// year, and the slope of that share on the year, bootstrapped over documents).
    public var trends: Bool = false
    /// Score only sentences near a topic frame's hits (nil: score everything).
    public var passageFilter: PassageFilter?
    public var figures: [String]
    /// Titles given to figures by name (a figure option: changing one redraws figures only).
    public var figureTitles: [String: String] = [:]
    public var outputDirectory: String
    /// Text cells a spreadsheet would run as formulas get an apostrophe (`csv.excel_safe`).
    public var excelSafe = false
    /// Build the static evidence report (output/NAME/report/) with every make.
    public var report = false

    public static let knownFigures: Set<String> = Set(Figures.names)

    /// Reads a pipeline file; every problem is reported at once.
    public static func load(path: String, corpusOverride: String? = nil) throws(MakeError) -> Pipeline {
        let text: String
        do { text = try TextFile.read(path) } catch { throw .invalidInputs([error.problem]) }
        return try parse(text, path: path, corpusOverride: corpusOverride)
    }

    public static func parse(_ text: String, path: String, corpusOverride: String? = nil) throws(MakeError) -> Pipeline {
        var y = YAMLFile(path: path, text: text)
        guard y.problems.isEmpty else { throw .invalidInputs(y.problems) }
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = path.hasPrefix("/") ? path : cwd + "/" + path
        let dir = (absolute as NSString).deletingLastPathComponent
        // Absolute first: standardizingPath only resolves ".." in absolute paths.
        func resolve(_ p: String) -> String {
            ((p.hasPrefix("/") ? p : dir + "/" + p) as NSString).standardizingPath
        }
        let top = y.mapping(y.root, "the pipeline")
        y.checkKeys(top, allowed: PipelineKeys.allowed(""), in: "the pipeline")
        func value(_ pairs: [(key: String, keyNode: Node, value: Node)], _ k: String) -> Node? { pairs.first { $0.key == k }?.value }

        let fallbackName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = y.string(value(top, "name"), "name") ?? fallbackName
        let description = y.string(value(top, "description"), "description") ?? ""

        let corpus = y.mapping(value(top, "corpus"), "corpus")
        y.checkKeys(corpus, allowed: PipelineKeys.allowed("corpus"), in: "corpus")
        let allowOutsideRoot = y.bool(value(corpus, "allow_outside_root"), "corpus.allow_outside_root") ?? false
        let root = corpusOverride.map { (($0.hasPrefix("/") ? $0 : cwd + "/" + $0) as NSString).standardizingPath } ?? resolve(y.string(value(corpus, "root"), "corpus.root") ?? ".")
        guard let manifest = y.string(value(corpus, "manifest"), "corpus.manifest") else {
            y.report(value(top, "corpus") ?? y.root, "the pipeline needs corpus.manifest (the manifest file)")
            throw .invalidInputs(y.problems)
        }

        let lexicons = y.strings(value(top, "lexicons"), "a lexicon path").map { resolve($0.0) }
        if lexicons.isEmpty { y.report(value(top, "lexicons") ?? y.root, "the pipeline needs at least one lexicon") }

        var norm = NormalizationOptions()
        let nm = y.mapping(value(top, "normalize"), "normalize")
        y.checkKeys(nm, allowed: PipelineKeys.allowed("normalize"), in: "normalize")
        if let v = y.bool(value(nm, "width_fold"), "normalize.width_fold") { norm.widthFold = v }
        if let v = y.bool(value(nm, "traditional_phrases"), "normalize.traditional_phrases") { norm.traditionalPhrases = v }
        if let v = y.bool(value(nm, "unify_punctuation"), "normalize.unify_punctuation") { norm.unifyPunctuation = v }
        if let v = y.bool(value(nm, "clean_spaces"), "normalize.clean_spaces") { norm.cleanSpaces = v }
        if let v = y.bool(value(nm, "join_chinese_lines"), "normalize.join_chinese_lines") { norm.joinChineseLines = v }
        let segm = y.mapping(value(top, "segment"), "segment")
        y.checkKeys(segm, allowed: PipelineKeys.allowed("segment"), in: "segment")
        var dictionaryPath: String? = nil
        if let node = value(segm, "dictionary"), let d = y.string(node, "segment.dictionary") {
            dictionaryPath = resolve(d)
            if !FileManager.default.fileExists(atPath: dictionaryPath!) { y.report(node, "segment.dictionary: no file \(dictionaryPath!)") }
        }
        let lexiconTerms = y.bool(value(segm, "lexicon_terms"), "segment.lexicon_terms") ?? false
        if let v = y.bool(value(nm, "nfkc"), "normalize.nfkc") { norm.nfkc = v }
        if let v = y.bool(value(nm, "casefold"), "normalize.casefold") { norm.caseFold = v }
        if let v = y.bool(value(nm, "traditional_to_simplified"), "normalize.traditional_to_simplified") { norm.traditionalToSimplified = v }

        var ingest = IngestOptions()
        let im = y.mapping(value(top, "ingest"), "ingest")
        y.checkKeys(im, allowed: PipelineKeys.allowed("ingest"), in: "ingest")
        if let v = y.int(value(im, "max_bytes"), "ingest.max_bytes") { ingest.maxBytes = v }

        // Optional: without it there is no contrast table and no contrast figure.
        let cm = y.mapping(value(top, "contrast"), "contrast")
        y.checkKeys(cm, allowed: PipelineKeys.allowed("contrast"), in: "contrast")
        var plus = "", minus = ""
        if let node = value(top, "contrast") {
            plus = y.string(value(cm, "plus"), "contrast.plus") ?? ""
            minus = y.string(value(cm, "minus"), "contrast.minus") ?? ""
            if plus.isEmpty || minus.isEmpty {
                y.report(node, "contrast needs both plus and minus (a frame, or FRAME/CATEGORY); leave contrast out for none")
            } else if plus == minus {
                y.report(value(cm, "minus"), "contrast.plus and contrast.minus are both '\(plus)': the index would be 0 everywhere")
            }
        }
        var negation: [Form.Language: [String]] = [:]
        for pair in y.mapping(value(top, "negation"), "negation") {
            guard let lang = Form.Language(rawValue: pair.key) else {
                y.report(pair.keyNode, "negation language must be en or zh, not '\(pair.key)'")
                continue
            }
            negation[lang] = y.strings(pair.value, "a negation cue").map(\.0)
        }

        var bootstrap = BootstrapOptions()
        let sm = y.mapping(value(top, "series"), "series")
        y.checkKeys(sm, allowed: PipelineKeys.allowed("series"), in: "series")
        let groupFields = PipelineKeys.groupFields(value(sm, "group_by"), &y)
        var weighting = Weighting.tokens
        if let node = value(sm, "weighting"), let w = y.string(node, "series.weighting") {
            if let v = Weighting(rawValue: w) { weighting = v } else { y.report(node, "series.weighting must be tokens or documents, not '\(w)'") }
        }
        let minDocuments = y.int(value(sm, "min_documents"), "series.min_documents") ?? 3
        var minHits = 10
        if let node = value(sm, "min_hits"), let v = y.int(node, "series.min_hits") {
            if v < 0 || v > 1_000_000 { y.report(node, "series.min_hits must be between 0 and 1000000 hits") } else { minHits = v }
        }
        let byLanguage = y.bool(value(sm, "by_language"), "series.by_language") ?? false
        let trends = y.bool(value(sm, "trends"), "series.trends") ?? false
        let bm = y.mapping(value(sm, "bootstrap"), "series.bootstrap")
        y.checkKeys(bm, allowed: PipelineKeys.allowed("series.bootstrap"), in: "series.bootstrap")
        if let v = y.int(value(bm, "replicates"), "replicates") {
            if v < 1 || v > 100_000 { y.report(value(bm, "replicates"), "replicates must be between 1 and 100000") } else { bootstrap.replicates = v }
        }
        if let v = y.double(value(bm, "level"), "level") {
            if !(v > 0 && v < 1) { y.report(value(bm, "level"), "level must be between 0 and 1, e.g. 0.95") } else { bootstrap.level = v }
        }
        if let v = y.int(value(bm, "seed"), "seed") { bootstrap.seed = UInt64(bitPattern: Int64(v)) }

        var passageFilter: PassageFilter? = nil
        if let pf = value(top, "passage_filter") {
            let pm = y.mapping(pf, "passage_filter")
            y.checkKeys(pm, allowed: PipelineKeys.allowed("passage_filter"), in: "passage_filter")
            let window = y.int(value(pm, "window"), "passage_filter.window") ?? 1
            if window < 0 { y.report(value(pm, "window"), "passage_filter.window must be 0 or more sentences") }
            if let frame = y.string(value(pm, "frame"), "passage_filter.frame") {
                passageFilter = PassageFilter(frame: frame, window: max(0, window))
            } else {
                y.report(pf, "passage_filter needs a frame (a topic frame of the lexicons)")
            }
        }

        // `figures: [contrast]`, or a mapping of figure names to their options.
        var figures = plus.isEmpty ? [] : ["contrast"]
        var figureTitles: [String: String] = [:]
        if let f = value(top, "figures") {
            figures = []
            var named: [(String, Node)] = []
            if case .mapping = f {
                for pair in y.mapping(f, "figures") {
                    named.append((pair.key, pair.keyNode))
                    let opts = y.mapping(pair.value, "options of figure \(pair.key)")
                    y.checkKeys(opts, allowed: PipelineKeys.allowed("figures.NAME"), in: "figure \(pair.key)")
                    if let t = y.string(value(opts, "title"), "title") { figureTitles[pair.key] = t }
                }
            } else {
                named = y.strings(f, "a figure name")
            }
            for (name, node) in named {
                if name == "contrast" && plus.isEmpty {
                    y.report(node, "figure contrast needs a contrast: add contrast: {plus: …, minus: …} or drop the figure")
                } else if knownFigures.contains(name) { figures.append(name) } else {
                    y.report(node, "unknown figure '\(name)' (known: \(knownFigures.sorted().joined(separator: ", ")))")
                }
            }
        }
        var validationSheets: [String] = []
        let vm = y.mapping(value(top, "validation"), "validation")
        y.checkKeys(vm, allowed: ["sheets"], in: "validation")
        if let node = value(vm, "sheets") {
            for (sheet, n) in y.strings(node, "a coded sheet") {
                validationSheets.append(resolve(sheet))
                if !FileManager.default.fileExists(atPath: resolve(sheet)) { y.report(n, "validation.sheets: no file \(resolve(sheet))") }
            }
        }
        let output = resolve(y.string(value(top, "output"), "output") ?? "../output/\(name)")
        checkRanges(&y)
        let excelSafe = excelSafe(&y)
        guard y.problems.isEmpty else { throw .invalidInputs(y.problems) }
        var pipeline = Pipeline(path: path, name: name, description: description, corpusRoot: root, manifestPath: resolve(manifest),
                        lexiconPaths: lexicons, normalization: norm, ingest: ingest, plus: plus, minus: minus,
                        bootstrap: bootstrap, passageFilter: passageFilter, figures: figures, outputDirectory: output)
        pipeline.figureTitles = figureTitles
        pipeline.allowOutsideRoot = allowOutsideRoot
        pipeline.dictionaryPath = dictionaryPath
        pipeline.lexiconTermsInDictionary = lexiconTerms
        pipeline.groupFields = groupFields
        pipeline.weighting = weighting
        pipeline.minDocuments = minDocuments
        pipeline.minHits = minHits
        pipeline.byLanguage = byLanguage
        pipeline.validationSheets = validationSheets
        pipeline.excelSafe = excelSafe
        pipeline.trends = trends
        pipeline.report = y.bool(value(top, "report"), "report") ?? false
        pipeline.negation = negation
        return pipeline
    }
}
