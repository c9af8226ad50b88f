import ArgumentParser
import Foundation
import PolframeScore

struct BenchCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "CSV reading throughput (MB/s and rows/s) over a file such as an output's matches.csv."
    )
    @Argument(help: "The CSV file.") var path: String
    @Option(help: "Runs; the fastest is reported.") var repeats: Int = 5

    func run() throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            printError("polframe-bench: cannot read \(path) as UTF-8 text")
            throw ExitCode(1)
        }
        var best = Double.infinity
        var rows = 0
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            let parsed = CSVTable.parseLocated(text)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            rows = parsed?.table.rows.count ?? 0
        }
        let bytes = Double(text.utf8.count)
        print("csv: \(path): \(rows) rows, \(String(format: "%.1f", bytes / 1e6)) MB, \(String(format: "%.3f", best)) s (best of \(repeats)), "
              + "\(String(format: "%.0f", bytes / 1e6 / best)) MB/s, \(String(format: "%.2f", Double(rows) / best / 1e6)) M rows/s")
    }
}
