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
        Self.readFile(path(kind, fingerprint))
    }

    /// A whole file by open, fstat and read (FileManager's reader costs more calls per file, and
    /// a re-score reads two cache entries per document).
    static func readFile(_ path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        var data = Data(count: Int(st.st_size))
        var got = 0
        let ok = data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) -> Bool in
            while got < raw.count {
                let n = Glibc.read(fd, raw.baseAddress! + got, raw.count - got)
                if n < 0 { if errno == EINTR { continue }; return false }
                if n == 0 { break }
                got += n
            }
            return true
        }
        guard ok else { return nil }
        if got < data.count { data.removeSubrange(got...) }
        return data
    }

    func write(_ kind: Kind, _ fingerprint: String, _ data: Data) {
        // A cache that cannot be written only costs time on the next run.
        _ = Self.writeEntry(data, to: path(kind, fingerprint))
    }

    /// Writes a cache entry to a temporary file beside it and renames it into place (no fsync:
    /// the rename alone makes a killed run leave the old file or the new one). The fan-out
    /// directory is created only when the first open fails for want of it, not stat'ed and
    /// created per entry: that made directory lookups and mkdir a fifth of a full build's CPU.
    static func writeEntry(_ data: Data, to path: String) -> Bool {
        let tmp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return false }
            fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { return false }
        let written = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        close(fd)
        guard written, rename(tmp, path) == 0 else {
            unlink(tmp)
            return false
        }
        return true
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

    /// The stat tuple that stands for a file's content between runs: size, mtime, inode and
    /// ctime (times in seconds, with fractions), or nil.
    static func statTuple(_ path: String) -> (size: Int, mtime: Double, inode: UInt64, ctime: Double)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (Int(st.st_size), Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9, UInt64(st.st_ino),
                Double(st.st_ctim.tv_sec) + Double(st.st_ctim.tv_nsec) / 1e9)
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
        // The blank line between the fields and the text, found on bytes (String's range(of:)
        // went through a slow general path, and this runs for every document a re-score reads).
        let bytes = [UInt8](data)
        var cut = -1
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A { cut = i; break }
            i += 1
        }
        guard cut >= 0 else { return nil }
        text = String(decoding: bytes[(cut + 2)...], as: UTF8.self)
        var kv: [String: String] = [:]
        for line in bytes[..<cut].split(separator: 0x0A) {
            guard let tab = line.firstIndex(of: 0x09) else { return nil }
            let k = String(decoding: line[..<tab], as: UTF8.self)
            let v = BuildState.unescape(String(decoding: line[(tab + 1)...], as: UTF8.self))
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
