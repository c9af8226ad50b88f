import ArgumentParser
import Foundation
import PolframeMake
import PolframeScore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the lexicon against human reading: draw coding sheets of matches, score coded sheets.",
        subcommands: [ValidateSampleCommand.self, ValidateScoreCommand.self]
    )
}

struct ValidateSampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw a coding sheet: a stratified random sample of the last make's matches, and optionally of sentences without a match.",
        discussion: """
        Per category, --per-category matches: one of each entry first (most frequent first), the rest \
        in proportion to the entries' matches; sampling_weight says how many matches a row stands for. \
        --unmatched N adds N scored sentences with no framing match, drawn uniformly. The same outputs \
        and seed give the same sheet byte for byte. Coders fill correct (1/0), coder, missed and note; \
        see docs/lexicon.md, "Coding rules".
        """
    )
    @OptionGroup var options: PipelineOptions
    @Option(name: .long, help: "Matches per category.") var perCategory: Int = 20
    @Option(name: .long, help: "Sentences without a framing match.") var unmatched: Int = 0
    @Option(name: .long, help: "The random seed.") var seed: UInt64 = 1
    @Option(name: .long, help: "A frame to sample (repeatable; default: every framing frame).") var frame: [String] = []
    @Option(name: .long, help: "A category to sample, as frame/category (repeatable; default: every category of the frames).") var category: [String] = []
    @Option(name: .shortAndLong, help: "The sheet to write (default: validation_sheet.csv in the output folder).") var output: String?

    func validate() throws {
        guard perCategory >= 0, unmatched >= 0 else { throw ValidationError("--per-category and --unmatched must be 0 or more") }
    }

    func run() throws {
        let engine = try options.load()
        let sample = try orExit { try engine.validationSample(.init(perCategory: perCategory, unmatched: unmatched, seed: seed, frames: frame, categories: category)) }
        let path = output ?? engine.outputDirectory + "/validation_sheet.csv"
        try orExit { try AtomicFile.write(ValidationSheet.render(sample.rows), to: path) }
        for s in sample.strata {
            print("\(s.frame)/\(s.category): \(s.sampled) of \(s.matches) matches, \(s.entriesSampled) of \(s.entries) entries")
        }
        if unmatched > 0 { print("unmatched: \(sample.rows.filter { $0.kind == "unmatched" }.count) of \(sample.unmatchedPopulation) scored sentences without a framing match") }
        if !sample.withoutText.isEmpty {
            printError("polframe: no cached text (rows without context; run make again): \(sample.withoutText.joined(separator: ", "))")
        }
        print("wrote \(relative(path)) (\(sample.rows.count) rows, seed \(seed))")
    }
}

struct ValidateScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Precision per entry, category and frame (Wilson 95% intervals), missed-hit rates and coder agreement from coded sheets.",
        discussion: """
        Writes validation.csv (and validation_disagreements.csv when coders disagree) to the pipeline's \
        output folder, or to -o. Several sheets of the same passages, or several coder values, give \
        Cohen's kappa (two coders) and Krippendorff's alpha (any number).
        """
    )
    @OptionGroup var options: PipelineOptions
    @Argument(help: "Coded sheets.") var sheets: [String]
    @Option(name: .shortAndLong, help: "The folder to write validation.csv to (default: the output folder).") var output: String?

    func run() throws {
        var rows: [ValidationSheet.CodedRow] = [], problems: [String] = []
        for s in sheets {
            let r = ValidationSheet.read(s)
            rows += r.rows
            problems += r.problems.map(\.description)
        }
        let (score, more) = ValidationScore.compute(rows)
        problems += more.map(\.description)
        guard problems.isEmpty else {
            printError("polframe: \(problems.count) problem\(problems.count == 1 ? "" : "s") in the sheets:\n" + problems.map { "  " + $0 }.joined(separator: "\n"))
            throw ExitCode(1)
        }
        let folder = try output ?? options.load().outputDirectory
        try orExit {
            try AtomicFile.write(score.csv, to: folder + "/validation.csv")
            // A stale list from an earlier scoring would contradict this one.
            let list = folder + "/validation_disagreements.csv"
            if !score.disagreements.isEmpty { try AtomicFile.write(score.disagreementsCSV, to: list) } else { try? FileManager.default.removeItem(atPath: list) }
        }
        func pct(_ v: Double?) -> String { v.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }
        for l in score.lines where l.level != "entry" {
            let name = l.level == "all" ? "all" : [l.frame, l.category].filter { !$0.isEmpty }.joined(separator: "/")
            var s = "\(name): \(l.passages) coded, precision \(pct(l.precision)) [\(pct(l.ciLow)), \(pct(l.ciHigh))]"
            if let m = l.missedRate { s += ", missed in \(pct(m)) of unmatched sentences [\(pct(l.missedLow)), \(pct(l.missedHigh))]" }
            if let k = l.kappa { s += String(format: ", kappa %.2f", k) }
            if let a = l.alpha { s += String(format: ", alpha %.2f", a) }
            print(s)
        }
        print("coders: \(score.coders.joined(separator: ", ")); \(score.disagreements.count) passages coded differently")
        print("wrote \(relative(folder + "/validation.csv"))")
    }
}
