import Foundation
import PolframeScore

/// What the last run built, kept in output/NAME/.polframe/state.tsv: a small, versioned text
/// file (a line per record, tab-separated) that reads fast enough for a no-op make over 10,000
/// documents. A file of an older format is migrated on read; a newer one is refused with advice.
public struct BuildState: Sendable {
    /// Format 1: the first. (When it changes, `read` keeps a reader for each older format.)
    public static let format = 1

    /// Per-document state.
    public struct DocumentState: Sendable, Hashable {
        public var path: String
        public var size: Int
        public var mtime: Double
        /// sha256 of the input bytes.
        public var input: String
        public var ingestFingerprint: String
        /// Hash of the ingest result (text and metadata): what the corpus targets depend on.
        public var ingestOutput: String
        /// Hash of the extracted text alone: all normalization depends on (early cutoff).
        public var ingestText: String
        public var normalizeFingerprint: String
        /// Hash of the analysis: early cutoff for scoring.
        public var normalizeOutput: String
        public var scoreFingerprint: String
        public var scoreOutput: String
    }

    public var documents: [String: DocumentState] = [:]
    /// Components of the global parts of each stage's fingerprint, by stage, for explanations.
    public var components: [String: [String: String]] = [:]
    /// Fingerprint digests of the whole-corpus targets (aggregate, figures).
    public var targets: [String: String] = [:]
    /// sha256 of each output as last written.
    public var outputs: [String: String] = [:]
    /// Each lexicon's categories and forms, to say what a lexicon change changed.
    public var lexiconForms: [String: [String: [String]]] = [:]

    public init() {}

    public enum ReadError: Error, CustomStringConvertible {
        case newerFormat(Int, path: String)
        case corrupt(line: Int, path: String)
        public var description: String {
            switch self {
            case let .newerFormat(v, path): return "\(path): state format \(v) is newer than this polframe reads (\(BuildState.format)); run `polframe clean` or a newer polframe"
            case let .corrupt(line, path): return "\(path):\(line): state is damaged; it will be rebuilt"
            }
        }
    }

    /// Reads state; a missing file is an empty state.
    public static func read(path: String) throws(ReadError) -> BuildState {
        guard let data = FileManager.default.contents(atPath: path) else { return BuildState() }
        var state = BuildState()
        var lineNo = 0
        // Split on bytes: this file has a line per document and is read on every make.
        let bytes = [UInt8](data)
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            lineNo += 1
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false).map { field -> String in
                let s = String(decoding: field, as: UTF8.self)
                return field.contains(0x5C) ? unescape(s) : s
            }
            if lineNo == 1 {
                guard f.count == 2, f[0] == "polframe-state", let v = Int(f[1]) else { throw .corrupt(line: 1, path: path) }
                if v > format { throw .newerFormat(v, path: path) }
                continue
            }
            switch f.first {
            case "doc" where f.count == 13:
                state.documents[f[1]] = DocumentState(path: f[2], size: Int(f[3]) ?? -1, mtime: Double(f[4]) ?? -1, input: f[5],
                                                      ingestFingerprint: f[6], ingestOutput: f[7], ingestText: f[8], normalizeFingerprint: f[9],
                                                      normalizeOutput: f[10], scoreFingerprint: f[11], scoreOutput: f[12])
            case "comp" where f.count == 4: state.components[f[1], default: [:]][f[2]] = f[3]
            case "target" where f.count == 3: state.targets[f[1]] = f[2]
            case "output" where f.count == 3: state.outputs[f[1]] = f[2]
            case "form" where f.count == 4: state.lexiconForms[f[1], default: [:]][f[2], default: []].append(f[3])
            default: throw .corrupt(line: lineNo, path: path)
            }
        }
        return state
    }

    /// Writes state atomically.
    public func write(path: String) throws {
        var lines = ["polframe-state\t\(Self.format)"]
        for id in documents.keys.sorted() {
            let d = documents[id]!
            lines.append(["doc", id, d.path, String(d.size), String(d.mtime), d.input, d.ingestFingerprint, d.ingestOutput, d.ingestText,
                          d.normalizeFingerprint, d.normalizeOutput, d.scoreFingerprint, d.scoreOutput].map(Self.escape).joined(separator: "\t"))
        }
        for stage in components.keys.sorted() {
            for (k, v) in components[stage]!.sorted(by: { $0.key < $1.key }) { lines.append(["comp", stage, k, v].map(Self.escape).joined(separator: "\t")) }
        }
        for (k, v) in targets.sorted(by: { $0.key < $1.key }) { lines.append(["target", k, v].map(Self.escape).joined(separator: "\t")) }
        for (k, v) in outputs.sorted(by: { $0.key < $1.key }) { lines.append(["output", k, v].map(Self.escape).joined(separator: "\t")) }
        for lex in lexiconForms.keys.sorted() {
            for cat in lexiconForms[lex]!.keys.sorted() {
                for form in lexiconForms[lex]![cat]! { lines.append(["form", lex, cat, form].map(Self.escape).joined(separator: "\t")) }
            }
        }
        try AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: path)
    }

    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x5C || $0 == 0x0D }) else { return s }
        return s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    static func unescape(_ s: String) -> String {
        guard s.utf8.contains(0x5C) else { return s }
        var out = ""
        var it = s.makeIterator()
        while let c = it.next() {
            if c == "\\", let n = it.next() {
                switch n {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(n)
                }
            } else {
                out.append(c)
            }
        }
        return out
    }
}
