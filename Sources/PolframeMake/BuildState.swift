import Foundation
import PolframeScore

/// What the last run built, kept in output/NAME/.polframe/state.tsv: a small, versioned text
/// file (a line per record, tab-separated) that reads fast enough for a no-op make over 10,000
/// documents. A file of an older format is migrated on read; a newer one is refused with advice.
public struct BuildState: Sendable {
    /// Format 3 adds to each document the cache key of its score record when it is not the
    /// score fingerprint (a score kept across a lexicon edit stays where it is). Format 2 (no
    /// such key: every record under its fingerprint) and format 1 (no inode, ctime, manifest
    /// format/record or coverage totals: the first run hashes every input once, nothing is
    /// rebuilt) are still read.
    public static let format = 3

    /// Per-document state.
    public struct DocumentState: Sendable, Hashable {
        public var path: String
        public var size: Int
        public var mtime: Double
        /// Inode and status-change time (seconds, with fractions): with size and mtime, the stat
        /// tuple that stands for the input's hash (0 and -1 when unknown: format 1).
        public var inode: UInt64 = 0
        public var ctime: Double = -1
        /// The manifest's format and record of the document (they enter the ingest fingerprint).
        public var entryKey = ""
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
        /// Where the score record is in the cache when not under `scoreFingerprint`: a score kept
        /// across a lexicon edit (see `ScoreDelta`) is valid for the new fingerprint and stays
        /// under the one it was made with.
        public var scoreKey = ""
        /// The cache key of the score record.
        public var scoreRecordKey: String { scoreKey.isEmpty ? scoreFingerprint : scoreKey }

        public init(path: String, size: Int, mtime: Double, input: String, ingestFingerprint: String, ingestOutput: String, ingestText: String,
                    normalizeFingerprint: String, normalizeOutput: String, scoreFingerprint: String, scoreOutput: String) {
            self.path = path; self.size = size; self.mtime = mtime; self.input = input
            self.ingestFingerprint = ingestFingerprint; self.ingestOutput = ingestOutput; self.ingestText = ingestText
            self.normalizeFingerprint = normalizeFingerprint; self.normalizeOutput = normalizeOutput
            self.scoreFingerprint = scoreFingerprint; self.scoreOutput = scoreOutput
        }
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
    /// Hits and documents per lexicon entry over the scored documents of `documents` (what
    /// coverage.csv lists): the next run adjusts them by the documents whose score changed
    /// instead of reading every document's entry counts. Nil when not recorded (format 1).
    public var coverage: [String: EntryTotal]? = nil
    /// When the state file was last written (its mtime; not stored in it): an input modified
    /// this close to it may have changed within the timestamp granularity and is rehashed.
    public var writtenAt: Double = 0

    public struct EntryTotal: Sendable, Hashable {
        public var hits: Int
        public var documents: Int
    }

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
        state.writtenAt = Cache.fileInfo(path)?.mtime ?? 0
        var version = 0
        var lineNo = 0
        // One pass over the bytes, fields straight from the buffer: this file has a line per
        // document and is read on every make (arrays of slices per line were a fifth of a no-op).
        var failure: ReadError? = nil
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let buf = raw.bindMemory(to: UInt8.self)
            var fields: [String] = []
            fields.reserveCapacity(16)
            var start = 0
            while start < buf.count {
                var end = start
                var fieldStart = start
                var escaped = false
                fields.removeAll(keepingCapacity: true)
                while true {
                    let c: UInt8 = end < buf.count ? buf[end] : 0x0A
                    if c == 0x09 || c == 0x0A {
                        let s = String(decoding: UnsafeBufferPointer(rebasing: buf[fieldStart..<end]), as: UTF8.self)
                        fields.append(escaped ? unescape(s) : s)
                        escaped = false
                        fieldStart = end + 1
                        if c == 0x0A { break }
                    } else if c == 0x5C {
                        escaped = true
                    }
                    end += 1
                }
                if end > start {
                    lineNo += 1
                    if let e = state.add(fields, line: lineNo, version: &version, path: path) { failure = e; return }
                }
                start = end + 1
            }
        }
        if let failure { throw failure }
        return state
    }

    /// Writes state atomically, a megabyte at a time (the whole file as lines, then joined, then
    /// as bytes, was three copies of it at the end of a run: the peak memory of a large corpus).
    public func write(path: String) throws {
        let file = PendingStateFile(path: path, documents: documents, background: false)
        try file.finish(self)
    }

    /// The `doc` records, in id order, handed out a megabyte at a time: almost all of the file,
    /// and a function of `documents` alone. Field by field, without an array or a String per
    /// document; the hashes and fingerprints (hex, or a word such as "missing") never need
    /// escaping.
    static func documentLines(_ documents: [String: DocumentState], _ sink: ([UInt8]) -> Void) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 20)
        func put(_ s: String) {
            var s = s
            s.withUTF8 { bytes.append(contentsOf: $0) }
        }
        func putEscaped(_ s: String) { isPlain(s) ? put(s) : put(escape(s)) }
        for id in documents.keys.sorted() {
            let d = documents[id]!
            put("doc\t"); putEscaped(id); bytes.append(0x09); putEscaped(d.path)
            bytes.append(0x09); put(String(d.size)); bytes.append(0x09); put(String(d.mtime))
            bytes.append(0x09); put(String(d.inode)); bytes.append(0x09); put(String(d.ctime))
            bytes.append(0x09); putEscaped(d.entryKey)
            for h in [d.input, d.ingestFingerprint, d.ingestOutput, d.ingestText, d.normalizeFingerprint, d.normalizeOutput,
                      d.scoreFingerprint, d.scoreOutput, d.scoreKey] {
                bytes.append(0x09); putEscaped(h)
            }
            bytes.append(0x0A)
            if bytes.count >= 1 << 20 { sink(bytes); bytes.removeAll(keepingCapacity: true) }
        }
        if !bytes.isEmpty { sink(bytes) }
    }

    /// The records after the documents' (components, targets, outputs, forms, coverage).
    func tailLines() -> [UInt8] {
        var buffer = ""
        func line(_ fields: [String]) {
            var first = true
            for f in fields {
                if !first { buffer += "\t" }
                buffer += Self.escape(f)
                first = false
            }
            buffer += "\n"
        }
        for stage in components.keys.sorted() {
            for (k, v) in components[stage]!.sorted(by: { $0.key < $1.key }) { line(["comp", stage, k, v]) }
        }
        for (k, v) in targets.sorted(by: { $0.key < $1.key }) { line(["target", k, v]) }
        for (k, v) in outputs.sorted(by: { $0.key < $1.key }) { line(["output", k, v]) }
        for lex in lexiconForms.keys.sorted() {
            for cat in lexiconForms[lex]!.keys.sorted() {
                for form in lexiconForms[lex]![cat]! { line(["form", lex, cat, form]) }
            }
        }
        if let coverage {
            // `covnone` marks totals recorded with no entry hit at all (not "not recorded").
            if coverage.isEmpty { line(["covnone"]) }
            for (k, v) in coverage.sorted(by: { $0.key < $1.key }) { line(["cov", k, String(v.hits), String(v.documents)]) }
        }
        return Array(buffer.utf8)
    }

    /// The old single-shot writer, kept only to describe format 1 in tests.
    func writeFormat1(path: String) throws {
        var lines = ["polframe-state\t1"]
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

    /// Lowercase hex digits and letters only (a hash, or "missing"): nothing to escape, told by
    /// a quick look at its bytes.
    @inline(__always)
    static func isPlain(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            for b in u where !(b >= 0x30 && b <= 0x39) && !(b >= 0x61 && b <= 0x7A) { return false }
            return true
        }
    }

    static func escape(_ s: String) -> String { FieldEscape.escape(s) }

    static func unescape(_ s: String) -> String { FieldEscape.unescape(s) }
}
