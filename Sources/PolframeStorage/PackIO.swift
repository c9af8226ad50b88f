import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolframeFoundation

/// Record bytes in and out of packs: one preadv or pwritev for header and body where it can.
extension Cache {
    /// Fills two buffers from consecutive bytes at `offset`.
    static func preadPair(_ fd: Int32, _ a: UnsafeMutableRawBufferPointer, _ b: UnsafeMutableRawBufferPointer, _ offset: Int64) -> Bool {
        var iov = [iovec(iov_base: a.baseAddress, iov_len: a.count), iovec(iov_base: b.baseAddress, iov_len: b.count)]
        let n = Interrupted.retry { preadv(fd, &iov, 2, off_t(offset)) }
        guard n >= 0 else { return false }
        if n >= a.count + b.count { return true }
        // A short read: the rest one buffer at a time (a record cut short by the end of the pack fails).
        if n < a.count {
            guard preadFully(fd, a.baseAddress! + n, a.count - n, offset + Int64(n)) else { return false }
            return b.count == 0 || preadFully(fd, b.baseAddress!, b.count, offset + Int64(a.count))
        }
        return preadFully(fd, b.baseAddress! + (n - a.count), b.count - (n - a.count), offset + Int64(n))
    }

    /// Fills `count` bytes at `offset`; false at the end of the file or on an error.
    static func preadFully(_ fd: Int32, _ base: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> Bool {
        Interrupted.readFully(fd, base, count, at: offset) == count
    }

    /// Writes two buffers as consecutive bytes at `offset`.
    static func pwritePair(_ fd: Int32, _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, _ offset: Int64) -> Bool {
        var iov = [iovec(iov_base: UnsafeMutableRawPointer(mutating: a.baseAddress), iov_len: a.count),
                   iovec(iov_base: UnsafeMutableRawPointer(mutating: b.baseAddress), iov_len: b.count)]
        let n = Interrupted.retry { pwritev(fd, &iov, 2, off_t(offset)) }
        guard n >= 0 else { return false }
        // A short write: the rest of each buffer.
        if n < a.count, Interrupted.writeFully(fd, a.baseAddress! + n, a.count - n, at: offset + Int64(n)) != 0 { return false }
        let doneOfB = max(0, n - a.count)
        guard doneOfB < b.count else { return true }
        return Interrupted.writeFully(fd, b.baseAddress! + doneOfB, b.count - doneOfB, at: offset + Int64(a.count + doneOfB)) == 0
    }
}
