import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file written beside its destination (`NAME.tmp-PID-RANDOM`) and renamed over it, so a
/// reader (or a crash) sees the old file or the new one, never half of one. The one
/// temp-file-and-rename in polframe: outputs, the state, the cache index and single files all
/// come through here, and so through the `FileSystem` seam.
public final class TemporaryFile {
    /// The destination.
    public let path: String
    /// Where the bytes go until `commit` renames them into place.
    public let temporaryPath: String
    /// Open for reading and writing (a writer may read back what it wrote).
    public let descriptor: Int32
    private let injected: Int32?
    private var finished = false

    /// Opens a new temporary file beside `path`, creating the folder when it is missing.
    public init(beside path: String) throws {
        self.path = path
        temporaryPath = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        injected = FileSystem.injectedFault(writing: path)
        if let e = injected, e != ENOSPC { throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO) }
        var fd = open(temporaryPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            fd = open(temporaryPath, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        descriptor = fd
    }

    /// Appends `bytes`: 0, or the errno of the write that failed (a full disk the seam injects
    /// fails here, as a real one would).
    public func write<D: ContiguousBytes>(_ bytes: D) -> Int32 {
        if let e = injected { return e }
        return AtomicFile.writeAll(descriptor, bytes)
    }

    /// Renames the file into place (`durable` flushes it to disk first); on failure it is
    /// removed and the destination left as it was.
    public func commit(durable: Bool = false) throws {
        precondition(!finished, "TemporaryFile committed or abandoned twice")
        finished = true
        if let e = injected { close(descriptor); unlink(temporaryPath); throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO) }
        let synced = !durable || fsync(descriptor) == 0
        let syncErrno = synced ? 0 : errno
        close(descriptor)
        guard synced, rename(temporaryPath, path) == 0 else {
            let failure = synced ? errno : syncErrno
            unlink(temporaryPath)
            throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
        }
    }

    /// Closes and removes the file, leaving the destination as it was.
    public func abandon() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporaryPath)
    }

    deinit { abandon() }
}

/// Whole files written atomically (through `TemporaryFile`).
public enum AtomicFile {
    /// Writes `text` as UTF-8, flushed to disk before the rename.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// `durable` also flushes the file to disk before the rename (for outputs; a cache entry only
    /// needs the rename, which already makes a killed process leave the old file or the new one).
    public static func write(_ data: Data, to path: String, durable: Bool = true) throws {
        try write(bytes: data, to: path, durable: durable)
    }

    /// The same for any contiguous bytes (a page built as `[UInt8]` is written without a copy).
    public static func write<D: ContiguousBytes>(bytes data: D, to path: String, durable: Bool = true) throws {
        let file = try TemporaryFile(beside: path)
        let failed = file.write(data)
        guard failed == 0 else {
            file.abandon()
            throw POSIXError(POSIXErrorCode(rawValue: failed) ?? .EIO)
        }
        try file.commit(durable: durable)
    }

    /// Writes all of `bytes` to `fd`, retrying short and interrupted writes: 0, or the errno
    /// of the write that failed.
    public static func writeAll<D: ContiguousBytes>(_ fd: Int32, _ bytes: D) -> Int32 {
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32 in
            guard let base = raw.baseAddress else { return 0 }
            return Interrupted.writeFully(fd, base, raw.count)
        }
    }

    /// Writes a file through a POSIX file descriptor, then renames it over the target: a run
    /// killed at any moment leaves the old file or the new one, never part of one. (It is not
    /// fsync'ed, as make does not: a power failure can leave it empty or damaged; see
    /// docs/make.md, "Crash safety".)
    public static func streamDescriptor(to path: String, _ body: (Int32) throws -> Void) throws {
        let file = try TemporaryFile(beside: path)
        do {
            // A body writes to the descriptor itself: an injected full disk fails it up front.
            if let e = FileSystem.injectedFault(writing: path) { throw POSIXError(POSIXErrorCode(rawValue: e) ?? .EIO) }
            try body(file.descriptor)
        } catch {
            file.abandon()
            throw error
        }
        try file.commit()
    }

    /// Writes a file piece by piece into a temporary file, then renames it over the target.
    public static func stream(to path: String, _ body: ((Data) -> Void) throws -> Void) throws {
        try streamDescriptor(to: path) { fd in
            var failed: Int32 = 0
            try body { data in
                if failed == 0 { failed = writeAll(fd, data) }
            }
            if failed != 0 { throw POSIXError(POSIXErrorCode(rawValue: failed) ?? .EIO) }
        }
    }
}
