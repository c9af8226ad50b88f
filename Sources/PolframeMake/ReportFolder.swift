import Foundation
import PolframeReport
import PolframeScore

/// Writes a folder of generated files (the evidence report) in place: a file whose bytes did not
/// change is left alone, a changed one is replaced atomically, and files no longer generated are
/// removed. A report is rebuilt when any table behind it changed, but most of its pages usually
/// did not: rewriting only the changed ones keeps a rebuild cheap, and creating and deleting
/// thousands of files was once most of its time.
enum ReportFolder {
    struct Outcome { var written = 0, kept = 0, removed = 0, bytes = 0 }

    /// Pages are written without a flush to disk each: the rename keeps a killed run from leaving
    /// half a page, and a page lost in a power cut is rewritten by the next make, because the
    /// report's fingerprint is recorded only after every page is in place. The folders are
    /// flushed once at the end.
    static func write(_ files: [(path: String, text: String)], to folder: String) throws -> Outcome {
        try write(files.map { ReportFile($0.path, text: $0.text) }, to: folder)
    }

    static func same(_ a: Data, _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    static func write(_ files: [ReportFile], to folder: String) throws -> Outcome {
        let fm = FileManager.default
        var dirs = Set([""])
        for f in files {
            var d = (f.path as NSString).deletingLastPathComponent
            while !d.isEmpty && dirs.insert(d).inserted { d = (d as NSString).deletingLastPathComponent }
        }
        for d in dirs.sorted() { try fm.createDirectory(atPath: folder + "/" + d, withIntermediateDirectories: true) }
        let chunks = min(files.count, 16)
        let results = Parallel.map(chunks) { c -> Result<Outcome, Error> in
            var o = Outcome()
            do {
                for k in stride(from: c * files.count / chunks, to: (c + 1) * files.count / chunks, by: 1) {
                    let path = folder + "/" + files[k].path
                    let data = files[k].bytes
                    o.bytes += data.count
                    if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? Int, size == data.count,
                       let old = fm.contents(atPath: path), Self.same(old, data) {
                        o.kept += 1
                        continue
                    }
                    try AtomicFile.write(bytes: data, to: path, durable: false)
                    o.written += 1
                }
            } catch { return .failure(error) }
            return .success(o)
        }
        var total = Outcome()
        for r in results {
            let o = try r.get()
            total.written += o.written; total.kept += o.kept; total.bytes += o.bytes
        }
        let wanted = Set(files.map(\.path))
        var present: [String] = []
        if let e = fm.enumerator(atPath: folder) { while let path = e.nextObject() as? String { present.append(path) } }
        for path in present where !wanted.contains(path) {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                try fm.removeItem(atPath: folder + "/" + path)
                total.removed += 1
            }
        }
        for d in dirs {
            let fd = open(folder + "/" + d, O_RDONLY | O_DIRECTORY)
            if fd >= 0 { fsync(fd); close(fd) }
        }
        return total
    }
}
