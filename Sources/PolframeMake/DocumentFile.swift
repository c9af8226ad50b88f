import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads an input file whole, refusing anything that is not a regular file. A FIFO named like a
/// document used to hang `make` forever (a plain open waits for a writer); it is now opened
/// without blocking, seen by fstat and skipped with its reason.
enum DocumentFile {
    /// Why a file was not read: `reason` for a document's status, `detail` for the message.
    struct Failure: Error, Sendable, Equatable {
        var reason: String
        var detail: String
    }

    static func read(_ path: String) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(failure(errno: errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(failure(errno: errno)) }
        guard st.st_mode & S_IFMT == S_IFREG else {
            return .failure(Failure(reason: "not a regular file", detail: "is \(kind(st.st_mode)), not a regular file"))
        }
        // Back to blocking reads (O_NONBLOCK was only for the open).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var failed: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(st.st_size)) { buffer, count in
            let got = buffer.count == 0 ? 0 : Interrupted.readFully(fd, buffer.baseAddress!, buffer.count)
            if got < 0 { failed = errno }
            count = max(got, 0)
        }
        return failed != 0 ? .failure(failure(errno: failed)) : .success(bytes)
    }

    /// A failed open or read in words.
    static func failure(errno e: Int32) -> Failure {
        switch e {
        case ENOENT: return Failure(reason: "file not found", detail: "no such file")
        case ELOOP: return Failure(reason: "symlink loop", detail: "symlink loop (too many levels of symbolic links)")
        case EACCES, EPERM: return Failure(reason: "unreadable file", detail: "permission denied")
        case ENOTDIR: return Failure(reason: "file not found", detail: "a part of the path is a file, not a folder")
        case EISDIR: return Failure(reason: "not a regular file", detail: "is a folder, not a regular file")
        default: return Failure(reason: "unreadable file", detail: String(cString: strerror(e)))
        }
    }

    /// What a non-regular file is, for messages.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFDIR: return "a folder"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFLNK: return "a symlink"
        default: return "not a file"
        }
    }
}
