import ArgumentParser
import PolframeMake

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
