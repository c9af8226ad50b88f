import Foundation
import Testing
@testable import PolframeMake

/// The job scripts `polframe slurm` writes (a real cluster runs them in Tests/Slurm/slurm_test.sh).
@Suite struct SlurmScriptTests {
    static let script = SlurmScript(pipelineName: "study", pipeline: "/p/it's.yaml", corpus: "/data/corpus", shardRoot: "/scratch/shards",
                                    polframe: "/opt/polframe", workingDirectory: "/home/me", shards: 8,
                                    sbatchOptions: ["--partition=short", "--time", "2:00:00", "--cpus-per-task=4"])

    @Test func theArrayRunsOneShardPerTask() {
        let text = Self.script.arrayScript
        #expect(text.hasPrefix("#!/bin/bash\n"))
        #expect(text.contains("#SBATCH --array=1-8\n"))
        #expect(text.contains("#SBATCH --output=/scratch/shards/slurm/shard-%a.log\n"))
        // Options and their values share a directive, in the order given.
        #expect(text.contains("#SBATCH --partition=short\n#SBATCH --time 2:00:00\n#SBATCH --cpus-per-task=4\n"))
        // Paths are quoted for the shell, a quote inside one included.
        #expect(text.contains("exec '/opt/polframe' make -f '/p/it'\\''s.yaml' --corpus '/data/corpus' --shard-dir '/scratch/shards' --shard \"${SLURM_ARRAY_TASK_ID}/8\""))
        // Directives come before the first command (sbatch stops reading them there).
        let lines = text.split(separator: "\n")
        let firstCommand = lines.firstIndex { !$0.hasPrefix("#") }!
        #expect(lines[firstCommand...].allSatisfy { !$0.hasPrefix("#SBATCH") })
    }

    @Test func theMergeJobMergesEveryShard() {
        let text = Self.script.mergeScript
        #expect(text.contains("exec '/opt/polframe' merge -f '/p/it'\\''s.yaml' --corpus '/data/corpus' --shard-dir '/scratch/shards' --shards 8"))
        #expect(!text.contains("--array"))
        #expect(text.contains("#SBATCH --partition=short\n"))
    }
}
