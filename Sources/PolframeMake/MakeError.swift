import PolframeLexicon

/// Why a run could not start or finish. Problems in user files come all at once.
public enum MakeError: Error, Sendable, CustomStringConvertible {
    /// Problems in the pipeline, its manifest or its lexicons, found before any work.
    case invalidInputs([Problem])
    /// An output could not be written.
    case cannotWrite(path: String, detail: String)
    /// Another run holds the output folder's run lock.
    case outputBusy(path: String, holder: String)
    /// Documents were skipped and the run was asked (`--keep-going`) to fail for it; every
    /// output was written, and the report says what ran and which documents were skipped.
    case documentsFailed(MakeResult)
    /// `make` or `explain` was given a name that is no target of the pipeline.
    case unknownTarget(name: String)

    public var description: String {
        switch self {
        case .invalidInputs(let problems):
            return "\(problems.count) problem\(problems.count == 1 ? "" : "s") before any work:\n"
                + problems.map { "  " + $0.description }.joined(separator: "\n")
        case let .cannotWrite(path, detail): return "cannot write \(path): \(detail)"
        case let .outputBusy(path, holder):
            return "\(path) is in use by another polframe run (\(holder)); wait for it to finish, then run this command again"
        case .documentsFailed(let result):
            let n = result.report.skipped.count
            return "\(n) document\(n == 1 ? "" : "s") skipped"
        case .unknownTarget(let name): return "no target '\(name)' (targets: \(Target.forms))"
        }
    }
}
