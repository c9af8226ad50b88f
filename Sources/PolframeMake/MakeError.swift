import PolframeLexicon

/// Why a run could not start or finish. Problems in user files come all at once.
public enum MakeError: Error, Sendable, CustomStringConvertible {
    /// Problems in the pipeline, its manifest or its lexicons, found before any work.
    case invalidInputs([Problem])
    /// An output could not be written.
    case cannotWrite(path: String, detail: String)
    /// Documents failed and the run was asked to report that in its exit status.
    case documentsFailed(count: Int)

    public var description: String {
        switch self {
        case .invalidInputs(let problems):
            return "\(problems.count) problem\(problems.count == 1 ? "" : "s") before any work:\n"
                + problems.map { "  " + $0.description }.joined(separator: "\n")
        case let .cannotWrite(path, detail): return "\(path): cannot write (\(detail))"
        case .documentsFailed(let n): return "\(n) document\(n == 1 ? "" : "s") skipped"
        }
    }
}
