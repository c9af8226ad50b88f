import PolframeLexicon
import PolframeText
import Testing
@testable import PolframeScore

/// Properties of matching over random documents built from a small vocabulary that overlaps
/// the lexicon's forms in every way (prefixes, extensions, Traditional spellings).
@Suite struct MatchingPropertyTests {
    static let yaml = """
    name: p
    version: "1"
    frames:
      a:
        categories:
          x: {entries: [{en: ["human rights", rights, "privac*"], zh: [人权, 人工智能, 人工智能伦理, 印度]}]}
      b:
        categories:
          y: {entries: [{en: ["rights of", infrastructure], zh: [伦理, 智能, 基础设施]}]}
    """
    static let vocabulary = ["human", "rights", "of", "privacy", "private", "infrastructure", "the", ".", "人权", "人工", "智能",
                             "人工智能", "伦理", "倫理", "印度", "印度尼西亚", "基础", "设施", "基础设施", "。", "和", " "]

    @Test func matchesNeverOverlapAreMaximalAndStayInSentences() throws {
        let analyzer = try TextAnalyzer()
        let lex = try CompiledLexicon(try Lexicon.parse(Self.yaml, path: "p.yaml"), analyzer: analyzer)
        let matcher = Matcher(lex)
        var rng = SplitMix64(seed: 42)
        for _ in 0..<300 {
            var words: [String] = []
            for _ in 0..<Int(rng.next() % 25) { words.append(Self.vocabulary[Int(rng.next() % UInt64(Self.vocabulary.count))]) }
            let text = words.joined(separator: rng.next() % 2 == 0 ? " " : "")
            let a = try analyzer.analyze(text)
            let ms = matcher.match(a)
            // No unit is counted twice.
            for (m, n) in zip(ms, ms.dropFirst()) { #expect(m.end <= n.start, "\(text.debugDescription)") }
            for m in ms {
                // Never across a sentence, always on word boundaries.
                #expect(a.sentence(at: m.start) == a.sentence(at: m.end - 1), "\(text.debugDescription)")
                #expect(a.isBoundary[Int(m.start)] && a.isBoundary[Int(m.end)], "\(text.debugDescription)")
                // 印度 never inside 印度尼西亚.
                #expect(!(lex.patterns[Int(m.pattern)].form == "印度" && a.text(m.start, min(Int32(a.units.count), m.end + 3)).hasPrefix("印度尼西亚")))
            }
        }
    }
}
