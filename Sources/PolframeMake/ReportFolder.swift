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

    /// A page that could not be written: its path, and why.
    struct PageError: Error {
        var path: String
        var error: any Error
    }

    static func write(_ files: [(path: String, text: String)], to folder: String) throws -> Outcome {
        let list = files.map { ReportFile($0.path, text: $0.text) }
        return try write(to: folder) { emit in emit(list) }
    }

    /// Pages are written as `draw` hands them over, from whichever thread drew them, and freed:
    /// the report is never held in memory whole. They are written without a flush to disk each:
    /// the rename keeps a killed run from leaving half a page, and a page lost in a power cut is
    /// rewritten by the next make, because the report's fingerprint is recorded only after every
    /// page is in place. The folders are flushed once at the end.
    static func write(to folder: String, draw: (@escaping @Sendable ([ReportFile]) -> Void) -> Void) throws -> Outcome {
        let sink = Sink(folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        draw { sink.write($0) }
        var total = try sink.finish()
        let fm = FileManager.default
        var present: [String] = []
        if let e = fm.enumerator(atPath: folder) { while let path = e.nextObject() as? String { present.append(path) } }
        // Only pages of the report's own names go: a user's file in the folder stays.
        for path in present where !sink.wanted.contains(path) && isOwnName(path) {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                try fm.removeItem(atPath: folder + "/" + path)
                total.removed += 1
            }
        }
        for d in sink.directories {
            let fd = open(folder + "/" + d, O_RDONLY | O_DIRECTORY)
            if fd >= 0 { fsync(fd); close(fd) }
        }
        return total
    }

    /// Whether `path` (relative to the report folder) is a name the report writes: its style and
    /// script, its pages at the top, the cells' and documents' pages, or the temporary file of
    /// one of them. Make and clean remove no other file from the folder.
    static func isOwnName(_ path: String) -> Bool {
        var name = Substring(path)
        if let tmp = name.range(of: ".tmp-", options: .backwards) { name = name[..<tmp.lowerBound] }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            let n = parts[0]
            if ["report.css", "report.js", "index.html", "lexicon.html", "coding.html", "documents.html"].contains(n) { return true }
            guard n.hasPrefix("documents-p"), n.hasSuffix(".html") else { return false }
            let digits = n.dropFirst("documents-p".count).dropLast(".html".count)
            return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
        case 2:
            return (parts[0] == "cells" || parts[0] == "docs") && parts[1].hasSuffix(".html") && parts[1].count > ".html".count
                && !parts[1].hasPrefix(".")
        default:
            return false
        }
    }

    /// `polframe clean`'s part: every file of the report's own names, then its folders when
    /// nothing else is left in them. Returns what was removed, relative to `folder`.
    static func clean(_ folder: String) throws -> [String] {
        let fm = FileManager.default
        var removed: [String] = []
        var present: [String] = []
        if let e = fm.enumerator(atPath: folder) { while let path = e.nextObject() as? String { present.append(path) } }
        for path in present.sorted() where isOwnName(path) {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            try fm.removeItem(atPath: folder + "/" + path)
            removed.append(path)
        }
        for d in ["cells", "docs", ""] { rmdir(folder + "/" + d) }
        return removed
    }

    static func same(_ a: Data, _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    /// Where the drawn files go: each written on the caller's thread; the tallies, the folders
    /// made and the first error kept under a lock.
    final class Sink: @unchecked Sendable {
        // @unchecked: every stored var is touched only under `lock`.
        private let folder: String
        private let lock = NSLock()
        private var outcome = Outcome()
        private var failure: PageError?
        private(set) var wanted: Set<String> = []
        private(set) var directories: Set<String> = [""]

        init(_ folder: String) { self.folder = folder }

        func write(_ files: [ReportFile]) {
            lock.lock()
            let failed = failure != nil
            for f in files { wanted.insert(f.path) }
            lock.unlock()
            guard !failed else { return }
            var o = Outcome()
            var path = folder
            do {
                for f in files {
                    path = folder + "/" + f.path
                    try makeDirectory(of: f.path)
                    o.bytes += f.bytes.count
                    let fm = FileManager.default
                    if let size = (try? fm.attributesOfItem(atPath: path))?[.size] as? Int, size == f.bytes.count,
                       let old = fm.contents(atPath: path), ReportFolder.same(old, f.bytes) {
                        o.kept += 1
                        continue
                    }
                    try AtomicFile.write(bytes: f.bytes, to: path, durable: false)
                    o.written += 1
                }
            } catch {
                lock.lock(); if failure == nil { failure = PageError(path: path, error: error) }; lock.unlock()
            }
            lock.lock()
            outcome.written += o.written; outcome.kept += o.kept; outcome.bytes += o.bytes
            lock.unlock()
        }

        private func makeDirectory(of path: String) throws {
            let d = (path as NSString).deletingLastPathComponent
            lock.lock()
            let known = directories.contains(d)
            lock.unlock()
            guard !known else { return }
            try FileManager.default.createDirectory(atPath: folder + "/" + d, withIntermediateDirectories: true)
            lock.lock()
            var p = d
            while !p.isEmpty && directories.insert(p).inserted { p = (p as NSString).deletingLastPathComponent }
            lock.unlock()
        }

        func finish() throws -> Outcome {
            lock.lock(); defer { lock.unlock() }
            if let failure { throw failure }
            return outcome
        }
    }
}
