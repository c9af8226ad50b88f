import ArgumentParser
import Foundation
import PolframeLexicon
import PolframeMake
import PolframeScore
import PolframeText

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Show, convert and check lexicons (native YAML, quanteda YAML, LIWC .dic, WordStat .cat, Lexicoder .lc3, Yoshikoder/Lexicoder .lcd).",
        subcommands: [LexiconShowCommand.self, LexiconConvertCommand.self, LexiconLintCommand.self]
    )
}

extension LexiconFormat: ExpressibleByArgument {}

func loadLexicon(_ path: String, _ format: LexiconFormat?) throws -> Lexicon {
    do {
        let lex = try Lexicon.load(path: path, format: format)
        for w in lex.warnings { printError(w.description) }
        return lex
    } catch {
        printError(error.problems.map(\.description).joined(separator: "\n"))
        throw ExitCode(1)
    }
}

struct LexiconShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "The lexicon's tree with entry counts.")
    @Argument var file: String
    @Option(help: "The format (detected from the content by default).") var format: LexiconFormat?
    func run() throws { print(try loadLexicon(file, format).tree(), terminator: "") }
}

struct LexiconConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a dictionary to polframe's native YAML (every category, label, form, glob, weight and exclusion is kept; what cannot be, such as a LIWC2007 conditional, is printed as a warning)."
    )
    @Argument var file: String
    @Option(help: "The input format (guessed by default).") var format: LexiconFormat?
    @Option(name: .shortAndLong, help: "Write here instead of standard output.") var output: String?
    func run() throws {
        let yaml = try loadLexicon(file, format).nativeYAML()
        if let output {
            do { try AtomicFile.write(yaml, to: output) } catch {
                printError("polframe: cannot write \(output): \(WriteFailure.reason(error, writing: output))")
                throw ExitCode(1)
            }
        } else {
            print(yaml, terminator: "")
        }
    }
}

struct LexiconLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check lexicons: duplicates, forms that normalize alike or cannot match, and (with -f) globs that match nothing in the pipeline's corpus.",
        discussion: "Every problem is printed as FILE:LINE:COLUMN: message (warnings say so); the exit status is 1 when there is an error, which is exactly when make would refuse the lexicon."
    )
    @Argument var files: [String]
    @Option(help: "The input format (guessed by default).") var format: LexiconFormat?
    @Option(name: [.customShort("f"), .customLong("file")], help: "A pipeline: use its normalization and the coverage of its last make.") var pipeline: String?
    @Option(name: .long, help: "The corpus folder (with -f).") var corpus: String?

    func run() throws {
        var options = NormalizationOptions()
        var coverage: [String: Int]? = nil
        var corpusName = "the corpus"
        if let pipeline {
            let p: Pipeline
            do { p = try Pipeline.load(path: pipeline, corpusOverride: corpus) } catch {
                printError("polframe: \(error)")
                throw ExitCode(2)
            }
            options = p.normalization
            corpusName = "the corpus of \(p.name)"
            do {
                coverage = try p.coverageHits()
                if coverage == nil { printError("polframe: note: no coverage.csv in \(p.outputDirectory): run polframe make first to check globs against the corpus") }
            } catch {
                printError("polframe: note: \(error); globs are not checked against the corpus (run polframe make to rewrite it)")
            }
        }
        let analyzer = try TextAnalyzer(options: options)
        var all: [Problem] = []
        for file in files {
            do {
                let lex = try Lexicon.load(path: file, format: format)
                all += lex.lint(analyzer: analyzer, hits: coverage, corpusName: corpusName)
            } catch {
                all += error.problems
            }
        }
        for p in all { print(p.description) }
        let errors = all.filter { !$0.isWarning }.count, warnings = all.count - errors
        if all.isEmpty { print("no problems in \(files.joined(separator: ", "))") } else {
            printError("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\(errors > 0 ? " (make refuses a lexicon with errors)" : "")")
            // Errors are what make refuses; warnings alone pass.
            if errors > 0 { throw ExitCode(1) }
        }
    }
}

struct KwicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Keyword in context over a pipeline's corpus, matched as lexicon entries are (both languages).",
        discussion: "PATTERN is a lexicon form: English words (a trailing * is a glob) or Chinese. Uses the analyses of the last make."
    )
    @OptionGroup var options: PipelineOptions
    @Argument var pattern: String
    @Option(help: "Characters of context on each side.") var width: Int = 40

    func run() throws {
        let engine = try options.load()
        do {
            let lines = try engine.kwic(pattern, width: width)
            for l in lines {
                let left = String(l.left.suffix(width))
                print("\(l.docID) \(l.country) \(l.year)\t\(String(repeating: " ", count: max(0, width - left.count)))\(left) [\(l.match)]\(l.negated ? "(negated)" : "")\(l.excluded ? "(excluded)" : "") \(l.right)")
            }
            printError("\(lines.count) match\(lines.count == 1 ? "" : "es") of '\(pattern)'")
        } catch {
            printError("polframe: \(error)")
            throw ExitCode(1)
        }
    }
}

struct WhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "The documents and entries behind a series cell, largest contributions first, with example contexts."
    )
    @OptionGroup var options: PipelineOptions
    @Argument var country: String
    @Argument var year: Int
    @Argument var frame: String
    @Option(help: "Documents to show.") var top: Int = 10

    func run() throws {
        let engine = try options.load()
        do {
            let why = try engine.why(country: country, year: year, frame: frame)
            print(why.summary)
            for d in why.documents.prefix(top) {
                let excluded = d.excluded.isEmpty ? "" : " (\(d.excluded.count) excluded, not counted)"
                print("\n\(d.docID) — weighted \(NumberFormat.fixed(d.weighted, 3)), \(d.hits) hits\(excluded), \(d.tokens) \(engine.inputs.pipeline.passageFilter == nil ? "tokens" : "scored tokens"): \(d.title)")
                for e in d.entries.prefix(8) { print("  \(e.0): \(e.1) hit\(e.1 == 1 ? "" : "s"), weighted \(NumberFormat.fixed(e.2, 3))") }
                for x in d.examples { print("  e.g. \(x)") }
                for x in d.excluded.prefix(3) { print("  excluded: \(x)") }
                if d.excluded.count > 3 { print("  … and \(d.excluded.count - 3) more excluded matches") }
            }
            if why.documents.count > top { print("\n… and \(why.documents.count - top) more documents") }
        } catch {
            printError("polframe: \(error)")
            throw ExitCode(1)
        }
    }
}
