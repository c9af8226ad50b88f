import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PolframeLexicon
import PolframeScore

/// Which folders polframe writes into and deletes from. A pipeline's `output:` is a path anyone
/// can type (`/`, `..`, `~`): make writes fixed names there and removes the figures it no
/// longer draws, so a folder that is not polframe's is refused before any work.
enum OutputFolder {
    /// Files a folder may hold and still count as empty (version control and desktop litter).
    static let ignorable: Set<String> = [".gitkeep", ".gitignore", ".keep", ".DS_Store"]

    /// Why `pipeline`'s output folder must not be used, or nil. `clean` skips the check for
    /// foreign files (it removes only polframe's own) but not the others.
    static func refusal(_ pipeline: Pipeline, clean: Bool = false) -> String? {
        let folder = pipeline.outputDirectory
        let real = CorpusGuard.realPath(folder).path ?? (folder as NSString).standardizingPath
        if real == "/" { return "the output folder \(folder) is the root of the file system" }
        let home = CorpusGuard.realPath(NSHomeDirectory()).path ?? NSHomeDirectory()
        if real == home { return "the output folder \(folder) is your home folder" }
        let guarded = [("the pipeline file", pipeline.path), ("the corpus folder", pipeline.corpusRoot), ("the manifest", pipeline.manifestPath)]
            + pipeline.lexiconPaths.map { ("the lexicon", $0) }
        for (what, path) in guarded {
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            let p = CorpusGuard.realPath(absolute).path ?? (absolute as NSString).standardizingPath
            if p == real || p.hasPrefix(real + "/") {
                return "the output folder \(folder) holds \(what) (\(path)): polframe writes and removes files there, so it must be a folder of its own"
            }
        }
        var st = stat()
        guard stat(folder, &st) == 0 else { return nil }
        if st.st_mode & S_IFMT != S_IFDIR { return "the output folder \(folder) is a file, not a folder" }
        if clean { return nil }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !ignorable.contains($0) }
            // Sharding hook: the shards of a sharded run (Shard.swift) may come before its merge.
            .filter { $0 != "shards" || !ShardFolders.holdsShards(folder + "/shards") }
        if names.isEmpty || names.contains(".polframe") || names.contains("polframe.lock") { return nil }
        let shown = names.sorted().prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
        return "the output folder \(folder) already holds files polframe did not write (\(shown)); name a new or empty folder in `output:`"
    }

    /// Checks the folder, takes its run lock and removes what killed runs left: called by a make
    /// (and `clean`) before anything is written. Keep the lock until the run ends.
    static func prepare(_ pipeline: Pipeline, clean: Bool = false, dryRun: Bool = false) throws(MakeError) -> RunLock? {
        if let why = refusal(pipeline, clean: clean) { throw .invalidInputs([Problem(file: pipeline.path, why)]) }
        if dryRun { return nil }
        let lock = try RunLock(outputDirectory: pipeline.outputDirectory)
        _ = sweepTemporaries(in: pipeline.outputDirectory)
        return lock
    }

    /// Whether a name from a state or lock file may be removed: a plain name or `figures/NAME`,
    /// never a path that climbs out (a forged state must not make clean delete elsewhere).
    static func isOwnName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, parts.count <= 2, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return false }
        return parts.count == 1 || parts[0] == "figures"
    }

    /// The outputs polframe can show it wrote in `output`: those `recorded` (the state's) and
    /// those its lock lists (a lock that starts as polframe writes it), plus the lock itself;
    /// only names `isOwnName` accepts.
    static func ownOutputs(_ output: String, recorded: some Sequence<String>) -> Set<String> {
        var owned = Set(recorded)
        if let data = Cache.readFile(output + "/polframe.lock"), data.starts(with: Data(Lock.firstLine.utf8)) {
            owned.formUnion(Lock.section(data, "outputs:").keys)
            owned.insert("polframe.lock")
        }
        return owned.filter(isOwnName)
    }

    /// The folders polframe writes temporary files in, under an output folder.
    static func temporaryFolders(_ output: String) -> [String] {
        [output, output + "/figures", output + "/.polframe", output + "/.polframe/cache", output + "/.polframe/lexicons"]
    }

    /// Removes `NAME.tmp-PID-RANDOM` files a killed run left (the atomic writer's temporaries).
    /// Under the run lock no other run writes here; a temporary whose process still lives is
    /// kept all the same. Returns the paths removed.
    static func sweepTemporaries(in output: String) -> [String] {
        var removed: [String] = []
        for folder in temporaryFolders(output) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                guard let pid = temporaryWriter(name), !processIsAlive(pid) else { continue }
                if unlink(folder + "/" + name) == 0 { removed.append(folder + "/" + name) }
            }
        }
        return removed
    }

    /// The process id in a temporary file's name (`NAME.tmp-PID-RANDOM`), or nil for any other name.
    static func temporaryWriter(_ name: String) -> pid_t? {
        guard let range = name.range(of: ".tmp-", options: .backwards), range.lowerBound != name.startIndex else { return nil }
        let parts = name[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let pid = pid_t(parts[0]) else { return nil }
        return pid
    }

    static func processIsAlive(_ pid: pid_t) -> Bool {
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

/// An output folder's run lock: `flock` on `.polframe/run.lock`, which the kernel releases when
/// the process ends however it ends (even kill -9), so a stale lock never blocks a run. Two
/// makes on one folder would otherwise interleave their renames and state writes.
final class RunLock: @unchecked Sendable {
    // @unchecked: the descriptor is only closed, once, in deinit.
    private let fd: Int32

    init(outputDirectory: String) throws(MakeError) {
        let folder = outputDirectory + "/.polframe"
        let path = folder + "/run.lock"
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: folder, detail: WriteFailure.reason(error, writing: folder))
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .cannotWrite(path: path, detail: WriteFailure.reason(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO), writing: path))
        }
        if Interrupted.retry({ flock(fd, LOCK_EX | LOCK_NB) }) != 0 {
            let holder = (Cache.readFile(path).map { String(decoding: $0, as: UTF8.self) } ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw .outputBusy(path: outputDirectory, holder: holder.isEmpty ? "its process holds \(path)" : holder)
        }
        // Who holds it, for the message another run prints.
        let text = "pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = AtomicFile.writeAll(fd, Array(text.utf8))
        self.fd = fd
    }

    deinit { close(fd) }
}
