import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The seam every atomic write goes through, so a test can make writes under a folder fail as
/// a full disk or a denied permission would, and check what make reports and what it leaves.
/// Faults are keyed by folder, so tests running side by side (each in its own temporary
/// folder) never see each other's.
public enum FileSystem {
    /// A failure a test can inject, as the errno the real one raises.
    public enum Fault: Sendable {
        case diskFull, permissionDenied, readOnly

        /// The errno the real failure raises.
        public var errno: Int32 {
            switch self {
            case .diskFull: ENOSPC
            case .permissionDenied: EACCES
            case .readOnly: EROFS
            }
        }
    }

    private final class Faults: @unchecked Sendable {
        // @unchecked: `lock` guards `list` and `next`.
        let lock = NSLock()
        var list: [(folder: String, fault: Fault, id: Int)] = []
        var next = 0
    }

    private static let faults = Faults()

    /// Makes every atomic write of a file under `folder` fail with `fault` until the returned
    /// id is given to `removeFault`.
    @discardableResult
    public static func inject(_ fault: Fault, under folder: String) -> Int {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        faults.lock.lock(); defer { faults.lock.unlock() }
        faults.next += 1
        faults.list.append((prefix, fault, faults.next))
        return faults.next
    }

    /// Ends the fault `inject` returned `id` for.
    public static func removeFault(_ id: Int) {
        faults.lock.lock(); defer { faults.lock.unlock() }
        faults.list.removeAll { $0.id == id }
    }

    /// The errno an injected fault gives a write of `path`, if any.
    public static func injectedFault(writing path: String) -> Int32? {
        faults.lock.lock(); defer { faults.lock.unlock() }
        return faults.list.last { path.hasPrefix($0.folder) }?.fault.errno
    }

    /// A whole file by open, fstat and read (FileManager's reader costs more calls per file).
    public static func read(_ path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        var data = Data(count: Int(st.st_size))
        var got = 0
        let ok = data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) -> Bool in
            guard let base = raw.baseAddress else { return true }
            got = Interrupted.readFully(fd, base, raw.count)
            return got >= 0
        }
        guard ok else { return nil }
        if got < data.count { data.removeSubrange(got...) }
        return data
    }

    /// The stat tuple that stands for a file's content between runs: size, mtime, inode and
    /// ctime (times in seconds, with fractions), or nil.
    public static func statTuple(_ path: String) -> (size: Int, mtime: Double, inode: UInt64, ctime: Double)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (Int(st.st_size), Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9, UInt64(st.st_ino),
                Double(st.st_ctim.tv_sec) + Double(st.st_ctim.tv_nsec) / 1e9)
    }

    /// Size and modification time (seconds, with fractions) of a file, or nil.
    public static func fileInfo(_ path: String) -> (size: Int, mtime: Double)? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return (Int(st.st_size), Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
    }
}
