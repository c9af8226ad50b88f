import Testing
@testable import PolframeText

@Suite struct LineSegmentationTests {
    /// The command's output for `input`, fed `batch` bytes at a time.
    private func segment(_ input: [UInt8], normalized: Bool = false, batch: Int = 1 << 16) throws -> String {
        var options = NormalizationOptions()
        options.joinChineseLines = false
        var s = LineSegmentation(analyzer: try TextAnalyzer(options: options), normalized: normalized)
        var at = 0
        var out: [UInt8] = []
        try s.segment(batchBytes: batch, read: { buffer in
            let k = min(buffer.count, input.count - at)
            for i in 0..<k { buffer[i] = input[at + i] }
            at += k
            return k
        }, write: { out += $0 })
        return String(decoding: out, as: UTF8.self)
    }

    @Test func oneOutputLinePerInputLine() throws {
        let input = "共同创造美好的新世纪\n\n  Ｆｕｌｌ width ２００１年\n中国人民\n最后一行"
        let out = try segment(Array(input.utf8))
        #expect(out == "共同 创造 美好 的 新世纪\n\nＦｕｌｌ width ２００１年\n中国 人民\n最后 一行\n")
        #expect(try segment(Array(input.utf8), normalized: true).hasPrefix("共同 创造 美好 的 新世纪\n\nfull width 2001年\n"))
    }

    @Test func batchesGiveTheSameOutputAsOneCall() throws {
        let line = "在这个激动人心的时刻，我很高兴通过中国国际广播电台向全国各族人民致以新年的祝贺。\n"
        let input = Array(String(repeating: line, count: 400).utf8)
        let whole = try segment(input, batch: 1 << 24)
        #expect(try segment(input, batch: 4096) == whole)
        #expect(whole.split(separator: "\n").count == 400)
    }

    /// Issue 13 item 15: a long line without a break was quadratic (256 KB: 3 s, 4 MB: minutes).
    /// A quadratic implementation makes this test hang visibly; the linear one takes well under
    /// a second even in a debug build.
    @Test func longUnbrokenLineIsLinear() throws {
        let sentence = "中国人民进入了向现代化建设第三步战略目标迈进的新征程。"
        let sentenceWords = try segment(Array(sentence.utf8))
        let count = 3000  // about 240 KB on one line
        let out = try segment(Array((String(repeating: sentence, count: count) + "\n").utf8))
        #expect(out == String(repeating: sentenceWords.dropLast() + " ", count: count).dropLast() + "\n")
        // Without any sentence end: every character comes back, in order, on one line.
        let bare = String(repeating: "发展人工智能加强伦理治理", count: 20_000)  // 720 KB
        let words = try segment(Array(bare.utf8))
        #expect(words.filter { $0 != " " } == bare + "\n")
        #expect(words.split(separator: " ").count > 100_000)
    }
}
