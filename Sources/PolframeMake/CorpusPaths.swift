import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps the files a manifest names inside a folder (`corpus.root`, or a fetch mirror). A
/// manifest comes from whoever shared the corpus: without this, `path: /etc/shadow` or
/// `../../victim.txt` is read into the outputs, or overwritten by `fetch`. A path that is
/// absolute, climbs out with `..`, or leaves through a symlink is refused, unless the pipeline
/// sets `corpus.allow_outside_root: true` (which lets make read such files; fetch and mirrors
/// stay confined whatever the pipeline says).
final class CorpusGuard {
    /// The folder, as the pipeline resolved it.
    let root: String
    /// Where the folder really is (symlinks resolved), nil when it does not exist.
    let realRoot: String?
    let allowOutside: Bool
    /// Folder → why files in it are refused ("" when they are not): one realpath per folder,
    /// not per document. Not shared between threads (one guard per worker).
    private var folders: [String: String] = [:]

    init(root: String, allowOutside: Bool = false) {
        self.root = root
        self.allowOutside = allowOutside
        realRoot = Self.realPath(root).path
    }

    /// Whether a path is already a plain relative one (no leading `/`, no empty, `.` or `..`
    /// part): one pass over its bytes, no allocation, for the common case of every document.
    static func isPlainRelative(_ path: String) -> Bool {
        var p = path
        return p.withUTF8 { u -> Bool in
            guard let first = u.first, first != 0x2F else { return false }
            var start = 0
            for i in 0...u.count {
                guard i == u.count || u[i] == 0x2F else { continue }
                let n = i - start
                if n == 0 || (n == 1 && u[start] == 0x2E) || (n == 2 && u[start] == 0x2E && u[start + 1] == 0x2E) { return false }
                start = i + 1
            }
            return true
        }
    }

    /// A relative path without `.` and empty parts, or why it may leave the folder.
    static func lexical(_ path: String) -> Result<String, CorpusPathRefusal> {
        if isPlainRelative(path) { return .success(path) }
        if path.isEmpty { return .failure(.init(reason: "empty path", detail: "the manifest gives no path")) }
        if path.hasPrefix("/") {
            return .failure(.init(reason: "path outside the corpus root", detail: "is an absolute path"))
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            // Any '..' at all: the kernel resolves `link/..` from where the link leads, so no
            // folding of the text can say where `a/../b` ends.
            if part == ".." {
                return .failure(.init(reason: "path outside the corpus root", detail: "climbs with '..' (a path must lead down from the folder)"))
            }
            parts.append(part)
        }
        if parts.isEmpty { return .failure(.init(reason: "not a file", detail: "names the folder itself")) }
        return .success(parts.joined(separator: "/"))
    }

    /// Why make may not read the document at `path` (as the manifest gives it), or nil.
    func refusal(_ path: String) -> CorpusPathRefusal? {
        if allowOutside { return nil }
        let relative: String
        switch Self.lexical(path) {
        case .failure(let r): return r.explained(root: root)
        case .success(let p): relative = p
        }
        guard let realRoot else { return nil }
        // Folders are checked once each; the file itself by one lstat (a link is resolved).
        if let slash = relative.lastIndex(of: "/") {
            let folder = String(relative[..<slash])
            let why: String
            if let known = folders[folder] { why = known } else {
                why = Self.leaves(root + "/" + folder, realRoot: realRoot, shown: folder) ?? ""
                folders[folder] = why
            }
            if !why.isEmpty { return CorpusPathRefusal(reason: why.hasPrefix("symlink loop") ? "symlink loop" : "path outside the corpus root", detail: why).explained(root: root) }
        }
        var st = stat()
        if lstat(root + "/" + relative, &st) == 0, st.st_mode & S_IFMT == S_IFLNK,
           let why = Self.leaves(root + "/" + relative, realRoot: realRoot, shown: relative) {
            return CorpusPathRefusal(reason: why.hasPrefix("symlink loop") ? "symlink loop" : "path outside the corpus root", detail: why).explained(root: root)
        }
        return nil
    }

    /// The file `path` names under the folder, or why it may not be used. For writing (fetch) and
    /// for reading a mirror: never outside the folder, whatever the pipeline allows.
    func confined(_ path: String) -> Result<String, CorpusPathRefusal> {
        let relative: String
        switch Self.lexical(path) {
        case .failure(let r): return .failure(r)
        case .success(let p): relative = p
        }
        guard let realRoot else { return .success(root + "/" + relative) }
        // The deepest part of the path that exists must resolve inside the folder: a symlinked
        // subfolder (or the file itself, a link) would otherwise lead a write elsewhere.
        var probe = relative
        while true {
            var st = stat()
            if lstat(root + "/" + probe, &st) == 0 {
                if let why = Self.leaves(root + "/" + probe, realRoot: realRoot, shown: probe) {
                    return .failure(CorpusPathRefusal(reason: why.hasPrefix("symlink loop") ? "symlink loop" : "path outside the folder", detail: why))
                }
                break
            }
            guard let slash = probe.lastIndex(of: "/") else { break }
            probe = String(probe[..<slash])
        }
        return .success(root + "/" + relative)
    }

    /// Why `path` resolves outside `realRoot` (or cannot be resolved), nil when it stays inside
    /// or does not exist.
    static func leaves(_ path: String, realRoot: String, shown: String) -> String? {
        let r = realPath(path)
        if r.errno == ELOOP { return "symlink loop: \(shown) (too many levels of symbolic links)" }
        guard let real = r.path else { return nil }
        if real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") { return nil }
        return "\(shown) leads outside through a symlink (to \(real))"
    }

    /// realpath(3), with its errno when it fails.
    static func realPath(_ path: String) -> (path: String?, errno: Int32) {
        guard let p = realpath(path, nil) else { return (nil, errno) }
        defer { free(p) }
        return (String(cString: p), 0)
    }
}

/// Why a manifest path was refused: `reason` for the document's status, `detail` for the message.
struct CorpusPathRefusal: Error, Sendable, Equatable {
    var reason: String
    var detail: String

    func explained(root: String) -> CorpusPathRefusal {
        guard reason == "path outside the corpus root" else { return self }
        return CorpusPathRefusal(reason: reason, detail: detail + "; the corpus root is \(root) (set corpus.allow_outside_root: true in the pipeline to read files elsewhere)")
    }
}
