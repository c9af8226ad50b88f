import Testing
import Foundation
@testable import PolframeIngest
@testable import PolframeFuzz
@testable import PolframeLexicon
@testable import PolframeMake

/// Seeded mutations of the files users and document authors write: front matter, pipelines,
/// lexicons and manifests. Each input must give a value or a clear error naming the file,
/// never a crash or a hang (inputs stay small, so a hang would be a runaway expansion).
/// `POLFRAME_FUZZ_RUNS` sets the inputs per kind (default 600; the long run used 25,000).
@Suite struct ParserFuzzTests {
    static let runs = Int(ProcessInfo.processInfo.environment["POLFRAME_FUZZ_RUNS"] ?? "") ?? 600
    /// `POLFRAME_FUZZ_SEED` picks another deterministic sequence of inputs.
    static let fuzzSeed = UInt64(ProcessInfo.processInfo.environment["POLFRAME_FUZZ_SEED"] ?? "") ?? 20261202

    static let frontMatter = """
    ---
    title: &t "Framing AI"
    date: 2023-03-29
    issuer: [*t, "Office"]
    tags: {a: 1, b: [x, y]}
    <<: {language: en}
    ---
    # Heading

    Body text about ethics and development.

    """

    static let pipeline = """
    name: fuzz
    description: &d "a pipeline"
    corpus: {root: docs, manifest: m.tsv}
    lexicons: [l.yaml]
    normalize: {nfkc: true, casefold: yes}
    ingest: {max_bytes: 1048576}
    passage_filter: {frame: topic, window: 1}
    series: {group_by: country, min_documents: 3, bootstrap: {replicates: 100, level: 0.95, seed: 7}}
    contrast: {plus: values_based, minus: development_centric}
    figures: {contrast: {title: *d}}
    csv: {excel_safe: true}

    """

    static let lexicon = """
    name: fuzz
    version: "1.0"
    negation: {en: [not, never], zh: [不]}
    frames:
      values_based:
        label: Values
        categories:
          ethics:
            label: Ethics
            entries:
              - {en: ethics, zh: 伦理, weight: 1.5}
              - {en: [human rights, "privacy"], zh: 隐私}
              - &e {en: "develop*"}
      development_centric:
        label: Development
        categories:
          growth:
            label: Growth
            entries: [*e, {en: growth, zh: 发展}]

    """

    static let manifest = """
    id\tpath\tcountry\tdate\tlanguage\ttitle\tissuer\turl\tsha256\trecord
    d1\tdocs/a.html\tUS\t2021-01-02\ten\t"A, title"\tOffice\thttps://x\t\t
    d2\tdocs/b.jsonl\tCN\t2022\tzh\t标题\t\t\t\t2

    """

    /// Runs `body` on `runs` mutations of `seed`, each at most 64 KiB.
    static func fuzz(_ seed: String, fragments: [[UInt8]], salt: UInt64, _ body: ([UInt8]) -> Void) {
        var mutator = FuzzMutator(seed: fuzzSeed &+ salt, fragments: fragments)
        for _ in 0..<runs {
            var bytes = Array(seed.utf8)
            // Mutations compound: a few rounds reach further from the seed than one.
            for _ in 0...mutator.below(3) { bytes = mutator.mutate(bytes) }
            if bytes.count > 64 << 10 { bytes = Array(bytes.prefix(64 << 10)) }
            body(bytes)
        }
    }

    @Test func seedsAreAcceptedUnmutated() throws {
        // Mutations of a valid file reach past the first check; of a broken one, they would not.
        _ = try Ingestor.ingest(bytes: Array(Self.frontMatter.utf8), path: "f.md")
        _ = try Pipeline.parse(Self.pipeline, path: "p.yaml")
        _ = try Lexicon.parse(Self.lexicon, path: "l.yaml")
        _ = try Manifest.parse(Self.manifest, path: "m.tsv")
    }

    @Test func frontMatterMutationsGiveADocumentOrAClearError() {
        var documents = 0, errors = 0
        Self.fuzz(Self.frontMatter, fragments: FuzzMutator.yamlTokens, salt: 1) { bytes in
            do throws(IngestError) {
                _ = try Ingestor.ingest(bytes: bytes, path: "f.md", options: IngestOptions(maxBytes: 1 << 20))
                documents += 1
            } catch {
                #expect(error.path == "f.md")
                #expect(!error.reason.isEmpty)
                errors += 1
            }
        }
        #expect(documents + errors == Self.runs)
        #expect(documents > 0 && errors > 0)
        print("fuzz front matter: \(Self.runs) inputs, \(documents) documents, \(errors) errors")
    }

    @Test func pipelineMutationsGiveAPipelineOrProblemsWithTheFile() {
        var accepted = 0, refused = 0
        Self.fuzz(Self.pipeline, fragments: FuzzMutator.yamlTokens, salt: 2) { bytes in
            let text: String
            do throws(UnreadableText) { text = try TextFile.decode(bytes, path: "p.yaml") } catch {
                #expect(error.problem.file == "p.yaml")
                refused += 1
                return
            }
            do throws(MakeError) {
                _ = try Pipeline.parse(text, path: "p.yaml")
                accepted += 1
            } catch {
                guard case let .invalidInputs(problems) = error else { Issue.record("\(error)"); return }
                #expect(!problems.isEmpty)
                #expect(problems.allSatisfy { $0.file == "p.yaml" && !$0.message.isEmpty })
                refused += 1
            }
        }
        #expect(accepted + refused == Self.runs)
        #expect(accepted > 0 && refused > 0)
        print("fuzz pipeline: \(Self.runs) inputs, \(accepted) accepted, \(refused) refused")
    }

    @Test func lexiconMutationsGiveALexiconOrProblemsWithTheFile() {
        var accepted = 0, refused = 0
        Self.fuzz(Self.lexicon, fragments: FuzzMutator.yamlTokens, salt: 3) { bytes in
            do {
                let text = try TextFile.decode(bytes, path: "l.yaml")
                _ = try Lexicon.parse(text, path: "l.yaml")
                accepted += 1
            } catch let error as LexiconError {
                #expect(!error.problems.isEmpty)
                #expect(error.problems.allSatisfy { $0.file == "l.yaml" && !$0.message.isEmpty })
                refused += 1
            } catch let error as UnreadableText {
                #expect(error.problem.file == "l.yaml")
                refused += 1
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        #expect(accepted + refused == Self.runs)
        #expect(accepted > 0 && refused > 0)
        print("fuzz lexicon: \(Self.runs) inputs, \(accepted) accepted, \(refused) refused")
    }

    @Test func manifestMutationsGiveEntriesOrProblemsWithTheFile() {
        var accepted = 0, refused = 0
        Self.fuzz(Self.manifest, fragments: FuzzMutator.csvTokens, salt: 4) { bytes in
            do {
                let text = try TextFile.decode(bytes, path: "m.tsv")
                _ = try Manifest.parse(text, path: "m.tsv")
                accepted += 1
            } catch let error as MakeError {
                guard case let .invalidInputs(problems) = error else { Issue.record("\(error)"); return }
                #expect(problems.allSatisfy { $0.file == "m.tsv" && !$0.message.isEmpty })
                refused += 1
            } catch let error as UnreadableText {
                #expect(error.problem.file == "m.tsv")
                refused += 1
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        #expect(accepted + refused == Self.runs)
        #expect(accepted > 0 && refused > 0)
        print("fuzz manifest: \(Self.runs) inputs, \(accepted) accepted, \(refused) refused")
    }
}
