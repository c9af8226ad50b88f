#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CICUBridge
import CSegmentationWords

/// The built-in dictionary's finished trie, kept in the per-user table cache (see
/// `CICUBridge/table_cache.c`): building it from the compiled word list costs about 0.2 s at
/// every start (350,000 words, each mapped Traditional to Simplified and inserted), reading it
/// back a few milliseconds, which is what makes `polframe segment` as fast as the engine on a
/// file of a few megabytes. A file written for another word list, layout, rule table or ICU
/// version has another key and is never read; a damaged one fails the cache's checksum or
/// `WordDictionary(trie:)`'s checks and is rebuilt.
enum BuiltinDictionaryCache {
    /// Bump when `WordDictionary`'s storage or `trieBytes()`'s layout changes.
    static let layout: UInt64 = 1

    /// The cache file's stem for each variant.
    static func name(traditionalToSimplified: Bool) -> String {
        traditionalToSimplified ? "segwords-t2s" : "segwords"
    }

    /// What the trie is built from: the word list, the rules `BuiltinDictionary.load` applies,
    /// and (for the Simplified variant) the ICU version whose transliterator maps the words.
    static func key(traditionalToSimplified: Bool) -> UInt64 {
        var h = fnv(0xcbf2_9ce4_8422_2325, "\(layout)|\(BuiltinWords.identity)|\(traditionalToSimplified)")
        h = fnv(h, SegmentationRules.numerals + "|" + SegmentationRules.measureWords + "|" + SegmentationRules.hanMultipliers)
        if traditionalToSimplified {
            var version = [CChar](repeating: 0, count: 32)
            pf_icu_version(&version, Int32(version.count))
            h = fnv(h, String(cString: version))
        }
        return h ^ pf_words_fingerprint()
    }

    /// The cached trie, or nil when there is none for this key (or no cache folder).
    static func read(traditionalToSimplified: Bool, folder: String? = nil) -> WordDictionary? {
        var length = 0
        let stem = name(traditionalToSimplified: traditionalToSimplified)
        guard let payload = pf_tc_read(folder, stem + ".bin", key(traditionalToSimplified: traditionalToSimplified), &length) else { return nil }
        defer { free(payload) }
        return WordDictionary(trie: UnsafeRawBufferPointer(start: payload, count: length))
    }

    /// Stores the trie; false when there is no cache folder or the write failed (the next
    /// start then builds it again: a cache, never a requirement).
    @discardableResult
    static func write(_ d: WordDictionary, traditionalToSimplified: Bool, folder: String? = nil) -> Bool {
        let bytes = d.trieBytes()
        let stem = name(traditionalToSimplified: traditionalToSimplified)
        return bytes.withUnsafeBytes { pf_tc_write(folder, stem + ".bin", key(traditionalToSimplified: traditionalToSimplified), $0.baseAddress, $0.count) } == 1
    }

    private static func fnv(_ seed: UInt64, _ s: String) -> UInt64 {
        var h = seed
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

extension WordDictionary {
    /// The trie's storage as bytes (native byte order: the cache is per machine): a header of
    /// five counts, then the root table, the edge keys and values, and the word costs.
    func trieBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(40 + rootChild.count * 4 + edgeKeys.count * 12 + wordCost.count)
        for v in [UInt64(count), UInt64(edgeCount), UInt64(rootChild.count), UInt64(edgeKeys.count), UInt64(wordCost.count)] {
            withUnsafeBytes(of: v) { out.append(contentsOf: $0) }
        }
        rootChild.withUnsafeBytes { out.append(contentsOf: $0) }
        edgeKeys.withUnsafeBytes { out.append(contentsOf: $0) }
        edgeValues.withUnsafeBytes { out.append(contentsOf: $0) }
        wordCost.withUnsafeBytes { out.append(contentsOf: $0) }
        return out
    }

    /// A trie from `trieBytes()`'s layout, or nil when the sizes disagree or a node index
    /// points outside the trie (a lookup would trap on it).
    init?(trie b: UnsafeRawBufferPointer) {
        guard b.count >= 40 else { return nil }
        let header = (0..<5).map { b.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
        let (words, edges, roots, slots, nodes) = (Int(clamping: header[0]), Int(clamping: header[1]), Int(clamping: header[2]),
                                                   Int(clamping: header[3]), Int(clamping: header[4]))
        guard roots == 65536, slots > 0, slots & (slots - 1) == 0, slots <= 1 << 30, edges * 2 <= slots,
              nodes > 0, nodes <= Int(Int32.max), words < nodes,
              b.count == 40 + roots * 4 + slots * 12 + nodes else { return nil }
        func array<T>(_ type: T.Type, at offset: Int, count: Int) -> [T] {
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: b[offset..<(offset + count * MemoryLayout<T>.stride)]))
                initialized = count
            }
        }
        self.init()
        rootChild = array(Int32.self, at: 40, count: roots)
        edgeKeys = array(UInt64.self, at: 40 + roots * 4, count: slots)
        edgeValues = array(Int32.self, at: 40 + roots * 4 + slots * 8, count: slots)
        wordCost = array(UInt8.self, at: 40 + roots * 4 + slots * 12, count: nodes)
        edgeCount = edges
        count = words
        let limit = Int32(nodes)
        guard rootChild.allSatisfy({ $0 >= 0 && $0 < limit }), edgeValues.allSatisfy({ $0 >= 0 && $0 < limit }) else { return nil }
    }
}
