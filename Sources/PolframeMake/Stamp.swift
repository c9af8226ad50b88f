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
    /// Format 2: times as integer nanoseconds (format 1 printed them as decimal seconds, which
    /// cost more to print and compare than the stat calls themselves). A stamp of another
    /// format is not read: the run goes through the engine and writes a new one.
    public static let format = 2
    /// As `DocumentBuilder.racyWindow`: timestamps this close to the stamp's are not trusted.
    public static let racyWindow = 2.0

    /// Seconds (as `Cache.statTuple` gives them) as whole nanoseconds.
    @inline(__always)
    static func ns(_ seconds: Double) -> Int64 { Int64((seconds * 1e9).rounded()) }

    /// A stat tuple as the stamp records it: "size mtime inode ctime", times in nanoseconds.
    static func text(size: Int, mtime: Double, inode: UInt64, ctime: Double) -> String {
        "\(size) \(ns(mtime)) \(inode) \(ns(ctime))"
    }

    /// One file's stat tuple, as recorded ("-" when the file did not exist).
    static func tuple(_ path: String) -> String {
        guard let t = Cache.statTuple(path) else { return "-" }
        return text(size: t.size, mtime: t.mtime, inode: t.inode, ctime: t.ctime)
    }

    /// The latest of a tuple's two times (0 when missing).
    private static func latest(_ tuple: Substring) -> Int64 {
        let p = tuple.split(separator: " ")
        guard p.count == 4 else { return 0 }
        return max(Int64(p[1]) ?? 0, Int64(p[3]) ?? 0)
    }

    /// Up to four space-separated decimal integers of `bytes[from..<to]`; nil for anything
    /// else (and for "-", a file that did not exist).
    private static func integers(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> (count: Int, v: (Int64, Int64, Int64, Int64))? {
        var v: (Int64, Int64, Int64, Int64) = (0, 0, 0, 0)
        var n = 0, cur: Int64 = 0, digits = 0
        func put() -> Bool {
            guard digits > 0, n < 4 else { return false }
            switch n { case 0: v.0 = cur; case 1: v.1 = cur; case 2: v.2 = cur; default: v.3 = cur }
            n += 1; cur = 0; digits = 0
            return true
        }
        var i = from
        while i < to {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                let (m, o1) = cur.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(b - 0x30))
                guard !o1 && !o2 else { return nil }
                cur = a; digits += 1
            } else if b == 0x20 {
                guard put() else { return nil }
            } else { return nil }
            i += 1
        }
        guard put() else { return nil }
        return (n, v)
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
        let bytes = [UInt8](data)
        var start = 0
        // The next line as a string (only the first few lines are read this way).
        func nextLine() -> String? {
            guard start < bytes.count else { return nil }
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            defer { start = end + 1 }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        guard nextLine() == "polframe-stamp\t\(format)" else { return nil }
        // The run's own probe must match line for line.
        for (k, v) in probe.lines {
            guard let l = nextLine(), l == k + "\t" + v else { return nil }
            if k != "tool" && k != "paths", latest(Substring(v)) >= ns(written) - Int64(racyWindow * 1e9) { return nil }
        }
        // Then files whose tuples only the stamp knows: documents, the state, the outputs. Read
        // as bytes: at 10,000 documents, strings and decimal times would cost more than the
        // stat calls.
        var checks: [(kind: UInt8, path: Range<Int>, tuple: Range<Int>)] = []
        var documents = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            defer { start = end + 1 }
            if end == start { continue }
            guard let t1 = bytes[start..<end].firstIndex(of: 0x09),
                  let t2 = bytes[(t1 + 1)..<end].firstIndex(of: 0x09) else { return nil }
            let kind = bytes[start..<t1].elementsEqual("doc".utf8) ? UInt8(0) : bytes[start..<t1].elementsEqual("out".utf8) ? 1 : 2
            guard kind < 2, t2 > t1 + 1 else { return nil }
            if kind == 0 { documents += 1 }
            checks.append((kind, (t1 + 1)..<t2, (t2 + 1)..<end))
        }
        return allUnchanged(bytes, checks, writtenNs: ns(written), racyNs: Int64(racyWindow * 1e9)) ? documents : nil
    }

    /// Whether every file the stamp lists is as recorded: a document by its whole stat tuple
    /// and outside the racy window, an output by size and mtime.
    private static func allUnchanged(_ bytes: [UInt8], _ checks: [(kind: UInt8, path: Range<Int>, tuple: Range<Int>)],
                                     writtenNs: Int64, racyNs: Int64) -> Bool {
        // Stat in parallel: on a large corpus this is the whole cost of a no-op.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, checks.count / 512 + 1))
        let stale = Slots<Bool>(count: workers)
        let all = checks
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var bad = false
            var cPath = [CChar](repeating: 0, count: 256)
            bytes.withUnsafeBufferPointer { b in
                for i in stride(from: w, to: all.count, by: workers) {
                    let c = all[i]
                    if cPath.count < c.path.count + 1 { cPath = [CChar](repeating: 0, count: c.path.count + 1) }
                    for (k, j) in c.path.enumerated() { cPath[k] = CChar(bitPattern: b[j]) }
                    cPath[c.path.count] = 0
                    var st = stat()
                    let found = c.kind == 1 ? lstat(cPath, &st) == 0 : stat(cPath, &st) == 0
                    let recorded = integers(b, c.tuple.lowerBound, c.tuple.upperBound)
                    let mtime = ns(Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
                    if c.kind == 1 {
                        // An output: size and mtime as this run's own write left them.
                        guard found, let r = recorded, r.count == 2, r.v.0 == Int64(st.st_size), r.v.1 == mtime else { bad = true; break }
                    } else {
                        guard let r = recorded else {
                            // "-": the document did not exist, and still must not.
                            if found || !(c.tuple.count == 1 && b[c.tuple.lowerBound] == 0x2D) { bad = true; break }
                            continue
                        }
                        let ctime = ns(Double(st.st_ctim.tv_sec) + Double(st.st_ctim.tv_nsec) / 1e9)
                        guard found, r.count == 4, r.v.0 == Int64(st.st_size), r.v.1 == mtime, r.v.2 == Int64(bitPattern: UInt64(st.st_ino)),
                              r.v.3 == ctime, max(mtime, ctime) < writtenNs - racyNs else { bad = true; break }
                    }
                }
            }
            stale.set(w, bad)
        }
        return !stale.values.contains { $0 == true }
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
            text += "out\t" + p + "\t\(info.size) \(ns(info.mtime))\n"
        }
        _ = Cache.writeEntry(Data(text.utf8), to: path(pipeline))
    }

    /// Forgets the stamp (a run that is about to change things).
    static func remove(_ pipeline: Pipeline) {
        unlink(path(pipeline))
    }
}
