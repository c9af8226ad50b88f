import ArgumentParser
import Foundation
import PolframeText

/// Segmentation speed over a text file, streamed chunk by chunk (as `polframe segment` would
/// read a document), with the process's peak memory.
struct BenchSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Segmentation: chars/s (normalize, words, sentences) over a text file, and peak RSS."
    )

    @Argument(help: "A UTF-8 text file.")
    var file: String

    @Option(name: .long, help: "A word list (one word a line) added to the built-in dictionary.")
    var dictionary: String?

    @Option(name: .long, help: "Bytes per chunk.")
    var chunkBytes = 1 << 16

    @Option(name: .long, help: "Passes over the file (the best is reported).")
    var repeats = 1

    func run() throws {
        let options = NormalizationOptions()
        let loadStart = DispatchTime.now()
        let words = try WordDictionary.builtin(addingFile: dictionary, normalizedWith: options)
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart.uptimeNanoseconds) / 1e9
        let analyzer = try TextAnalyzer(options: options, dictionary: words)
        var best = Double.infinity, bestCPU = Double.infinity
        var chars = 0, tokens = 0, sentences = 0
        for _ in 0..<max(1, repeats) {
            chars = 0; tokens = 0; sentences = 0
            let startCPU = BenchExtractCommand.processCPUSeconds()
            let start = DispatchTime.now()
            try ChunkedSegmentation(chunkBytes: chunkBytes).forEachChunk(ofFile: file, analyzer: analyzer) { a, _ in
                chars += a.sourceScalarCount
                tokens += a.tokens.count
                sentences += a.sentenceCount
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
            bestCPU = min(bestCPU, BenchExtractCommand.processCPUSeconds() - startCPU)
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let rssMiB = Double(usage.ru_maxrss) / 1024  // ru_maxrss is in KiB on Linux
        print("file\t\(file)")
        print("dictionary\t\(dictionary ?? "builtin") (\(words.count) words, loaded in \(String(format: "%.3f", loadSeconds)) s)")
        print("chars\t\(chars)")
        print("tokens\t\(tokens)")
        print("sentences\t\(sentences)")
        print("seconds\t\(String(format: "%.3f", best))")
        print("chars_per_s\t\(Int(Double(chars) / best))")
        // CPU time (user and system) of the best pass: steadier than the clock on a shared machine.
        print("cpu_seconds\t\(String(format: "%.3f", bestCPU))")
        print("chars_per_cpu_s\t\(Int(Double(chars) / max(bestCPU, 1e-9)))")
        print("peak_rss_mib\t\(String(format: "%.1f", rssMiB))")
    }
}
