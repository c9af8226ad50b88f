import Foundation
import PolframeScore

/// The Slurm job scripts of a sharded run: a job array whose task I runs `make --shard I/N`, and
/// a merge job that waits for it (`--dependency=afterok:ARRAY`). Slurm is the scheduler; polframe
/// only writes the scripts and, if asked, calls `sbatch`.
public struct SlurmScript: Sendable {
    /// The folder under the shards' root that holds the scripts and the jobs' logs.
    public static let folderName = "slurm"

    public var pipelineName: String
    /// Absolute paths: a job starts in a folder of Slurm's choosing.
    public var pipeline: String
    public var corpus: String?
    public var shardRoot: String
    public var polframe: String
    public var workingDirectory: String
    public var shards: Int
    /// sbatch options for both jobs (`--partition=short`, `--time 2:00:00`, …), one directive each.
    public var sbatchOptions: [String]

    public init(pipelineName: String, pipeline: String, corpus: String?, shardRoot: String, polframe: String, workingDirectory: String,
                shards: Int, sbatchOptions: [String]) {
        self.pipelineName = pipelineName; self.pipeline = pipeline; self.corpus = corpus; self.shardRoot = shardRoot
        self.polframe = polframe; self.workingDirectory = workingDirectory; self.shards = shards; self.sbatchOptions = sbatchOptions
    }

    public var folder: String { shardRoot + "/" + Self.folderName }
    public var arrayPath: String { folder + "/shards.sbatch" }
    public var mergePath: String { folder + "/merge.sbatch" }

    /// `'text'` for a POSIX shell.
    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// The pass-through options as directive lines: an option and the values after it share one.
    var directives: [String] {
        var lines: [String] = []
        for a in sbatchOptions {
            if a.hasPrefix("-") || lines.isEmpty { lines.append("#SBATCH " + a) } else { lines[lines.count - 1] += " " + a }
        }
        return lines
    }

    var commonArguments: String {
        "-f \(Self.quote(pipeline))" + (corpus.map { " --corpus \(Self.quote($0))" } ?? "") + " --shard-dir \(Self.quote(shardRoot))"
    }

    /// The job array: task I builds shard I of N (`sbatch --array=3 shards.sbatch` re-runs one).
    public var arrayScript: String {
        let jobName = "polframe-\(pipelineName)"
        return (["#!/bin/bash",
                 "# Written by `polframe slurm`: shards 1-\(shards) of pipeline \(pipelineName); then submit merge.sbatch with",
                 "# --dependency=afterok:JOBID (or let `polframe slurm --submit` do both). docs/scale.md.",
                 "#SBATCH --job-name=\(jobName)",
                 "#SBATCH --array=1-\(shards)",
                 "#SBATCH --output=\(folder)/shard-%a.log"] + directives + [
                 "set -euo pipefail",
                 "cd \(Self.quote(workingDirectory))",
                 "exec \(Self.quote(polframe)) make \(commonArguments) --shard \"${SLURM_ARRAY_TASK_ID}/\(shards)\" -j \"${SLURM_CPUS_PER_TASK:-1}\""])
            .joined(separator: "\n") + "\n"
    }

    /// The merge job, to be submitted with `--dependency=afterok:ARRAY_JOB_ID`.
    public var mergeScript: String {
        (["#!/bin/bash",
          "# Written by `polframe slurm`: merges the \(shards) shards of pipeline \(pipelineName) into its outputs.",
          "#SBATCH --job-name=polframe-\(pipelineName)-merge",
          "#SBATCH --output=\(folder)/merge.log"] + directives + [
          "set -euo pipefail",
          "cd \(Self.quote(workingDirectory))",
          "exec \(Self.quote(polframe)) merge \(commonArguments) --shards \(shards) -j \"${SLURM_CPUS_PER_TASK:-1}\""])
            .joined(separator: "\n") + "\n"
    }

    /// Writes both scripts (executable) into `folder`.
    public func write() throws(MakeError) {
        for (path, text) in [(arrayPath, arrayScript), (mergePath, mergeScript)] {
            do {
                try AtomicFile.write(text, to: path)
                chmod(path, 0o755)
            } catch { throw .cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path)) }
        }
    }

    /// Why a submission failed: sbatch's own words.
    public struct SubmitError: Error, CustomStringConvertible {
        public var command: String
        public var output: String
        public var description: String { "`\(command)` failed: \(output.trimmingCharacters(in: .whitespacesAndNewlines))" }
    }

    /// Submits the array (only `tasks`, e.g. "3" or "2,5", when given) and the merge job that
    /// depends on it; returns the two job ids.
    public func submit(tasks: String? = nil, sbatch: String = "sbatch") throws(SubmitError) -> (array: String, merge: String) {
        let array = try run(sbatch, ["--parsable"] + (tasks.map { ["--array=\($0)"] } ?? []) + [arrayPath])
        let merge = try run(sbatch, ["--parsable", "--dependency=afterok:\(array)", mergePath])
        return (array, merge)
    }

    /// Runs sbatch and returns the job id it prints (`--parsable`: `ID` or `ID;CLUSTER`).
    func run(_ sbatch: String, _ arguments: [String]) throws(SubmitError) -> String {
        let command = ([sbatch] + arguments).joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [sbatch] + arguments
        p.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { throw SubmitError(command: command, output: "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let out = String(decoding: data, as: UTF8.self)
        let id = out.split(separator: "\n").last.map { String($0.split(separator: ";").first ?? "") } ?? ""
        guard p.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else { throw SubmitError(command: command, output: out) }
        return id
    }
}
