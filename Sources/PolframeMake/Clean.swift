import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Engine {
    /// polframe's own files in `.polframe/` (state, no-op stamp, fetch record, run lock, cache,
    /// lexicon copies); anything else there is a user's and stays.
    static let stateFiles = ["state.tsv", "stamp.tsv", "fetched.tsv", "cache", "lexicons", "run.lock"]

    /// `polframe clean`: removes only what polframe can show it wrote: the outputs and figures
    /// its state or its lock lists, the lock itself, its own files in `.polframe/` and the
    /// temporaries of killed runs. A user's files beside them stay, and so do folders that
    /// still hold them. Returns what was removed, relative to the output folder.
    public func clean() throws(MakeError) -> [String] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: outputDirectory) else { return [] }
        let runLock = try OutputFolder.prepare(inputs.pipeline, clean: true)
        defer { withExtendedLifetime(runLock) {} }
        let owned = OutputFolder.ownOutputs(outputDirectory, recorded: (try? BuildState.read(path: statePath))?.outputs.keys.sorted() ?? [])
        var removed: [String] = []
        func remove(_ relative: String) throws(MakeError) {
            let path = outputDirectory + "/" + relative
            var st = stat()
            guard lstat(path, &st) == 0 else { return }
            do { try fm.removeItem(atPath: path) } catch { throw .cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path)) }
            removed.append(relative)
        }
        for name in owned.sorted() { try remove(name) }
        // The evidence report: its pages, never a user's file beside them.
        let report = outputDirectory + "/report"
        // A real folder only: a link named report is not followed out of the output folder.
        var st = stat()
        if lstat(report, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            do { removed += try ReportFolder.clean(report).map { "report/" + $0 } } catch {
                throw .cannotWrite(path: report, detail: WriteFailure.reason(error, writing: report))
            }
        }
        // The run lock goes last: it is held (and the file may go while held).
        for name in Self.stateFiles { try remove(".polframe/" + name) }
        for folder in ["figures", ".polframe"] { rmdir(outputDirectory + "/" + folder) }
        return removed
    }
}
