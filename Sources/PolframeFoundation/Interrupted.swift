#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// System calls retried when a signal interrupts them: the one place polframe loops on EINTR.
public enum Interrupted {
    /// Calls `body` again for as long as it fails with EINTR; its last result otherwise.
    @inlinable
    public static func retry<T: BinaryInteger>(_ body: () -> T) -> T {
        var result: T
        repeat { result = body() } while result < 0 && errno == EINTR
        return result
    }

    /// Reads up to `count` bytes into `base` (at `offset` when given, else where the descriptor
    /// stands), stopping early only at the end of the file: the bytes read, or -1 (errno set).
    public static func readFully(_ fd: Int32, _ base: UnsafeMutableRawPointer, _ count: Int, at offset: Int64? = nil) -> Int {
        var got = 0
        while got < count {
            let n = retry { offset.map { pread(fd, base + got, count - got, off_t($0) + off_t(got)) } ?? read(fd, base + got, count - got) }
            if n < 0 { return -1 }
            if n == 0 { break }
            got += n
        }
        return got
    }

    /// Writes all `count` bytes from `base` (at `offset` when given): 0, or the errno of the
    /// write that failed.
    public static func writeFully(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int, at offset: Int64? = nil) -> Int32 {
        var done = 0
        while done < count {
            let n = retry { offset.map { pwrite(fd, base + done, count - done, off_t($0) + off_t(done)) } ?? write(fd, base + done, count - done) }
            if n < 0 { return errno }
            done += n
        }
        return 0
    }
}
