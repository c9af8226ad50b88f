import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolframeScore

/// What `polframe fetch` did for each document file.
public struct FetchReport: Sendable {
    public var fetched: [String] = []
    public var present: [String] = []
    /// (path, why) for files that could not be fetched or did not match their sha256.
    public var failed: [(String, String)] = []
    /// Files without a sha256 in the manifest, with the sha256 recorded for them.
    public var recorded: [(String, String)] = []
}

/// The bounds of one `polframe fetch`: a manifest names the URLs, so it must not choose how long
/// a download runs, how large it grows, or which protocol libcurl speaks.
public struct FetchOptions: Sendable {
    /// Seconds for each download, start to finish (a server trickling bytes is cut off too).
    public var timeout: TimeInterval = 60
    /// Bytes a file may have (after decompression); nil: the pipeline's `ingest.max_bytes` for a
    /// document, `recordFileBytes` for a file of JSONL records.
    public var maxBytes: Int?
    /// Also accept `file://` URLs (off: a manifest must not copy local files into the corpus).
    public var allowFileURLs = false

    /// The default bound of a file that holds JSONL records (each record is bounded at ingest).
    public static let recordFileBytes = 1 << 30

    public init(timeout: TimeInterval = 60, maxBytes: Int? = nil, allowFileURLs: Bool = false) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.allowFileURLs = allowFileURLs
    }
}

extension Engine {
    /// Materializes the corpus under the pipeline's corpus root, from a mirror folder or from
    /// the manifest's URLs, checking sha256 where the manifest gives one (for whole files; a
    /// JSONL record's hash covers the record and is checked at ingest) and recording it where it
    /// does not (in output/NAME/.polframe/fetched.tsv). Every path stays inside the corpus root
    /// (and inside the mirror), whatever the pipeline allows make to read. A failure is reported;
    /// the rest is fetched.
    public func fetch(from mirror: String?, options: FetchOptions = FetchOptions()) -> FetchReport {
        var report = FetchReport()
        var seen = Set<String>()
        let corpus = CorpusGuard(root: inputs.pipeline.corpusRoot)
        let source = mirror.map { CorpusGuard(root: ($0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0) as String) }
        let targets = inputs.manifest.filter { seen.insert($0.path).inserted }.map { ($0, corpus.confined($0.path)) }
        Self.removeAbandonedDownloads(targets.compactMap { try? $0.1.get() })
        for (e, confined) in targets {
            let dest: String
            switch confined {
            case .success(let d): dest = d
            case .failure(let refused):
                report.failed.append((e.path, "not fetched: \(refused.detail) (manifest line \(e.line)); fetch writes only inside the corpus root \(inputs.pipeline.corpusRoot)"))
                continue
            }
            let expected = e.record == nil ? e.sha256 : ""
            let limit = options.maxBytes ?? (e.record == nil ? inputs.pipeline.ingest.maxBytes : FetchOptions.recordFileBytes)
            if case .success(let d) = DocumentFile.read(dest), expected.isEmpty || Digest.sha256(d) == expected {
                report.present.append(e.path)
                continue
            }
            let outcome: Result<String, FetchFailure>
            if let source {
                outcome = Self.copy(e.path, from: source, to: dest, limit: limit, expected: expected)
            } else if e.url.isEmpty {
                outcome = .failure(FetchFailure("no url in the manifest (line \(e.line))"))
            } else {
                outcome = Self.download(e.url, to: dest, options: options, limit: limit, expected: expected)
            }
            switch outcome {
            case .success(let sha):
                report.fetched.append(e.path)
                if e.sha256.isEmpty { report.recorded.append((e.path, sha)) }
            case .failure(let why):
                report.failed.append((e.path, e.url.isEmpty || source != nil ? why.message : "\(Self.redacted(e.url)): \(why.message)"))
            }
        }
        if !report.recorded.isEmpty {
            var previous = (try? String(contentsOfFile: stateDirectory + "/fetched.tsv", encoding: .utf8)) ?? "path\tsha256\n"
            for (p, s) in report.recorded { previous += "\(p)\t\(s)\n" }
            try? AtomicFile.write(previous, to: stateDirectory + "/fetched.tsv")
        }
        return report
    }

    /// Removes the temporaries (`NAME.tmp-PID-RANDOM`) of destinations that a killed fetch left
    /// beside them (a download streams to one: it may be large); a live process's stay.
    static func removeAbandonedDownloads(_ destinations: [String]) {
        var names: [String: Set<String>] = [:]
        for d in destinations {
            let slash = d.lastIndex(of: "/") ?? d.startIndex
            names[String(d[..<slash]), default: []].insert(String(d[d.index(after: slash)...]))
        }
        for (folder, files) in names {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                guard let pid = OutputFolder.temporaryWriter(name), !OutputFolder.processIsAlive(pid),
                      let base = name.range(of: ".tmp-", options: .backwards).map({ String(name[..<$0.lowerBound]) }),
                      files.contains(base) else { continue }
                unlink(folder + "/" + name)
            }
        }
    }

    struct FetchFailure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// Copies one file from a mirror folder (confined to it, regular files only, bounded).
    static func copy(_ path: String, from mirror: CorpusGuard, to dest: String, limit: Int, expected: String) -> Result<String, FetchFailure> {
        let file: String
        switch mirror.confined(path) {
        case .success(let f): file = f
        case .failure(let refused): return .failure(FetchFailure("not copied from the mirror \(mirror.root): \(refused.detail)"))
        }
        if let size = Cache.fileInfo(file)?.size, size > limit {
            return .failure(FetchFailure("\(file) is \(size) bytes, over the limit of \(limit) (--max-bytes)"))
        }
        let data: [UInt8]
        switch DocumentFile.read(file) {
        case .success(let d): data = d
        case .failure(let f):
            return .failure(FetchFailure(f.reason == "file not found" ? "not in the mirror \(mirror.root)" : "\(file) in the mirror: \(f.detail)"))
        }
        let sha = Digest.sha256(data)
        if !expected.isEmpty && sha != expected { return .failure(FetchFailure("sha256 is \(sha), the manifest says \(expected)")) }
        do { try AtomicFile.write(Data(data), to: dest) } catch {
            return .failure(FetchFailure("cannot write \(dest): \(WriteFailure.reason(error, writing: dest))"))
        }
        return .success(sha)
    }

    /// Downloads one URL into `dest` through a temporary file beside it: streamed to disk,
    /// bounded in time and size, renamed into place only when complete, successful and (where
    /// the manifest gives one) of the expected sha256. Returns the file's sha256.
    static func download(_ url: String, to dest: String, options: FetchOptions, limit: Int, expected: String) -> Result<String, FetchFailure> {
        if let refused = refusedScheme(url, allowFile: options.allowFileURLs) { return .failure(FetchFailure(refused)) }
        var sha = ""
        do {
            try AtomicFile.streamDescriptor(to: dest) { fd in
                let timeout = Int32(max(1, min(options.timeout.rounded(.up), 86_400)))
                let status: Int32
                switch HTTPDownload.get(url, into: fd, timeoutSeconds: timeout, maxBytes: Int64(limit), allowFile: options.allowFileURLs) {
                case let .success(t): status = t.status
                case let .failure(e): throw FetchFailure(redacted(e.message.isEmpty ? "download failed" : e.message, in: url))
                }
                let isFile = url.lowercased().hasPrefix("file:")
                guard isFile || (200..<300).contains(status) else { throw FetchFailure("HTTP \(status)") }
                guard let digest = sha256(of: fd) else { throw FetchFailure("cannot read back the download") }
                if !expected.isEmpty && digest != expected { throw FetchFailure("sha256 is \(digest), the manifest says \(expected)") }
                sha = digest
            }
        } catch let failure as FetchFailure {
            return .failure(failure)
        } catch {
            return .failure(FetchFailure("cannot write \(dest): \(WriteFailure.reason(error, writing: dest))"))
        }
        return .success(sha)
    }

    /// Why a URL's scheme is refused, or nil for http and https (and file when allowed).
    static func refusedScheme(_ url: String, allowFile: Bool) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return "not a URL (no scheme such as https://)" }
        let scheme = url[..<colon].lowercased()
        if scheme == "http" || scheme == "https" || (scheme == "file" && allowFile) { return nil }
        if scheme == "file" { return "file URLs are not fetched unless --allow-file-urls is given" }
        return "the scheme '\(scheme)' is not fetched (only http and https)"
    }

    /// A URL with its user and password (`https://user:secret@host/`) replaced by `***`, for messages.
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + "***" + String(url[at...])
    }

    /// A message with the URL's credentials, wherever libcurl repeated them, replaced by `***`.
    static func redacted(_ message: String, in url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return message }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return message }
        let userinfo = String(rest[..<at])
        var out = message.replacingOccurrences(of: url, with: redacted(url))
        if !userinfo.isEmpty { out = out.replacingOccurrences(of: userinfo, with: "***") }
        return out
    }

    /// The sha256 of what a descriptor holds, read from its start.
    static func sha256(of fd: Int32) -> String? {
        guard lseek(fd, 0, SEEK_SET) == 0 else { return nil }
        return Digest.sha256(descriptor: fd)
    }
}
