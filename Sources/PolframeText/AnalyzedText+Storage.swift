import PolframeFoundation

/// A compact binary form of `AnalyzedText`, so the make engine can keep segmentation on disk
/// and re-score without re-segmenting. Little-endian; starts with a magic and a version.
extension AnalyzedText {
    static let storageMagic: [UInt8] = Array("PFAT".utf8)
    /// Bump when the layout changes: older files are then simply not read (and rebuilt).
    /// Version 3 follows the units with a 64-bit checksum of their bytes, so a reader can look
    /// at the units alone (`storedUnits`) and still know them whole.
    public static let storageVersion: UInt32 = 3

    /// The checksum stored after the units (its algorithm lives with the others).
    static func unitsChecksum(_ p: UnsafeRawBufferPointer) -> UInt64 { Checksum.analysisUnits(p) }

    /// How many leading bytes of a stored analysis `storedUnits` needs (header, units and their
    /// checksum), read from its first 12 bytes; nil when they are not a stored analysis of this
    /// version.
    public static func storedUnitsLength(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 12 else { return nil }
        for k in 0..<4 where bytes[k] != storageMagic[k] { return nil }
        func u32(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 | Int(bytes[o + 2]) << 16 | Int(bytes[o + 3]) << 24 }
        guard u32(4) == Int(storageVersion) else { return nil }
        return 12 + 2 * u32(8) + 8
    }

    public func serialized() -> [UInt8] {
        var boundaries: [Int32] = []
        boundaries.reserveCapacity(tokens.count * 2 + 2)
        for (i, b) in isBoundary.enumerated() where b { boundaries.append(Int32(i)) }
        let arrays = [tokenSentence, sentenceBounds, boundaries, sourceScalar, droppedScalars]
        var out: [UInt8] = []
        out.reserveCapacity(32 + units.count * 2 + tokens.count * 9 + arrays.reduce(0) { $0 + 4 + $1.count * 4 } + 8)
        out.append(contentsOf: Self.storageMagic)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        // Arrays of fixed-width integers go in whole on a little-endian machine, element by
        // element (byte-swapped) on a big-endian one: the same bytes either way.
        func bulk<T: FixedWidthInteger>(_ a: [T]) {
            if 1.littleEndian == 1 { a.withUnsafeBytes { out.append(contentsOf: $0) } }
            else { for v in a { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } } }
        }
        u32(Self.storageVersion)
        u32(UInt32(units.count))
        bulk(units)
        let sum = out.withUnsafeBytes { Self.unitsChecksum(UnsafeRawBufferPointer(rebasing: $0[12...])) }
        withUnsafeBytes(of: sum.littleEndian) { out.append(contentsOf: $0) }
        u32(UInt32(tokens.count))
        // Tokens as start, end (little-endian UInt32) and script code: written straight into
        // the buffer, nine bytes a token.
        let at = out.count
        out.append(contentsOf: repeatElement(0, count: tokens.count * 9))
        out.withUnsafeMutableBytes { raw in
            var o = at
            for t in tokens {
                raw.storeBytes(of: UInt32(bitPattern: t.start).littleEndian, toByteOffset: o, as: UInt32.self)
                raw.storeBytes(of: UInt32(bitPattern: t.end).littleEndian, toByteOffset: o + 4, as: UInt32.self)
                raw[o + 8] = Self.scriptCode(t.script)
                o += 9
            }
        }
        for a in arrays { u32(UInt32(a.count)); bulk(a) }
        u32(UInt32(hanCharacters))
        u32(UInt32(latinLetters))
        return out
    }

    /// Whether the normalized units of a stored analysis may hold `needle` as a run of units:
    /// false means they certainly do not. Looks at the stored units only, without reading the
    /// rest (a make engine's quick test of whether a lexicon edit can reach a document). A
    /// record that is not a stored analysis of this version may hold anything.
    public static func storedUnits(_ bytes: UnsafeRawBufferPointer, mayContain needle: [UInt16]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard bytes.count >= 12 else { return true }
        for k in 0..<4 where bytes[k] != storageMagic[k] { return true }
        func u32(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 | Int(bytes[o + 2]) << 16 | Int(bytes[o + 3]) << 24 }
        let count = u32(8)
        // The units, whole (their checksum agrees), or nothing is known.
        guard u32(4) == Int(storageVersion), 12 + 2 * count + 8 <= bytes.count else { return true }
        let stored = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 12 + 2 * count, as: UInt64.self))
        guard unitsChecksum(UnsafeRawBufferPointer(rebasing: bytes[12..<(12 + 2 * count)])) == stored else { return true }
        let n = needle.count
        guard n <= count else { return false }
        let first = needle[0]
        var i = 0
        while i + n <= count {
            let o = 12 + 2 * i
            if UInt16(bytes[o]) | UInt16(bytes[o + 1]) << 8 == first {
                var k = 1
                while k < n {
                    let q = o + 2 * k
                    if UInt16(bytes[q]) | UInt16(bytes[q + 1]) << 8 != needle[k] { break }
                    k += 1
                }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }

    /// The stored code of a script: its position in `Script.allCases`.
    @inline(__always)
    static func scriptCode(_ s: Script) -> UInt8 {
        switch s {
        case .han: 0
        case .latin: 1
        case .kana: 2
        case .hangul: 3
        case .number: 4
        case .other: 5
        }
    }

    /// Reads what `serialized()` wrote; nil for anything else (another version, a torn file).
    public init?(serialized bytes: [UInt8]) {
        var p = 0
        func u32() -> UInt32? {
            guard p + 4 <= bytes.count else { return nil }
            let v = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
            p += 4
            return v
        }
        func i32s() -> [Int32]? {
            guard let n = u32(), p + Int(n) * 4 <= bytes.count else { return nil }
            let a = bulk(Int32.self, Int(n))
            return a
        }
        // n little-endian integers at p, copied whole on a little-endian machine.
        func bulk<T: FixedWidthInteger>(_: T.Type, _ n: Int) -> [T] {
            let size = MemoryLayout<T>.size
            var a = [T](repeating: 0, count: n)
            a.withUnsafeMutableBytes { dst in
                bytes.withUnsafeBytes { src in
                    dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[p..<(p + n * size)]))
                }
            }
            if 1.littleEndian != 1 { for i in a.indices { a[i] = T(littleEndian: a[i]) } }
            p += n * size
            return a
        }
        guard bytes.count >= 8, Array(bytes[0..<4]) == Self.storageMagic else { return nil }
        p = 4
        // Version 2 (no checksum after the units) is still read: an upgrade re-segments nothing.
        guard let version = u32(), version == Self.storageVersion || version == 2, let nu = u32(), p + Int(nu) * 2 <= bytes.count else { return nil }
        let units = bulk(UInt16.self, Int(nu))
        if version >= 3 {
            guard p + 8 <= bytes.count else { return nil }
            p += 8  // the units' checksum (the record as a whole has its own)
        }
        guard let nt = u32(), p + Int(nt) * 9 <= bytes.count else { return nil }
        var tokens = [Token](); tokens.reserveCapacity(Int(nt))
        let scripts = Script.allCases
        for _ in 0..<nt {
            let s = Int32(bitPattern: u32()!), e = Int32(bitPattern: u32()!)
            let k = Int(bytes[p]); p += 1
            guard k < scripts.count else { return nil }
            tokens.append(Token(start: s, end: e, script: scripts[k]))
        }
        guard let tokenSentence = i32s(), let sentenceBounds = i32s(), let boundaries = i32s(), let sourceScalar = i32s(),
              let droppedScalars = i32s(), let han = u32(), let latin = u32(), p == bytes.count else { return nil }
        var isBoundary = [Bool](repeating: false, count: units.count + 1)
        for b in boundaries where Int(b) <= units.count { isBoundary[Int(b)] = true }
        guard sourceScalar.count == units.count + 1, tokenSentence.count == tokens.count else { return nil }
        self.init(units: units, tokens: tokens, tokenSentence: tokenSentence, sentenceBounds: sentenceBounds,
                  isBoundary: isBoundary, sourceScalar: sourceScalar, droppedScalars: droppedScalars, hanCharacters: Int(han), latinLetters: Int(latin))
    }
}
