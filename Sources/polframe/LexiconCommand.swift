import ArgumentParser
import Foundation
import PolframeLexicon
import PolframeMake
import PolframeScore
import PolframeText
import PolframeFoundation

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
        abstract: "Convert a dictionary between formats: native YAML, quanteda YAML, LIWC .dic, WordStat .cat, Lexicoder .lc3, Yoshikoder .lcd.",
        discussion: """
            The output format is --to, else the extension of -o (.dic, .cat, .lc3, .lcd; .yaml and .yml are native), else native YAML. \
            Every item the output format cannot keep (a weight, an exclusion phrase, a label, negation cues, frames, a form it cannot write) \
            is printed as a warning naming it; with no warning the file was read back and is the same lexicon. \
            Comments, and a native file's description and entry ids and notes, are not part of a lexicon and are never written.
            """
    )
    @Argument var file: String
    @Option(help: "The input format (guessed by default).") var format: LexiconFormat?
    @Option(help: "The output format (by default from the extension of -o, else native).") var to: LexiconFormat?
    @Option(name: .shortAndLong, help: "Write here instead of standard output.") var output: String?
    func run() throws {
        let target: LexiconFormat
        if let to {
            if let output, !to.fits(path: output) {
                printError("polframe: \(output): a \(to.displayName) file does not have this extension (readers detect the format by it): rename the file or choose another --to")
                throw ExitCode(2)
            }
            target = to
        } else if let output {
            guard let f = LexiconFormat.forOutput(path: output) else {
                printError("polframe: \(output): the format cannot be told from the extension; give --to FORMAT (\(LexiconFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
                throw ExitCode(2)
            }
            target = f
        } else {
            target = .native
        }
        let lex = try loadLexicon(file, format)
        // Without -o the input's stem names what an imported file's frame would be called.
        let written = lex.written(as: target, to: output ?? file)
        for w in written.losses { printError(w.description) }
        if let output {
            do { try AtomicFile.write(written.text, to: output) } catch {
                printError("polframe: cannot write \(output): \(WriteFailure.reason(error, writing: output))")
                throw ExitCode(1)
            }
        } else {
            print(written.text, terminator: "")
        }
        let n = written.losses.count
        printError(n == 0 ? "polframe: \(output ?? "standard output"): \(target.displayName), read back: the same lexicon"
                   : "polframe: \(output ?? "standard output"): \(target.displayName), \(n) item\(n == 1 ? "" : "s") not kept (warnings above)")
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
