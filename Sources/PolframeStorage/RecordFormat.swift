import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolframeFoundation

/// The pack record: header (magic, kind, key length, data length, checksum), key, then the bytes.
extension Cache {
    package static let indexVersion: UInt32 = 3
    /// A record's header before its key: magic "PFR2", kind, key length, 2 zero bytes, UInt32 data
    /// length, UInt64 checksum of key then data (all little-endian).
    package static let headerSize = 20
    package static let recordMagic: [UInt8] = [0x50, 0x46, 0x52, 0x32]
    /// Format 2's records ("PFR1", one-lane checksum) are still read, so an upgrade recomputes
    /// nothing; compaction rewrites them in the current format.
    package static let formatTwoMagic: [UInt8] = [0x50, 0x46, 0x52, 0x31]
    package static let indexMagic: [UInt8] = [0x50, 0x46, 0x43, 0x49]
    /// A pack whose live records (those the index names) are less than this share of its bytes
    /// is compacted at the end of a make: its live records are copied into the run's pack and
    /// the file removed (-B and re-scored documents leave superseded records behind).
    package static let compactBelow = 0.5

    /// One record's bytes by a single preadv (header and key into one buffer, the result into
    /// its own), checked against its header (magic, kind, key, length, checksum): a damaged
    /// record reads as absent and its result is recomputed.
    package static func record(fd: Int32, at l: Location, kind: Kind, key: Key) -> Data? {
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

    package static func header(_ raw: UnsafeRawBufferPointer, at o: Int) -> (kind: UInt8, keyLength: Int, length: Int, checksum: UInt64, formatTwo: Bool)? {
        guard o + headerSize <= raw.count, raw[o] == recordMagic[0], raw[o + 1] == recordMagic[1], raw[o + 2] == recordMagic[2],
              raw[o + 3] == recordMagic[3] || raw[o + 3] == formatTwoMagic[3] else { return nil }
        return (raw[o + 4], Int(raw[o + 5]), Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: o + 8, as: UInt32.self))),
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o + 12, as: UInt64.self)), raw[o + 3] == formatTwoMagic[3])
    }

    /// A record's checksum (see `Checksum`) covers its key, then its bytes; format 2's used one
    /// lane throughout.
    package static func checksum(key: UnsafeRawBufferPointer, data: UnsafeRawBufferPointer, formatTwo: Bool = false) -> UInt64 {
        let seed = Checksum.basis ^ UInt64(key.count) ^ UInt64(data.count) << 8
        return formatTwo ? Checksum.finish(Checksum.absorbOneLane(data, Checksum.absorbOneLane(key, seed)))
            : Checksum.finish(Checksum.absorb(data, Checksum.absorb(key, seed)))
    }

    /// The checksum of one buffer (the index's, over all its bytes before the checksum).
    package static func checksum(_ p: UnsafeRawBufferPointer) -> UInt64 { Checksum.of(p) }
}
