/// What can go wrong while normalizing or segmenting text.
public enum TextError: Error, Sendable, CustomStringConvertible {
    /// ICU refused an operation; `detail` is ICU's own error name.
    case icu(operation: String, detail: String)
    /// A file (a word list, a document to segment) could not be read.
    case file(path: String, detail: String)

    public var description: String {
        switch self {
        case let .icu(operation, detail): return "ICU \(operation) failed: \(detail)"
        case let .file(path, detail): return "\(path): \(detail)"
        }
    }
}
