import ArgumentParser
import PolframeMake
import PolframeScore

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
