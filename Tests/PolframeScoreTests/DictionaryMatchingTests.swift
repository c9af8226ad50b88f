import PolframeLexicon
import PolframeText
import Testing
@testable import PolframeScore

/// Matching with dictionaries as researchers write them: several categories per form, quanteda
/// globs, Chinese globs, exclusions, and contrasts between categories.
@Suite struct DictionaryMatchingTests {
    static let yaml = """
    name: d
    version: "1"
    negation: {en: [], zh: []}
    exclude:
      en: ["Democratic Party", "People's Republic of Korea"]
    frames:
      politics:
        categories:
          regime:
            entries:
              - {en: "DEMOCRATIC"}
              - {en: ["*democra*", "republic"]}
          values:
            exclude: {en: ["democratic deficit"]}
            entries:
              - {en: ["democratic", "labo?r", "heckl**"]}
      places:
        categories:
          africa:
            entries:
              - {zh: [肯尼亚*], en: [kenya]}
    """

    func score(_ text: String, yaml: String = Self.yaml) throws -> DocumentScore {
        let analyzer = try TextAnalyzer()
        let lex = try CompiledLexicon(try Lexicon.parse(yaml, path: "d.yaml"), analyzer: analyzer)
        return Scorer([lex]).score(try analyzer.analyze(text), source: text)
    }

    func hits(_ s: DocumentScore) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: s.categories.map { ("\($0.frame)/\($0.category)", $0.hits) })
    }

    @Test func aFormInSeveralCategoriesCountsOnceInEach() throws {
        // "democratic" is in regime (as DEMOCRATIC, and *democra* matches it too) and in values:
        // once in each, never twice in regime.
        let s = try score("A democratic reform.")
        #expect(hits(s)["politics/regime"] == 1)
        #expect(hits(s)["politics/values"] == 1)
        #expect(s.matches.map(\.text) == ["democratic", "democratic"])
        #expect(Set(s.matches.map(\.category)) == ["regime", "values"])
    }

    @Test func quantedaGlobsOnLatinScript() throws {
        #expect(Glob.matches("undemocratic", "*democra*"))
        #expect(Glob.matches("democracy", "*democra*"))
        #expect(!Glob.matches("demo", "*democra*"))
        #expect(Glob.matches("labour", "labo?r") && Glob.matches("labor", "labo?r") == false)
        #expect(Glob.matches("heckling", "heckl**") && Glob.matches("heckl", "heckl**"))
        let s = try score("Undemocratic rule. Labour law. Hecklers shout.")
        #expect(s.matches.map(\.entry).sorted() == ["*democra*", "heckl**", "labo?r"])
    }

    @Test func chineseTrailingGlobExtendsToTheWordEnd() throws {
        let s = try score("肯尼亚人支持。")
        #expect(hits(s)["places/africa"] == 1)
        #expect(s.matches.first?.text.hasPrefix("肯尼亚") == true)
    }

    @Test func exclusionsVetoMatchesInsideThem() throws {
        // Lexicon-level: no category counts "Democratic" in "Democratic Party".
        let party = try score("The Democratic Party met.")
        #expect(hits(party)["politics/regime"] == 0 && hits(party)["politics/values"] == 0)
        #expect(party.excluded.count == 2 && party.excluded.allSatisfy { $0.text == "Democratic" })
        // Category-level: only values loses it.
        let deficit = try score("A democratic deficit.")
        #expect(hits(deficit)["politics/regime"] == 1 && hits(deficit)["politics/values"] == 0)
        #expect(deficit.excluded.map(\.category) == ["values"])
        // "Republic" inside the excluded name does not count; elsewhere it does.
        #expect(hits(try score("the People's Republic of Korea"))["politics/regime"] == 0)
        #expect(hits(try score("a republic"))["politics/regime"] == 1)
    }

    @Test func contrastSidesMayBeCategories() throws {
        let s = try score("Democratic values, labour rights.")
        #expect(s.weighted(term: "politics/values") == 2)
        #expect(s.weighted(term: "politics/regime") == 1)
        #expect(s.weighted(term: "politics") == 3)
        #expect(s.weighted(term: "politics/nothing") == 0)
    }
}
