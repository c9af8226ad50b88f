import Yams
import PolframeYAML

/// Reads a YAML file into nodes that remember where they stood, so problems can name the line
/// and column. Shared by lexicons and pipeline files.
public struct YAMLFile {
    public let path: String
    public let root: Node?
    public private(set) var problems: [Problem] = []

    public init(path: String, text: String) {
        self.path = path
        do {
            // Before composing: an alias bomb or a deep nest costs nothing until the tree is walked.
            try YAMLShape.check(text)
            root = try Self.compose(text)
        } catch let error as YAMLShapeError {
            root = nil
            problems.append(Problem(file: path, line: error.line, column: error.column, "YAML: \(error.message)"))
        } catch let error as YamlError {
            root = nil
            problems.append(Self.problem(path, error))
        } catch {
            root = nil
            problems.append(Problem(file: path, "\(error)"))
        }
    }

    /// The same tree and errors as `Yams.compose(yaml:)`, usually without its regexes. To find
    /// duplicate keys, Yams compares keys by text and resolved tag, and the default resolver
    /// resolves a plain key's tag with its patterns (compiled on first use, then matched per key):
    /// that was most of the time of reading a lexicon or a pipeline. The basic resolver (no
    /// patterns) compares plain and quoted keys by text alone, a weaker test: when it finds no
    /// duplicate, the default resolver finds none either. Anything else goes back to the default
    /// resolver: an error (a duplicate under the text test may not be one under the default
    /// resolver, as `yes` and `"yes"`), or a key with a tag of its own or that is not a scalar.
    /// The nodes differ only in the resolver behind their tags; callers read structure, text and
    /// marks, never a tag.
    static func compose(_ text: String) throws -> Node? {
        let root: Node?
        do { root = try Yams.compose(yaml: text, .basic) } catch { return try Yams.compose(yaml: text) }
        if let root, !keysAreTextOnly(root) { return try Yams.compose(yaml: text) }
        return root
    }

    /// Whether every mapping key in the tree is a scalar without a tag of its own (plain) or
    /// quoted (tagged `str` by the parser): keys whose equality the basic resolver decides as
    /// the default resolver would, given that it finds no duplicate.
    static func keysAreTextOnly(_ node: Node) -> Bool {
        switch node {
        case .scalar: return true
        case .alias: return false
        case .sequence(let seq): return seq.allSatisfy(keysAreTextOnly)
        case .mapping(let m):
            for (key, value) in m {
                guard case .scalar(let s) = key else { return false }
                let tag = s.tag.description
                guard tag == Tag.Name.implicit.rawValue || tag == Tag.Name.str.rawValue else { return false }
                guard keysAreTextOnly(value) else { return false }
            }
            return true
        }
    }

    static func problem(_ path: String, _ error: YamlError) -> Problem {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return Problem(file: path, line: mark.line, column: mark.column, "YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Problem(file: path, line: context.mark.line, column: context.mark.column,
                           "YAML: duplicate key \(keys) in one mapping (the first one is here)")
        default:
            return Problem(file: path, "YAML: \(error)")
        }
    }

    public mutating func report(_ node: Node?, _ message: String) {
        problems.append(Problem(file: path, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, message))
    }

    /// The ordered key/value pairs of a mapping, or a problem.
    public mutating func mapping(_ node: Node?, _ what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard let node else { return [] }
        guard case let .mapping(m) = node else {
            report(node, "\(what) must be a mapping")
            return []
        }
        return m.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    /// A string, or a list of strings, as a list.
    public mutating func strings(_ node: Node?, _ what: String) -> [(String, Node)] {
        guard let node else { return [] }
        switch node {
        case .scalar(let s): return [(s.string, node)]
        case .sequence(let seq):
            return seq.compactMap { item in
                guard case .scalar(let s) = item else { report(item, "\(what) must be a string"); return nil }
                return (s.string, item)
            }
        default:
            report(node, "\(what) must be a string or a list of strings")
            return []
        }
    }

    public mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let s) = node else { report(node, "\(what) must be a string"); return nil }
        return s.string
    }

    public mutating func double(_ node: Node?, _ what: String) -> Double? {
        guard let node else { return nil }
        guard case .scalar(let s) = node, let v = Double(s.string) else {
            report(node, "\(what) must be a number")
            return nil
        }
        return v
    }

    public mutating func int(_ node: Node?, _ what: String) -> Int? {
        guard let node else { return nil }
        guard case .scalar(let s) = node, let v = Int(s.string) else {
            report(node, "\(what) must be a whole number")
            return nil
        }
        return v
    }

    public mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node else { return nil }
        guard case .scalar(let s) = node else { report(node, "\(what) must be true or false"); return nil }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: report(node, "\(what) must be true or false"); return nil
        }
    }

    /// Reports keys not in `allowed` (a typo in a key would otherwise be silently ignored).
    public mutating func checkKeys(_ pairs: [(key: String, keyNode: Node, value: Node)], allowed: Set<String>, in what: String) {
        for p in pairs where !allowed.contains(p.key) {
            report(p.keyNode, "unknown key '\(p.key)' in \(what) (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }
}
