import ArgumentParser
import Glibc
import PolframeScore
import PolframeText

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Read lines on standard input, write their words separated by single spaces (for scoring segmentation against a gold set).",
        discussion: """
        Text is normalized (NFKC, case fold, Traditional to Simplified, ...) before it is segmented, \
        but each word is written as it appears in the input, so output and input hold the same \
        characters (invalid UTF-8 is read as U+FFFD). With --normalize the normalized words are \
        written instead. Lines are segmented in batches of about 64 KiB; a longer line is divided \
        at a sentence end (or, with none, between two characters).
        """
    )

    @Flag(name: .long, help: "Write normalized words (NFKC, case fold, Traditional to Simplified) instead of the input's text.")
    var normalize = false

    @Option(name: .long, help: "A word list (one word a line) whose words segmentation should find whole, added to the built-in list.")
    var dictionary: String?

    func run() throws {
        var options = NormalizationOptions()
        // One output line per input line: a line break between two Han characters stays.
        options.joinChineseLines = false
        let words = try WordDictionary.builtin(addingFile: dictionary, normalizedWith: options)
        var segmenter = LineSegmentation(analyzer: try TextAnalyzer(options: options, dictionary: words), normalized: normalize)
        var offset = 0
        try segmenter.segment(read: { buffer in
            while true {
                let k = Glibc.read(0, buffer.baseAddress, buffer.count)
                if k >= 0 { offset += k; return k }
                if errno != EINTR { throw ValidationError("standard input: read error after byte \(offset) (\(String(cString: strerror(errno))))") }
            }
        }, write: { bytes in
            let e = AtomicFile.writeAll(1, bytes)
            if e != 0 { throw ValidationError("standard output: write error (\(String(cString: strerror(e))))") }
        })
    }
}
