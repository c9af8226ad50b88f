import CICUBridge
import Foundation
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

extension Engine {
    /// Materializes the corpus under the pipeline's corpus root, from a mirror folder or from
    /// the manifest's URLs, checking sha256 where the manifest gives one (for whole files; a
    /// JSONL record's hash covers the record and is checked at ingest) and recording it where it
    /// does not (in output/NAME/.polframe/fetched.tsv). A failure is reported; the rest is fetched.
    public func fetch(from mirror: String?, timeout: TimeInterval = 60) -> FetchReport {
        var report = FetchReport()
        var seen = Set<String>()
        let fm = FileManager.default
        for e in inputs.manifest where seen.insert(e.path).inserted {
            let dest = inputs.file(of: e)
            let expected = e.record == nil ? e.sha256 : ""
            if let d = fm.contents(atPath: dest), expected.isEmpty || Digest.sha256(d) == expected {
                report.present.append(e.path)
                continue
            }
            let data: Data
            if let mirror {
                guard let d = fm.contents(atPath: mirror + "/" + e.path) else {
                    report.failed.append((e.path, "not in the mirror \(mirror)"))
                    continue
                }
                data = d
            } else {
                guard !e.url.isEmpty, let url = URL(string: e.url) else {
                    report.failed.append((e.path, "no url in the manifest (line \(e.line))"))
                    continue
                }
                switch Self.download(url, timeout: timeout) {
                case .success(let d): data = d
                case .failure(let why):
                    report.failed.append((e.path, "\(e.url): \(why.message)"))
                    continue
                }
            }
            let sha = Digest.sha256(data)
            if !expected.isEmpty && sha != expected {
                report.failed.append((e.path, "sha256 is \(sha), the manifest says \(expected)"))
                continue
            }
            do { try AtomicFile.write(data, to: dest) } catch {
                report.failed.append((e.path, "cannot write \(dest): \(error)"))
                continue
            }
            report.fetched.append(e.path)
            if e.sha256.isEmpty { report.recorded.append((e.path, sha)) }
        }
        if !report.recorded.isEmpty {
            var previous = (try? String(contentsOfFile: stateDirectory + "/fetched.tsv", encoding: .utf8)) ?? "path\tsha256\n"
            for (p, s) in report.recorded { previous += "\(p)\t\(s)\n" }
            try? AtomicFile.write(previous, to: stateDirectory + "/fetched.tsv")
        }
        return report
    }

    struct DownloadError: Error { var message: String }

    /// One GET through libcurl, loaded on first use (see http_fetch.c: linking it cost every
    /// polframe process its start-up time); any status outside 2xx is a failure.
    static func download(_ url: URL, timeout: TimeInterval) -> Result<Data, DownloadError> {
        var out: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        var status: Int32 = 0
        var err = [CChar](repeating: 0, count: 512)
        let rc = pf_http_get(url.absoluteString, Int32(max(1, min(timeout, 86_400))), &out, &length, &status, &err, Int32(err.count))
        defer { pf_http_free(out) }
        guard rc == 0 else {
            let message = String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .failure(DownloadError(message: message.isEmpty ? "download failed" : message))
        }
        guard (200..<300).contains(status) else { return .failure(DownloadError(message: "HTTP \(status)")) }
        return .success(out.map { Data(bytes: $0, count: length) } ?? Data())
    }
}
