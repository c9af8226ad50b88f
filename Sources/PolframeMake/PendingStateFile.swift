import Dispatch
import Foundation
import PolframeScore

/// A state file being written: its header and document records go to a temporary file (on
/// another thread when `background`, a megabyte at a time, while a make still writes other
/// outputs); `finish` adds the other records and renames it into place, so the state is still
/// the last thing a make writes and a killed run leaves the old one. `abandon` removes it.
public final class PendingStateFile: @unchecked Sendable {
    // @unchecked: `file` and `failed` are written by the work item and read after `group.wait()`.
    let path: String
    private let group = DispatchGroup()
    private var file: TemporaryFile?
    private var failed: Int32 = 0
    private var done = false

    init(path: String, documents: [String: BuildState.DocumentState], background: Bool = true) {
        self.path = path
        let work: @Sendable () -> Void = { [self] in
            do { file = try TemporaryFile(beside: path) } catch { failed = (error as? POSIXError)?.code.rawValue ?? EIO; return }
            failed = file!.write(Array("polframe-state\t\(BuildState.format)\n".utf8))
            BuildState.documentLines(documents) { bytes in if failed == 0 { failed = file!.write(bytes) } }
        }
        if background { DispatchQueue.global().async(group: group, execute: work) } else { work() }
    }

    /// Adds `state`'s other records (its documents must be the ones given at the start), then
    /// renames the file into place (not fsync'ed, as the outputs: see AtomicFile).
    func finish(_ state: BuildState) throws {
        group.wait()
        done = true
        if failed == 0, let file { failed = file.write(state.tailLines()) }
        guard failed == 0, let file else {
            file?.abandon()
            throw POSIXError(POSIXErrorCode(rawValue: failed) ?? .EIO)
        }
        try file.commit()
    }

    /// Removes the temporary file when `finish` was not reached (a make that failed midway).
    func abandon() {
        group.wait()
        guard !done else { return }
        done = true
        file?.abandon()
    }
}
