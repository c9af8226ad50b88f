import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A failed write in one sentence a user can act on ("the file system is read-only", "out/x is a
/// file, not a folder"), instead of Foundation's error dump. The error's errno when it carries
/// one, else what the file system shows about the path.
public enum WriteFailure {
    /// Why writing `path` failed, as one sentence (without the path, which the caller names).
    public static func reason(_ error: any Error, writing path: String) -> String {
        if case let MakeError.cannotWrite(_, detail) = error { return detail }
        // A file where a folder should be is the most common cause and the one errno hides best
        // (ENOTDIR, EEXIST or a Cocoa code, depending on the call).
        if let blocker = fileInTheWay(of: path) { return "\(blocker) is a file, not a folder" }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { return "\(path) is a folder, not a file" }
        let folder = deepestExisting((path as NSString).deletingLastPathComponent)
        if let e = errnoOf(error) {
            switch e {
            case ENOSPC: return "the disk is full (no space left on device)"
            case EDQUOT: return "the disk quota is exceeded"
            case EROFS: return "the file system is read-only"
            case EACCES, EPERM: return "permission denied (\(folder) is not writable for this user)"
            case EMFILE, ENFILE: return "too many open files"
            default: return String(cString: strerror(e)).lowercased()
            }
        }
        // No errno to go by: what the file system shows.
        var vfs = statvfs()
        if statvfs(folder, &vfs) == 0 {
            if vfs.f_flag & UInt(ST_RDONLY) != 0 { return "the file system is read-only" }
            if vfs.f_blocks > 0 && vfs.f_bavail == 0 { return "the disk is full (no space left on device)" }
        }
        if access(folder, W_OK) != 0 { return "permission denied (\(folder) is not writable for this user)" }
        let ns = error as NSError
        return ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain ? ns.localizedDescription : "\(error)"
    }

    /// The errno an error carries, directly or under Foundation's wrapping.
    static func errnoOf(_ error: any Error) -> Int32? {
        if let p = error as? POSIXError { return p.code.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain { return Int32(u.code) }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileWriteOutOfSpace: return ENOSPC
            case .fileWriteVolumeReadOnly: return EROFS
            case .fileWriteNoPermission: return EACCES
            case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
            case .fileWriteFileExists: return EEXIST
            default: return nil
            }
        }
        return nil
    }

    /// The first part of `path` (from the top) that exists and is not a folder, if one does
    /// before the last part.
    static func fileInTheWay(of path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "" : "."
        let parts = path.split(separator: "/")
        for part in parts.dropLast() {
            prefix += "/" + part
            var st = stat()
            guard stat(prefix, &st) == 0 else { return nil }
            if st.st_mode & S_IFMT != S_IFDIR { return prefix }
        }
        return nil
    }

    /// `path` or its nearest ancestor that exists.
    static func deepestExisting(_ path: String) -> String {
        var p = path.isEmpty ? "/" : path
        while p != "/" && !FileManager.default.fileExists(atPath: p) { p = (p as NSString).deletingLastPathComponent }
        return p
    }
}
