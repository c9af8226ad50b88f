import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolframeIngest
import PolframeScore

/// Content-addressed results of the per-document stages under output/NAME/.polframe/cache/:
/// a file is named by the fingerprint that produced it, written atomically, and never changed,
/// so a run killed at any moment leaves only whole files and the next run finds them.
struct Cache: Sendable {
    let root: String

    enum Kind: String { case ingest, analysis, score }

    func path(_ kind: Kind, _ fingerprint: String) -> String {
        "\(root)/\(kind.rawValue)/\(fingerprint.prefix(2))/\(fingerprint)"
    }

    func read(_ kind: Kind, _ fingerprint: String) -> Data? {
        FileManager.default.contents(atPath: path(kind, fingerprint))
    }

    func write(_ kind: Kind, _ fingerprint: String, _ data: Data) {
        // A cache that cannot be written only costs time on the next run.
        try? AtomicFile.write(data, to: path(kind, fingerprint), durable: false)
    }

    /// Writes the matches.csv rows of a score file to an open file descriptor, reading with
    /// POSIX calls into a buffer freed at once (Foundation's file reads kept every document's
    /// bytes alive until the end of a long loop).
    func copyMatches(_ fingerprint: String, to fd: Int32) -> Bool {
        let source = open(path(.score, fingerprint), O_RDONLY)
        guard source >= 0 else { return false }
        defer { close(source) }
        var st = stat()
        guard fstat(source, &st) == 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: Int(st.st_size))
        var got = 0
        while got < buffer.count {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(source, $0.baseAddress! + got, $0.count - got) }
            if n < 0 { if errno == EINTR { continue }; return false }
            if n == 0 { break }
            got += n
        }
        // The rows start after the line holding only U+001E (0x1E 0x0A).
        var start = 0
        var i = 0
        while i + 1 < got {
            if buffer[i] == 0x1E && buffer[i + 1] == 0x0A && (i == 0 || buffer[i - 1] == 0x0A) { start = i + 2; break }
            i += 1
        }
        guard start > 0 else { return true }
        return buffer.withUnsafeBytes { raw in
            var off = start
            while off < got {
                let n = Glibc.write(fd, raw.baseAddress! + off, got - off)
                if n < 0 { if errno == EINTR { continue }; return false }
                off += n
            }
            return true
        }
    }

    func contains(_ kind: Kind, _ fingerprint: String) -> Bool {
        // access(2) rather than FileManager: this runs several times per document on every make.
        access(path(kind, fingerprint), F_OK) == 0
    }

    /// Size and modification time (seconds, with fractions) of a file, or nil.
    static func fileInfo(_ path: String) -> (size: Int, mtime: Double)? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return (Int(st.st_size), Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
    }
}

/// The ingest result the later stages need: the extracted text and metadata, or why the
/// document was skipped. Stored as tab-separated `key value` lines followed by the text.
struct IngestRecord: Sendable, Hashable {
    var skipReason: String?
    var message: String?
    var contentSHA256 = ""
    var format = ""
    var title: Field?
    var date: Field?
    var issuer: Field?
    var language: Field?
    var encoding = ""
    var encodingSource = ""
    var invalidBytes = 0
    var firstInvalidByte: Int?
    var warnings: [String] = []
    var text = ""

    init(skipReason: String, message: String) {
        self.skipReason = skipReason
        self.message = message
    }

    init(_ d: Document, contentSHA256: String) {
        self.contentSHA256 = contentSHA256
        format = d.format.rawValue
        title = d.title; date = d.date; issuer = d.issuer; language = d.language
        encoding = d.encoding; encodingSource = d.encodingSource
        invalidBytes = d.invalidBytes; firstInvalidByte = d.firstInvalidByte
        warnings = d.warnings
        text = d.text
    }

    func serialized() -> Data {
        var lines: [String] = []
        func put(_ k: String, _ v: String) { lines.append(k + "\t" + BuildState.escape(v)) }
        if let r = skipReason { put("skip", r) }
        if let m = message { put("message", m) }
        put("sha256", contentSHA256)
        put("format", format)
        for (k, f) in [("title", title), ("date", date), ("issuer", issuer), ("language", language)] {
            if let f { put(k, f.value); put(k + "_source", f.source) }
        }
        put("encoding", encoding)
        put("encoding_source", encodingSource)
        put("invalid_bytes", String(invalidBytes))
        if let b = firstInvalidByte { put("first_invalid_byte", String(b)) }
        for w in warnings { put("warning", w) }
        return Data((lines.joined(separator: "\n") + "\n\n" + text).utf8)
    }

    init?(serialized data: Data) {
        let s = String(decoding: data, as: UTF8.self)
        guard let sep = s.range(of: "\n\n") else { return nil }
        text = String(s[sep.upperBound...])
        var kv: [String: String] = [:]
        for line in s[..<sep.lowerBound].split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { return nil }
            let k = String(line[..<tab]), v = BuildState.unescape(String(line[line.index(after: tab)...]))
            if k == "warning" { warnings.append(v) } else { kv[k] = v }
        }
        skipReason = kv["skip"]; message = kv["message"]
        contentSHA256 = kv["sha256"] ?? ""
        format = kv["format"] ?? ""
        func field(_ k: String) -> Field? { kv[k].map { Field($0, source: kv[k + "_source"] ?? "") } }
        title = field("title"); date = field("date"); issuer = field("issuer"); language = field("language")
        encoding = kv["encoding"] ?? ""; encodingSource = kv["encoding_source"] ?? ""
        invalidBytes = Int(kv["invalid_bytes"] ?? "0") ?? 0
        firstInvalidByte = kv["first_invalid_byte"].flatMap(Int.init)
    }
}

/// One shared copy of each category and entry name, so 10,000 documents' scores hold
/// references to the same strings rather than a copy each (memory grows with the corpus only
/// by numbers).
final class Interner: @unchecked Sendable {
    // @unchecked: `lock` guards `table`.
    static let shared = Interner()
    private var table: [String: String] = [:]
    private let lock = NSLock()

    func callAsFunction(_ s: String) -> String {
        lock.lock(); defer { lock.unlock() }
        if let t = table[s] { return t }
        table[s] = s
        return s
    }
}

/// A document's score without its matches (those go to a CSV fragment of their own): the
/// numbers aggregation needs, small enough to keep for every document in memory.
struct ScoreRecord: Sendable, Hashable {
    var tokens: Int
    var sentences: Int
    var hanCharacters: Int
    var latinLetters: Int
    var scoredTokens: Int
    var categories: [CategoryCount]
    /// Hits per lexicon entry ("frame/category/form"), for the coverage report.
    var entries: [String: Int]

    func serialized() -> Data {
        var lines = ["\(tokens)\t\(sentences)\t\(hanCharacters)\t\(latinLetters)\t\(scoredTokens)"]
        for c in categories {
            lines.append("\(c.frame)\t\(c.category)\t\(c.hits)\t\(c.negated)\t\(c.weighted)")
        }
        for (k, v) in entries.sorted(by: { $0.key < $1.key }) { lines.append("E\t\(BuildState.escape(k))\t\(v)") }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    init(tokens: Int, sentences: Int, hanCharacters: Int, latinLetters: Int, scoredTokens: Int, categories: [CategoryCount],
         entries: [String: Int]) {
        self.tokens = tokens; self.sentences = sentences; self.hanCharacters = hanCharacters
        self.latinLetters = latinLetters; self.scoredTokens = scoredTokens; self.categories = categories
        self.entries = entries
    }

    /// The score file: the record, a line holding only U+001E, then the matches.csv rows.
    static let separator = Data("\u{1E}\n".utf8)

    static func combine(_ record: Data, _ matches: Data) -> Data { record + separator + matches }

    /// The matches.csv rows of a score file.
    static func matches(in data: Data) -> Data {
        guard let r = data.range(of: separator) else { return Data() }
        return data[r.upperBound...]
    }

    /// Hits per entry, counted by pattern number and named once per distinct pattern.
    static func entryCounts(_ matches: [MatchRecord], keys: [String]) -> [String: Int] {
        var counts: [Int32: Int] = [:]
        for m in matches { counts[m.pattern, default: 0] += 1 }
        var out: [String: Int] = [:]
        for (p, n) in counts { out[Interner.shared(p >= 0 && Int(p) < keys.count ? keys[Int(p)] : "?"), default: 0] += n }
        return out
    }

    init?(serialized whole: Data) {
        let data = whole.range(of: ScoreRecord.separator).map { whole[..<$0.lowerBound] } ?? whole
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard let head = lines.first else { return nil }
        let h = head.split(separator: "\t").compactMap { Int($0) }
        guard h.count == 5 else { return nil }
        tokens = h[0]; sentences = h[1]; hanCharacters = h[2]; latinLetters = h[3]; scoredTokens = h[4]
        categories = []
        entries = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            if f.count == 3 && f[0] == "E" {
                entries[Interner.shared(BuildState.unescape(String(f[1])))] = Int(f[2]) ?? 0
                continue
            }
            guard f.count == 5, let hits = Int(f[2]), let neg = Int(f[3]), let w = Double(f[4]) else { return nil }
            categories.append(CategoryCount(frame: Interner.shared(String(f[0])), category: Interner.shared(String(f[1])), hits: hits, negated: neg, weighted: w))
        }
    }

    /// As the series builder wants it.
    var documentScore: DocumentScore {
        DocumentScore(tokens: tokens, scoredTokens: scoredTokens, sentences: sentences, categories: categories, matches: [],
                      hanCharacters: hanCharacters, latinLetters: latinLetters)
    }
}
