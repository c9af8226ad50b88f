import Foundation
import PolframeText
import Testing
@testable import PolframeLexicon

@Suite struct NativeFormatTests {
    static let good = """
    name: test
    version: 1.0.0
    negation:
      en: [not]
    frames:
      values_based:
        label: Values
        categories:
          ethics:
            label: Ethics
            entries:
              - {en: ethics, zh: 伦理}
              - {en: "human rights", zh: 人權, weight: 2}
              - {en: "privac*"}
      development_centric:
        categories:
          infrastructure:
            weight: 0.5
            entries:
              - {en: infrastructure, zh: [基础设施, 新基建]}
    """

    @Test func parsesFramesCategoriesEntries() throws {
        let lex = try Lexicon.parse(Self.good, path: "t.yaml")
        #expect(lex.name == "test")
        #expect(lex.frames.map(\.id) == ["values_based", "development_centric"])
        #expect(lex.frames[0].categories[0].entries.count == 3)
        #expect(lex.frames[0].categories[0].entries[1].weight == 2)
        #expect(lex.frames[1].categories[0].weight == 0.5)
        #expect(lex.negation[.en] == ["not"])
        #expect(lex.negation[.zh] == Lexicon.defaultNegation[.zh])
    }

    @Test func reportsEveryProblemWithLineAndColumn() {
        let bad = """
        name: broken
        frames:
          values_based:
            categories:
              ethics:
                entires: []
              rights:
                entries:
                  - {fr: droits}
                  - {en: "privacy", weight: -0.5}
        """
        do {
            _ = try Lexicon.parse(bad, path: "bad.yaml")
            Issue.record("a broken lexicon parsed")
        } catch {
            let text = error.description
            #expect(text.contains("bad.yaml:6:"), "\(text)")  // unknown key entires
            #expect(text.contains("needs a version"))
            #expect(text.contains("unknown key 'fr'"))
            #expect(text.contains("negative weight -0.5"), "\(text)")
            #expect(error.problems.count >= 4)
        }
    }

    @Test func badYAMLNamesThePosition() {
        do {
            _ = try Lexicon.parse("name: x\nframes: [unclosed\n", path: "y.yaml")
            Issue.record("bad YAML parsed")
        } catch {
            #expect(error.problems.first?.line ?? 0 >= 2)
        }
    }

    @Test func formsThatNormalizeAlikeAreOnePatternCountedInEachCategory() throws {
        // ETHICS and 倫理 in a second category: the same forms as ethics and 伦理 of the first.
        let dup = Self.good.replacingOccurrences(of: "{en: infrastructure, zh: [基础设施, 新基建]}", with: "{en: [ETHICS, ethics], zh: 倫理}")
        let lex = try Lexicon.parse(dup, path: "d.yaml")
        let compiled = try CompiledLexicon(lex, analyzer: try TextAnalyzer())
        let ethics = compiled.patterns.indices.filter { compiled.patterns[$0].form.lowercased() == "ethics" }
        #expect(ethics.count == 3)
        // One indexed pattern, shared by both categories once each (the second "ethics" adds nothing).
        let sharing = compiled.sharing[ethics[0]].map { compiled.patterns[Int($0)].category }
        #expect(sharing == ["ethics", "infrastructure"])
        #expect(compiled.sharing[ethics[1]].isEmpty && compiled.sharing[ethics[2]].isEmpty)
    }

    @Test func followerLexiconLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lex = try Lexicon.load(path: root.appendingPathComponent("lexicons/follower-choices.yaml").path)
        #expect(lex.frames.map(\.id) == ["technological_economic_interests", "political_security_considerations"])
        _ = try CompiledLexicon(lex, analyzer: try TextAnalyzer())
    }

    @Test func shippedLexiconMeetsItsBrief() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lex = try Lexicon.load(path: root.appendingPathComponent("lexicons/ai-governance-framing.yaml").path)
        #expect(lex.frames.map(\.id) == ["values_based", "development_centric", "topic_technology"])
        #expect(lex.frames.map(\.role) == [.framing, .framing, .topic])
        #expect(lex.frames[0].categories.count + lex.frames[1].categories.count >= 10)
        for frame in lex.frames {
            for c in frame.categories {
                let forms = c.entries.flatMap(\.forms)
                #expect(forms.filter { $0.language == .en }.count >= 15, "\(c.id) en")
                #expect(forms.filter { $0.language == .zh }.count >= 15, "\(c.id) zh")
            }
        }
        let analyzer = try TextAnalyzer()
        #expect(try CompiledLexicon(lex, analyzer: analyzer).frames.count == 2)
        #expect(try CompiledLexicon(lex, analyzer: analyzer, role: .topic).frames.map(\.id) == ["topic_technology"])
    }
}
