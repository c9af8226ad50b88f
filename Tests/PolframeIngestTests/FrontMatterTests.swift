import Foundation
import Testing
@testable import PolframeIngest
@testable import PolframeFuzz

/// `FrontMatter` gives what `Yams.load` gives for the keys the reader looks up, or the same error.
@Suite struct FrontMatterTests {
    static let keys = MarkdownReader.frontMatterKeys

    /// The looked-up values ("<type> <description>" by key), or the error.
    enum Outcome: Equatable { case values([String: String]), error(String) }

    static func expected(_ yaml: String) -> Outcome {
        do {
            let front = try FrontMatter.loaded(yaml)
            var out: [String: String] = [:]
            for k in keys { if let v = front[k] { out[k] = describe(v) } }
            return .values(out)
        } catch {
            return .error("\(error)")
        }
    }

    static func actual(_ yaml: String) -> Outcome {
        do {
            let front = try FrontMatter(yaml: yaml, keys: keys)
            var out: [String: String] = [:]
            for k in keys { if let v = front[k] { out[k] = describe(v) } }
            return .values(out)
        } catch {
            return .error("\(error)")
        }
    }

    static func describe(_ v: Any) -> String { "\(type(of: v)) \(v)" }

    static func same(_ yaml: String) -> Bool { expected(yaml) == actual(yaml) }

    static let tricky: [String] = [
        "", "title: 2023", "title: 1.5", "title: .inf", "title: -.inf", "title: .NaN", "title: 1e3",
        "title: true", "title: yes", "title: Yes we can", "title: No", "title: on", "title: OFF", "title: ~",
        "title: null", "title: Null", "title:", "title: ''", "title: 'null'", "title: \"true\"",
        "date: 2023-10-30", "date: '2023-10-30'", "date: 2023-1-3 4:05:06", "date: 2021-04-28 21:07:36-04:00",
        "date: 2021-04-28T21:07:36Z", "date: 2021-04-28t21:07:36.123456789123+05:30", "date: 2023-13-45",
        "published_time: 2021-04-28 21:07:36-04:00", "title: 0x1F", "title: 0o17", "title: 0b101", "title: 017",
        "title: 1_000", "title: 12:30:00", "title: 190:20:30.15", "title: 99999999999999999999999",
        "title: +", "title: -", "title: -dash", "title: .hidden", "title: =", "=: x\ntitle: y", "<<: {title: x}",
        "<<: [{title: x}, {url: y}]\ntitle: z", "title: &a x\nurl: *a", "&a 2023-10-30: k\ndate: *a", "k: &a 2023-10-30\ndate: *a", "&a 12: k\ntitle: *a",
        "k: &m {a: 1}\ntitle: *m", "k: &s [1, 2]\ntitle: *s", "k: &a yes\ntitle: *a", "title: *a", "base: &b {title: t}\n<<: *b",
        "title: !!str 2023", "title: !!int '12'", "title: !!float 1", "title: !!bool yes", "title: !!null ''",
        "title: !custom x", "title: ! 12", "title: !!binary aGVsbG8=", "title: !!timestamp 2023-10-30",
        "title: [a, b]", "title: {a: 1}", "title:\n  - a\n  - b", "tags: [a, b]\ntitle: x",
        "tags: {1: a, '1': b}\ntitle: x", "tags: !!set {a, b}\ntitle: x", "tags: !!omap [a: 1]\ntitle: x",
        "title: a\ntitle: b", "1: a\n'1': b", "true: a\n'true': b", "2023: a\n'2023': b\ntitle: c",
"- a\n- b", "just a scalar", "'quoted scalar'", "!!map {title: x}",
        "title: \"multi\\\n  \\ line\"", "title: >\n  folded\n  text\n", "title: |\n  literal\n  text\n",
        "title: \"A\\u2014B\\_C\"", "title: 'it''s'", "title: plain\n  continued line", "title: 中文标题",
        "title: 《人工智能》", "lang: zh-CN", "language: en-US", "author: The White House", "issuer: 国务院",
        "url: https://example.gov/a?b=c#d", "source_url: 'https://x'", "date: [unclosed", "title: \"unclosed",
        "title: x\n---\ntitle: y", "title: x\n...\n", "title: x\u{2028}", "title: \"yes\u{2028}\"",
        "title: \"x\\L\"", "title: \"true\\n\"", "date: \"2023-10-30\\n\"", "title: x # comment",
        "title:    spaced   ", "\ttitle: tab", "title: [", "title: a: b", "title: @x", "title: `x",
        "%YAML 1.1\n---\ntitle: x", "%TAG ! tag:yaml.org,2002:\n---\ntitle: !str 5",
        "title: \u{FEFF}x", "date: 2023-10-30\npublished_time: 2021-04-28 21:07:36-04:00",
    ]

    @Test func trickyFrontMattersReadAsYamsReadsThem() {
        for yaml in Self.tricky {
            #expect(Self.same(yaml), "\(yaml.debugDescription): \(Self.expected(yaml)) vs \(Self.actual(yaml))")
        }
    }

    @Test func commonFrontMatterIsComposedNotLoaded() {
        let yaml = "date: '2023-10-30'\npublished_time: 2023-10-30 09:00:00-04:00\nsource_url: https://x.gov/a\ntags: remarks\ntitle: \"FACT SHEET: A\\_B\"\n"
        #expect(FrontMatter.composed(yaml, keys: Self.keys) != nil)
        #expect(FrontMatter.composed("title: &a x", keys: Self.keys) != nil)
        #expect(FrontMatter.composed("key: &a x\ntitle: *a", keys: Self.keys) == nil)
        #expect(FrontMatter.composed("title: [a]", keys: Self.keys) == nil)
        #expect(FrontMatter.composed("tags: [a]\ntitle: x", keys: Self.keys) != nil)
        #expect(FrontMatter.composed("title: a\ntitle: b", keys: Self.keys) == nil)
    }

    @Test func plainStringsAreThoseNoRuleMatches() {
        for s in ["AI", "Remarks by the President", "https://x", "中文", "yesterday", "nothing", "Off-site", "a:b"] {
            #expect(FrontMatter.isPlainString(s), "\(s)")
        }
        for s in ["", "yes", "NO", "null", "~", "1", "-1", "+x", ".5", "<<", "=", "2023-10-30", "x\n", "x\u{2028}"] {
            #expect(!FrontMatter.isPlainString(s), "\(s.debugDescription)")
        }
    }

    static let sharedCorpus: URL = {
        var repo = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { repo.deleteLastPathComponent() }
        return repo.appendingPathComponent("../shared/corpus").standardizedFileURL
    }()

    /// Every front matter of the corpus, and mutations of each. Skipped (and reported so)
    /// without ../shared; under CI=true it runs and fails without it.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedCorpus.path) || ProcessInfo.processInfo.environment["CI"] == "true",
                   "needs ../shared/corpus beside the repository"))
    func corpusFrontMattersReadAsYamsReadsThem() throws {
        let corpus = Self.sharedCorpus
        guard let walker = FileManager.default.enumerator(atPath: corpus.path) else {
            Issue.record("\(corpus.path) is missing and CI=true: the shared corpus is required")
            return
        }
        var yamls: [String] = []
        for case let rel as String in walker where rel.hasSuffix(".md") {
            var bytes = [UInt8](try Data(contentsOf: corpus.appendingPathComponent(rel)))
            MarkdownBytes.normalizeLineEnds(&bytes)
            if let split = MarkdownLines.frontMatter(bytes) { yamls.append(String(decoding: bytes[split.yaml], as: UTF8.self)) }
        }
        var composed = 0
        for yaml in yamls {
            #expect(Self.same(yaml), "\(yaml)")
            if FrontMatter.composed(yaml, keys: Self.keys) != nil { composed += 1 }
        }
        // The corpus' front matters take the composed path.
        #expect(composed == yamls.count)
        var mutator = FuzzMutator(seed: 11)
        let tokens = ["'", "\"", ": ", "\n", "\n  ", "&a ", "*a", "!!int ", "<<: ", "[", "{", "- ", "#", "yes", "2023-", "\\"]
            .map { Array($0.utf8) }
        for yaml in yamls {
            for _ in 0..<12 {
                var b = Array(yaml.utf8)
                let at = mutator.below(b.count + 1)
                b.insert(contentsOf: tokens[mutator.below(tokens.count)], at: at)
                if mutator.below(2) == 0 { b = mutator.mutate(b) }
                let mutated = String(decoding: b, as: UTF8.self)
                #expect(Self.same(mutated), "\(mutated)")
            }
        }
    }
}
