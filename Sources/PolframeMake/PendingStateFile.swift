import Dispatch
import Foundation
import PolframeScore

/// A state file being written: its header and document records go to a temporary file (on
/// another thread when `background`, a megabyte at a time, while a make still writes other
/// outputs); `finish` adds the other records and renames it into place, so the state is still
/// the last thing a make writes and a killed run leaves the old one. `abandon` removes it.
public final class PendingStateFile: @unchecked Sendable {
    // @unchecked: `fd` and `failed` are written by the work item and read after `group.wait()`.
    let path: String
    let tmp: String
    private let group = DispatchGroup()
    private var fd: Int32 = -1
    private var failed: Int32 = 0
    private var done = false

    init(path: String, documents: [String: BuildState.DocumentState], background: Bool = true) {
        self.path = path
        tmp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let work: @Sendable () -> Void = { [self] in
            fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if fd < 0 && errno == ENOENT {
                try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            }
            guard fd >= 0 else { failed = errno; return }
            failed = AtomicFile.writeAll(fd, Array("polframe-state\t\(BuildState.format)\n".utf8))
            BuildState.documentLines(documents) { bytes in if failed == 0 { failed = AtomicFile.writeAll(fd, bytes) } }
        }
        if background { DispatchQueue.global().async(group: group, execute: work) } else { work() }
    }

    /// Adds `state`'s other records (its documents must be the ones given at the start), then
    /// renames the file into place (not fsync'ed, as the outputs: see AtomicFile).
    func finish(_ state: BuildState) throws {
        group.wait()
        done = true
        defer { if fd >= 0 { close(fd) } }
        if failed == 0 { failed = AtomicFile.writeAll(fd, state.tailLines()) }
        if failed == 0 && rename(tmp, path) != 0 { failed = errno }
        if failed != 0 {
            unlink(tmp)
            throw POSIXError(POSIXErrorCode(rawValue: failed) ?? .EIO)
        }
    }

    /// Removes the temporary file when `finish` was not reached (a make that failed midway).
    func abandon() {
        group.wait()
        guard !done else { return }
        done = true
        if fd >= 0 { close(fd) }
        unlink(tmp)
    }
}
