/// A surface form of an entry in one language.
public struct Form: Sendable, Hashable {
    public enum Language: String, Sendable, Hashable, CaseIterable { case en, zh }
    /// As written in the lexicon (with a trailing `*` for a glob).
    public var text: String
    public var language: Language
    /// Where it was written, for problems.
    public var line: Int
    public var column: Int

    /// A trailing `*` and no other wildcard: the last word is a prefix (on Han, the match
    /// extends to the next word boundary).
    public var isGlob: Bool { text.hasSuffix("*") && !hasWildcards }
    /// A `*` before the end or a `?` anywhere: quanteda's glob within each word.
    public var hasWildcards: Bool { text.contains("?") || FormText.hasInnerStar(text) }

    public init(text: String, language: Language, line: Int = 0, column: Int = 0) {
        self.text = text; self.language = language; self.line = line; self.column = column
    }
}

/// An entry: one concept with its forms in each language, and a weight.
public struct Entry: Sendable, Hashable {
    public var forms: [Form]
    public var weight: Double
    public init(forms: [Form], weight: Double = 1) { self.forms = forms; self.weight = weight }
}

/// A category: entries counted together, with an optional weight and exclusion phrases that veto
/// this category's matches inside them.
public struct Category: Sendable, Hashable {
    public var id: String
    public var label: String
    public var weight: Double
    public var entries: [Entry]
    public var exclude: [Form]
    public init(id: String, label: String, weight: Double = 1, entries: [Entry], exclude: [Form] = []) {
        self.id = id; self.label = label; self.weight = weight; self.entries = entries; self.exclude = exclude
    }
}

public struct Frame: Sendable, Hashable {
    /// A framing frame competes with every other framing frame for the longest match; a topic
    /// frame (a passage filter's, e.g. technology) is matched in a pass of its own, so its forms
    /// neither take spans from framing forms nor lose them.
    public enum Role: String, Sendable, Hashable, CaseIterable { case framing, topic }
    public var id: String
    public var label: String
    public var role: Role
    public var categories: [Category]

    public init(id: String, label: String, role: Role = .framing, categories: [Category]) {
        self.id = id; self.label = label; self.role = role; self.categories = categories
    }
}

/// A framing lexicon: frames of categories of entries with English and Chinese forms, and
/// negation cues per language.
public struct Lexicon: Sendable, Hashable {
    public var name: String
    public var version: String
    public var path: String
    public var frames: [Frame]
    public var negation: [Form.Language: [String]]
    /// Phrases that veto every match inside them, whatever its category.
    public var exclude: [Form]
    /// What loading noticed but accepted (a legacy encoding, a LIWC conditional line read
    /// without its condition): printed by lint and make, never fatal.
    public var warnings: [Problem]
    /// The file's encoding and how it was found ("GB18030 (ICU's charset detector, confidence
    /// 71 of 100)"), for `lexicon show`; nil for a lexicon parsed from text.
    public var encoding: String?

    public init(name: String, version: String, path: String, frames: [Frame], negation: [Form.Language: [String]],
                exclude: [Form] = [], warnings: [Problem] = []) {
        self.name = name
        self.version = version
        self.path = path
        self.frames = frames
        self.negation = negation
        self.exclude = exclude
        self.warnings = warnings
    }

    /// Imported dictionaries carry no negation cues: a pipeline adds them explicitly.
    public static let noNegation: [Form.Language: [String]] = [.en: [], .zh: []]

    /// The default negation cues when a lexicon names none.
    public static let defaultNegation: [Form.Language: [String]] = [
        .en: ["not", "no", "without", "never", "lack of"],
        // ICU keeps some negating compounds whole (不以, 不能): they are cues of their own.
        .zh: ["不", "没有", "无", "非", "未", "缺乏", "不以", "不能", "不会", "不再", "并非", "未能", "毫无", "从未", "不是"],
    ]

    public var entryCount: Int { frames.reduce(0) { $0 + $1.categories.reduce(0) { $0 + $1.entries.count } } }
}
