/// Deterministic random mutations of input bytes, for fuzzing the readers (the test suite runs
/// a bounded number; `polframe-bench extract --fuzz N` runs many more).
public struct FuzzMutator: Sendable {
    private var state: UInt64
    private let fragments: [[UInt8]]

    /// `fragments` are the pieces spliced in (markup's by default; YAML or CSV for those files).
    public init(seed: UInt64, fragments: [[UInt8]] = FuzzMutator.tokens) {
        state = seed
        self.fragments = fragments
    }

    /// SplitMix64: small, fast, and the same sequence on every platform.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    /// Fragments that stress markup parsers: tag and comment openers, entities, CDATA ends,
    /// front-matter fences, deep nesting, invalid UTF-8 and a NUL.
    public static let tokens: [[UInt8]] = [
        "<", ">", "</", "<div>", "</p>", "<!--", "-->", "&", "&amp;", "&#x0;", "&#1114112;", "&lol;",
        "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY e \"&e;\">]>", "---\n", "\n---\n", "<?xml version=\"1.0\" encoding=\"gbk\"?>",
        "<meta charset=\"big5\">", String(repeating: "<b>", count: 300), "\"", "'", "年", "２０２１年",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0xC3], [0xE4, 0xB8], [0x00], [0xEF, 0xBB, 0xBF]]

    /// Fragments that stress YAML parsers: anchors and aliases (a small bomb among them), merge
    /// keys, tags, flow and block openers, document markers, deep nesting, tabs and bad bytes.
    public static let yamlTokens: [[UInt8]] = [
        "&a ", "*a", "<<: *a\n", "? ", ": ", "- ", "[", "]", "{", "}", ",", "!!str ", "!!binary ", "!custom ",
        "%YAML 1.1\n", "---\n", "...\n", "\t", "'", "\"", "# c\n", "|\n  ", ">-\n  ", "\n  ", "\n    - ", "1e308", "-9223372036854775809",
        ".nan", "~", "yes", "&b [*a, *a, *a, *a, *a, *a, *a, *a]", "&c [*b, *b, *b, *b, *b, *b, *b, *b]",
        String(repeating: "[", count: 300), String(repeating: "- ", count: 300), "name: x\n", "name: y\n",
        "\u{FEFF}", "人工智能",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0xC3], [0x00], [0xED, 0xA0, 0x80]]

    /// Fragments that stress manifest readers: separators, quotes, line ends, formulas, paths.
    public static let csvTokens: [[UInt8]] = [
        "\t", ",", "\"", "\"\"", "\n", "\r\n", "\r", "=HYPERLINK(\"x\")", "+1", "-1", "@x", "../", "/etc/passwd",
        "#", "id", "path", "record", "0", "-3", "99999999999999999999", "\t\t\t\t\t\t\t\t\t\t", "年",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0xC3], [0x00], [0xEF, 0xBB, 0xBF]]

    /// One to four mutations: flip, insert, delete, duplicate or splice a token.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0...below(4) {
            let at = below(b.count + 1)
            switch below(6) {
            case 0 where !b.isEmpty:
                b[min(at, b.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1:
                b.insert(UInt8(truncatingIfNeeded: next()), at: at)
            case 2 where !b.isEmpty:
                let end = min(b.count, at + 1 + below(64))
                b.removeSubrange(min(at, b.count)..<end)
            case 3 where !b.isEmpty:
                let start = min(at, b.count - 1), end = min(b.count, start + 1 + below(256))
                b.insert(contentsOf: Array(b[start..<end]), at: below(b.count + 1))
            case 4:
                b = Array(b.prefix(at))  // truncation
            default:
                b.insert(contentsOf: fragments[below(fragments.count)], at: at)
            }
        }
        return b
    }
}
