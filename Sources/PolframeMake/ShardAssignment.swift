import Foundation

/// One slice of a sharded run: shard `index` (1…count) of `count`, as `make --shard I/N` names it.
public struct ShardSpec: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, count <= ShardSpec.maxCount, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (1 ≤ I ≤ N): the form Slurm's `$SLURM_ARRAY_TASK_ID/N` gives with `--array=1-N`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: i, count: n)
    }

    /// More shards than this would leave most of them a handful of documents; it also bounds the
    /// files a merge keeps open.
    public static let maxCount = 100_000

    public var description: String { "\(index)/\(count)" }

    /// Whether the document `id` belongs to this shard.
    public func contains(_ id: String) -> Bool { ShardAssignment.shard(of: id, count: count) == index }
}

/// Which shard a document belongs to: Lamping and Veach's jump consistent hash of a 64-bit key
/// taken from the sha256 of the document id.
///
/// Why this hash: a document's shard depends only on its id and N, so adding documents to the
/// manifest moves none of the others; and when N grows to N+1 only about 1/(N+1) of the
/// documents move (all to the new shard), where `hash mod N` would move nearly all of them.
/// Since a shard's folder is named by its index alone, a re-run with one more shard keeps
/// almost every document's cached results. Rendezvous hashing has the same property but costs
/// N hashes per document (a million-document manifest over a thousand shards: 10⁹ hashes in
/// every task); jump hashing costs about ln N steps. sha256 (not Swift's `Hasher`, which is
/// seeded per process) keeps the assignment the same on every machine and every version.
public enum ShardAssignment {
    /// The shard (1…count) of document `id`.
    public static func shard(of id: String, count: Int) -> Int {
        jump(key(id), buckets: count) + 1
    }

    /// The first eight bytes of sha256(id), big-endian.
    static func key(_ id: String) -> UInt64 {
        let hex = Digest.sha256(id)
        return UInt64(hex.prefix(16), radix: 16) ?? 0
    }

    /// Jump consistent hash (Lamping and Veach, 2014): a bucket in 0..<buckets.
    static func jump(_ key: UInt64, buckets: Int) -> Int {
        var key = key
        var b: Int64 = -1
        var j: Int64 = 0
        while j < Int64(buckets) {
            b = j
            key = key &* 2_862_933_555_777_941_757 &+ 1
            j = Int64(Double(b + 1) * (Double(UInt64(1) << 31) / Double((key >> 33) + 1)))
        }
        return Int(b)
    }
}

/// Where a sharded run keeps its shards: `DIR/I/` for shard I, `DIR` being `--shard-dir` or
/// `OUTPUT/shards`.
public enum ShardFolders {
    /// The default root: `shards/` in the pipeline's output folder.
    public static func defaultRoot(_ pipeline: Pipeline) -> String { pipeline.outputDirectory + "/shards" }

    /// The folder of shard `index` under `root`.
    public static func folder(root: String, index: Int) -> String { root + "/\(index)" }

    /// The records file a shard writes for `polframe merge`.
    public static func records(root: String, index: Int) -> String { folder(root: root, index: index) + "/" + ShardRecords.fileName }

    /// Whether `root` is a shards folder polframe made: every entry a numbered shard folder.
    static func holdsShards(_ root: String) -> Bool {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !OutputFolder.ignorable.contains($0) }
        return !names.isEmpty && names.allSatisfy {
            $0 == SlurmScript.folderName || (Int($0) != nil && FileManager.default.fileExists(atPath: root + "/" + $0 + "/.polframe"))
        }
    }

    /// An absolute, standardized form of `path` (a job script runs in another folder).
    public static func absolute(_ path: String) -> String {
        let p = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (p as NSString).standardizingPath
    }
}
