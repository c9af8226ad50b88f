/// Writes the words of many lines at once, for `polframe segment`: the lines of a batch are
/// analyzed in one call (no per-line setup) and each word is copied as bytes from the input (or
/// encoded from the normalized text), words separated by one space, one output line per input
/// line. Line breaks are never joined (set `joinChineseLines` off in the analyzer's options).
public struct LineSegmentation {
    public let analyzer: TextAnalyzer
    /// Write normalized words instead of the input's own characters.
    public var normalized: Bool
    /// Whether a word was written on the current output line (the next one needs a space).
    private var lineHasWord = false

    public init(analyzer: TextAnalyzer, normalized: Bool = false) {
        self.analyzer = analyzer
        self.normalized = normalized
    }

    /// Appends the words of `bytes` (UTF-8; invalid sequences read as U+FFFD) to `out`. A batch
    /// may end inside a line: the next batch continues it.
    public mutating func segment(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) throws(TextError) {
        var text = String(decoding: bytes, as: UTF8.self)
        let a = try analyzer.analyze(text)
        text.withUTF8 { source in write(a, source, &out) }
    }

    /// Segments a whole stream: `read` fills a buffer and returns the bytes read (0 at the end),
    /// `write` takes each batch's output. Batches of about `batchBytes` end at a line break when
    /// there is one in their second half, else at a sentence end, else between two characters,
    /// so memory and time stay linear even on one very long line.
    public mutating func segment(batchBytes: Int = 1 << 16, read: (UnsafeMutableRawBufferPointer) throws -> Int,
                                 write: ([UInt8]) throws -> Void) throws {
        let batch = max(4096, batchBytes)
        var pending: [UInt8] = []
        pending.reserveCapacity(batch * 2)
        var block = [UInt8](repeating: 0, count: batch)
        var out: [UInt8] = []
        out.reserveCapacity(batch * 2)
        var eof = false
        while !eof || !pending.isEmpty {
            if !eof {
                let k = try block.withUnsafeMutableBytes { try read($0) }
                if k > 0 { pending.append(contentsOf: block[0..<k]) } else { eof = true }
                if !eof && pending.count < batch { continue }
            }
            let cut = eof ? pending.count : ChunkedSegmentation.cut(pending)
            try segment(pending[0..<cut], into: &out)
            pending.removeFirst(cut)
            if !out.isEmpty { try write(out); out.removeAll(keepingCapacity: true) }
        }
        finish(into: &out)
        if !out.isEmpty { try write(out) }
    }

    /// Ends the output's last line when the input's last line had no line break.
    public mutating func finish(into out: inout [UInt8]) {
        if lineHasWord { out.append(0x0A) }
        lineHasWord = false
    }

    private mutating func write(_ a: AnalyzedText, _ source: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        // Byte offset of each scalar of the source (scalars + 1 entries).
        var byteOf: [Int32] = []
        if !normalized {
            byteOf.reserveCapacity(source.count + 1)
            for i in 0..<source.count where source[i] & 0xC0 != 0x80 { byteOf.append(Int32(i)) }
            byteOf.append(Int32(source.count))
        }
        let units = a.units
        let n = units.count
        a.isBoundary.withUnsafeBufferPointer { boundary in
            units.withUnsafeBufferPointer { u in
                var start = 0
                var i = 1
                while i <= n {
                    if !boundary[i] { i += 1; continue }
                    var blank = true
                    var breaks = 0
                    for k in start..<i {
                        let c = u[k]
                        if c == 0x0A { breaks += 1 } else if !Self.isSpace(c) { blank = false }
                    }
                    if blank {
                        for _ in 0..<breaks { out.append(0x0A) }
                        if breaks > 0 { lineHasWord = false }
                    } else {
                        if lineHasWord { out.append(0x20) }
                        lineHasWord = true
                        if normalized {
                            Self.appendUTF8(u, start, i, &out)
                        } else {
                            let span = a.sourceSpan(Int32(start), Int32(i))
                            let b = Int(byteOf[span.lowerBound]), e = Int(byteOf[span.upperBound])
                            out.append(contentsOf: UnsafeBufferPointer(rebasing: source[b..<e]))
                        }
                    }
                    start = i
                    i += 1
                }
            }
        }
    }

    /// White space as the gold standards of word segmentation read it (never a word).
    @inline(__always)
    static func isSpace(_ c: UInt16) -> Bool {
        switch c {
        case 0x09, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    private static func appendUTF8(_ u: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int, _ out: inout [UInt8]) {
        var k = s
        while k < e {
            var v = UInt32(u[k])
            if v >= 0xD800 && v < 0xDC00 && k + 1 < e {
                v = 0x10000 + ((v - 0xD800) << 10) + (UInt32(u[k + 1]) - 0xDC00)
                k += 1
            }
            k += 1
            if v < 0x80 { out.append(UInt8(v)) }
            else if v < 0x800 { out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F)) }
            else if v < 0x10000 {
                out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | (v >> 6) & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
            } else {
                out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | (v >> 12) & 0x3F))
                out.append(UInt8(0x80 | (v >> 6) & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
            }
        }
    }
}
