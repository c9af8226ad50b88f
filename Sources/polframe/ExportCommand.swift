import ArgumentParser
import Foundation
import PolframeMake
import PolframeScore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write what polframe read, for R and Python.",
        subcommands: [ExportTextsCommand.self]
    )
}

struct ExportTextsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texts",
        abstract: "Every document's extracted and normalized text with its variables (CSV for quanteda/readtext, JSONL for pandas).",
        discussion: """
        Columns: doc_id, text (the extracted text; matches.csv's start and end count Unicode \
        scalars into it), normalized_text, then documents.csv's columns. Reads the last make's \
        results: run polframe make first. Writes output/NAME/texts.csv (or .jsonl) unless -o names \
        a file; -o - writes to standard output.
        """
    )

    @OptionGroup var options: PipelineOptions

    @Option(name: .long, help: "csv or jsonl.")
    var format: String = "csv"

    @Option(name: .shortAndLong, help: "The file to write (- for standard output).")
    var output: String?

    func run() throws {
        guard let f = TextExport.Format(rawValue: format) else {
            printError("polframe: export texts: --format must be csv or jsonl, not '\(format)'")
            throw ExitCode(2)
        }
        let engine = try options.load()
        let text = try orExit { try engine.exportTexts(f) }
        let path = output ?? engine.outputDirectory + "/texts." + f.rawValue
        if path == "-" {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try orExit { try AtomicFile.write(text, to: path) }
        print("wrote \(relative(path)) (\(text.utf8.count) bytes)")
    }
}
