import Foundation
import PolframeFoundation
import PolframeScore

/// A document's score without its matches (those go to a CSV fragment of their own): the
/// numbers aggregation needs, small enough to keep for every document in memory.
package struct ScoreRecord: Sendable, Hashable {
    package var tokens: Int
    package var sentences: Int
    package var hanCharacters: Int
    package var latinLetters: Int
    package var scoredTokens: Int
    package var categories: [CategoryCount]
    /// Hits per lexicon entry ("frame/category/form"), for the coverage report.
    package var entries: [String: Int]

    /// The version byte this release writes first (see `RecordVersion`).
    package static let version: UInt8 = 2

    package func serialized() -> Data {
        var lines = ["\(tokens)\t\(sentences)\t\(hanCharacters)\t\(latinLetters)\t\(scoredTokens)"]
        for c in categories {
            lines.append("\(c.frame)\t\(c.category)\t\(c.hits)\t\(c.negated)\t\(c.weighted)")
        }
        for (k, v) in entries.sorted(by: { $0.key < $1.key }) { lines.append("E\t\(FieldEscape.escape(k))\t\(v)") }
        var out = Data([Self.version])
        out.append(contentsOf: (lines.joined(separator: "\n") + "\n").utf8)
        return out
    }

    package init(tokens: Int, sentences: Int, hanCharacters: Int, latinLetters: Int, scoredTokens: Int, categories: [CategoryCount],
                 entries: [String: Int]) {
        self.tokens = tokens; self.sentences = sentences; self.hanCharacters = hanCharacters
        self.latinLetters = latinLetters; self.scoredTokens = scoredTokens; self.categories = categories
        self.entries = entries
    }

    /// The score file: the record, a line holding only U+001E, then the matches.csv rows.
    package static let separator = Data("\u{1E}\n".utf8)

    package static func combine(_ record: Data, _ matches: Data) -> Data { record + separator + matches }

    /// The matches.csv rows of a score file.
    package static func matches(in data: Data) -> Data {
        guard let r = data.range(of: separator) else { return Data() }
        return data[r.upperBound...]
    }

    /// Hits per entry, counted by pattern number and named once per distinct pattern.
    package static func entryCounts(_ matches: [MatchRecord], keys: [String]) -> [String: Int] {
        var counts: [Int32: Int] = [:]
        for m in matches { counts[m.pattern, default: 0] += 1 }
        var out: [String: Int] = [:]
        for (p, n) in counts { out[Interner.shared(p >= 0 && Int(p) < keys.count ? keys[Int(p)] : "?"), default: 0] += n }
        return out
    }

    package init?(serialized whole: Data) {
        guard let (_, start) = RecordVersion.read(whole.first, current: Self.version) else { return nil }
        let record = whole.dropFirst(start)
        let data = record.range(of: ScoreRecord.separator).map { record[..<$0.lowerBound] } ?? record
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard let head = lines.first else { return nil }
        let h = head.split(separator: "\t").compactMap { Int($0) }
        guard h.count == 5 else { return nil }
        tokens = h[0]; sentences = h[1]; hanCharacters = h[2]; latinLetters = h[3]; scoredTokens = h[4]
        categories = []
        entries = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            if f.count == 3 && f[0] == "E" {
                entries[Interner.shared(FieldEscape.unescape(String(f[1])))] = Int(f[2]) ?? 0
                continue
            }
            guard f.count == 5, let hits = Int(f[2]), let neg = Int(f[3]), let w = Double(f[4]) else { return nil }
            categories.append(CategoryCount(frame: Interner.shared(String(f[0])), category: Interner.shared(String(f[1])), hits: hits, negated: neg, weighted: w))
        }
    }

    /// As the series builder wants it.
    package var documentScore: DocumentScore {
        DocumentScore(tokens: tokens, scoredTokens: scoredTokens, sentences: sentences, categories: categories, matches: [],
                      hanCharacters: hanCharacters, latinLetters: latinLetters)
    }
}
