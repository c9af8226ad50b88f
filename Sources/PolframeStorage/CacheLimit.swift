import Foundation

extension Cache {
    /// Holds the results the index names to `limit` bytes (`polframe make --cache-limit`, or
    /// POLFRAME_CACHE_LIMIT). The cache is mostly analyses (tokens, offsets and sentences of every
    /// document: about ten times its text), so a limit forgets, in this order and oldest pack
    /// first: results no state names, then the analyses of current documents (recomputed from
    /// the cached text when a normalization or lexicon change needs them). The ingest and score
    /// results of current documents are always kept: every output is made from them, so the
    /// cache never shrinks below them whatever the limit. Packs left mostly forgotten, the run's
    /// own included, are compacted by `commit` in the same run, so the folder meets the limit
    /// when the make ends.
    func limitLocked(_ limit: Int, named: Set<Key>) {
        var total = 0
        var candidates: [(order: Int, pack: Int32, kind: Int, key: Key, bytes: Int)] = []
        for kind in index.indices {
            for (key, l) in index[kind] {
                let bytes = Self.headerSize + Key.size + Int(l.length)
                total += bytes
                if !named.contains(key) { candidates.append((0, l.pack, kind, key, bytes)) }
                else if kind == Int(Kind.analysis.code) { candidates.append((1, l.pack, kind, key, bytes)) }
            }
        }
        guard total > limit else { return }
        candidates.sort { ($0.order, $0.pack) < ($1.order, $1.pack) }
        var forgotFromWriter = false
        for c in candidates {
            guard total > limit else { break }
            index[c.kind][c.key] = nil
            total -= c.bytes
            if c.pack == writer?.pack { forgotFromWriter = true }
        }
        // The run's pack is then judged like the others (and compacted into a new one when mostly
        // forgotten): otherwise a run that wrote more than the limit would keep it all on disk.
        if forgotFromWriter { writer = nil }
    }

    /// A size such as `500M`, `2G`, `800k` or a plain number of bytes; nil if it is none.
    package static func parseSize(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Int)] = [("gib", 1 << 30), ("mib", 1 << 20), ("kib", 1 << 10), ("gb", 1 << 30), ("mb", 1 << 20), ("kb", 1 << 10),
                                      ("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10), ("b", 1)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let n = Double(t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), n >= 0, n * Double(factor) < 9e18 else { return nil }
            return Int(n * Double(factor))
        }
        return Int(t).flatMap { $0 >= 0 ? $0 : nil }
    }
}
