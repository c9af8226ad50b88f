import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolframeFoundation

extension Cache {    /// says otherwise: see `limitLocked`; computed only when needed).
    package func commit(limit: Int? = nil, referenced: (() -> Set<Key>)? = nil) {
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
    func forgetStaleLocked(_ referenced: Set<Key>) {
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

}
