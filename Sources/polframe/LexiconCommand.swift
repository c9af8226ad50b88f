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
