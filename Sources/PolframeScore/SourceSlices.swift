/// Pieces of a text cut at Unicode scalar offsets (the offsets matches.csv reports), found in
/// one forward pass over the text's UTF-8 instead of decoding it into an array of scalars.
struct SourceSlices {
    /// Each span clamped to the text's scalar count.
    let spans: [Range<Int>]
    /// The text of each clamped span.
    let texts: [String]

    init(_ source: String, _ wanted: [Range<Int>]) {
        guard !wanted.isEmpty else {
            spans = []
            texts = []
            return
        }
        // Every bound once, ascending: the pass visits them in order.
        var points: [Int] = []
        points.reserveCapacity(2 * wanted.count)
        for w in wanted { points.append(w.lowerBound); points.append(w.upperBound) }
        points.sort()
        var unique: [Int] = []
        unique.reserveCapacity(points.count)
        for p in points where unique.last != p { unique.append(p) }
        var source = source
        let (scalarAt, byteAt) = source.withUTF8 { bytes -> ([Int], [Int]) in
            var scalarAt: [Int] = [], byteAt: [Int] = []
            scalarAt.reserveCapacity(unique.count)
            byteAt.reserveCapacity(unique.count)
            let n = bytes.count
            // `scalar` counts the scalars that start in bytes[0 ..< byte] (their lead bytes).
            var byte = 0, scalar = 0
            for p in unique {
                // Eight bytes at a time while they cannot hold the start of scalar p.
                if let base = bytes.baseAddress {
                    while p - scalar >= 8 && byte + 8 <= n {
                        let word = UnsafeRawPointer(base + byte).loadUnaligned(as: UInt64.self)
                        scalar += 8 - Self.continuationBytes(word)
                        byte += 8
                    }
                }
                // Then to the lead byte of scalar p (or the end of the text).
                while byte < n {
                    let lead = bytes[byte] & 0xC0 != 0x80
                    if lead && scalar == p { break }
                    if lead { scalar += 1 }
                    byte += 1
                }
                scalarAt.append(scalar)
                byteAt.append(byte)
            }
            return (scalarAt, byteAt)
        }
        func point(_ offset: Int) -> Int {
            var lo = 0, hi = unique.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if unique[mid] < offset { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var spans: [Range<Int>] = []
        var texts: [String] = []
        spans.reserveCapacity(wanted.count)
        texts.reserveCapacity(wanted.count)
        source.withUTF8 { bytes in
            for w in wanted {
                let a = point(w.lowerBound), b = point(w.upperBound)
                spans.append(scalarAt[a]..<scalarAt[b])
                texts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[byteAt[a]..<byteAt[b]]), as: UTF8.self))
            }
        }
        self.spans = spans
        self.texts = texts
    }

    /// UTF-8 continuation bytes (0b10xxxxxx) among the eight bytes of `word`.
    @inline(__always)
    static func continuationBytes(_ word: UInt64) -> Int {
        (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
    }
}
