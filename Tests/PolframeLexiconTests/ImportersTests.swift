import Foundation
import PolframeText
import Testing
@testable import PolframeLexicon

/// Each import format, on a small dictionary written in that format.
@Suite struct ImportersTests {
    func write(_ text: String, _ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "polframe-lex-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func quantedaNestedKeys() throws {
        let path = try write("""
        values:
          ethics: [ethic*, 伦理]
          rights:
            human: ["human rights", 人权]
        development: [infrastructure, 基础设施]
        """, "q.yml")
        let lex = try Lexicon.load(path: path, format: nil)
        #expect(lex.frames.map(\.id) == ["values", "development"])
        #expect(lex.frames[0].categories.map(\.id) == ["ethics", "rights/human"])
        #expect(lex.frames[0].categories[0].entries.flatMap(\.forms).map(\.language) == [.en, .zh])
        #expect(lex.frames[1].categories[0].id == "development")
        _ = try CompiledLexicon(lex, analyzer: try TextAnalyzer())
    }

    @Test func liwcLegendSeveralCategoriesAndProblems() throws {
        let good = try write("%\n1\tposemo\n2\tsocial\n%\nfriend*\t1\t2\nhappy\t1\ntalk to\t2\n", "l.dic")
        let lex = try Lexicon.load(path: good, format: nil)
        #expect(lex.frames[0].categories.map(\.id) == ["posemo", "social"])
        #expect(lex.frames[0].categories[0].entries.flatMap(\.forms).map(\.text) == ["friend*", "happy"])
        #expect(lex.frames[0].categories[1].entries.flatMap(\.forms).map(\.text) == ["friend*", "talk to"])
        let bad = try write("%\n1\tposemo\n%\nfriend*\t1\tsad\t9\nlonely\n(discrepancy) like*\t1\n", "b.dic")
        do {
            _ = try Lexicon.load(path: bad, format: nil)
            Issue.record("a LIWC file with unusable lines loaded silently")
        } catch {
            #expect(error.problems.contains { $0.line == 5 && $0.message.contains("no category numbers") })
            #expect(error.problems.contains { $0.line == 4 && $0.message.contains("category 9") })
            // A form with parentheses is read as words (lint warns that it looks like a pattern).
            #expect(!error.problems.contains { $0.line == 6 })
            #expect(error.problems.count == 2)
        }
    }

    @Test func wordstatHierarchyAndWeights() throws {
        let path = try write("VALUES\n\tETHICS\n\t\tETHIC* (2)\n\t\tHUMAN_RIGHTS (1)\nDEVELOPMENT\n\tINFRASTRUCTURE (1)\n", "w.cat")
        let lex = try Lexicon.load(path: path, format: nil)
        #expect(lex.frames.map(\.id) == ["VALUES", "DEVELOPMENT"])
        #expect(lex.frames[0].categories[0].id == "ETHICS")
        let entries = lex.frames[0].categories[0].entries
        #expect(entries.map { $0.forms[0].text } == ["ethic*", "human rights"])
        #expect(entries.map(\.weight) == [2, 1])
        #expect(lex.frames[1].categories[0].entries[0].forms[0].text == "infrastructure")
    }

    @Test func lexicoderCategories() throws {
        let path = try write("+positive\ngood\nbenefit*\n+negative\nbad\n", "x.lc3")
        let lex = try Lexicon.load(path: path, format: nil)
        #expect(lex.frames[0].categories.map(\.id) == ["positive", "negative"])
        #expect(lex.frames[0].categories[0].entries.count == 2)
    }

    @Test func convertToNativeIsLossless() throws {
        let path = try write("VALUES\n\tETHICS\n\t\tETHIC* (2)\n\t\t伦理 (1.5)\n", "w.cat")
        let lex = try Lexicon.load(path: path, format: nil)
        let back = try Lexicon.parse(lex.nativeYAML(), path: "converted.yaml")
        #expect(back.frames.map(\.id) == lex.frames.map(\.id))
        #expect(back.frames[0].categories[0].entries.map(\.weight) == [2, 1.5])
        #expect(back.frames[0].categories[0].entries.flatMap(\.forms).map(\.text) == ["ethic*", "伦理"])
        // And the native format round-trips itself.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try Lexicon.load(path: root.appendingPathComponent("lexicons/ai-governance-framing.yaml").path)
        let again = try Lexicon.parse(shipped.nativeYAML(), path: "again.yaml")
        func forms(_ l: Lexicon) -> [String] {
            var out: [String] = []
            for f in l.frames { for c in f.categories { for e in c.entries { for x in e.forms { out.append("\(f.id)/\(c.id)/\(x.text)/\(e.weight)") } } } }
            return out
        }
        let a = forms(again), b = forms(shipped)
        #expect(a == b)
        #expect(again.frames.map(\.role) == shipped.frames.map(\.role))
    }

    @Test func lintFindsEverythingAtOnce() throws {
        let lex = try Lexicon.parse("""
        name: l
        version: "1"
        frames:
          a:
            categories:
              x:
                entries:
                  - {en: [ethics, ethics]}
                  - {en: "human-centric"}
                  - {zh: 伦理。规范}
                  - {en: "ab*"}
              y:
                entries:
                  - {en: "human centric"}
                  - {zh: [倫理, 权]}
                  - {en: "infra*"}
        """, path: "l.yaml")
        let problems = lex.lint(analyzer: try TextAnalyzer(), hits: ["a/y/infra*": 0])
        let text = problems.map(\.description).joined(separator: "\n")
        #expect(text.contains("listed twice"), "\(text)")
        // human-centric in x and "human centric" in y: one form in two categories, no problem.
        #expect(!text.contains("'human centric' normalizes"))
        #expect(text.contains("spans a sentence boundary"))
        #expect(text.contains("'ab*' has 2 letters besides its wildcards"))
        #expect(text.contains("single character"))
        #expect(text.contains("glob 'infra*' matches nothing"))
        #expect(problems.allSatisfy { $0.line > 0 && $0.file == "l.yaml" })
    }

    @Test func shippedLexiconsLintClean() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let analyzer = try TextAnalyzer()
        for name in ["ai-governance-framing", "follower-choices"] {
            let lex = try Lexicon.load(path: root.appendingPathComponent("lexicons/\(name).yaml").path)
            let problems = lex.lint(analyzer: analyzer).filter { !$0.message.contains("single character") }
            #expect(problems.isEmpty, "\(name): \(problems.map(\.description).joined(separator: "\n"))")
        }
    }
}
