import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolframeFoundation

extension Cache {
    // MARK: the index

    /// Reads the index once (a damaged or missing one is an empty index: every pack is then an
    /// orphan and its records are adopted), then adopts the orphan packs of dead writers.
    func loadLocked() {
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
    func adoptOrphanLocked(_ name: String) {
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

    package static func parseIndex(_ b: [UInt8]) -> (packs: [String], index: [[Key: Location]])? {
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
            return formatTwo ? Checksum.finish(Checksum.absorbOneLane(body, Checksum.basis ^ UInt64(body.count))) : checksum(body)
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
}
