import CYaml

/// What a YAML text may cost once composed: how deep it nests and how many nodes its aliases
/// add. The defaults are far above any pipeline, lexicon or front matter written by hand.
public struct YAMLLimits: Sendable, Hashable {
    /// Collections inside collections, counting those an alias brings in.
    public var maxDepth: Int
    /// Nodes that aliases add when expanded (an alias of a list of ten scalars adds eleven).
    /// An alias bomb (nine aliases of nine aliases of ...) adds billions from a few hundred bytes.
    public var maxAliasNodes: Int

    public init(maxDepth: Int = 256, maxAliasNodes: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
    }
}

/// A YAML text refused because of its shape, with the 1-based line and column where the limit
/// was crossed.
public struct YAMLShapeError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line) column \(column): \(message)" }

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// Checks a YAML text against `YAMLLimits` on libyaml's event stream, before anything composes
/// it: composing shares an anchored node among its aliases, but whatever walks, hashes or
/// constructs the tree afterwards (`Yams.load`, duplicate-key checks, validation) pays for the
/// full expansion, so a bomb must be refused while it is still a stream of events.
public enum YAMLShape {
    /// Throws when the text nests or expands past `limits`. Syntax errors are left to the
    /// parser that reads the text next (it reports them with the same marks).
    public static func check(_ text: String, limits: YAMLLimits = YAMLLimits()) throws(YAMLShapeError) {
        var copy = text
        let result: YAMLShapeError? = copy.withUTF8 { utf8 in
            var scan = Scan(limits: limits)
            return scan.run(utf8)
        }
        if let result { throw result }
    }

    /// Expanded size and height of a node.
    private struct Extent { var nodes: Int; var height: Int }

    private struct Scan {
        let limits: YAMLLimits
        /// Open collections: their anchor, and the extent of what they hold so far.
        var open: [(anchor: String?, extent: Extent)] = []
        var anchors: [String: Extent] = [:]
        var aliasNodes = 0

        init(limits: YAMLLimits) { self.limits = limits }

        mutating func run(_ utf8: UnsafeBufferPointer<UInt8>) -> YAMLShapeError? {
            // libyaml asserts on a NULL input.
            guard utf8.count > 0 else { return nil }
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, utf8.baseAddress, utf8.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                func refuse(_ message: String) -> YAMLShapeError { YAMLShapeError(line: line, column: column, message: message) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_DOCUMENT_START_EVENT:
                    // Anchors do not cross documents.
                    anchors = [:]
                case YAML_SCALAR_EVENT:
                    let extent = Extent(nodes: 1, height: 0)
                    if let a = YAMLShape.string(event.data.scalar.anchor) { anchors[a] = extent }
                    add(extent)
                case YAML_ALIAS_EVENT:
                    // An undefined alias is the composer's error to report.
                    guard let a = YAMLShape.string(event.data.alias.anchor), let extent = anchors[a] else { continue }
                    aliasNodes += extent.nodes
                    if aliasNodes > limits.maxAliasNodes {
                        return refuse("aliases expand this YAML by more than \(limits.maxAliasNodes) nodes (an alias bomb?): refused")
                    }
                    if open.count + extent.height > limits.maxDepth {
                        return refuse("an alias nests this YAML deeper than \(limits.maxDepth) levels: refused")
                    }
                    add(extent)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT
                        ? YAMLShape.string(event.data.sequence_start.anchor) : YAMLShape.string(event.data.mapping_start.anchor)
                    open.append((anchor, Extent(nodes: 1, height: 1)))
                    if open.count > limits.maxDepth {
                        return refuse("YAML nested deeper than \(limits.maxDepth) levels: refused")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let closed = open.popLast() else { continue }
                    if let a = closed.anchor { anchors[a] = closed.extent }
                    add(closed.extent)
                default:
                    continue
                }
            }
            // libyaml's own nesting limit (1,000) can stop it first; its message suggests a C
            // function no user can call.
            if let problem = parser.problem, String(cString: problem).contains("nesting level") {
                return YAMLShapeError(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
                                      message: "YAML nested deeper than \(limits.maxDepth) levels: refused")
            }
            return nil
        }

        /// Counts a finished node into the collection that holds it.
        mutating func add(_ child: Extent) {
            guard !open.isEmpty else { return }
            open[open.count - 1].extent.nodes += child.nodes
            open[open.count - 1].extent.height = max(open[open.count - 1].extent.height, child.height + 1)
        }
    }

    fileprivate static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }
}
