import ArgumentParser
import PolframeFoundation

@main
struct Polframe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polframe",
        abstract: "Measure how policy documents frame technology, reproducibly, in English and Chinese.",
        version: PolframeVersion.string,
        subcommands: [InitCommand.self, AddCommand.self, MakeCommand.self, MergeCommand.self, SlurmCommand.self, StatusCommand.self, ExplainCommand.self, GraphCommand.self, CleanCommand.self, VerifyCommand.self, FetchCommand.self, LexiconCommand.self, ValidateCommand.self, KwicCommand.self, WhyCommand.self, IngestCommand.self, ExportCommand.self, SegmentCommand.self, VersionCommand.self],
        defaultSubcommand: MakeCommand.self
    )
}
