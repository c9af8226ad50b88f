import PolframeLexicon
import PolframeText
import Testing
@testable import PolframeScore

/// The matching semantics of DESIGN.md.
@Suite struct MatchingTests {
    static let yaml = """
    name: t
    version: "1"
    frames:
      values_based:
        categories:
          ethics:
            entries:
              - {en: ethics, zh: [伦理, 人工智能伦理]}
              - {en: "human rights", zh: 人权}
              - {en: rights}
              - {en: "privac*", zh: 隱私}
          countries:
            entries:
              - {zh: 印度}
      development_centric:
        categories:
          tech:
            entries:
              - {en: "artificial intelligence", zh: 人工智能}
    """

    func matches(_ text: String) throws -> [(String, String, Bool)] {
        let analyzer = try TextAnalyzer()
        let lex = try CompiledLexicon(try Lexicon.parse(Self.yaml, path: "t.yaml"), analyzer: analyzer)
        let scorer = Scorer([lex])
        let score = scorer.score(try analyzer.analyze(text), source: text)
        return score.matches.map { ($0.entry, $0.text, $0.negated) }
    }

    @Test(arguments: ["人工智能", "发展人工智能产业", "新一代人工智能发展规划", "推进人工智能与实体经济融合"])
    func rengongzhinengMatchesHoweverICUSplitsIt(_ text: String) throws {
        // ICU split 人工智能 into 人工 | 智能 in these contexts; the built-in dictionary keeps it
        // whole. Either way the match is on the character stream, between word boundaries.
        #expect(try matches(text).map(\.1) == ["人工智能"])
        // A segmentation that splits it still matches it (an empty dictionary: one word a character).
        let analyzer = try TextAnalyzer(dictionary: WordDictionary())
        let lex = try CompiledLexicon(try Lexicon.parse(Self.yaml, path: "t.yaml"), analyzer: analyzer)
        let split = Scorer([lex]).score(try analyzer.analyze(text), source: text)
        #expect(split.matches.map(\.text) == ["人工智能"])
    }

    @Test func indiaDoesNotMatchInsideIndonesia() throws {
        #expect(try matches("印度尼西亚").isEmpty)
        #expect(try matches("中国与印度尼西亚合作").isEmpty)
        #expect(try matches("中国与印度合作").map(\.1) == ["印度"])
    }

    @Test func traditionalAndSimplifiedMatchEachOther() throws {
        // The entry 隱私 is Traditional; the text is Simplified.
        #expect(try matches("保护隐私").map(\.0) == ["隱私"])
        // The entry 伦理 is Simplified; the text is Traditional.
        #expect(try matches("加強倫理審查").map(\.1) == ["倫理"])
    }

    @Test func longestMatchWinsAndCountsOnce() throws {
        #expect(try matches("Human Rights matter").map(\.0) == ["human rights"])
        #expect(try matches("加强人工智能伦理治理").map(\.0) == ["人工智能伦理"])
        #expect(try matches("rights and ethics").map(\.0) == ["rights", "ethics"])
    }

    @Test func globsAndCaseAndLineBreaks() throws {
        #expect(try matches("PRIVACY and privacy-preserving").map(\.1) == ["PRIVACY", "privacy"])
        #expect(try matches("human\nrights").map(\.0) == ["human rights"])
    }

    @Test func neverAcrossSentences() throws {
        #expect(try matches("We defend the human. Rights follow.").map(\.0) == ["rights"])
    }

    @Test func negationIsReportedNotDropped() throws {
        let m = try matches("This plan does not rely on ethics. Ethics matter.")
        #expect(m.map(\.2) == [true, false])
        #expect(try matches("不以牺牲人权为代价").map(\.2) == [true])
    }

    @Test func offsetsPointIntoTheOriginalText() throws {
        let text = "ＡＩ and Ｈｕｍａｎ  Ｒｉｇｈｔｓ"
        let analyzer = try TextAnalyzer()
        let lex = try CompiledLexicon(try Lexicon.parse(Self.yaml, path: "t.yaml"), analyzer: analyzer)
        let s = Scorer([lex]).score(try analyzer.analyze(text), source: text)
        let m = try #require(s.matches.first)
        let scalars = Array(text.unicodeScalars)
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[m.start..<m.end])
        #expect(String(v) == "Ｈｕｍａｎ  Ｒｉｇｈｔｓ")
        #expect(m.text == String(v))
    }
}
