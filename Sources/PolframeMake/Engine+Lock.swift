import Foundation
import PolframeScore

/// The lock target: polframe.lock, what this run's outputs were made from.
extension Engine {
    /// Writes polframe.lock and returns its sha256. Each document's content hash comes from
    /// this run's ingest result, else from the last lock (when it is as that run wrote it and the
    /// document's ingest result is unchanged), else from the cached ingest record.
    func writeLock(_ outcomes: inout [DocumentOutcome], order: [Int], old: BuildState, outputs: [String: String], jobs: Int) throws(MakeError) -> String {
        let path = outputDirectory + "/polframe.lock"
        var last: [String: String] = [:]
        if let recorded = old.targets["lock"], let data = Cache.readFile(path), Digest.sha256(data) == recorded {
            last = Lock.documents(data)
        }
        func known(_ i: Int) -> String? {
            if outcomes[i].meta != nil { return outcomes[i].meta?.contentSHA256 }
            guard !outcomes[i].previousIngestOutput.isEmpty, outcomes[i].previousIngestOutput == outcomes[i].state.ingestOutput else { return nil }
            return last[outcomes[i].entry.id]
        }
        if outcomes.indices.contains(where: { known($0) == nil }) { loadMissing(&outcomes, jobs: jobs) }
        let text = Lock.render(inputs: inputs, documents: order.map { (outcomes[$0].entry.id, known($0) ?? "") },
                               outputs: outputs.mapValues { String($0.split(separator: "|").first ?? "") })
        do { try AtomicFile.write(text, to: path) } catch { throw .cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path)) }
        return Digest.sha256(text)
    }
}
