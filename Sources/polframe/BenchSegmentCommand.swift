import ArgumentParser

struct BenchSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "segment", abstract: "Segmentation: chars/s over a text file.")
    func run() throws { throw ValidationError("bench segment is being written") }
}
