import Testing
@testable import PolframeText

@Suite struct SegmentationTests {
    @Test func scriptsOfTokens() throws {
        let a = try TextAnalyzer().analyze("AI 人工智能 2025 ChatGPT")
        #expect(a.tokens.map(\.script) == [.latin, .han, .han, .number, .latin])
    }

    @Test func dictionaryKeepsIndonesiaWhole() throws {
        let a = try TextAnalyzer().analyze("印度尼西亚和印度")
        #expect(a.segments == ["印度尼西亚", "和", "印度"])
        let plain = try TextAnalyzer(dictionary: WordDictionary()).analyze("印度尼西亚")
        // What ICU alone does (the reason for the dictionary).
        #expect(plain.segments == ["印度", "尼西亚"])
    }

    @Test func chineseSentences() throws {
        let a = try TextAnalyzer().analyze("发展人工智能。加强伦理治理！是否可行？是的")
        #expect(a.sentenceCount == 4)
    }

    @Test func englishAbbreviationsDoNotEndSentences() throws {
        let a = try TextAnalyzer().analyze("The U.S. and Dr. Smith met. They agreed.")
        #expect(a.sentenceCount == 2)
    }

    @Test func languageFromScripts() throws {
        let english = try TextAnalyzer().analyze("The meeting with 习近平 discussed trade and technology policy at length.")
        #expect(english.dominantLanguage == "en")
        let chinese = try TextAnalyzer().analyze("推进 AI 与实体经济深度融合，加快建设数字中国。")
        #expect(chinese.dominantLanguage == "zh")
    }
}
