import ArgumentParser
import Foundation
import PolframeText

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Read lines on standard input, write their words separated by single spaces (for scoring segmentation against a gold set).",
        discussion: """
        Text is normalized (NFKC, case fold, Traditional to Simplified, ...) before it is segmented, \
        but each word is written as it appears in the input, so output and input hold the same \
        characters. With --normalize the normalized words are written instead.
        """
    )

    @Flag(name: .long, help: "Write normalized words (NFKC, case fold, Traditional to Simplified) instead of the input's text.")
    var normalize = false

    @Option(name: .long, help: "A word list (one word a line) whose words segmentation should find whole, added to the built-in list.")
    var dictionary: String?

    func run() throws {
        let options = NormalizationOptions()
        let analyzer = try TextAnalyzer(options: options, dictionary: WordDictionary.builtin(addingFile: dictionary, normalizedWith: options))
        var out = ""
        while let line = readLine(strippingNewline: true) {
            let a = try analyzer.analyze(line)
            if normalize {
                out += a.segments.joined(separator: " ")
            } else {
                let scalars = Array(line.unicodeScalars)
                var first = true
                for span in a.sourceSegments {
                    if !first { out += " " }
                    first = false
                    out.unicodeScalars.append(contentsOf: scalars[span])
                }
            }
            out += "\n"
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
