/// A compact binary form of `AnalyzedText`, so the make engine can keep segmentation on disk
/// and re-score without re-segmenting. Little-endian; starts with a magic and a version.
extension AnalyzedText {
    static let storageMagic: [UInt8] = Array("PFAT".utf8)
    /// Bump when the layout changes: older files are then simply not read (and rebuilt).
    public static let storageVersion: UInt32 = 2

    public func serialized() -> [UInt8] {
        var out = Self.storageMagic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func i32s(_ a: [Int32]) { u32(UInt32(a.count)); for v in a { u32(UInt32(bitPattern: v)) } }
        u32(Self.storageVersion)
        u32(UInt32(units.count))
        for u in units { withUnsafeBytes(of: u.littleEndian) { out.append(contentsOf: $0) } }
        u32(UInt32(tokens.count))
        for t in tokens {
            u32(UInt32(bitPattern: t.start))
            u32(UInt32(bitPattern: t.end))
            out.append(UInt8(Script.allCases.firstIndex(of: t.script)!))
        }
        i32s(tokenSentence)
        i32s(sentenceBounds)
        var boundaries: [Int32] = []
        for (i, b) in isBoundary.enumerated() where b { boundaries.append(Int32(i)) }
        i32s(boundaries)
        i32s(sourceScalar)
        i32s(droppedScalars)
        u32(UInt32(hanCharacters))
        u32(UInt32(latinLetters))
        return out
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
            var a = [Int32](); a.reserveCapacity(Int(n))
            for _ in 0..<n { a.append(Int32(bitPattern: u32()!)) }
            return a
        }
        guard bytes.count >= 8, Array(bytes[0..<4]) == Self.storageMagic else { return nil }
        p = 4
        guard u32() == Self.storageVersion, let nu = u32(), p + Int(nu) * 2 <= bytes.count else { return nil }
        var units = [UInt16](); units.reserveCapacity(Int(nu))
        for _ in 0..<nu { units.append(UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8); p += 2 }
        guard let nt = u32(), p + Int(nt) * 9 <= bytes.count else { return nil }
        var tokens = [Token](); tokens.reserveCapacity(Int(nt))
        for _ in 0..<nt {
            let s = Int32(bitPattern: u32()!), e = Int32(bitPattern: u32()!)
            let k = Int(bytes[p]); p += 1
            guard k < Script.allCases.count else { return nil }
            tokens.append(Token(start: s, end: e, script: Script.allCases[k]))
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
