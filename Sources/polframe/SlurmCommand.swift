import ArgumentParser
import Foundation
import PolframeMake

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and with --submit, submit) a Slurm job array for a sharded run and its merge job.",
        discussion: """
        Writes SHARDS/slurm/shards.sbatch (task I runs `polframe make --shard I/N`) and \
        SHARDS/slurm/merge.sbatch (`polframe merge`). Other options are passed to both jobs as \
        #SBATCH directives (e.g. --partition=short --time=2:00:00 --cpus-per-task=4). With \
        --submit, sbatch submits the array, then the merge with --dependency=afterok on it. \
        See docs/scale.md.
        """
    )

    @OptionGroup var options: PipelineOptions

    @Option(name: .long, help: ArgumentHelp("The number of shards (array tasks).", valueName: "N"))
    var shards: Int

    @Option(name: .long, help: ArgumentHelp("The shards' folder, on a file system every node sees (default: OUTPUT/shards).", valueName: "DIR"))
    var shardDir: String?

    @Option(name: .long, help: ArgumentHelp("The polframe executable the jobs run (default: this one).", valueName: "PATH"))
    var polframe: String?

    @Flag(name: .long, help: "Submit the array and the merge job with sbatch.")
    var submit = false

    @Option(name: .long, help: ArgumentHelp("With --submit: only these array tasks (e.g. 3 or 2,5), to re-run shards that failed; a new merge job waits for them.", valueName: "LIST"))
    var tasks: String?

    @Argument(parsing: .allUnrecognized, help: "sbatch options for both jobs.")
    var sbatchOptions: [String] = []

    func run() throws {
        guard ShardSpec(index: 1, count: shards) != nil else {
            printError("polframe: --shards takes a number from 1 to \(ShardSpec.maxCount), not \(shards)")
            throw ExitCode(2)
        }
        if tasks != nil && !submit {
            printError("polframe: --tasks goes with --submit (the scripts always cover every shard)")
            throw ExitCode(2)
        }
        let pipelinePath = try options.pipeline
        let engine = try options.load()
        let pipeline = engine.inputs.pipeline
        let root = shardDir.map(ShardFolders.absolute) ?? ShardFolders.absolute(ShardFolders.defaultRoot(pipeline))
        let script = SlurmScript(pipelineName: pipeline.name, pipeline: ShardFolders.absolute(pipelinePath), corpus: options.corpus.map(ShardFolders.absolute),
                                 shardRoot: root, polframe: polframe.map(ShardFolders.absolute) ?? Self.executable,
                                 workingDirectory: FileManager.default.currentDirectoryPath, shards: shards, sbatchOptions: sbatchOptions)
        try orExit { try script.write() }
        print("wrote \(relative(script.arrayPath)) (array 1-\(shards)) and \(relative(script.mergePath))")
        guard submit else {
            print("submit: jobid=$(sbatch --parsable \(relative(script.arrayPath))) && sbatch --dependency=afterok:$jobid \(relative(script.mergePath))")
            return
        }
        let ids = try orExit { try script.submit(tasks: tasks) }
        print("submitted array job \(ids.array)\(tasks.map { " (tasks \($0))" } ?? "") and merge job \(ids.merge) (after array job \(ids.array) succeeds)")
    }

    /// This executable's absolute path (the jobs run the same build).
    static var executable: String {
        if let real = realpath("/proc/self/exe", nil) {
            defer { free(real) }
            return String(cString: real)
        }
        return ShardFolders.absolute(CommandLine.arguments[0])
    }
}
