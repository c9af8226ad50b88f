import Foundation
import PolframeLexicon
import PolframeText

/// Compiled lexicons (their patterns and negation cues) kept in the per-user cache of derived
/// tables (see table_cache.c), so a run whose lexicon, normalization, word dictionary, ICU and
/// polframe executable are those of an earlier run does not analyze every form again. The key
/// names all of these; the executable by its stat tuple, so a rebuilt polframe (whose analyzer
/// may differ) never reads another build's patterns. A file that fails its checks is ignored.
enum CompiledLexiconCache {
    static let format = "2"
    /// Files kept at most (each a few tens of kilobytes); the least recently written go first.
    static let keep = 64

    static func key(lexiconSHA: String, role: Frame.Role, normalization: String, dictionary: String) -> String {
        Digest.sha256([format, lexiconSHA, role.rawValue, normalization, dictionary, ICUVersion.library, ICUVersion.unicode,
                       Stamp.tuple("/proc/self/exe")].joined(separator: "\u{1F}"))
    }

    static func name(_ key: String) -> String { "lexicon-\(key.prefix(32)).bin" }
    static func tcKey(_ key: String) -> UInt64 { key.utf8.prefix(16).reduce(UInt64(0)) { $0 &* 131 &+ UInt64($1) } }

    static func load(_ key: String) -> (patterns: [Pattern], cues: [[String]])? {
        guard let bytes = UserTableCache.read(name(key), key: tcKey(key)) else { return nil }
        return bytes.withUnsafeBytes { decode($0) }
    }

    static func store(_ key: String, _ patterns: [Pattern], _ cues: [[String]]) {
        UserTableCache.write(name(key), key: tcKey(key), encode(patterns, cues))
        UserTableCache.prune(prefix: "lexicon-", suffix: ".bin", keep: keep)
    }

    // A small binary form: counts and lengths as little-endian UInt32, strings as UTF-8.

    static func encode(_ patterns: [Pattern], _ cues: [[String]]) -> [UInt8] {
        var out: [UInt8] = []
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        func str(_ s: String) { u32(s.utf8.count); out.append(contentsOf: s.utf8) }
        u32(patterns.count)
        for p in patterns {
            str(p.frame); str(p.category); str(p.form); str(p.language.rawValue)
            withUnsafeBytes(of: p.weight.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            u32(p.tokens.count); for t in p.tokens { str(t) }
            // Bit 0 glob, bit 1 wildcards, bit 2 exclusion phrase (format 2).
            out.append((p.glob ? 1 : 0) | (p.wildcard ? 2 : 0) | (p.exclusion ? 4 : 0))
            u32(p.stream.count); for u in p.stream { withUnsafeBytes(of: u.littleEndian) { out.append(contentsOf: $0) } }
        }
        u32(cues.count)
        for c in cues { u32(c.count); for t in c { str(t) } }
        return out
    }

    static func decode(_ b: UnsafeRawBufferPointer) -> (patterns: [Pattern], cues: [[String]])? {
        var o = 0
        func u32() -> Int? {
            guard o + 4 <= b.count else { return nil }
            defer { o += 4 }
            return Int(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: o, as: UInt32.self)))
        }
        func str() -> String? {
            guard let n = u32(), o + n <= b.count else { return nil }
            defer { o += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: b[o..<(o + n)]), as: UTF8.self)
        }
        guard let count = u32() else { return nil }
        var patterns: [Pattern] = []
        patterns.reserveCapacity(count)
        for _ in 0..<count {
            guard let frame = str(), let category = str(), let form = str(), let lang = str().flatMap(Form.Language.init(rawValue:)),
                  o + 8 <= b.count else { return nil }
            let weight = Double(bitPattern: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: o, as: UInt64.self)))
            o += 8
            guard let nt = u32() else { return nil }
            var tokens: [String] = []
            for _ in 0..<nt { guard let t = str() else { return nil }; tokens.append(t) }
            guard o < b.count else { return nil }
            let flags = b[o]
            guard flags < 8 else { return nil }
            o += 1
            guard let ns = u32(), o + 2 * ns <= b.count else { return nil }
            var stream: [UInt16] = []
            stream.reserveCapacity(ns)
            for k in 0..<ns { stream.append(UInt16(littleEndian: b.loadUnaligned(fromByteOffset: o + 2 * k, as: UInt16.self))) }
            o += 2 * ns
            patterns.append(Pattern(frame: frame, category: category, form: form, language: lang, weight: weight, tokens: tokens,
                                    glob: flags & 1 != 0, stream: stream, wildcard: flags & 2 != 0, exclusion: flags & 4 != 0))
        }
        guard let nc = u32() else { return nil }
        var cues: [[String]] = []
        for _ in 0..<nc {
            guard let n = u32() else { return nil }
            var c: [String] = []
            for _ in 0..<n { guard let t = str() else { return nil }; c.append(t) }
            cues.append(c)
        }
        return o == b.count ? (patterns, cues) : nil
    }
}
