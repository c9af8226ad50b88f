import ArgumentParser
import Foundation
import PolframeText

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Read lines on standard input, write their words separated by single spaces (for scoring segmentation against a gold set)."
    )

    @Flag(name: .long, help: "Normalize (NFKC, case fold, Traditional to Simplified) before writing words.")
    var normalize = false

    func run() throws {
        let options = normalize ? NormalizationOptions() : NormalizationOptions(nfkc: false, caseFold: false, traditionalToSimplified: false)
        let analyzer = try TextAnalyzer(options: options)
        var out = ""
        while let line = readLine(strippingNewline: true) {
            let a = try analyzer.analyze(line)
            out += a.segments.joined(separator: " ")
            out += "\n"
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
