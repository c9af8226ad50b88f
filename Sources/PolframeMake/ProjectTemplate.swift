import Foundation
import PolframeScore

/// What `polframe init` writes: a project that `polframe make` runs as it is, once documents are
/// added. Nothing existing is overwritten.
public enum ProjectTemplate {
    public enum InitError: Error, CustomStringConvertible {
        case exists(path: String)
        case invalidName(String)
        case cannotWrite(path: String, detail: String)

        public var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists: polframe init writes a new project and never overwrites (choose another --name or folder)"
            case .invalidName(let n): return "'\(n)' cannot name a pipeline: use letters, digits, - and _"
            case let .cannotWrite(path, detail): return "\(path): cannot write (\(detail))"
            }
        }
    }

    /// Writes the project into `folder` (created if needed); returns the files written, relative
    /// to it. Lexicon files already there are kept as they are.
    public static func write(to folder: String, name: String) throws(InitError) -> [String] {
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }) else {
            throw .invalidName(name)
        }
        let fm = FileManager.default
        let pipeline = "pipelines/\(name).yaml", manifest = "pipelines/\(name)/manifest.tsv"
        for p in [pipeline, manifest] where fm.fileExists(atPath: folder + "/" + p) { throw .exists(path: folder + "/" + p) }
        var files: [(String, String)] = [(pipeline, pipelineText(name: name)), (manifest, manifestHeader)]
        for l in ShippedLexicons.files where !fm.fileExists(atPath: folder + "/lexicons/" + l.name) { files.append(("lexicons/" + l.name, l.text)) }
        if !fm.fileExists(atPath: folder + "/.gitignore") { files.append((".gitignore", gitignore)) }
        for (rel, text) in files {
            let path = folder + "/" + rel
            do {
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try AtomicFile.write(text, to: path)
            } catch { throw .cannotWrite(path: path, detail: "\(error)") }
        }
        try? fm.createDirectory(atPath: folder + "/documents", withIntermediateDirectories: true)
        return files.map(\.0)
    }

    /// The header of a new manifest: every known column, in the order polframe writes them.
    public static let manifestHeader = ["id", "path", "country", "date", "language", "title", "issuer", "url", "sha256", "translation_of",
                                        "record", "format"].joined(separator: "\t") + "\n"

    static let gitignore = """
        # polframe: the build state and cache of each pipeline (output/NAME/.polframe/) are
        # rebuilt by `polframe make`; the outputs themselves are yours to commit or not.
        output/*/.polframe/
        *.tmp

        """

    /// A pipeline file with every key present, each at its default and commented (docs/pipeline.md
    /// of the polframe repository says more about each).
    static func pipelineText(name: String) -> String {
        let lexicons = ShippedLexicons.files.map(\.name)
        let framing = lexicons.first { $0.hasPrefix("ai-governance") } ?? lexicons.first ?? "lexicon.yaml"
        return """
        # A polframe pipeline, written by `polframe init`. Every key is present at its default;
        # paths are relative to this file's folder. Run `polframe make` in the project folder.
        name: \(name)
        description: ""
        corpus:
          # The folder documents' paths in the manifest are relative to (here: the project folder).
          root: ..
          # One row per document; `polframe add FILES…` writes rows. Extra columns are document
          # variables (kept in documents.csv, usable in series.group_by).
          manifest: \(name)/manifest.tsv
          allow_outside_root: false        # documents whose path leaves root are skipped unless true
        # Lexicon files (native YAML, quanteda YAML, LIWC .dic, WordStat .cat); shipped ones in ../lexicons.
        lexicons:
          - ../lexicons/\(framing)
        normalize:
          nfkc: true                       # Unicode NFKC (also folds full-width forms)
          casefold: true                   # case-insensitive matching
          traditional_to_simplified: true  # Traditional Chinese matches Simplified entries
          width_fold: true                 # full-width ASCII and ideographic spaces to ASCII
          traditional_phrases: true        # Taiwan/Hong Kong terms (人工智慧 -> 人工智能)
          unify_punctuation: true          # one form for quotes, dashes and dots
          clean_spaces: true               # drop zero-width characters and soft hyphens
          join_chinese_lines: true         # a line break between Chinese characters is layout
        segment:
          # dictionary: words.txt          # your own word list (one word a line) kept whole
          lexicon_terms: false             # add the lexicons' Chinese forms to the segmenter's words
        ingest:
          max_bytes: 67108864              # larger files are skipped (64 MiB)
        # The contrast index is (plus - minus) / (plus + minus) over weighted hits.
        contrast:
          plus: values_based
          minus: development_centric
        series:
          group_by: country                # or [country, a_document_variable]
          weighting: tokens                # tokens (pooled rates) or documents (each counts once)
          min_documents: 3                 # cells with fewer documents are flagged few_documents
          by_language: false               # also write series_by_language.csv
          min_hits: 10                     # figures draw points on fewer hits hollow, with their count
          trends: false                    # also write category_shares.csv and trends.csv
          bootstrap: {replicates: 1000, level: 0.95, seed: 20251029}
        # passage_filter: {frame: topic_technology, window: 1}   # score only sentences near a topic frame's hits
        figures:                           # each figure's options: {title: "…"}
          contrast: {}
          frame_rates: {}
          category_heatmap: {}
          corpus_coverage: {}
        output: ../output/\(name)
        report: false                      # also build the evidence report (output/NAME/report/)
        csv:
          excel_safe: false                # prefix text cells a spreadsheet would run as formulas
        # negation:                        # cues added to the lexicons' own (imported dictionaries have none)
        #   en: [not, never]
        #   zh: [不, 没有]
        # validation:                      # coded sheets from `polframe validate sample`
        #   sheets: [../lexicons/validation/sample.csv]

        """
    }
}
