import ArgumentParser

struct BenchExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extract", abstract: "Main-text extraction: pages/s over a folder of pages.")
    func run() throws { throw ValidationError("bench extract is being written") }
}
