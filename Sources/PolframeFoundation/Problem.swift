/// One problem in a user file, with where it is: file, line and column (1-based; 0 = unknown).
public struct Problem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// A warning is worth reading but does not stop make (nor fail lint).
    public var isWarning: Bool

    public init(file: String, line: Int = 0, column: Int = 0, _ message: String, warning: Bool = false) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.isWarning = warning
    }

    public var description: String {
        let text = (isWarning ? "warning: " : "") + message
        return line > 0 ? "\(file):\(line):\(column): \(text)" : "\(file): \(text)"
    }
}
