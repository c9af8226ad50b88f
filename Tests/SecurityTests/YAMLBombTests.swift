import Testing
import Foundation
@testable import PolframeIngest
@testable import PolframeLexicon
@testable import PolframeMake
import PolframeYAML

/// Issue 13 item 2: YAML alias bombs and deep nests are refused while they are still events,
/// in front matter (where `Yams.load` would expand them) and in pipeline and lexicon files.
@Suite struct YAMLBombTests {
    /// Nine levels of nine aliases each: 9^9 (387 million) scalars once expanded, several
    /// gigabytes as Swift values. Only a refusal before expansion lets the test finish.
    static func bomb(key: String = "lol", levels: Int = 9) -> String {
        var lines = ["a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        for i in 1..<levels {
            let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ")
            lines.append("a\(i): &a\(i) [\(refs)]")
        }
        lines.append("\(key): *a\(levels - 1)")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func frontMatterAliasBombIsRefusedQuickly() throws {
        let md = "---\ntitle: Bomb\n" + Self.bomb() + "---\n\nSome prose that would be the document.\n"
        #expect(md.utf8.count < 1000)
        do {
            _ = try Ingestor.ingest(bytes: Array(md.utf8), path: "bomb.md")
            Issue.record("the alias bomb was read")
        } catch {
            #expect(error.path == "bomb.md")
            guard case let .malformed(_, line, _, detail) = error else { Issue.record("\(error)"); return }
            #expect(detail.contains("alias bomb"))
            // The alias that crosses the limit stands in the front matter, after its fence.
            #expect(line > 2 && line <= 12)
        }
    }

    @Test func pipelineAliasBombUnderAnUnknownKeyIsRefused() {
        let text = "name: x\ncorpus: {manifest: m.tsv}\nlexicons: [l.yaml]\n" + Self.bomb(key: "not_a_key")
        do {
            _ = try Pipeline.parse(text, path: "bomb.yaml")
            Issue.record("the pipeline was accepted")
        } catch {
            guard case let .invalidInputs(problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.count == 1)
            #expect(problems.first?.file == "bomb.yaml")
            #expect(problems.first?.message.contains("alias bomb") == true)
            #expect((problems.first?.line ?? 0) > 3)
        }
    }

    @Test func lexiconAliasBombIsRefused() {
        let text = "name: x\nversion: '1'\nframes:\n  f:\n    label: F\n    categories:\n      c:\n        entries:\n          - {en: ai}\n" + Self.bomb()
        do {
            _ = try Lexicon.parse(text, path: "bomb.yaml")
            Issue.record("the lexicon was accepted")
        } catch {
            #expect(error.problems.contains { $0.file == "bomb.yaml" && $0.message.contains("alias bomb") && $0.line > 9 })
        }
    }

    @Test func deeplyNestedYAMLIsRefusedWithItsLine() {
        let deep = "name: x\nextra: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        let y = YAMLFile(path: "deep.yaml", text: deep)
        #expect(y.root == nil)
        #expect(y.problems.count == 1)
        #expect(y.problems.first?.line == 2)
        #expect(y.problems.first?.message.contains("deeper than 256") == true)
    }

    @Test func modestAliasesStillWork() throws {
        // Anchors that share a list a few times are ordinary YAML and stay accepted.
        let text = "shared: &s [a, b, c]\none: *s\ntwo: *s\n"
        try YAMLShape.check(text)
        let y = YAMLFile(path: "ok.yaml", text: text)
        #expect(y.problems.isEmpty)
    }

    @Test func duplicateKeysAreRefusedWithALine() {
        let y = YAMLFile(path: "dup.yaml", text: "name: x\nversion: 1\nname: y\n")
        #expect(y.problems.count == 1)
        #expect(y.problems.first?.line == 1)
        #expect(y.problems.first?.message.contains("duplicate key 'name'") == true)
        // In front matter too, where the file's first line is the fence.
        let md = "---\ntitle: A\ndate: 2021-01-01\ntitle: B\n---\n\nBody text.\n"
        do {
            _ = try Ingestor.ingest(bytes: Array(md.utf8), path: "dup.md")
            Issue.record("duplicate front matter keys were read")
        } catch {
            #expect(error.description == "dup.md:2:1: malformed at line 2 column 1 (front matter: duplicate key 'title' (the first one is here))")
        }
    }
}

/// Found by `ParserFuzzTests` (25,000 inputs per kind): Yams' constructor traps on a mapping key
/// that is itself a list or a mapping, which took the whole run down from one document.
@Suite struct FrontMatterFuzzFindings {
    @Test func complexKeysInFrontMatterAreRefusedNotFatal() {
        for yaml in ["title: T\n? [a, b]\n: c\n", "title: T\nnested: {x: {[k]: v}}\nref: &r 1\nalias: *r\n", "title: !!str T\n{a: 1}: b\n"] {
            let md = "---\n" + yaml + "---\n\nBody text about ethics.\n"
            do {
                _ = try Ingestor.ingest(bytes: Array(md.utf8), path: "k.md")
                Issue.record("a complex key was read: \(yaml)")
            } catch {
                #expect(error.path == "k.md")
                #expect(error.reason.contains("a mapping key that is a list or a mapping"), "\(error.reason)")
            }
        }
    }
}
