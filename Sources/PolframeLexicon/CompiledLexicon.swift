import PolframeText

/// A form ready to match: where it comes from and what it looks like after the same
/// normalization and segmentation documents get.
public struct Pattern: Sendable, Hashable {
    public var frame: String
    public var category: String
    /// The form as written in the lexicon.
    public var form: String
    public var language: Form.Language
    /// Entry weight times category weight.
    public var weight: Double
    /// Latin patterns: normalized tokens; the last one is a prefix when `glob`.
    public var tokens: [String]
    /// The same tokens as UTF-16 units, compared without making strings.
    public var tokenUnits: [[UInt16]] { tokens.map { Array($0.utf16) } }
    public var glob: Bool
    /// Han (stream) patterns: the normalized text, matched on the character stream.
    public var stream: [UInt16]
    /// Latin patterns whose tokens hold quanteda wildcards (`*` any run, `?` one character)
    /// anywhere: each token is matched as a glob (see `Glob`).
    public var wildcard: Bool
    /// An exclusion phrase: its matches veto matches inside them (of `frame`/`category`, or of
    /// every category when both are empty) and count nowhere themselves.
    public var exclusion: Bool

    public var isStream: Bool { !stream.isEmpty }

    /// What the pattern matches, whatever its category: patterns with the same key are one
    /// pattern to the matcher, counted in each of their categories.
    public var matchKey: String {
        (exclusion ? "X" : "") + (isStream ? "S:" + String(decoding: stream, as: UTF16.self) : "T:" + tokens.joined(separator: " "))
            + (glob ? "*" : "") + (wildcard ? "?" : "")
    }

    public init(frame: String, category: String, form: String, language: Form.Language, weight: Double, tokens: [String], glob: Bool,
                stream: [UInt16], wildcard: Bool = false, exclusion: Bool = false) {
        self.frame = frame; self.category = category; self.form = form; self.language = language
        self.weight = weight; self.tokens = tokens; self.glob = glob; self.stream = stream
        self.wildcard = wildcard; self.exclusion = exclusion
    }
}

/// A lexicon compiled for matching: Latin forms indexed by their first token, Han forms in a
/// trie over normalized UTF-16 units.
public struct CompiledLexicon: Sendable {
    public let lexicon: Lexicon
    public let patterns: [Pattern]
    /// Latin patterns by their (exact) first token.
    public let byFirstToken: [String: [Int32]]
    /// Latin patterns by the hash of their first token's units, and each pattern's token units.
    public let byFirstHash: [UInt64: [Int32]]
    public let patternUnits: [[[UInt16]]]
    /// Glob patterns by the hash of their stem's first units (see `globKey`).
    public let globsByHash: [UInt64: [Int32]]
    /// Latin patterns whose first token is a glob prefix.
    public let globFirst: [Int32]
    /// The same, indexed by the first `globKeyLength` characters of the stem (shorter stems by
    /// the whole stem), so a token is tested only against globs that can match it.
    public let globsByKey: [String: [Int32]]
    public static let globKeyLength = 3
    /// Trie over Han patterns: node 0 is the root.
    public let trie: [TrieNode]
    /// One bit per possible first unit of a Han pattern (65,536 bits): most tokens are ruled
    /// out with one load instead of a dictionary lookup.
    public let trieFirstUnits: [UInt64]
    /// A 65,536-bit filter over the keys of `byFirstHash` and `globsByHash` (bit `filterBit`
    /// of each key): a token whose hash and glob keys all miss it matches no Latin pattern.
    public let latinFilter: [UInt64]

    @inlinable @inline(__always)
    public static func filterBit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key ^ (key >> 29)) & 0xFFFF) }

    @inlinable @inline(__always)
    public static func test(_ bits: [UInt64], _ bit: Int) -> Bool { bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0 }
    /// Negation cues, normalized: token sequences per language.
    public let negationCues: [[String]]

    /// FNV-1a over UTF-16 units.
    @inlinable @inline(__always)
    public static func hash(_ units: ArraySlice<UInt16>) -> UInt64 {
        var h = hashSeed
        for u in units { h = hashStep(h, u) }
        return h
    }

    /// `hash` of units s ..< e, without making a slice.
    @inlinable @inline(__always)
    public static func hash(_ units: UnsafeBufferPointer<UInt16>, _ s: Int, _ e: Int) -> UInt64 {
        var h = hashSeed
        for k in s..<e { h = hashStep(h, units[k]) }
        return h
    }

    /// FNV-1a's starting value and step: the hash of a prefix is the state after its units, so
    /// a matcher gets a token's glob keys (`globKey`) on the way to its whole hash.
    @inlinable @inline(__always)
    public static var hashSeed: UInt64 { 0xCBF2_9CE4_8422_2325 }

    @inlinable @inline(__always)
    public static func hashStep(_ h: UInt64, _ unit: UInt16) -> UInt64 { (h ^ UInt64(unit)) &* 0x0000_0100_0000_01B3 }

    /// The key of a glob stem prefix of 1 to `globKeyLength` units (the length is part of it).
    @inlinable @inline(__always)
    public static func globKey(_ units: ArraySlice<UInt16>) -> UInt64 { globKey(hash: hash(units), length: units.count) }

    /// The same from the `hash` of the prefix and its length.
    @inlinable @inline(__always)
    public static func globKey(hash: UInt64, length: Int) -> UInt64 { hash ^ (UInt64(length) << 60) }

    /// `analyzed.text(of: token)`; an ASCII token (most of an English lexicon's) is copied
    /// byte by byte instead of going through the general UTF-16 decoder.
    static func text(of token: Token, in analyzed: AnalyzedText) -> String {
        let s = Int(token.start), e = Int(token.end)
        return analyzed.units.withUnsafeBufferPointer { units in
            for k in s..<e where units[k] >= 0x80 { return analyzed.text(of: token) }
            return String(unsafeUninitializedCapacity: e - s) { bytes in
                for k in s..<e { bytes[k - s] = UInt8(truncatingIfNeeded: units[k]) }
                return e - s
            }
        }
    }

    public struct TrieNode: Sendable {
        public var children: [UInt16: Int32] = [:]
        public var pattern: Int32 = -1
        /// A Han glob (`肯尼亚*`) ending here: its match extends to the next word boundary.
        public var globPattern: Int32 = -1
        /// An exclusion phrase ending here (matched besides `pattern`, never instead of it).
        public var exclusionPattern: Int32 = -1
    }

    /// For each pattern the matcher indexes, every pattern with its key (itself first): the
    /// categories one match counts in. Empty for the patterns it does not index.
    public let sharing: [[Int32]]
    /// Whether any pattern is an exclusion phrase (the matcher then reports their spans).
    public let hasExclusions: Bool
    /// Latin wildcard patterns whose first token starts with a wildcard, tried at every token;
    /// those whose first token starts with a letter, by that first unit.
    public let wildAnywhere: [Int32]
    public let wildByFirstUnit: [UInt16: [Int32]]

    /// The frames compiled here (those of `role`), in lexicon order.
    public let frames: [Frame]
    public let role: Frame.Role

    /// A lexicon whose frames of `role` compiled to these patterns and negation cues (as the
    /// analyzing initializer makes them, in its order): the lookup structures are built from
    /// them, nothing is analyzed. For patterns kept from an earlier compilation.
    public init(_ lexicon: Lexicon, role: Frame.Role, patterns: [Pattern], negationCues cues: [[String]]) {
        self.lexicon = lexicon
        self.role = role
        self.frames = lexicon.frames.filter { $0.role == role }
        var byFirst: [String: [Int32]] = [:]
        var globFirst: [Int32] = []
        var trie = [TrieNode()]
        var sharing = [[Int32]](repeating: [], count: patterns.count)
        var representative: [String: Int] = [:]
        var wildAnywhere: [Int32] = []
        var wildByFirstUnit: [UInt16: [Int32]] = [:]
        for (i, p) in patterns.enumerated() {
            let key = p.matchKey
            if let r = representative[key] {
                // Counted once per category: a second listing in the same category adds nothing.
                if !sharing[r].contains(where: { patterns[Int($0)].frame == p.frame && patterns[Int($0)].category == p.category }) {
                    sharing[r].append(Int32(i))
                }
                continue
            }
            representative[key] = i
            sharing[i] = [Int32(i)]
            if p.wildcard && !p.isStream {
                if let u = p.tokens[0].utf16.first, u != Glob.star, u != Glob.one { wildByFirstUnit[u, default: []].append(Int32(i)) }
                else { wildAnywhere.append(Int32(i)) }
                continue
            }
            if p.isStream {
                var node = 0
                for u in p.stream {
                    if let next = trie[node].children[u] {
                        node = Int(next)
                    } else {
                        trie.append(TrieNode())
                        trie[node].children[u] = Int32(trie.count - 1)
                        node = trie.count - 1
                    }
                }
                if p.exclusion { trie[node].exclusionPattern = Int32(i) }
                else if p.glob { trie[node].globPattern = Int32(i) }
                else { trie[node].pattern = Int32(i) }
            } else if p.glob && p.tokens.count == 1 {
                globFirst.append(Int32(i))
            } else {
                byFirst[p.tokens[0], default: []].append(Int32(i))
            }
        }
        self.patterns = patterns
        self.sharing = sharing
        self.hasExclusions = patterns.contains { $0.exclusion }
        self.wildAnywhere = wildAnywhere
        self.wildByFirstUnit = wildByFirstUnit
        self.byFirstToken = byFirst
        self.globFirst = globFirst
        var byKey: [String: [Int32]] = [:]
        for id in globFirst {
            let stem = patterns[Int(id)].tokens[0]
            byKey[String(stem.prefix(Self.globKeyLength)), default: []].append(id)
        }
        self.globsByKey = byKey
        var byHash: [UInt64: [Int32]] = [:]
        for (k, ids) in byFirst { byHash[Self.hash(Array(k.utf16)[...]), default: []].append(contentsOf: ids) }
        self.byFirstHash = byHash
        self.patternUnits = patterns.map { $0.tokenUnits }
        var globHash: [UInt64: [Int32]] = [:]
        for id in globFirst {
            let stem = Array(patterns[Int(id)].tokens[0].utf16)
            globHash[Self.globKey(stem[..<min(stem.count, Self.globKeyLength)]), default: []].append(id)
        }
        self.globsByHash = globHash
        self.trie = trie
        var firstUnits = [UInt64](repeating: 0, count: 1024)
        for u in trie[0].children.keys { firstUnits[Int(u) >> 6] |= 1 << UInt64(Int(u) & 63) }
        self.trieFirstUnits = firstUnits
        var filter = [UInt64](repeating: 0, count: 1024)
        for key in Array(byHash.keys) + Array(globHash.keys) {
            let b = Self.filterBit(key)
            filter[b >> 6] |= 1 << UInt64(b & 63)
        }
        self.latinFilter = filter
        self.negationCues = cues
    }
}
