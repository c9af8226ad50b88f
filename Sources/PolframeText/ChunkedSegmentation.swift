#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Segments a large file in bounded memory: the file is read in blocks, each cut at the last
/// line break (a paragraph, or a line of a one-sentence-a-line file), else at the last
/// sentence end (。！？), else at a character boundary, and each piece is analyzed alone.
/// Memory stays proportional to the chunk size, not the file.
public struct ChunkedSegmentation {
    /// Target bytes per chunk.
    public var chunkBytes: Int

    public init(chunkBytes: Int = 1 << 16) {
        self.chunkBytes = max(4096, chunkBytes)
    }

    /// Calls `body` with each chunk's analysis and the scalar offset of the chunk in the file.
    public func forEachChunk(ofFile path: String, analyzer: TextAnalyzer,
                             _ body: (AnalyzedText, _ scalarOffset: Int) throws -> Void) throws {
        guard let f = fopen(path, "rb") else { throw TextError.file(path: path, detail: String(cString: strerror(errno))) }
        defer { fclose(f) }
        var pending: [UInt8] = []
        var block = [UInt8](repeating: 0, count: chunkBytes)
        var offset = 0
        var eof = false
        while !eof || !pending.isEmpty {
            if !eof {
                let k = block.withUnsafeMutableBytes { fread($0.baseAddress, 1, chunkBytes, f) }
                if k > 0 { pending.append(contentsOf: block[0..<k]) }
                if k < chunkBytes {
                    if ferror(f) != 0 { throw TextError.file(path: path, detail: "read error at byte \(offset)") }
                    eof = true
                }
            }
            if !eof && pending.count < chunkBytes { continue }
            let cut = eof ? pending.count : Self.cut(pending)
            let text = String(decoding: pending[0..<cut], as: UTF8.self)
            let analysis = try analyzer.analyze(text)
            try body(analysis, offset)
            offset += analysis.sourceScalarCount
            pending.removeFirst(cut)
        }
    }

    /// Where to end a chunk in `bytes` (UTF-8): after the last line break, else after the last
    /// 。！？ (E3 80 82, EF BC 81, EF BC 9F), else at the last character start.
    public static func cut(_ bytes: [UInt8]) -> Int {
        let floor = bytes.count / 2
        var i = bytes.count - 1
        while i >= floor {
            if bytes[i] == 0x0A { return i + 1 }
            i -= 1
        }
        i = bytes.count - 1
        while i >= floor + 2 {
            if (bytes[i - 2] == 0xE3 && bytes[i - 1] == 0x80 && bytes[i] == 0x82)
                || (bytes[i - 2] == 0xEF && bytes[i - 1] == 0xBC && (bytes[i] == 0x81 || bytes[i] == 0x9F)) {
                return i + 1
            }
            i -= 1
        }
        i = bytes.count - 1
        while i > 0 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        return max(i, 1)
    }
}
