import ArgumentParser
import Foundation
import PolframeMake

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add files (and folders, recursively) to a pipeline's manifest, or update their rows.",
        discussion: """
        Each file's format is recognized from its bytes; its sha256, title, date and language \
        (with where each was found) are reported, and what is missing. Running add again is \
        harmless: unchanged files keep their rows; a changed file gets its new sha256 and a message. \
        --from-path reads fields from the path relative to the corpus folder: '{country}/{date}-*.html' \
        takes the folder as the country and the leading date of the name.
        """
    )

    @OptionGroup var options: PipelineOptions

    @Argument(help: "Files and folders to add.")
    var paths: [String]

    @Option(name: .long, help: "The country (or other group) of every file added.")
    var country: String?

    @Option(name: .customLong("set"), help: "KEY=VALUE for every file added: a manifest column, or a document variable (a new column).")
    var sets: [String] = []

    @Option(name: .customLong("from-path"), help: "A pattern that reads fields from each path, e.g. '{country}/{date}-*.html'.")
    var fromPath: String?

    func run() throws {
        let pipeline: Pipeline
        do { pipeline = try Pipeline.load(path: try options.pipeline, corpusOverride: options.corpus) } catch {
            printError("polframe: \(error)")
            throw ExitCode(2)
        }
        var adder = ManifestAdder(pipeline: pipeline)
        if let country { adder.fields.append(("country", country)) }
        for s in sets {
            guard let eq = s.firstIndex(of: "="), eq != s.startIndex else {
                printError("polframe: add: --set \(s): expected KEY=VALUE")
                throw ExitCode(2)
            }
            adder.fields.append((s[..<eq].lowercased(), String(s[s.index(after: eq)...])))
        }
        let reports: [ManifestAdder.FileReport]
        do {
            if let fromPath { adder.pathPattern = try PathPattern(fromPath) }
            reports = try adder.add(paths)
        } catch {
            printError("polframe: \(error)")
            throw ExitCode(2)
        }
        var counts: [ManifestAdder.FileReport.Outcome: Int] = [:]
        for r in reports {
            counts[r.outcome, default: 0] += 1
            let head = r.id.isEmpty ? "\(r.outcome.rawValue) \(r.path)" : "\(r.outcome.rawValue) \(r.id) (\(r.path))"
            if r.outcome == .failed { printError("polframe: add: \(r.path): \(r.notes.joined(separator: "; "))") } else {
                print(head)
                for n in r.notes { print("  \(n)") }
            }
        }
        print("\(relative(pipeline.manifestPath)): \(counts[.added] ?? 0) added, \(counts[.updated] ?? 0) updated, \(counts[.unchanged] ?? 0) unchanged, \(counts[.failed] ?? 0) not added")
        if (counts[.failed] ?? 0) > 0 { throw ExitCode(1) }
    }
}
