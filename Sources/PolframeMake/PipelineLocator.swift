import Foundation

/// Which pipeline a command means when none is named: the bundled demo in the repository, or
/// the only pipeline of a project folder (`polframe init` writes one).
public enum PipelineLocator {
    public enum Outcome: Sendable, Equatable {
        case found(String)
        /// No pipeline, or several: what to do, in words.
        case problem(String)
    }

    public static let defaultPipeline = "pipelines/demo.yaml"

    public static func find(in folder: String) -> Outcome {
        let fm = FileManager.default
        if fm.fileExists(atPath: folder + "/" + defaultPipeline) { return .found(defaultPipeline) }
        let names = ((try? fm.contentsOfDirectory(atPath: folder + "/pipelines")) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        switch names.count {
        case 1: return .found("pipelines/" + names[0])
        case 0:
            return .problem("no pipeline in \(folder) (looked for pipelines/*.yaml): run `polframe init` to start a project here, then `polframe add FILES…`; or name a pipeline with -f PIPELINE")
        default:
            return .problem("\(names.count) pipelines in \(folder)/pipelines (\(names.joined(separator: ", "))): name one with -f, e.g. -f pipelines/\(names[0])")
        }
    }
}
