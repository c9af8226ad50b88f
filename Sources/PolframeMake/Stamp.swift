import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolframeIngest
import PolframeText

/// The no-op check, made before anything is compiled or parsed: `.polframe/stamp.tsv` lists
/// the stat tuple (size, mtime, inode, ctime) of every file the last successful make read —
/// the polframe executable, the pipeline, manifest, lexicons and word list, each document — and
/// the size and mtime of the state and of every output it left. When every one is as recorded, and
/// none was modified so close to the stamp's writing that a change in the same timestamp tick
/// would not show, the outputs are up to date and nothing else is read. Any difference sends
/// the run through the engine, which decides by content (a touched file rebuilds nothing).
///
/// Tuples of the inputs a run reads are taken before it reads them, so a file changed while a
/// run is going leaves a stamp that no longer matches: the next run looks again.
public struct Stamp: Sendable {
    public static let format = 1
    /// As `DocumentBuilder.racyWindow`: timestamps this close to the stamp's are not trusted.
    public static let racyWindow = 2.0

    /// One file's stat tuple, as recorded ("-" when the file did not exist).
    static func tuple(_ path: String) -> String {
        guard let t = Cache.statTuple(path) else { return "-" }
        return "\(t.size) \(t.mtime) \(t.inode) \(t.ctime)"
    }

    /// The latest of a tuple's two times (0 when missing).
    private static func latest(_ tuple: Substring) -> Double {
        let p = tuple.split(separator: " ")
        guard p.count == 4 else { return 0 }
        return max(Double(p[1]) ?? 0, Double(p[3]) ?? 0)
    }

    /// What a run depends on beyond its documents: the tool and its libraries, the pipeline's
    /// resolved paths, and the files the pipeline names. Taken before they are read.
    public struct Probe: Sendable {
        var lines: [(String, String)] = []

        /// Before the pipeline file is read.
        public init(pipelinePath: String) {
            lines.append(("tool", "polframe \(Lock.toolVersion) ICU \(ICUVersion.library) libxml2 \(LibXML2Version.string) "
                          + [StageVersion.ingest, StageVersion.normalize, StageVersion.score, StageVersion.aggregate, StageVersion.figures].joined(separator: ".")))
            lines.append(("exe", Stamp.tuple("/proc/self/exe")))
            lines.append(("pipeline", Stamp.tuple(pipelinePath)))
        }

        /// After the pipeline is read, before the files it names are.
        public mutating func add(_ p: Pipeline) {
            lines.append(("paths", [p.corpusRoot, p.manifestPath, p.outputDirectory].joined(separator: "\u{1F}")))
            lines.append(("manifest", Stamp.tuple(p.manifestPath)))
            for l in p.lexiconPaths { lines.append(("lexicon " + l, Stamp.tuple(l))) }
            if let d = p.dictionaryPath { lines.append(("dictionary", Stamp.tuple(d))) }
        }
    }

    static func path(_ p: Pipeline) -> String { p.outputDirectory + "/.polframe/stamp.tsv" }

    /// The number of documents when everything is as the stamp recorded, else nil.
    public static func upToDate(_ pipeline: Pipeline, _ probe: Probe, racyWindow: Double = Stamp.racyWindow) -> Int? {
        let file = path(pipeline)
        guard let written = Cache.fileInfo(file)?.mtime, let data = Cache.readFile(file) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first == "polframe-stamp\t\(format)" else { return nil }
        lines = lines.dropFirst()
        // The run's own probe must match line for line.
        for (k, v) in probe.lines {
            guard let l = lines.first, l == Substring(k + "\t" + v) else { return nil }
            if k != "tool" && k != "paths", latest(Substring(v)) >= written - racyWindow { return nil }
            lines = lines.dropFirst()
        }
        // Then files whose tuples only the stamp knows: documents, the state, the outputs.
        var checks: [(path: String, tuple: Substring, output: Bool)] = []
        var documents = 0
        for l in lines {
            let f = l.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard f.count == 3 else { return nil }
            switch f[0] {
            case "doc": documents += 1; checks.append((String(f[1]), f[2], false))
            case "out": checks.append((String(f[1]), f[2], true))
            default: return nil
            }
        }
        // Stat in parallel: on a large corpus this is the whole cost of a no-op.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, checks.count / 512 + 1))
        let stale = Slots<Bool>(count: workers)
        let all = checks
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var bad = false
            for i in stride(from: w, to: all.count, by: workers) {
                let c = all[i]
                if c.output {
                    guard let info = Cache.fileInfo(c.path), Substring("\(info.size) \(info.mtime)") == c.tuple else { bad = true; break }
                } else {
                    guard Substring(tuple(c.path)) == c.tuple, c.tuple == "-" || latest(c.tuple) < written - racyWindow else { bad = true; break }
                }
            }
            stale.set(w, bad)
        }
        return stale.values.contains { $0 == true } ? nil : documents
    }

    /// Records a finished run: its probe, each document's tuple as the run saw it, the state
    /// and every output as they are now. Written last; a run killed before leaves the stamp
    /// of the run before, which no longer matches what this one changed.
    static func write(_ pipeline: Pipeline, _ probe: Probe, documents: [(path: String, tuple: String)], outputs: [String]) {
        // A path the line format cannot hold gets no stamp (every run then goes through the engine).
        func plain(_ s: String) -> Bool { !s.utf8.contains { $0 == 0x09 || $0 == 0x0A } }
        guard probe.lines.allSatisfy({ plain($0.0) && plain($0.1) }), documents.allSatisfy({ plain($0.path) }),
              plain(pipeline.outputDirectory), outputs.allSatisfy(plain) else { return }
        var text = "polframe-stamp\t\(format)\n"
        for (k, v) in probe.lines { text += k + "\t" + v + "\n" }
        for d in documents { text += "doc\t" + d.path + "\t" + d.tuple + "\n" }
        // The state and the outputs are this run's own files, written before the stamp: only
        // whether they are still as written matters (size and mtime), not the racy window.
        for o in [".polframe/state.tsv"] + outputs {
            let p = pipeline.outputDirectory + "/" + o
            guard let info = Cache.fileInfo(p) else { continue }
            text += "out\t" + p + "\t\(info.size) \(info.mtime)\n"
        }
        _ = Cache.writeEntry(Data(text.utf8), to: path(pipeline))
    }

    /// Forgets the stamp (a run that is about to change things).
    static func remove(_ pipeline: Pipeline) {
        unlink(path(pipeline))
    }
}
