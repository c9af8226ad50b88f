import Foundation
import Testing
@testable import PolframeText

/// The built-in dictionary's trie kept in the per-user table cache: read back, it is the trie
/// built from the word list, and a damaged or foreign file is never used.
@Suite struct BuiltinDictionaryCacheTests {
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("polframe-segwords-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func theCachedTrieIsTheBuiltOne() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The variant documents use (Traditional made Simplified); building it takes seconds in a debug build.
        let built = BuiltinDictionary.load(traditionalToSimplified: true)
        #expect(BuiltinDictionaryCache.read(traditionalToSimplified: true, folder: folder) == nil)
        #expect(BuiltinDictionaryCache.write(built, traditionalToSimplified: true, folder: folder))
        let read = try #require(BuiltinDictionaryCache.read(traditionalToSimplified: true, folder: folder))
        #expect(read.trieBytes() == built.trieBytes())
        #expect(read.count == built.count)
        for w in ["发展", "印度尼西亚", "鹦鹉螺"] { #expect(read.cost(of: Array(w.utf16)) == built.cost(of: Array(w.utf16)), "\(w)") }
        // The copy a user's words are added to grows like any other dictionary.
        var extended = read
        extended.insert("远东豹")
        #expect(extended.contains(Array("远东豹".utf16)) && !read.contains(Array("远东豹".utf16)))
        // The other variant has a file and a key of its own.
        #expect(BuiltinDictionaryCache.read(traditionalToSimplified: false, folder: folder) == nil)
        #expect(BuiltinDictionaryCache.key(traditionalToSimplified: true) != BuiltinDictionaryCache.key(traditionalToSimplified: false))
    }

    @Test func aDamagedTrieIsRefused() throws {
        var d = WordDictionary()
        for w in ["人工智能", "人工", "智能"] { d.insert(w) }
        let bytes = d.trieBytes()
        let back = try #require(bytes.withUnsafeBytes { WordDictionary(trie: $0) })
        #expect(back.contains(Array("人工智能".utf16)) && !back.contains(Array("人工智".utf16)))
        // Cut short, or a node index pointing past the trie: refused, never a trap at lookup.
        #expect(Array(bytes.dropLast()).withUnsafeBytes { WordDictionary(trie: $0) } == nil)
        var wild = bytes
        let slot = 40 + Int(Array("人".utf16)[0]) * 4
        wild.replaceSubrange(slot..<(slot + 4), with: [0xFF, 0xFF, 0x00, 0x00])
        #expect(wild.withUnsafeBytes { WordDictionary(trie: $0) } == nil)
        #expect([UInt8](repeating: 0, count: 16).withUnsafeBytes { WordDictionary(trie: $0) } == nil)
    }
}
