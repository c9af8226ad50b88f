import Foundation
import PolframeLexicon
import PolframeScore

/// The file a shard leaves for `polframe merge`: per document, what the corpus targets need and
/// nothing more (no text, no analysis): the manifest key it was built from, its fingerprints
/// and output hashes, its ingest metadata and its score record (numbers, entry counts and the
/// matches.csv rows). A merge reads these files only, so its cost grows with the numbers and
/// matches, not with the texts.
///
/// Layout (format 1): a text header of `key<TAB>value` lines after the line
/// `polframe-shard-records<TAB>1`, ended by an empty line; then one record per document in id
/// order: its length (UInt32), a 64-bit checksum of its bytes (the cache's), then five fields,
/// each a UInt32 length and its bytes: id, manifest key, state, ingest metadata, score record;
/// integers little-endian. Last, `end<TAB>COUNT\n`, so a cut file is told from a whole one.
enum ShardRecords {
    static let fileName = "records"
    static let magic = "polframe-shard-records"
    static let format = 1

    /// What a shard was built from: the merge refuses shards that disagree with it or each other.
    struct Header: Sendable, Equatable {
        var shard: ShardSpec
        var pipeline: String
        var tool: String
        /// Each per-document stage's global fingerprint components (stage → name → value).
        var components: [String: [String: String]]
        var documents: Int
    }

    /// One document as a shard recorded it.
    struct Record: Sendable {
        var id: String
        /// The manifest row's fields that enter the document's build (see `manifestKey`).
        var manifestKey: String
        var state: BuildState.DocumentState
        /// The ingest record without its text (`IngestRecord.serialized`).
        var meta: Data
        /// The score record with its matches rows (empty when the document was not scored).
        var score: Data
    }

    /// The fields of a manifest row that decide what a shard builds for it: a merge refuses a
    /// shard whose rows differ from the manifest's (the other columns are read from the manifest
    /// at merge time).
    static func manifestKey(_ e: ManifestEntry) -> String {
        [e.path, e.format?.rawValue ?? "", e.record.map(String.init) ?? "", e.sha256].map(BuildState.escape).joined(separator: "\t")
    }

    static func headerText(_ h: Header) -> String {
        var lines = ["\(magic)\t\(format)", "shard\t\(h.shard.index)", "shards\t\(h.shard.count)", "pipeline\t\(BuildState.escape(h.pipeline))",
                     "tool\t\(BuildState.escape(h.tool))", "documents\t\(h.documents)"]
        for stage in h.components.keys.sorted() {
            for (k, v) in h.components[stage]!.sorted(by: { $0.key < $1.key }) {
                lines.append("comp\t\(stage)\t\(BuildState.escape(k))\t\(BuildState.escape(v))")
            }
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    static func stateText(_ d: BuildState.DocumentState) -> String {
        [d.path, d.input, d.ingestFingerprint, d.ingestOutput, d.ingestText, d.normalizeFingerprint, d.normalizeOutput,
         d.scoreFingerprint, d.scoreOutput, d.scoreKey].map(BuildState.escape).joined(separator: "\t")
    }

    static func state(_ text: String) -> BuildState.DocumentState? {
        let f = text.split(separator: "\t", omittingEmptySubsequences: false).map { BuildState.unescape(String($0)) }
        guard f.count == 10 else { return nil }
        var d = BuildState.DocumentState(path: f[0], size: -1, mtime: -1, input: f[1], ingestFingerprint: f[2], ingestOutput: f[3], ingestText: f[4],
                                         normalizeFingerprint: f[5], normalizeOutput: f[6], scoreFingerprint: f[7], scoreOutput: f[8])
        d.scoreKey = f[9]
        return d
    }

    /// One record's bytes: length, checksum, fields.
    static func encode(_ r: Record) -> [UInt8] {
        var body: [UInt8] = []
        func field(_ bytes: some Collection<UInt8>) {
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { body.append(contentsOf: $0) }
            body.append(contentsOf: bytes)
        }
        field(Array(r.id.utf8)); field(Array(r.manifestKey.utf8)); field(Array(stateText(r.state).utf8)); field(r.meta); field(r.score)
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 12)
        withUnsafeBytes(of: UInt32(body.count).littleEndian) { out.append(contentsOf: $0) }
        let sum = body.withUnsafeBytes { Cache.checksum($0) }
        withUnsafeBytes(of: sum.littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: body)
        return out
    }

    /// Writes a records file atomically (a killed shard leaves the last whole one, or none):
    /// `count` records, the k-th made by `record(k)` when it is written (a shard's records are
    /// never all in memory at once).
    static func write(_ header: Header, count: Int, record: (Int) throws(MakeError) -> Record, to path: String) throws(MakeError) {
        var failure: MakeError? = nil
        do {
            try AtomicFile.stream(to: path) { sink in
                sink(Data(headerText(header).utf8))
                var buffer: [UInt8] = []
                for k in 0..<count {
                    do throws(MakeError) { buffer += encode(try record(k)) } catch {
                        failure = error
                        throw error
                    }
                    if buffer.count >= 1 << 20 { sink(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
                }
                buffer += Array("end\t\(count)\n".utf8)
                sink(Data(buffer))
            }
        } catch {
            if let failure { throw failure }
            throw .cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path))
        }
    }

    /// A whole records file read into memory, its header parsed.
    struct File: Sendable {
        let path: String
        let bytes: [UInt8]
        let header: Header
        /// Where the first record starts.
        let body: Int
    }

    static func problem(_ path: String, _ byte: Int, _ what: String) -> MakeError {
        .invalidInputs([Problem(file: path, "byte \(byte): \(what)")])
    }

    /// Reads a records file and its header; the records are read by `forEach`.
    static func open(_ path: String) throws(MakeError) -> File {
        guard let bytes = Cache.readBytes(path) else {
            throw .invalidInputs([Problem(file: path, "cannot be read (is the shard finished? run `polframe make --shard I/N` for it)")])
        }
        guard let cut = bytes.indices.dropLast().first(where: { bytes[$0] == 0x0A && bytes[$0 + 1] == 0x0A }) else {
            throw problem(path, 0, "no header: not a shard records file")
        }
        var kv: [String: String] = [:]
        var components: [String: [String: String]] = [:]
        for (n, line) in bytes[..<cut].split(separator: 0x0A).enumerated() {
            let f = String(decoding: line, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if n == 0 {
                guard f.count == 2, f[0] == magic, let v = Int(f[1]) else { throw problem(path, 0, "not a shard records file") }
                guard v <= format else { throw problem(path, 0, "records format \(v) is newer than this polframe reads (\(format)): use the polframe that built the shard") }
                continue
            }
            if f.count == 4 && f[0] == "comp" { components[f[1], default: [:]][BuildState.unescape(f[2])] = BuildState.unescape(f[3]) }
            else if f.count == 2 { kv[f[0]] = BuildState.unescape(f[1]) }
        }
        guard let i = kv["shard"].flatMap(Int.init), let n = kv["shards"].flatMap(Int.init), let spec = ShardSpec(index: i, count: n),
              let pipeline = kv["pipeline"], let tool = kv["tool"], let documents = kv["documents"].flatMap(Int.init) else {
            throw problem(path, 0, "the header lacks shard, shards, pipeline, tool or documents")
        }
        let header = Header(shard: spec, pipeline: pipeline, tool: tool, components: components, documents: documents)
        return File(path: path, bytes: bytes, header: header, body: cut + 2)
    }

    /// Each record of `file`, in file order, with where its score bytes start in the file;
    /// a damaged or cut file is refused, naming the byte.
    static func forEach(_ file: File, _ body: (Record, _ scoreOffset: Int) throws(MakeError) -> Void) throws(MakeError) {
        let b = file.bytes
        var o = file.body
        var count = 0
        func u32(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24 }
        while true {
            if b.count - o == 4 + String(count).utf8.count + 1, b[o..<(o + 4)].elementsEqual("end\t".utf8) {
                guard Int(String(decoding: b[(o + 4)..<(b.count - 1)], as: UTF8.self)) == count, count == file.header.documents else {
                    throw problem(file.path, o, "the file ends with a wrong record count (\(count) records read, header says \(file.header.documents))")
                }
                return
            }
            guard o + 12 <= b.count else { throw problem(file.path, o, "the file is cut short after \(count) records (copy it again or re-run the shard)") }
            let length = u32(o)
            var sum: UInt64 = 0
            for k in 0..<8 { sum |= UInt64(b[o + 4 + k]) << (8 * UInt64(k)) }
            let start = o + 12, end = start + length
            guard end <= b.count else { throw problem(file.path, o, "record \(count + 1) runs past the end of the file") }
            let ok = b.withUnsafeBytes { Cache.checksum(UnsafeRawBufferPointer(rebasing: $0[start..<end])) == sum }
            guard ok else { throw problem(file.path, o, "record \(count + 1) fails its checksum (the file is damaged: re-run the shard)") }
            var fields: [Range<Int>] = []
            var p = start
            while fields.count < 5, p + 4 <= end {
                let n = u32(p)
                guard p + 4 + n <= end else { break }
                fields.append((p + 4)..<(p + 4 + n))
                p += 4 + n
            }
            guard fields.count == 5, p == end else { throw problem(file.path, o, "record \(count + 1) does not hold five fields") }
            func text(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
            guard let state = state(text(fields[2])) else { throw problem(file.path, fields[2].lowerBound, "record \(count + 1): the state field is malformed") }
            let record = Record(id: text(fields[0]), manifestKey: text(fields[1]), state: state, meta: Data(b[fields[3]]), score: Data(b[fields[4]]))
            try body(record, fields[4].lowerBound)
            count += 1
            o = end
        }
    }
}
