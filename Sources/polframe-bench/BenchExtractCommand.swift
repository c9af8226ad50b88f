import ArgumentParser
import Foundation
import PolframeFuzz
import PolframeIngest

/// `polframe-bench extract DIR...`: reads every .html/.htm page under the folders (as the
/// ingest stage does: encoding, parse, main text, metadata) and prints pages/s and peak memory.
/// Single-threaded by default so the figure compares with single-threaded peers.
struct BenchExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Main-text extraction: pages/s and peak memory over folders of .html pages.",
        discussion: "Pages are read into memory first, so the figure measures extraction, not the disk. Gzipped pages (.html.gz) must be decompressed first (Tests/Benchmarks/extract_bench.sh does)."
    )

    @Argument(help: "Folders (or files) of HTML pages.")
    var paths: [String]

    @Option(name: .long, help: "Passes over the pages (the best pass is reported).")
    var repeats: Int = 3

    @Flag(name: .long, help: "One line of JSON instead of text.")
    var json = false

    @Option(name: .long, help: "Instead of timing: ingest this many seeded random mutations of the pages (FuzzMutator) and report executions, documents, errors and crashes.")
    var fuzz: Int?

    @Option(name: .long, help: "Seed of the fuzz mutations (the same seed gives the same inputs).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "With --fuzz: write each input to FILE before reading it, so the input of a crash survives it.")
    var lastInput: String?

    func run() throws {
        var files: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else { throw ValidationError("no such file or folder: \(p)") }
            if isDir.boolValue {
                let names = (try? FileManager.default.subpathsOfDirectory(atPath: p)) ?? []
                let suffixes = fuzz == nil ? [".html", ".htm"] : [".html", ".htm", ".xml", ".md", ".txt"]
                files += names.filter { n in suffixes.contains { n.hasSuffix($0) } }.sorted().map { p + "/" + $0 }
            } else {
                files.append(p)
            }
        }
        guard !files.isEmpty else { throw ValidationError("no .html pages under \(paths.joined(separator: " "))") }
        let pages: [(String, [UInt8])] = try files.map { ($0, [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0)))) }
        if let fuzz { return runFuzz(pages, executions: fuzz) }
        let bytes = pages.reduce(0) { $0 + $1.1.count }
        var best = Double.infinity, bestCPU = Double.infinity
        var ok = 0, failed = 0, chars = 0
        for _ in 0..<max(1, repeats) {
            ok = 0; failed = 0; chars = 0
            let start = DispatchTime.now().uptimeNanoseconds
            let startCPU = Self.processCPUSeconds()
            for (path, data) in pages {
                do {
                    let doc = try Ingestor.ingest(bytes: data, path: path, format: .html)
                    chars += doc.blocks.reduce(0) { $0 + $1.text.utf8.count }
                    ok += 1
                } catch {
                    failed += 1
                }
            }
            bestCPU = min(bestCPU, Self.processCPUSeconds() - startCPU)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let rate = Double(pages.count) / best
        let cpuRate = Double(pages.count) / max(bestCPU, 1e-9)
        let peak = Self.peakResidentMiB()
        if json {
            print("{\"tool\":\"polframe\",\"pages\":\(pages.count),\"ok\":\(ok),\"failed\":\(failed),\"seconds\":\(String(format: "%.4f", best)),\"pages_per_s\":\(String(format: "%.1f", rate)),\"cpu_seconds\":\(String(format: "%.4f", bestCPU)),\"pages_per_cpu_s\":\(String(format: "%.1f", cpuRate)),\"mb_per_s\":\(String(format: "%.2f", Double(bytes) / best / 1e6)),\"peak_rss_mib\":\(String(format: "%.1f", peak))}")
        } else {
            print("polframe extract: \(pages.count) pages (\(ok) ok, \(failed) skipped), \(bytes / 1024) KiB in, \(chars / 1024) KiB of main text")
            print(String(format: "  %.1f pages/s (%.2f MB/s), best of %d passes, 1 thread; %.1f pages per CPU second; peak memory %.1f MiB",
                         rate, Double(bytes) / best / 1e6, max(1, repeats), cpuRate, peak))
        }
    }

    /// CPU time of this process (user and system), in seconds: on a shared machine it counts
    /// only the work done, not the time spent waiting for a processor.
    static func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Seeded mutations of the pages through `Ingestor.ingest`: each must give a Document or an
    /// IngestError naming the file. A crash ends the process (its input is in `--last-input`);
    /// Tests/Benchmarks/extract_fuzz.sh runs batches in child processes and counts crashes.
    func runFuzz(_ pages: [(String, [UInt8])], executions: Int) {
        var mutator = FuzzMutator(seed: seed)
        var documents = 0, errors = 0, wrongPath = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for i in 0..<max(0, executions) {
            let (path, data) = pages[i % pages.count]
            // Most mutations start from the page; some from an earlier mutation's output would
            // need a corpus: keep it simple and stateless, so a seed and an index name an input.
            let input = mutator.mutate(data)
            if let lastInput { FileManager.default.createFile(atPath: lastInput, contents: Data(input)) }
            do {
                let doc = try Ingestor.ingest(bytes: input, path: path, options: IngestOptions(maxBytes: 8 << 20))
                documents += doc.blocks.isEmpty ? 0 : 1
            } catch {
                errors += 1
                if error.path != path { wrongPath += 1 }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let runs = max(0, executions)
        if json {
            print("{\"tool\":\"polframe-fuzz\",\"seed\":\(seed),\"executions\":\(runs),\"documents\":\(documents),\"errors\":\(errors),\"errors_without_path\":\(wrongPath),\"crashes\":0,\"seconds\":\(String(format: "%.2f", seconds))}")
        } else {
            print("polframe fuzz: seed \(seed), \(runs) executions over \(pages.count) seed files in \(String(format: "%.1f", seconds)) s: \(documents) documents, \(errors) reading errors (\(wrongPath) without the file's path), 0 crashes")
        }
    }

    /// VmHWM (peak resident set) from /proc/self/status, in MiB; 0 where unavailable.
    static func peakResidentMiB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return 0
    }
}
