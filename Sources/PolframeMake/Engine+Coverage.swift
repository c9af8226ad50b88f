import Foundation
import PolframeScore

/// The coverage target: every lexicon entry's hits and documents (coverage.csv).
extension Engine {
    /// Hits and documents per entry over the scored documents: the last run's totals adjusted by
    /// the documents whose score changed (their old counts out, their new ones in), the
    /// documents scored by this run counted from memory; everything else is read from the cache
    /// only when the last totals cannot be used (none recorded, -B, an old count unreadable).
    func coverageTotals(_ outcomes: [DocumentOutcome], old: BuildState, fresh: Set<String>, freshTotals: [String: BuildState.EntryTotal],
                        rebuildAll: Bool, allowMissing: Bool = false) -> [String: BuildState.EntryTotal]? {
        // A scored document's record: its fingerprint (to read it) and its hash. Two records
        // with one hash have the same counts (a score kept across a lexicon edit, say).
        func scored(_ s: BuildState.DocumentState?) -> (fp: String, out: String)? {
            s.flatMap { $0.scoreOutput.isEmpty ? nil : ($0.scoreRecordKey, $0.scoreOutput) }
        }
        func counts(_ fp: String) -> [String: Int]? { cache.read(.score, fp).flatMap { ScoreRecord(serialized: $0)?.entries } }
        var totals = freshTotals
        func add(_ c: [String: Int], _ sign: Int) {
            for (k, v) in c {
                totals[k, default: .init(hits: 0, documents: 0)].hits += sign * v
                totals[k]!.documents += sign
            }
        }
        var current: [String: (fp: String, out: String)] = [:]
        current.reserveCapacity(outcomes.count)
        // The documents whose counts changed: their old counts out, their new ones in (each
        // outcome carries its last record; documents gone from the manifest are in the old
        // state only).
        var goneOrChanged: [String] = [], changedNow: [String] = []
        var rereads = 0
        for i in outcomes.indices {
            let id = outcomes[i].entry.id
            let now = outcomes[i].meta?.skipReason == nil ? scored(outcomes[i].state) : nil
            if let now { current[id] = now }
            let was = outcomes[i].previousScore
            if let was, fresh.contains(id) || now?.out != was.out { goneOrChanged.append(was.fp) }
            if let now, !fresh.contains(id) {
                rereads += 1
                if was?.out != now.out { changedNow.append(now.fp) }
            }
        }
        if old.documents.count > outcomes.reduce(0, { $0 + ($1.hadPrevious ? 1 : 0) }) {
            let ids = Set(outcomes.lazy.map(\.entry.id))
            for (id, d) in old.documents where !ids.contains(id) { if let was = scored(d) { goneOrChanged.append(was.fp) } }
        }
        incremental: if let before = old.coverage, !rebuildAll, goneOrChanged.count + changedNow.count < rereads {
            for (k, v) in before { totals[k, default: .init(hits: 0, documents: 0)].hits += v.hits; totals[k]!.documents += v.documents }
            for fp in goneOrChanged {
                guard let c = counts(fp) else { break incremental }
                add(c, -1)
            }
            for fp in changedNow {
                guard let c = counts(fp) else { break incremental }
                add(c, 1)
            }
            return totals.filter { $0.value.hits != 0 || $0.value.documents != 0 }
        }
        totals = freshTotals
        for (id, r) in current where !fresh.contains(id) {
            guard let c = counts(r.fp) else { if allowMissing { continue } else { return nil } }
            add(c, 1)
        }
        return totals.filter { $0.value.hits != 0 || $0.value.documents != 0 }
    }

}
