import ArgumentParser
import Foundation
import PolframeMake

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a project: a pipeline with every key commented, an empty manifest, the shipped lexicons, a .gitignore.",
        discussion: "Then put documents in the folder (documents/ is there for them), run `polframe add documents/` and `polframe make`."
    )

    @Argument(help: "The project folder (created if needed; default: this folder).")
    var folder: String = "."

    @Option(name: .long, help: "The pipeline's name (pipelines/NAME.yaml, output/NAME/).")
    var name: String = "study"

    func run() throws {
        let written: [String]
        do { written = try ProjectTemplate.write(to: folder, name: name) } catch {
            printError("polframe: init: \(error)")
            throw ExitCode(1)
        }
        let shown = folder == "." ? "" : folder.hasSuffix("/") ? folder : folder + "/"
        print("wrote \(written.count) files in \(folder == "." ? "this folder" : folder):")
        for f in written { print("  \(shown)\(f)") }
        let cd = folder == "." ? "" : "cd \(folder) && "
        print("next: put your documents in \(shown)documents/, then \(cd)polframe add documents/ --country CC && polframe make")
    }
}
