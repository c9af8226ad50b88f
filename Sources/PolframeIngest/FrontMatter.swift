import Yams
import PolframeYAML

/// The YAML front matter of a Markdown file, with the values `Yams.load` (default resolver and
/// constructor) gives, for the keys the reader looks up.
///
/// `load` resolves the tag of every key and value through its regex rules and constructs every
/// value; front matter is small, so that is most of its cost. Here Yams composes the nodes with no
/// tag rules (`Resolver.basic`), and a looked-up value is constructed only when it is read:
/// a quoted scalar, or a plain one no default rule can match (`isPlainString`), is its own text;
/// any other plain scalar is constructed by Yams alone, with the default rules. When the nodes
/// hold something whose meaning depends on the rules (aliases, explicit tags, merge keys, complex
/// keys), when a looked-up value is a sequence or mapping, or when composing fails, the front
/// matter is read by `Yams.load` itself, which also reports the error.
struct FrontMatter {
    private enum Values {
        case loaded([String: Any])
        /// Scalar values by key, each with whether it is tagged a string (quoted).
        case composed([String: (text: String, isString: Bool)])
    }
    private let values: Values

    /// Front matter holds a few scalar fields: far smaller limits than a lexicon's do.
    static let limits = YAMLLimits(maxDepth: 64, maxAliasNodes: 10_000)

    /// Reads `yaml`; `keys` are the keys `subscript` may be asked for.
    init(yaml: String, keys: Set<String>) throws {
        // `Yams.load` expands aliases in full: a few hundred bytes of anchors could take the
        // whole run's memory, so the shape is checked first (throws `YAMLShapeError`).
        try YAMLShape.check(yaml, limits: Self.limits)
        if let composed = Self.composed(yaml, keys: keys) {
            values = .composed(composed)
        } else {
            values = .loaded(try Self.loaded(yaml))
        }
    }

    /// The top-level mapping as `Yams.load` reads it (empty when the front matter is no mapping).
    static func loaded(_ yaml: String) throws -> [String: Any] {
        // What `Yams.load` does, in its two steps. UTF-8 named: Yams' default encoding reads the
        // process environment on every call.
        guard let root = try Yams.compose(yaml: yaml, .default, .default, .utf8) else { return [:] }
        // Yams' constructor traps on a mapping key that is a list or a mapping (`? [a]: b`,
        // found by fuzzing): one document must not take the run down.
        if let key = complexKey(root) {
            throw YAMLShapeError(line: key.mark?.line ?? 1, column: key.mark?.column ?? 0,
                                 message: "a mapping key that is a list or a mapping is not supported")
        }
        return (root.any as? [String: Any]) ?? [:]
    }

    /// The first mapping key in the tree that is not a scalar.
    static func complexKey(_ node: Node) -> Node? {
        switch node {
        case .scalar, .alias: return nil
        case .sequence(let s): return s.lazy.compactMap(complexKey).first
        case .mapping(let m):
            for (key, value) in m {
                guard case .scalar = key else { return key }
                if let found = complexKey(value) { return found }
            }
            return nil
        }
    }

    /// The value `Yams.load` gives for a top-level key (String, Date, Int, NSNull, ...), or nil.
    subscript(key: String) -> Any? {
        switch values {
        case .loaded(let front):
            return front[key]
        case .composed(let front):
            guard let (text, isString) = front[key] else { return nil }
            if isString || Self.isPlainString(text) { return text }
            return Constructor.default.any(from: .scalar(Node.Scalar(text, Tag(.implicit, .default, .default), .plain)))
        }
    }

    /// The scalar values of `keys` in the front matter, or nil when `Yams.load` must read it.
    static func composed(_ yaml: String, keys: Set<String>) -> [String: (text: String, isString: Bool)]? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch {
            return nil
        }
        // Empty front matter: `load` gives nil.
        guard let root else { return [:] }
        var tags = Set<ObjectIdentifier>()
        guard meansTheSameWithoutRules(root, &tags) else { return nil }
        // Not a mapping: `load` gives no dictionary.
        guard case .mapping(let mapping) = root else { return [:] }
        var out: [String: (text: String, isString: Bool)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let k) = key else { return nil }
            // A merge key (`<<`) or value key (`=`) changes the mapping under the default rules.
            if k.style == .plain && (k.string == "<<" || k.string == "=") { return nil }
            guard keys.contains(k.string) else { continue }
            guard case .scalar(let v) = value else { return nil }
            out[k.string] = (v.string, v.tag.description == Tag.Name.str.rawValue)
        }
        return out
    }

    /// Whether the nodes mean the same under the default rules as under none: no tags other than
    /// the string tag of quoted scalars, only scalar keys, no aliases. Then the duplicate keys the
    /// default rules find (same text, same resolved tag) are among those found without rules (same
    /// text), so composing without rules fails whenever composing with them does. An alias is a
    /// copy of its anchor's node that shares its tag object, which resolving a key rewrites in
    /// place, so a tag object met twice marks one.
    static func meansTheSameWithoutRules(_ node: Node, _ tags: inout Set<ObjectIdentifier>) -> Bool {
        switch node {
        case .scalar(let s):
            let tag = s.tag.description
            return tags.insert(ObjectIdentifier(s.tag)).inserted
                && (tag == Tag.Name.implicit.rawValue || tag == Tag.Name.str.rawValue)
        case .mapping(let m):
            guard tags.insert(ObjectIdentifier(m.tag)).inserted, m.tag.description == Tag.Name.implicit.rawValue else { return false }
            for (key, value) in m {
                guard case .scalar = key, meansTheSameWithoutRules(key, &tags), meansTheSameWithoutRules(value, &tags) else { return false }
            }
            return true
        case .sequence(let s):
            guard tags.insert(ObjectIdentifier(s.tag)).inserted, s.tag.description == Tag.Name.implicit.rawValue else { return false }
            return s.allSatisfy { meansTheSameWithoutRules($0, &tags) }
        case .alias:
            return false
        }
    }

    /// Whether no rule of Yams' default resolver (bool, int, float, merge, null, timestamp,
    /// value) can match a plain scalar, which is then a string. Every rule but bool and null
    /// needs the scalar to start with one of `ruleFirstBytes`; those two match the words of
    /// `ruleWords` or the empty scalar. A scalar ending in a line terminator (before which the
    /// rules' `$` also matches) is left to the rules.
    static func isPlainString(_ s: String) -> Bool {
        guard let first = s.utf8.first, let last = s.unicodeScalars.last else { return false }
        if ruleFirstBytes.contains(first) || MarkdownBytes.isLineBreak(last.value) { return false }
        return !ruleWords.contains(s)
    }

    static let ruleFirstBytes = ASCIISet("-+0123456789.~<=")
    static let ruleWords: Set<String> = ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
                                         "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
                                         "null", "Null", "NULL"]
}
