#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Words the segmenter should find whole: a trie over normalized UTF-16 units. With a
/// dictionary, runs of Han characters are re-segmented (see `HanSegmenter`) into the fewest
/// words, dictionary words and ICU's own words competing, ICU breaking ties. So 印度尼西亚 stays
/// whole (a lexicon's 印度 never matches inside Indonesia) and 构建 is not split 构 | 建.
///
/// The trie keeps the first level in a flat table and deeper edges in an open-addressing hash,
/// because lookups run once per Han character of every document.
public struct WordDictionary: Sendable {
    /// Node of each first unit (0 when none); node 0 is the root.
    var rootChild: [Int32]
    /// Open-addressing table of edges: key (parent << 16 | unit) + 1, 0 = empty.
    var edgeKeys: [UInt64]
    var edgeValues: [Int32]
    var edgeCount = 0
    /// Cost of the word ending at each node in quarter nats (-ln of its probability), or
    /// `notAWord`: the segmenter picks the path of least total cost.
    var wordCost: [UInt8]
    /// Words in the dictionary.
    public internal(set) var count = 0

    public init() {
        rootChild = [Int32](repeating: 0, count: 65536)
        edgeKeys = [UInt64](repeating: 0, count: 1024)
        edgeValues = [Int32](repeating: 0, count: 1024)
        wordCost = [Self.notAWord]
    }

    static let notAWord: UInt8 = 0xFF
    /// The cost of a listed word that comes without a frequency (a user's word, a built-in
    /// name): about that of a word seen 1 time in 20,000 (e^-10), so it beats its pieces.
    public static let listedWordCost: UInt8 = 40

    /// A dictionary of these words, which must already be normalized as documents are.
    public init<S: Sequence>(words: S) where S.Element == String {
        self.init()
        for w in words { insert(w) }
    }

    /// A dictionary of these words, normalized with `options` (as the pipeline normalizes
    /// documents). Words that normalize to nothing are skipped.
    public init<S: Sequence>(words: S, normalizedWith options: NormalizationOptions) throws(TextError) where S.Element == String {
        self.init()
        try insert(contentsOf: Array(words), normalizedWith: options)
    }

    /// Adds words, normalizing them all in one pass (lines never join: line joining is off).
    public mutating func insert(contentsOf words: [String], normalizedWith options: NormalizationOptions) throws(TextError) {
        var o = options
        o.joinChineseLines = false
        let joined = words.joined(separator: "\n")
        let n = try Normalizer.normalize(Array(joined.utf16), options: o)
        for line in n.units.split(separator: 0x0A) {
            insert(units: line)
        }
    }

    /// Reads a word list: one word a line; anything after the first space or tab on a line (a
    /// frequency, a tag) and lines starting with `#` are ignored. Words are normalized with
    /// `options` and cost `listedWordCost`.
    public mutating func insert(contentsOfFile path: String, normalizedWith options: NormalizationOptions) throws(TextError) {
        guard let f = fopen(path, "rb") else { throw .file(path: path, detail: String(cString: strerror(errno))) }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let k = buf.withUnsafeMutableBytes { fread($0.baseAddress, 1, 1 << 16, f) }
            if k <= 0 { break }
            bytes.append(contentsOf: buf[0..<k])
        }
        if ferror(f) != 0 { throw .file(path: path, detail: "read error") }
        var words: [String] = []
        for line in bytes.split(separator: 0x0A) {
            let field = line.prefix { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
            if field.isEmpty || field.first == 0x23 { continue }
            words.append(String(decoding: field, as: UTF8.self))
        }
        try insert(contentsOf: words, normalizedWith: options)
    }

    /// Adds one word (already normalized).
    public mutating func insert(_ word: String) {
        insert(units: Array(word.utf16))
    }

    /// Adds a word with its cost; a word already present keeps the lower of the two costs.
    mutating func insert<C: Collection>(units: C, cost: UInt8 = listedWordCost) where C.Element == UInt16 {
        guard !units.isEmpty else { return }
        var node: Int32 = 0
        for u in units {
            let next = child(node, u)
            if next != 0 { node = next; continue }
            wordCost.append(Self.notAWord)
            let created = Int32(wordCost.count - 1)
            if node == 0 { rootChild[Int(u)] = created } else { addEdge(node, u, created) }
            node = created
        }
        let c = min(cost, Self.notAWord - 1)
        if wordCost[Int(node)] == Self.notAWord { count += 1; wordCost[Int(node)] = c } else { wordCost[Int(node)] = min(wordCost[Int(node)], c) }
    }

    /// Takes a word out (its trie nodes stay, as prefixes of other words may use them).
    mutating func remove<C: Collection>(units: C) where C.Element == UInt16 {
        var node: Int32 = 0
        for u in units {
            node = child(node, u)
            if node == 0 { return }
        }
        if node != 0 && wordCost[Int(node)] != Self.notAWord { wordCost[Int(node)] = Self.notAWord; count -= 1 }
    }

    /// Whether one of this dictionary's words occurs in `units` and is shorter than it.
    func occursStrictlyInside(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        let n = units.count
        for p in 0..<n {
            var node: Int32 = 0
            var q = p
            while q < n {
                node = child(node, units[q])
                if node == 0 { break }
                q += 1
                if wordCost[Int(node)] != Self.notAWord && q - p < n { return true }
            }
        }
        return false
    }

    /// The child of `node` along `unit`, or 0.
    @inline(__always)
    func child(_ node: Int32, _ unit: UInt16) -> Int32 {
        if node == 0 { return rootChild[Int(unit)] }
        let key = (UInt64(node) << 16 | UInt64(unit)) &+ 1
        let mask = edgeKeys.count - 1
        var slot = Self.hash(key) & mask
        while true {
            let k = edgeKeys[slot]
            if k == key { return edgeValues[slot] }
            if k == 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always) func isWord(_ node: Int32) -> Bool { wordCost[Int(node)] != Self.notAWord }

    /// The cost of the word ending at `node` (`notAWord` when none does).
    @inline(__always) func cost(_ node: Int32) -> UInt8 { wordCost[Int(node)] }

    /// Nodes in the trie (a rough measure of its memory).
    var nodeCount: Int { wordCost.count }

    /// Whether `units` is a word of the dictionary.
    func contains<C: Collection>(_ units: C) -> Bool where C.Element == UInt16 {
        var node: Int32 = 0
        for u in units {
            node = child(node, u)
            if node == 0 { return false }
        }
        return wordCost[Int(node)] != Self.notAWord
    }

    /// The cost of `units` as a word, or nil when it is not one.
    func cost<C: Collection>(of units: C) -> UInt8? where C.Element == UInt16 {
        var node: Int32 = 0
        for u in units {
            node = child(node, u)
            if node == 0 { return nil }
        }
        let c = wordCost[Int(node)]
        return c == Self.notAWord ? nil : c
    }

    @inline(__always)
    private static func hash(_ key: UInt64) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    private mutating func addEdge(_ node: Int32, _ unit: UInt16, _ target: Int32) {
        if (edgeCount + 1) * 2 > edgeKeys.count { grow() }
        let key = (UInt64(node) << 16 | UInt64(unit)) &+ 1
        let mask = edgeKeys.count - 1
        var slot = Self.hash(key) & mask
        while edgeKeys[slot] != 0 { slot = (slot + 1) & mask }
        edgeKeys[slot] = key
        edgeValues[slot] = target
        edgeCount += 1
    }

    private mutating func grow() {
        let oldKeys = edgeKeys, oldValues = edgeValues
        edgeKeys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        edgeValues = [Int32](repeating: 0, count: oldKeys.count * 2)
        let mask = edgeKeys.count - 1
        for i in 0..<oldKeys.count where oldKeys[i] != 0 {
            var slot = Self.hash(oldKeys[i]) & mask
            while edgeKeys[slot] != 0 { slot = (slot + 1) & mask }
            edgeKeys[slot] = oldKeys[i]
            edgeValues[slot] = oldValues[i]
        }
    }
}
