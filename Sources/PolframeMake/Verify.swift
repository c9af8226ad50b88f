import Foundation

/// `polframe verify`: rebuild from scratch into a temporary folder and compare with the outputs
/// in the pipeline's output folder, naming what drifted and, from the lock files, why.
public struct VerifyReport: Sendable {
    public var compared: [String] = []
    public var drifted: [String] = []
    public var missing: [String] = []
    /// Differences between the committed lock and the rebuilt one, in words.
    public var causes: [String] = []
    public var ok: Bool { drifted.isEmpty && missing.isEmpty }
}

extension Engine {
    /// The files verify compares (those of them present in the output folder).
    var verifiableFiles: [String] {
        let figures = ((try? FileManager.default.contentsOfDirectory(atPath: outputDirectory + "/figures")) ?? [])
            .filter { $0.hasSuffix(".svg") }.sorted().map { "figures/" + $0 }
        return aggregateFiles + figures + ["polframe.lock"]
    }

    /// Rebuilds into `temporaryRoot/polframe-verify-PID-UUID` (removed when done) and compares.
    public func verify(jobs: Int, temporaryRoot: String = NSTemporaryDirectory()) throws(MakeError) -> VerifyReport {
        let root = temporaryRoot.hasSuffix("/") ? temporaryRoot : temporaryRoot + "/"
        // A verify killed midway leaves its folder (a whole rebuild): the next one removes it.
        Self.removeAbandonedVerifyFolders(in: root)
        let tmp = root + "polframe-verify-\(getpid())-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let fresh = Engine(inputs: inputs.writing(to: tmp))
        _ = try fresh.make(MakeOptions(jobs: jobs, rebuildAll: true, quiet: true))
        var report = VerifyReport()
        let fm = FileManager.default
        let present = verifiableFiles.filter { fm.fileExists(atPath: outputDirectory + "/" + $0) }
        if present.isEmpty { report.missing = verifiableFiles }
        for f in present {
            report.compared.append(f)
            let a = fm.contents(atPath: outputDirectory + "/" + f), b = fm.contents(atPath: tmp + "/" + f)
            if a != b { report.drifted.append(f) }
        }
        if let committed = try? String(contentsOfFile: outputDirectory + "/polframe.lock", encoding: .utf8),
           let rebuilt = try? String(contentsOfFile: tmp + "/polframe.lock", encoding: .utf8) {
            report.causes = Self.lockDifferences(committed, rebuilt)
        }
        return report
    }

    /// Removes `polframe-verify-PID-…` folders whose process is gone; returns their names.
    @discardableResult
    static func removeAbandonedVerifyFolders(in root: String) -> [String] {
        var removed: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where name.hasPrefix("polframe-verify-") {
            guard let pid = pid_t(name.dropFirst("polframe-verify-".count).prefix { $0 != "-" }), pid > 0,
                  !OutputFolder.processIsAlive(pid) else { continue }
            if (try? FileManager.default.removeItem(atPath: root + name)) != nil { removed.append(name) }
        }
        return removed
    }

    /// "icu 72.1 → 74.2", "lexicon ai-governance-framing: sha256 changed", "document X changed".
    static func lockDifferences(_ a: String, _ b: String) -> [String] {
        let old = Lock.entries(a), new = Lock.entries(b)
        var causes: [String] = []
        for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
            switch (old[key], new[key]) {
            case (nil, let n?): causes.append("\(key) is new (\(n))")
            case (let o?, nil): causes.append("\(key) is gone (was \(o))")
            case (let o?, let n?):
                if key.hasPrefix("documents ") { causes.append("document \(key.dropFirst(10)) changed") }
                else if key.hasPrefix("outputs ") { causes.append("output \(key.dropFirst(8)) differs") }
                else if o.count > 40 || n.count > 40 { causes.append("\(key) changed") }
                else { causes.append("\(key) \(o) → \(n)") }
            default: break
            }
        }
        return causes
    }
}
