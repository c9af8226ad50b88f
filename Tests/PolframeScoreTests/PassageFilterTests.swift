import PolframeLexicon
import PolframeText
import Testing
@testable import PolframeScore

@Suite struct PassageFilterTests {
    static let yaml = """
    name: t
    version: "1"
    frames:
      values_based:
        categories:
          ethics: {entries: [{en: [ethics, privacy]}]}
      development_centric:
        categories:
          infra: {entries: [{en: [infrastructure, "5g"]}]}
      topic_technology:
        role: topic
        categories:
          technology: {entries: [{en: [ai, "5g"]}]}
    """

    func score(_ text: String, window: Int?) throws -> DocumentScore {
        let analyzer = try TextAnalyzer()
        let lex = try Lexicon.parse(Self.yaml, path: "t.yaml")
        let framing = try CompiledLexicon(lex, analyzer: analyzer)
        let topic = try CompiledLexicon(lex, analyzer: analyzer, role: .topic)
        let scorer = Scorer([framing, topic], passageFilter: window.map { PassageFilter(frame: "topic_technology", window: $0) })
        return scorer.score(try analyzer.analyze(text), source: text)
    }

    @Test func onlySentencesNearTopicHitsAreScored() throws {
        let text = "We value ethics. Our infrastructure is old. AI needs privacy. Nothing else. More infrastructure here."
        let all = try score(text, window: nil)
        #expect(all.weighted(frame: "values_based") == 2 && all.weighted(frame: "development_centric") == 2)
        let near = try score(text, window: 0)
        #expect(near.weighted(frame: "values_based") == 1)  // privacy, in the AI sentence
        #expect(near.weighted(frame: "development_centric") == 0)
        #expect(near.scoredTokens == 3)  // "AI needs privacy"
        let wider = try score(text, window: 1)
        #expect(wider.weighted(frame: "development_centric") == 1)  // the sentence before
        #expect(wider.weighted(frame: "values_based") == 1)
    }

    @Test func topicFormsDoNotTakeSpansFromFraming() throws {
        // "5g" is both an infrastructure form and a topic form: both count.
        let s = try score("We deploy 5G.", window: nil)
        #expect(s.weighted(frame: "development_centric") == 1)
        #expect(s.weighted(frame: "topic_technology") == 1)
    }

    @Test func documentWithoutTopicHitsScoresNothing() throws {
        let s = try score("We value ethics.", window: 2)
        #expect(s.scoredTokens == 0 && s.weighted(frame: "values_based") == 0)
    }
}
