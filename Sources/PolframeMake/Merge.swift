import Foundation
import PolframeIngest
import PolframeLexicon
import PolframeScore

/// How `polframe merge` runs.
public struct MergeOptions: Sendable {
    public var jobs: Int
    /// The shards' root folder (default `OUTPUT/shards`).
    public var shardRoot: String?
    /// The number of shards expected; nil: as the first shard's records say.
    public var shards: Int?
    /// Build the evidence report even when the pipeline does not ask for it.
    public var report = false

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, shardRoot: String? = nil, shards: Int? = nil) {
        self.jobs = max(1, jobs)
        self.shardRoot = shardRoot
        self.shards = shards
    }
}

/// What a merge did.
public struct MergeReport: Sendable {
    public var shards = 0
    public var documents = 0
    public var scored = 0
    /// (id, status, message) of each skipped document, as the shards recorded it.
    public var skipped: [(id: String, status: String, message: String)] = []
    public var warnings: [String] = []
    /// Bytes of records read from the shards.
    public var recordBytes = 0
    public var outputDirectory = ""
    public var seconds = 0.0
}

/// A document's place in the shards: its matches rows' bytes in a records file.
struct MatchesLocation: Sendable {
    var file: Int32
    var offset: Int64
    var length: Int32
}

extension Engine {
    /// Makes the corpus outputs from the records of shards 1…N, byte-identical to a `make` of
    /// the same corpus. Refuses, naming each, a missing shard, a shard of another pipeline,
    /// polframe, lexicon or normalization (any per-document fingerprint component), of another
    /// N, or one built from manifest rows that have changed since.
    public func merge(_ options: MergeOptions) throws(MakeError) -> MergeReport {
        let start = Date()
        var mark = start
        let runLock = try OutputFolder.prepare(inputs.pipeline)
        defer { withExtendedLifetime(runLock) {} }
        Stamp.remove(inputs.pipeline)
        var report = MergeReport()
        report.outputDirectory = outputDirectory
        let root = options.shardRoot ?? ShardFolders.defaultRoot(inputs.pipeline)
        var files = try openShards(root: root, count: options.shards, warnings: &report.warnings)
        let n = files.count
        report.shards = n
        Self.phase("shard headers", &mark)

        // Each shard's records on a core of its own: by id, with where its matches rows are.
        struct Parsed: Sendable {
            var documents: [String: (record: ShardRecords.Record, matches: MatchesLocation?)] = [:]
            var failure: MakeError?
        }
        let opened = files, workers = max(1, min(options.jobs, n))
        let parsed: [Parsed] = Self.collect(count: n, workers: workers) { w, slot in
            for s in stride(from: w, to: n, by: workers) {
                var p = Parsed()
                do throws(MakeError) {
                    try ShardRecords.forEach(opened[s]) { record, scoreOffset in
                        var r = record
                        var location: MatchesLocation? = nil
                        if let cut = r.score.range(of: ScoreRecord.separator) {
                            let rows = cut.upperBound - r.score.startIndex
                            location = MatchesLocation(file: Int32(s), offset: Int64(scoreOffset + rows), length: Int32(r.score.count - rows))
                            r.score = r.score[..<cut.lowerBound]
                        }
                        p.documents[r.id] = (r, location)
                    }
                } catch { p.failure = error }
                slot.put(s, p)
            }
        }
        var problems: [Problem] = []
        for p in parsed { if case .invalidInputs(let list)? = p.failure { problems += list } else if let f = p.failure { throw f } }
        guard problems.isEmpty else { throw .invalidInputs(problems) }
        report.recordBytes = files.reduce(0) { $0 + $1.bytes.count }
        let paths = files.map(\.path)
        files = []
        Self.phase("shard records", &mark)

        // Every manifest row must be in the shard it hashes to, built from the same row.
        let accumulator = CoverageAccumulator()
        var outcomes: [DocumentOutcome] = []
        outcomes.reserveCapacity(inputs.manifest.count)
        var locations: [String: MatchesLocation] = [:]
        var missing: [String] = [], changed: [String] = []
        for e in inputs.manifest {
            let s = ShardAssignment.shard(of: e.id, count: n)
            guard let (record, location) = parsed[s - 1].documents[e.id].map({ ($0.record, $0.matches) }) else {
                missing.append("\(e.id) (manifest line \(e.line)) is not in shard \(s)/\(n)")
                continue
            }
            guard record.manifestKey == ShardRecords.manifestKey(e) else {
                changed.append("\(e.id) (manifest line \(e.line)): its path, format, record or sha256 changed since shard \(s)/\(n) was built")
                continue
            }
            var o = DocumentOutcome(entry: e, state: record.state)
            o.meta = IngestRecord(serialized: record.meta)
            if o.meta?.skipReason == nil, !record.score.isEmpty, var score = ScoreRecord(serialized: record.score) {
                accumulator.add(score.entries)
                score.entries = [:]
                o.score = score
                if let location { locations[record.state.scoreRecordKey] = location }
            }
            outcomes.append(o)
        }
        for (what, list) in [("not in their shard's records (the manifest gained them after the shards ran)", missing),
                             ("built from another manifest row", changed)] where !list.isEmpty {
            let shown = list.prefix(10).joined(separator: "; ") + (list.count > 10 ? "; and \(list.count - 10) more" : "")
            problems.append(Problem(file: inputs.pipeline.manifestPath, "\(list.count) document\(list.count == 1 ? " is" : "s are") \(what): \(shown); re-run those shards (`polframe make --shard I/\(n)`: only what changed is rebuilt)"))
        }
        guard problems.isEmpty else { throw .invalidInputs(problems) }
        let extra = parsed.reduce(0) { $0 + $1.documents.count } - outcomes.count
        if extra > 0 { report.warnings.append("\(extra) document\(extra == 1 ? "" : "s") in the shards \(extra == 1 ? "is" : "are") no longer in the manifest: left out") }
        Self.phase("outcomes", &mark)

        // The corpus targets, reading matches rows from the records files and (for the report)
        // texts from the shards' caches.
        var descriptors: [Int32] = []
        defer { for fd in descriptors where fd >= 0 { close(fd) } }
        for path in paths {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw .invalidInputs([Problem(file: path, "cannot be opened: \(String(cString: strerror(errno)))")]) }
            descriptors.append(fd)
        }
        let caches = (1...n).map { Cache(root: ShardFolders.folder(root: root, index: $0) + "/.polframe/cache") }
        var merger = self
        merger.sources = CorpusSources(
            copyMatches: { [locations, descriptors] key, fd, excelSafe in
                guard let l = locations[key] else { return false }
                if l.length == 0 { return true }
                var bytes = [UInt8](repeating: 0, count: Int(l.length))
                let ok = bytes.withUnsafeMutableBytes { Interrupted.readFully(descriptors[Int(l.file)], $0.baseAddress!, $0.count, at: l.offset) == $0.count }
                guard ok else { return false }
                if excelSafe { bytes = Array(CSVFormulaGuard.protect(String(decoding: bytes, as: UTF8.self)).utf8) }
                return AtomicFile.writeAll(fd, bytes) == 0
            },
            ingestRecord: { id, fingerprint in caches[ShardAssignment.shard(of: id, count: n) - 1].read(.ingest, fingerprint) })
        _ = try merger.writeCorpus(&outcomes, coverage: accumulator.values, report: inputs.pipeline.report || options.report, jobs: options.jobs)

        report.documents = outcomes.count
        for o in outcomes {
            if let reason = o.meta?.skipReason {
                report.skipped.append((o.entry.id, "skipped: \(reason)", o.meta?.message ?? reason))
            } else if o.score != nil {
                report.scored += 1
            }
            if let w = o.meta?.warnings, !w.isEmpty { report.warnings += w }
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// The records files of shards 1…N under `root` (N given, else from the first shard found),
    /// their headers checked against this pipeline and this polframe; every problem is listed.
    func openShards(root: String, count: Int?, warnings: inout [String]) throws(MakeError) -> [ShardRecords.File] {
        let found = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        var n = count ?? 0
        if count == nil {
            guard let first = found.first(where: { FileManager.default.fileExists(atPath: ShardFolders.records(root: root, index: $0)) }) else {
                throw .invalidInputs([Problem(file: root, "no shard records here: run `polframe make --shard I/N` for I = 1…N first (or name the folder with --shard-dir)")])
            }
            n = try ShardRecords.open(ShardFolders.records(root: root, index: first)).header.shard.count
        }
        let stale = found.filter { $0 > n }
        if !stale.isEmpty { warnings.append("\(root): shard folder\(stale.count == 1 ? "" : "s") \(stale.map(String.init).joined(separator: ", ")) \(stale.count == 1 ? "is" : "are") not part of this \(n)-shard merge: ignored") }
        let current = inputs.documentStageComponents
        var problems: [Problem] = []
        var files: [ShardRecords.File] = []
        for i in 1...n {
            let path = ShardFolders.records(root: root, index: i)
            guard FileManager.default.fileExists(atPath: path) else {
                problems.append(Problem(file: path, "shard \(i)/\(n) is missing (not run, or not finished): run `polframe make --shard \(i)/\(n)`"))
                continue
            }
            let file: ShardRecords.File
            do throws(MakeError) { file = try ShardRecords.open(path) } catch {
                if case .invalidInputs(let p) = error { problems += p } else { throw error }
                continue
            }
            let h = file.header
            let rerun = "re-run it: `polframe make --shard \(i)/\(n)`"
            if h.shard.count != n || h.shard.index != i {
                problems.append(Problem(file: path, "this folder holds shard \(h.shard) where shard \(i)/\(n) was expected; \(rerun)"))
            } else if h.pipeline != inputs.pipeline.name {
                problems.append(Problem(file: path, "shard \(i)/\(n) is from pipeline '\(h.pipeline)', not '\(inputs.pipeline.name)'"))
            } else if h.tool != Lock.toolVersion {
                problems.append(Problem(file: path, "shard \(i)/\(n) was built by polframe \(h.tool), this is polframe \(Lock.toolVersion); \(rerun)"))
            } else if h.components != current {
                problems.append(Problem(file: path, "shard \(i)/\(n) was built with other inputs: \(Self.differences(h.components, current)); \(rerun)"))
            }
            files.append(file)
        }
        guard problems.isEmpty else { throw .invalidInputs(problems) }
        return files
    }

    /// What differs between a shard's fingerprint components and the current ones, in words.
    static func differences(_ shard: [String: [String: String]], _ now: [String: [String: String]]) -> String {
        func short(_ v: String?) -> String {
            guard let v else { return "none" }
            return v.count == 64 && v.allSatisfy(\.isHexDigit) ? String(v.prefix(12)) + "…" : v
        }
        var out: [String] = []
        for stage in Set(shard.keys).union(now.keys).sorted() {
            let a = shard[stage] ?? [:], b = now[stage] ?? [:]
            for name in Set(a.keys).union(b.keys).sorted() where a[name] != b[name] {
                out.append("\(name) \(short(a[name])) in the shard, \(short(b[name])) now")
            }
        }
        return out.isEmpty ? "the per-document stages differ" : out.joined(separator: ", ")
    }
}
