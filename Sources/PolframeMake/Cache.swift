import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolframeIngest
import PolframeScore

/// Content-addressed results of the per-document stages under output/NAME/.polframe/cache/
/// (cache format 3, see docs/make.md): each result is a record appended to the run's pack file
/// (`packs/run-PID-….pack`: header with magic, kind, key, length and checksum, then the bytes),
/// found through `index` (kind and fingerprint → pack, offset, length), which a make rewrites
/// with a rename when it ends. A run so opens one pack for writing and each pack it reads once,
/// instead of a file per document and stage. A run killed at any moment leaves the old index;
/// its pack is then an orphan (its writer is dead) whose whole records the next run adopts, up
/// to the first torn one. Format 1's loose files (`KIND/xx/FINGERPRINT`) are still read, and a
/// make copies each one it reads into its pack and removes it once the index names the copy.
final class Cache: @unchecked Sendable {
    // @unchecked: `lock` guards every stored property but `root`; reads and writes of a pack's
    // bytes go through pread/pwrite at offsets reserved under the lock.
    let root: String

    enum Kind: String, CaseIterable {
        case ingest, analysis, score
        var code: UInt8 { self == .ingest ? 0 : self == .analysis ? 1 : 2 }
        init?(code: UInt8) {
            switch code { case 0: self = .ingest; case 1: self = .analysis; case 2: self = .score; default: return nil }
        }
    }

    /// A fingerprint as 32 bytes (its hex digits decoded; any other name by its sha256): cheaper
    /// to hash and store than the 64-character string, for the tens of thousands of entries an
    /// index holds.
    struct Key: Hashable {
        var a: UInt64, b: UInt64, c: UInt64, d: UInt64
        static let size = 32

        init(a: UInt64, b: UInt64, c: UInt64, d: UInt64) { self.a = a; self.b = b; self.c = c; self.d = d }

        init(_ raw: UnsafeRawBufferPointer) {
            a = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self); b = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            c = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self); d = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        }

        var bytes: [UInt8] { withUnsafeBytes(of: self) { Array($0) } }
    }

    static func key(_ fingerprint: String) -> Key {
        var f = fingerprint
        if let k = f.withUTF8({ hexKey($0) }) { return k }
        return Array(SHA256.hash(data: Array(fingerprint.utf8))).withUnsafeBytes { Key($0) }
    }

    /// Each byte's value as a lowercase hex digit, 0xFF for any other byte.
    static let hexValues: [UInt8] = (0..<256).map { (c: Int) -> UInt8 in
        if c >= 0x30 && c <= 0x39 { return UInt8(c - 0x30) }
        if c >= 0x61 && c <= 0x66 { return UInt8(c - 0x61 + 10) }
        return 0xFF
    }

    /// 64 lowercase hex digits as the 32 bytes they spell (each word loaded little-endian), or nil.
    static func hexKey(_ u: UnsafeBufferPointer<UInt8>) -> Key? {
        guard u.count == 2 * Key.size else { return nil }
        return hexValues.withUnsafeBufferPointer { t -> Key? in
            var bad: UInt8 = 0
            var words: [UInt64] = [0, 0, 0, 0]
            for w in 0..<4 {
                var v: UInt64 = 0
                for j in 0..<8 {
                    let hi = t[Int(u[16 * w + 2 * j])], lo = t[Int(u[16 * w + 2 * j + 1])]
                    bad |= hi | lo
                    v |= UInt64(hi &<< 4 | lo) << (8 * UInt64(j))
                }
                words[w] = v
            }
            return bad & 0xF0 == 0 ? Key(a: words[0], b: words[1], c: words[2], d: words[3]) : nil
        }
    }

    /// Where a record starts in a pack (its header) and the length of its bytes.
    struct Location: Equatable { var pack: Int32; var offset: Int64; var length: Int32 }

    static let indexVersion: UInt32 = 3
    /// A record's header before its key: magic "PFR2", kind, key length, 2 zero bytes, UInt32 data
    /// length, UInt64 checksum of key then data (all little-endian).
    static let headerSize = 20
    static let recordMagic: [UInt8] = [0x50, 0x46, 0x52, 0x32]
    /// Format 2's records ("PFR1", one-lane checksum) are still read, so an upgrade recomputes
    /// nothing; compaction rewrites them in the current format.
    static let formatTwoMagic: [UInt8] = [0x50, 0x46, 0x52, 0x31]
    static let indexMagic: [UInt8] = [0x50, 0x46, 0x43, 0x49]
    /// A pack whose live records (those the index names) are less than this share of its bytes
    /// is compacted at the end of a make: its live records are copied into the run's pack and
    /// the file removed (-B and re-scored documents leave superseded records behind).
    static let compactBelow = 0.5

    private let lock = NSLock()
    private var loaded = false
    // Internal (not private) for the size limit (CacheLimit.swift); guarded by `lock` like the rest.
    var index: [[Key: Location]] = Array(repeating: [:], count: Kind.allCases.count)
    private var packs: [String] = []
    private var readers: [Int32] = []
    var writer: (pack: Int32, fd: Int32, end: Int64)?
    private var dirty = false
    /// Kinds that still have a format-1 folder of loose files.
    private var legacy: Set<String> = []
    /// Loose files copied into the pack, removed once the index is committed.
    private var adopted: [String] = []
    /// Whether loose files read are copied into the pack (a make; `kwic` and `explain` only read).
    private var adoptsLoose = false

    init(root: String) { self.root = root }

    deinit {
        // The writer's descriptor is among the readers.
        for fd in readers where fd >= 0 { close(fd) }
    }

    var indexPath: String { root + "/index" }
    var packFolder: String { root + "/packs" }

    /// The format-1 path of an entry (read as a fallback).
    func path(_ kind: Kind, _ fingerprint: String) -> String {
        "\(root)/\(kind.rawValue)/\(fingerprint.prefix(2))/\(fingerprint)"
    }

    /// Makes this cache copy the loose (format-1) entries it reads into its pack.
    func adoptLooseEntries() {
        lock.lock(); defer { lock.unlock() }
        adoptsLoose = true
    }

    // MARK: reading

    func read(_ kind: Kind, _ fingerprint: String) -> Data? {
        let key = Self.key(fingerprint)
        lock.lock()
        loadLocked()
        let location = index[Int(kind.code)][key]
        let fd = location.map { readerLocked($0.pack) } ?? -1
        let fallback = location == nil && legacy.contains(kind.rawValue)
        let adopt = adoptsLoose
        lock.unlock()
        if let l = location {
            guard fd >= 0 else { return nil }
            return Self.record(fd: fd, at: l, kind: kind, key: key)
        }
        guard fallback, let data = Self.readFile(path(kind, fingerprint)) else { return nil }
        if adopt, put(kind, key, data) {
            lock.lock(); adopted.append(path(kind, fingerprint)); lock.unlock()
        }
        return data
    }

    /// The first `count` bytes of a result (fewer when it is shorter) and its whole length,
    /// with its header checked (kind, key, length) but not its checksum: for a reader that
    /// checks what it reads itself (`AnalyzedText.storedUnits`). Format-1 loose files: nil.
    func readPrefix(_ kind: Kind, _ fingerprint: String, count: Int) -> (bytes: [UInt8], length: Int)? {
        let key = Self.key(fingerprint)
        lock.lock()
        loadLocked()
        let location = index[Int(kind.code)][key]
        let fd = location.map { readerLocked($0.pack) } ?? -1
        lock.unlock()
        guard let l = location, fd >= 0 else { return nil }
        let keyBytes = key.bytes
        var head = [UInt8](repeating: 0, count: Self.headerSize + keyBytes.count)
        let n = min(count, Int(l.length))
        var body = [UInt8](repeating: 0, count: n)
        let ok = head.withUnsafeMutableBytes { h in
            body.withUnsafeMutableBytes { d in Self.preadPair(fd, h, d, l.offset) }
        }
        guard ok, let x = head.withUnsafeBytes({ Self.header($0, at: 0) }), x.kind == kind.code, x.length == Int(l.length),
              x.keyLength == keyBytes.count, head[Self.headerSize...].elementsEqual(keyBytes) else { return nil }
        return (body, Int(l.length))
    }

    func contains(_ kind: Kind, _ fingerprint: String) -> Bool {
        let key = Self.key(fingerprint)
        lock.lock()
        loadLocked()
        let found = index[Int(kind.code)][key] != nil
        let fallback = !found && legacy.contains(kind.rawValue)
        lock.unlock()
        // access(2) rather than FileManager: with a format-1 cache this runs several times per document.
        return found || (fallback && access(path(kind, fingerprint), F_OK) == 0)
    }

    /// Writes the matches.csv rows of a score entry to an open file descriptor; `excelSafe`
    /// protects formula-like cells on the way (the cached rows stay exact).
    func copyMatches(_ fingerprint: String, to fd: Int32, excelSafe: Bool = false) -> Bool {
        guard let data = read(.score, fingerprint) else { return false }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            // The rows start after the line holding only U+001E (0x1E 0x0A).
            var start = 0
            var i = 0
            while i + 1 < raw.count {
                if raw[i] == 0x1E && raw[i + 1] == 0x0A && (i == 0 || raw[i - 1] == 0x0A) { start = i + 2; break }
                i += 1
            }
            guard start > 0 else { return true }
            if excelSafe {
                let rows = CSVFormulaGuard.protect(String(decoding: UnsafeRawBufferPointer(rebasing: raw[start...]), as: UTF8.self))
                return AtomicFile.writeAll(fd, Array(rows.utf8)) == 0
            }
            return AtomicFile.writeAll(fd, UnsafeRawBufferPointer(rebasing: raw[start...])) == 0
        }
    }

    /// One record's bytes by a single preadv (header and key into one buffer, the result into
    /// its own), checked against its header (magic, kind, key, length, checksum): a damaged
    /// record reads as absent and its result is recomputed.
    static func record(fd: Int32, at l: Location, kind: Kind, key: Key) -> Data? {
        let keyBytes = key.bytes
        var head = [UInt8](repeating: 0, count: headerSize + keyBytes.count)
        var data = Data(count: Int(l.length))
        let ok = head.withUnsafeMutableBytes { (h: UnsafeMutableRawBufferPointer) -> Bool in
            data.withUnsafeMutableBytes { (d: UnsafeMutableRawBufferPointer) -> Bool in
                guard preadPair(fd, h, d, l.offset) else { return false }
                let hr = UnsafeRawBufferPointer(h)
                guard let x = header(hr, at: 0), x.kind == kind.code, x.length == d.count, x.keyLength == keyBytes.count,
                      hr[headerSize...].elementsEqual(keyBytes) else { return false }
                return checksum(key: UnsafeRawBufferPointer(rebasing: hr[headerSize...]), data: UnsafeRawBufferPointer(d), formatTwo: x.formatTwo) == x.checksum
            }
        }
        return ok ? data : nil
    }

    /// Fills two buffers from consecutive bytes at `offset`.
    static func preadPair(_ fd: Int32, _ a: UnsafeMutableRawBufferPointer, _ b: UnsafeMutableRawBufferPointer, _ offset: Int64) -> Bool {
        var iov = [iovec(iov_base: a.baseAddress, iov_len: a.count), iovec(iov_base: b.baseAddress, iov_len: b.count)]
        var n: Int
        repeat { n = preadv(fd, &iov, 2, off_t(offset)) } while n < 0 && errno == EINTR
        guard n >= 0 else { return false }
        if n >= a.count + b.count { return true }
        // A short read: the rest one buffer at a time (a record cut short by the end of the pack fails).
        if n < a.count {
            guard preadFully(fd, a.baseAddress! + n, a.count - n, offset + Int64(n)) else { return false }
            return b.count == 0 || preadFully(fd, b.baseAddress!, b.count, offset + Int64(a.count))
        }
        return preadFully(fd, b.baseAddress! + (n - a.count), b.count - (n - a.count), offset + Int64(n))
    }

    static func preadFully(_ fd: Int32, _ base: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Bool {
        var got = 0
        while got < count {
            let n = pread(fd, base + got, count - got, off_t(offset) + off_t(got))
            if n < 0 { if errno == EINTR { continue }; return false }
            if n == 0 { return false }
            got += n
        }
        return true
    }

    /// Writes two buffers as consecutive bytes at `offset`.
    static func pwritePair(_ fd: Int32, _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, _ offset: Int64) -> Bool {
        var iov = [iovec(iov_base: UnsafeMutableRawPointer(mutating: a.baseAddress), iov_len: a.count),
                   iovec(iov_base: UnsafeMutableRawPointer(mutating: b.baseAddress), iov_len: b.count)]
        var n: Int
        repeat { n = pwritev(fd, &iov, 2, off_t(offset)) } while n < 0 && errno == EINTR
        guard n >= 0 else { return false }
        var done = n
        let total = a.count + b.count
        while done < total {
            let (base, left) = done < a.count ? (a.baseAddress! + done, a.count - done) : (b.baseAddress! + (done - a.count), total - done)
            let m = pwrite(fd, base, left, off_t(offset) + off_t(done))
            if m < 0 { if errno == EINTR { continue }; return false }
            done += m
        }
        return true
    }

    static func header(_ raw: UnsafeRawBufferPointer, at o: Int) -> (kind: UInt8, keyLength: Int, length: Int, checksum: UInt64, formatTwo: Bool)? {
        guard o + headerSize <= raw.count, raw[o] == recordMagic[0], raw[o + 1] == recordMagic[1], raw[o + 2] == recordMagic[2],
              raw[o + 3] == recordMagic[3] || raw[o + 3] == formatTwoMagic[3] else { return nil }
        return (raw[o + 4], Int(raw[o + 5]), Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: o + 8, as: UInt32.self))),
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o + 12, as: UInt64.self)), raw[o + 3] == formatTwoMagic[3])
    }

    /// A 64-bit checksum (a multiply-xor hash over 8-byte words): catches a torn or overwritten
    /// record, not an adversary. A record's covers its key, then its bytes.
    static func checksum(key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer, formatTwo: Bool = false) -> UInt64 {
        let seed = basis ^ UInt64(key.count) ^ UInt64(data.count) << 8
        return formatTwo ? finish(absorbOneLane(data, absorbOneLane(key, seed))) : finish(absorb(data, absorb(key, seed)))
    }

    /// Format 2's checksum: the same multiply-xor in one lane.
    static func absorbOneLane(_ p: UnsafeRawBufferPointer, _ seed: UInt64) -> UInt64 {
        var h = seed
        var i = 0
        while i + 8 <= p.count {
            h = (h ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* prime
            h ^= h >> 29
            i += 8
        }
        while i < p.count {
            h = (h ^ UInt64(p[i])) &* prime
            i += 1
        }
        return h
    }

    static func checksum(_ p: UnsafeRawBufferPointer) -> UInt64 { finish(absorb(p, basis ^ UInt64(p.count))) }

    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    static func absorb(_ p: UnsafeRawBufferPointer, _ seed: UInt64) -> UInt64 {
        var h = seed
        var i = 0
        // Four independent lanes over 32-byte blocks (one lane's multiply chain was the limit:
        // every result a build writes or a re-score reads goes through here), folded into one.
        if p.count >= 32 {
            var a = seed, b = seed ^ 0x9E37_79B9_7F4A_7C15, c = seed ^ 0xC2B2_AE3D_27D4_EB4F, d = seed ^ 0x1656_67B1_9E37_79F9
            while i + 32 <= p.count {
                a = (a ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* prime
                b = (b ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))) &* prime
                c = (c ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))) &* prime
                d = (d ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))) &* prime
                a ^= a >> 29; b ^= b >> 29; c ^= c >> 29; d ^= d >> 29
                i += 32
            }
            for lane in [a, b, c, d] { h = (h ^ lane) &* prime; h ^= h >> 29 }
        }
        // The rest (under 32 bytes) as format 2 took everything: one lane.
        return absorbOneLane(UnsafeRawBufferPointer(rebasing: p[i...]), h)
    }

    static func finish(_ h: UInt64) -> UInt64 { h ^ (h >> 32) }

    // MARK: writing

    func write(_ kind: Kind, _ fingerprint: String, _ data: Data) {
        // A cache that cannot be written only costs time on the next run.
        _ = put(kind, Self.key(fingerprint), data)
    }

    /// Appends a record to the run's pack (the offset reserved under the lock, the bytes written
    /// outside it) and names it in the index once it is whole.
    @discardableResult
    private func put(_ kind: Kind, _ key: Key, _ data: Data) -> Bool {
        let keyBytes = key.bytes
        guard data.count < Int(Int32.max) - 4096 else { return false }
        var head = [UInt8](repeating: 0, count: Self.headerSize)
        head.append(contentsOf: keyBytes)
        let sum = head.withUnsafeBytes { h in
            data.withUnsafeBytes { Self.checksum(key: UnsafeRawBufferPointer(rebasing: h[Self.headerSize...]), data: $0) }
        }
        head.withUnsafeMutableBytes { raw in
            for k in 0..<4 { raw[k] = Self.recordMagic[k] }
            raw[4] = kind.code
            raw[5] = UInt8(keyBytes.count)
            raw.storeBytes(of: UInt32(data.count).littleEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: sum.littleEndian, toByteOffset: 12, as: UInt64.self)
        }
        let size = Int64(head.count + data.count)
        lock.lock()
        loadLocked()
        guard let w = writerLocked() else { lock.unlock(); return false }
        let offset = w.end
        writer!.end += size
        lock.unlock()
        let ok = head.withUnsafeBytes { h in data.withUnsafeBytes { Self.pwritePair(w.fd, h, $0, offset) } }
        guard ok else { return false }
        lock.lock()
        index[Int(kind.code)][key] = Location(pack: w.pack, offset: offset, length: Int32(data.count))
        dirty = true
        lock.unlock()
        return true
    }

    private func writerLocked() -> (pack: Int32, fd: Int32, end: Int64)? {
        if let w = writer { return w }
        let name = "run-\(getpid())-\(Int(Date().timeIntervalSince1970))-\(UInt32.random(in: 0...UInt32.max)).pack"
        let file = packFolder + "/" + name
        var fd = open(file, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            guard (try? FileManager.default.createDirectory(atPath: packFolder, withIntermediateDirectories: true)) != nil else { return nil }
            fd = open(file, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { return nil }
        packs.append(name)
        readers.append(fd)
        writer = (Int32(packs.count - 1), fd, 0)
        return writer
    }

    private func readerLocked(_ pack: Int32) -> Int32 {
        let i = Int(pack)
        guard i >= 0, i < readers.count else { return -1 }
        if readers[i] == -2 { readers[i] = open(packFolder + "/" + packs[i], O_RDONLY | O_CLOEXEC) }
        return readers[i]
    }

    // MARK: the index

    /// Reads the index once (a damaged or missing one is an empty index: every pack is then an
    /// orphan and its records are adopted), then adopts the orphan packs of dead writers.
    private func loadLocked() {
        guard !loaded else { return }
        loaded = true
        for k in Kind.allCases where access(root + "/" + k.rawValue, F_OK) == 0 { legacy.insert(k.rawValue) }
        if let data = Self.readFile(indexPath), let parsed = Self.parseIndex([UInt8](data)) {
            packs = parsed.packs
            index = parsed.index
        }
        readers = Array(repeating: -2, count: packs.count)
        let listed = Set(packs)
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: packFolder)) ?? []).sorted()
        where name.hasSuffix(".pack") && !listed.contains(name) {
            // A pack no index names: a killed or concurrent run's. A live writer's is left alone.
            let parts = name.split(separator: "-")
            if parts.count >= 2, let pid = Int32(parts[1]), pid != getpid(), kill(pid, 0) == 0 || errno == EPERM { continue }
            adoptOrphanLocked(name)
        }
    }

    /// Names in the index every whole record of an orphan pack that the index lacks, up to the
    /// first torn or missing one. The pack joins the index (and is removed at the next commit if
    /// nothing in it is live).
    private func adoptOrphanLocked(_ name: String) {
        // Record by record through pread into one buffer (a killed full build's pack can be
        // hundreds of megabytes; it is never held whole).
        let fd = open(packFolder + "/" + name, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        packs.append(name)
        readers.append(fd)
        let pack = Int32(packs.count - 1)
        dirty = true
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var o: Int64 = 0
        while true {
            guard buffer.withUnsafeMutableBytes({ Self.preadFully(fd, $0.baseAddress!, Self.headerSize, o) }),
                  let h = buffer.withUnsafeBytes({ Self.header($0, at: 0) }), let kind = Kind(code: h.kind) else { break }
            let body = h.keyLength + h.length
            if buffer.count < body { buffer = [UInt8](repeating: 0, count: body) }
            guard buffer.withUnsafeMutableBytes({ Self.preadFully(fd, $0.baseAddress!, body, o + Int64(Self.headerSize)) }),
                  buffer.withUnsafeBytes({ Self.checksum(key: UnsafeRawBufferPointer(rebasing: $0[0..<h.keyLength]),
                                                         data: UnsafeRawBufferPointer(rebasing: $0[h.keyLength..<body]),
                                                         formatTwo: h.formatTwo) }) == h.checksum else { break }
            guard h.keyLength == Key.size else { break }
            let key = buffer.withUnsafeBytes { Key($0) }
            if index[Int(kind.code)][key] == nil {
                index[Int(kind.code)][key] = Location(pack: pack, offset: o, length: Int32(h.length))
            }
            o += Int64(Self.headerSize + body)
        }
    }

    static func parseIndex(_ b: [UInt8]) -> (packs: [String], index: [[Key: Location]])? {
        var o = 0
        func need(_ n: Int) -> Bool { o + n <= b.count }
        func u8() -> UInt8? { guard need(1) else { return nil }; defer { o += 1 }; return b[o] }
        func u16() -> Int? { guard need(2) else { return nil }; defer { o += 2 }; return Int(b[o]) | Int(b[o + 1]) << 8 }
        func u32() -> UInt32? {
            guard need(4) else { return nil }; defer { o += 4 }
            return b.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: o, as: UInt32.self)) }
        }
        func u64() -> UInt64? {
            guard need(8) else { return nil }; defer { o += 8 }
            return b.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: o, as: UInt64.self)) }
        }
        func string(_ n: Int) -> String? { guard need(n) else { return nil }; defer { o += n }; return String(decoding: b[o..<(o + n)], as: UTF8.self) }
        guard b.count >= 8 + 8, Array(b[0..<4]) == indexMagic else { return nil }
        // The version decides the checksum: format 2's was one lane.
        let formatTwo = b.count >= 8 && b.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) } == 2
        let sum = b.withUnsafeBytes { raw -> UInt64 in
            let body = UnsafeRawBufferPointer(rebasing: raw[0..<(b.count - 8)])
            return formatTwo ? finish(absorbOneLane(body, basis ^ UInt64(body.count))) : checksum(body)
        }
        guard b.withUnsafeBytes({ UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: b.count - 8, as: UInt64.self)) }) == sum else { return nil }
        o = 4
        // Format 2's index has the same layout (its records are told apart by their magic).
        guard let version = u32(), version == indexVersion || version == 2, let packCount = u32() else { return nil }
        var packs: [String] = []
        for _ in 0..<packCount {
            guard let n = u16(), let name = string(n), !name.contains("/") else { return nil }
            packs.append(name)
        }
        var index: [[Key: Location]] = Array(repeating: [:], count: Kind.allCases.count)
        guard let count = u32() else { return nil }
        for i in index.indices { index[i].reserveCapacity(Int(count) / index.count) }
        for _ in 0..<count {
            guard let k = u8(), let kind = Kind(code: k), u8() == UInt8(Key.size), need(Key.size) else { return nil }
            let key = b.withUnsafeBytes { Key(UnsafeRawBufferPointer(rebasing: $0[o..<(o + Key.size)])) }
            o += Key.size
            guard let pack = u32(), Int(pack) < packs.count,
                  let offset = u64(), let length = u32() else { return nil }
            index[Int(kind.code)][key] = Location(pack: Int32(pack), offset: Int64(offset), length: Int32(length))
        }
        return (packs, index)
    }

    /// Ends a make's use of the cache: forgets the oldest results no state names beyond a budget,
    /// compacts packs that are mostly superseded or forgotten records, writes the index to a
    /// temporary file and renames it into place, then removes the compacted packs and the loose
    /// files copied into the pack. Nothing to do when nothing was written. Called before the
    /// state is written, so the state never names a result the index lacks; `referenced` gives
    /// the fingerprints the last state and the new one name (all kept unless `limit`, in bytes,
    /// says otherwise: see `limitLocked`; computed only when needed).
    func commit(limit: Int? = nil, referenced: (() -> Set<Key>)? = nil) {
        lock.lock(); defer { lock.unlock() }
        guard loaded, dirty else { return }
        let named = referenced?()
        if let named { forgetStaleLocked(named) }
        if let limit { limitLocked(limit, named: named ?? []) }
        // Live bytes per pack.
        var live = [Int](repeating: 0, count: packs.count)
        for kind in index.indices { for l in index[kind].values { live[Int(l.pack)] += Self.headerSize + Key.size + Int(l.length) } }
        var drop = Set<Int32>()
        for (i, name) in packs.enumerated() where Int32(i) != writer?.pack {
            guard let info = Self.fileInfo(packFolder + "/" + name) else { if live[i] == 0 { drop.insert(Int32(i)) }; continue }
            if Double(live[i]) < Self.compactBelow * Double(info.size) { drop.insert(Int32(i)) }
        }
        // Copy the live records of dropped packs into the run's pack.
        var moves: [(kind: Int, key: Key, data: Data)] = []
        for kind in index.indices {
            for (key, l) in index[kind] where drop.contains(l.pack) {
                let fd = readerLocked(l.pack)
                guard fd >= 0, let data = Self.record(fd: fd, at: l, kind: Kind(code: UInt8(kind))!, key: key) else {
                    index[kind][key] = nil
                    continue
                }
                moves.append((kind, key, data))
            }
        }
        if !moves.isEmpty {
            lock.unlock()
            for m in moves where !put(Kind(code: UInt8(m.kind))!, m.key, m.data) {
                lock.lock(); index[m.kind][m.key] = nil; lock.unlock()
            }
            lock.lock()
        }
        for kind in index.indices { for (key, l) in index[kind] where drop.contains(l.pack) { index[kind][key] = nil } }
        // Renumber the packs still named.
        var used = [Bool](repeating: false, count: packs.count)
        for kind in index.indices { for l in index[kind].values { used[Int(l.pack)] = true } }
        if let w = writer { used[Int(w.pack)] = true }
        var renumber = [Int32](repeating: -1, count: packs.count)
        var keptPacks: [String] = []
        var keptReaders: [Int32] = []
        var removed: [String] = []
        for i in packs.indices {
            if used[i] {
                renumber[i] = Int32(keptPacks.count)
                keptPacks.append(packs[i])
                keptReaders.append(readers[i])
            } else {
                removed.append(packs[i])
                if readers[i] >= 0 { close(readers[i]) }
            }
        }
        var out: [UInt8] = Self.indexMagic
        func put32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func put64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        put32(Self.indexVersion)
        put32(UInt32(keptPacks.count))
        for name in keptPacks {
            let u = Array(name.utf8)
            out.append(UInt8(u.count & 0xFF)); out.append(UInt8(u.count >> 8))
            out.append(contentsOf: u)
        }
        put32(UInt32(index.reduce(0) { $0 + $1.count }))
        out.reserveCapacity(out.count + index.reduce(0) { $0 + $1.count } * 90)
        for kind in index.indices {
            for (key, l) in index[kind] {
                out.append(UInt8(kind))
                out.append(UInt8(Key.size))
                withUnsafeBytes(of: key) { out.append(contentsOf: $0) }
                put32(UInt32(renumber[Int(l.pack)])); put64(UInt64(l.offset)); put32(UInt32(l.length))
            }
        }
        if renumber.enumerated().contains(where: { $0.element >= 0 && Int($0.element) != $0.offset }) {
            for kind in index.indices { index[kind] = index[kind].mapValues { var m = $0; m.pack = renumber[Int($0.pack)]; return m } }
        }
        put64(out.withUnsafeBytes { Self.checksum($0) })
        packs = keptPacks
        readers = keptReaders
        if let w = writer { writer!.pack = renumber[Int(w.pack)] }
        dirty = false
        guard Self.writeEntry(Data(out), to: indexPath) else { return }
        // Only now that the new index is in place: the old packs and loose files can go.
        for name in removed { unlink(packFolder + "/" + name) }
        for f in adopted { unlink(f) }
        if !adopted.isEmpty {
            for k in legacy {
                let folder = root + "/" + k
                for sub in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] { rmdir(folder + "/" + sub) }
                if rmdir(folder) == 0 { legacy.remove(k) }
            }
        }
        adopted = []
    }

    /// Results no state names (a lexicon's earlier scores, say) stay for reuse, newest pack
    /// first, while they number and weigh no more than the named ones; older ones are forgotten
    /// (so the index and packs of a project edited many times stay within about twice its
    /// live results).
    private func forgetStaleLocked(_ referenced: Set<Key>) {
        var liveCount = 0, liveBytes = 0
        var stale: [[(kind: Int, key: Key, bytes: Int)]] = Array(repeating: [], count: packs.count)
        for kind in index.indices {
            for (key, l) in index[kind] {
                let bytes = Self.headerSize + Key.size + Int(l.length)
                if referenced.contains(key) { liveCount += 1; liveBytes += bytes } else { stale[Int(l.pack)].append((kind, key, bytes)) }
            }
        }
        var keptCount = 0, keptBytes = 0
        for pack in stale.indices.reversed() {
            for e in stale[pack] {
                if keptCount + 1 <= liveCount && keptBytes + e.bytes <= liveBytes {
                    keptCount += 1; keptBytes += e.bytes
                } else {
                    index[e.kind][e.key] = nil
                }
            }
        }
    }

    /// A whole file by open, fstat and read (FileManager's reader costs more calls per file).
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

    /// A whole file as bytes, read straight into the array the ingest stage takes (nil for
    /// anything but a readable regular file: see `DocumentFile`).
    static func readBytes(_ path: String) -> [UInt8]? {
        try? DocumentFile.read(path).get()
    }

    /// Writes a file to a temporary file beside it and renames it into place (no fsync: the
    /// rename alone makes a killed run leave the old file or the new one). The folder is created
    /// only when the first open fails for want of it.
    static func writeEntry(_ data: Data, to path: String) -> Bool {
        let tmp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return false }
            fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { return false }
        let written = AtomicFile.writeAll(fd, data) == 0
        close(fd)
        guard written, rename(tmp, path) == 0 else {
            unlink(tmp)
            return false
        }
        return true
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
