import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import PolframeText

@Suite struct SegmentationTests {
    @Test func scriptsOfTokens() throws {
        let a = try TextAnalyzer().analyze("AI 人工智能 2025 ChatGPT")
        #expect(a.tokens.map(\.script) == [.latin, .han, .number, .latin])
    }

    @Test func dictionaryKeepsIndonesiaWhole() throws {
        let a = try TextAnalyzer().analyze("印度尼西亚和印度")
        #expect(a.segments == ["印度尼西亚", "和", "印度"])
        let plain = try TextAnalyzer(dictionary: WordDictionary()).analyze("印度尼西亚")
        // Without a dictionary every Han character stands alone, but for a run of characters
        // of transliterated names (SegmentationRules.transliterationCharacters).
        #expect(plain.segments == ["印", "度", "尼西亚"])
        #expect(try TextAnalyzer().analyze("构建问责制度").segments.prefix(1) == ["构建"])
    }

    @Test func numbersAndDatesAreWords() throws {
        let t = try TextAnalyzer()
        #expect(try t.analyze("二○○一年新年贺词").segments.first == "二○○一年")
        #expect(try t.analyze("（二○○○年十二月三十一日）").segments == ["(", "二○○○年", "十二月", "三十一日", ")"])
        #expect(try t.analyze("2001年3月5日").segments == ["2001年", "3月", "5日"])
        #expect(try t.analyze("增长１４·９％，达到3.5万").segments.contains("14·9%"))
        #expect(try t.analyze("增长１４·９％，达到3.5万").segments.contains("3.5万"))
        #expect(try t.analyze("第2条规定").segments.first == "第2")
        // A run of Han digits across two words is left alone: 唯一 | 一 | 个.
        #expect(try t.analyze("唯一一个").segments == ["唯一", "一", "个"])
    }

    @Test func dashAndEllipsisRunsAreOneToken() throws {
        let t = try TextAnalyzer()
        let dash = try t.analyze("新世纪——二○○一年").segments
        #expect(dash.contains("——") && dash.last == "二○○一年")
        let a = try t.analyze("等等……好")
        // …… normalizes to ......, one segment that maps back to the two ellipses.
        #expect(a.segments.contains("......"))
        #expect(a.sourceSegments.contains(2..<4))
    }

    @Test func latinNamesInsideChinese() throws {
        let a = try TextAnalyzer().analyze("发展AI与5G，使用ChatGPT和GPT-4以及COVID-19疫苗")
        let s = a.segments
        for w in ["ai", "5g", "chatgpt", "gpt-4", "covid-19"] { #expect(s.contains(w), "\(w) in \(s)") }
        // Hyphenated English words without digits stay apart (English lexicons match token sequences).
        #expect(try TextAnalyzer().analyze("well-being").segments == ["well", "-", "being"])
    }

    @Test func userDictionaryMergesAndResegments() throws {
        let words = try WordDictionary.builtin(words: ["数据安全", "新一代", "人工智能"])
        let a = try TextAnalyzer(dictionary: words).analyze("加强數據安全和新一代人工智能")
        #expect(a.segments.contains("数据安全"))
        #expect(a.segments.contains("新一代"))
        #expect(a.segments.contains("人工智能"))
        // Dictionary words are normalized like documents (Traditional written, Simplified found).
        #expect(words.contains(Array("数据安全".utf16)))
    }

    @Test func wordListFileIsRead() throws {
        let path = "/tmp/polframe-text-tests-\(UInt32.random(in: 0...UInt32.max)).txt"
        let body = "# comment\n算力网络 12 n\n智能體\n"
        #expect(body.withCString { p in
            guard let f = fopen(path, "w") else { return false }
            fputs(p, f); fclose(f); return true
        })
        defer { unlink(path) }
        let d = try WordDictionary.builtin(addingFile: path)
        #expect(d.contains(Array("算力网络".utf16)))
        #expect(d.contains(Array("智能体".utf16)))
        #expect(!d.contains(Array("# comment".utf16)))
        #expect(throws: TextError.self) { try WordDictionary.builtin(addingFile: path + ".missing") }
    }

    @Test func chineseSentences() throws {
        let a = try TextAnalyzer().analyze("发展人工智能。加强伦理治理！是否可行？是的")
        #expect(a.sentenceCount == 4)
        let b = try TextAnalyzer().analyze("一是加强治理；二是完善法规；三是他说：“要发展。”然后继续")
        #expect(b.sentenceCount == 4)
        // The closing quote stays with its sentence.
        #expect(b.text(b.sentenceBounds[2], b.sentenceBounds[3]).hasSuffix("”"))
        // An English semicolon does not end a sentence.
        #expect(try TextAnalyzer().analyze("We build; we govern.").sentenceCount == 1)
    }

    @Test func blankLinesAreNotSentences() throws {
        // ICU ends a sentence after each line break of a blank line; the white space between
        // paragraphs must not count as a sentence of its own (it would widen passage windows).
        let a = try TextAnalyzer().analyze("Over the next few years.\n\nOutside of Columbus, Intel builds.\n \n\nThen more.")
        #expect(a.sentenceCount == 3)
        for k in 0..<a.sentenceCount {
            let sentence = a.text(a.sentenceBounds[k], a.sentenceBounds[k + 1])
            #expect(sentence.contains { !$0.isWhitespace })
        }
        #expect(a.text(a.sentenceBounds[1], a.sentenceBounds[2]).hasPrefix("outside"))
        let b = try TextAnalyzer().analyze("\n\n发展人工智能。\n\n加强治理。\n\n")
        #expect(b.sentenceCount == 2)
        #expect(b.text(b.sentenceBounds[0], b.sentenceBounds[1]).contains("发展"))
    }

    @Test func englishAbbreviationsDoNotEndSentences() throws {
        let a = try TextAnalyzer().analyze("The U.S. and Dr. Smith met. They agreed.")
        #expect(a.sentenceCount == 2)
        let b = try TextAnalyzer().analyze("See Sec. 4 and No. 12, e.g. the rules. Then vote.")
        #expect(b.sentenceCount == 2)
    }

    @Test func languageFromScripts() throws {
        let english = try TextAnalyzer().analyze("The meeting with 习近平 discussed trade and technology policy at length.")
        #expect(english.dominantLanguage == "en")
        #expect(!english.isMixedLanguage)
        #expect(english.latinShare > 0.8)
        let chinese = try TextAnalyzer().analyze("推进 AI 与实体经济深度融合，加快建设数字中国。")
        #expect(chinese.dominantLanguage == "zh")
        #expect(!chinese.isMixedLanguage)
        let mixed = try TextAnalyzer().analyze("人工智能发展规划 (Development Plan for New Generation Artificial Intelligence) 国务院")
        #expect(mixed.isMixedLanguage)
        #expect(abs(mixed.hanShare + mixed.latinShare - 1) < 1e-9)
        #expect(try TextAnalyzer().analyze("2025 !").dominantLanguage == "und")
    }

    @Test func chunkedFileEqualsWholeText() throws {
        var text = ""
        for i in 0..<400 { text += "第\(i)条 发展人工智能，加强伦理治理。The U.S. agreed (No. \(i)).\n" }
        let path = "/tmp/polframe-chunk-tests-\(UInt32.random(in: 0...UInt32.max)).txt"
        #expect(text.withCString { p in
            guard let f = fopen(path, "w") else { return false }
            fputs(p, f); fclose(f); return true
        })
        defer { unlink(path) }
        let analyzer = try TextAnalyzer()
        let whole = try analyzer.analyze(text)
        var segments: [String] = []
        var chunks = 0
        var offsets: [Int] = []
        try ChunkedSegmentation(chunkBytes: 4096).forEachChunk(ofFile: path, analyzer: analyzer) { a, offset in
            segments += a.segments
            chunks += 1
            offsets.append(offset)
        }
        #expect(chunks > 3)
        #expect(segments == whole.segments)
        #expect(offsets.first == 0 && offsets == offsets.sorted())
    }

    @Test func chunkCutsAtLineThenSentence() {
        // Only the second half of a block is searched, so chunks stay large.
        let lines = [UInt8](repeating: 0x61, count: 6) + Array("\ncd".utf8)
        #expect(ChunkedSegmentation.cut(lines) == 7)
        let sentence = Array("你好你好。世界".utf8)
        #expect(ChunkedSegmentation.cut(sentence) == 15)
        let none = Array("你好你好世界".utf8)
        #expect(ChunkedSegmentation.cut(none) == 15)
    }
}
