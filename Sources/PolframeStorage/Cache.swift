import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolframeFoundation
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
package final class Cache: @unchecked Sendable {
    // @unchecked: `lock` guards every stored property but `root`; reads and writes of a pack's
    // bytes go through pread/pwrite at offsets reserved under the lock.
    package let root: String

    package enum Kind: String, CaseIterable, Sendable {
        case ingest, analysis, score
        package var code: UInt8 { self == .ingest ? 0 : self == .analysis ? 1 : 2 }
        package init?(code: UInt8) {
            switch code { case 0: self = .ingest; case 1: self = .analysis; case 2: self = .score; default: return nil }
        }
    }

    /// Where a record starts in a pack (its header) and the length of its bytes.
    package struct Location: Equatable, Sendable { package var pack: Int32; package var offset: Int64; package var length: Int32 }

    let lock = NSLock()
    var loaded = false
    // Internal (not private) for the files of this module that extend Cache; all guarded by `lock`.
    var index: [[Key: Location]] = Array(repeating: [:], count: Kind.allCases.count)
    var packs: [String] = []
    var readers: [Int32] = []
    var writer: (pack: Int32, fd: Int32, end: Int64)?
    var dirty = false
    /// Kinds that still have a format-1 folder of loose files.
    var legacy: Set<String> = []
    /// Loose files copied into the pack, removed once the index is committed.
    var adopted: [String] = []
    /// Whether loose files read are copied into the pack (a make; `kwic` and `explain` only read).
    var adoptsLoose = false

    package init(root: String) { self.root = root }

    deinit {
        // The writer's descriptor is among the readers.
        for fd in readers where fd >= 0 { close(fd) }
    }

    package var indexPath: String { root + "/index" }
    package var packFolder: String { root + "/packs" }

    /// The format-1 path of an entry (read as a fallback).
    package func path(_ kind: Kind, _ fingerprint: String) -> String {
        "\(root)/\(kind.rawValue)/\(fingerprint.prefix(2))/\(fingerprint)"
    }

    /// Makes this cache copy the loose (format-1) entries it reads into its pack.
    package func adoptLooseEntries() {
        lock.lock(); defer { lock.unlock() }
        adoptsLoose = true
    }

    // MARK: reading

    package func read(_ kind: Kind, _ fingerprint: String) -> Data? {
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
    package func readPrefix(_ kind: Kind, _ fingerprint: String, count: Int) -> (bytes: [UInt8], length: Int)? {
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

    package func contains(_ kind: Kind, _ fingerprint: String) -> Bool {
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
    package func copyMatches(_ fingerprint: String, to fd: Int32, excelSafe: Bool = false) -> Bool {
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

    // MARK: writing

    package func write(_ kind: Kind, _ fingerprint: String, _ data: Data) {
        // A cache that cannot be written only costs time on the next run.
        _ = put(kind, Self.key(fingerprint), data)
    }

    /// Appends a record to the run's pack (the offset reserved under the lock, the bytes written
    /// outside it) and names it in the index once it is whole.
    @discardableResult
    func put(_ kind: Kind, _ key: Key, _ data: Data) -> Bool {
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

    func writerLocked() -> (pack: Int32, fd: Int32, end: Int64)? {
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

    func readerLocked(_ pack: Int32) -> Int32 {
        let i = Int(pack)
        guard i >= 0, i < readers.count else { return -1 }
        if readers[i] == -2 { readers[i] = open(packFolder + "/" + packs[i], O_RDONLY | O_CLOEXEC) }
        return readers[i]
    }
}
