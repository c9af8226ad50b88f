import PolframeLexicon
import PolframeText

/// The keys Latin matching looks a text's words up by: each token's `CompiledLexicon.hash` and
/// the `globKey`s of its first units. Worked out once per document and shared by a scorer's
/// matchers (a topic pass and a framing pass would otherwise hash every word twice).
public struct TokenKeys: Sendable {
    /// Per token, the hash of its units (0 for Han tokens, which Latin matching skips).
    let whole: [UInt64]
    /// Per token, `CompiledLexicon.globKeyLength` slots: the glob keys of its first 1, 2, …
    /// units (slots past the token's length stay 0).
    let prefixes: [UInt64]

    public init(_ text: AnalyzedText) {
        let keyLength = CompiledLexicon.globKeyLength
        let count = text.tokens.count
        var whole = [UInt64](repeating: 0, count: count)
        var prefixes = [UInt64](repeating: 0, count: count * keyLength)
        text.units.withUnsafeBufferPointer { units in
            text.tokens.withUnsafeBufferPointer { tokens in
                whole.withUnsafeMutableBufferPointer { whole in
                    prefixes.withUnsafeMutableBufferPointer { prefixes in
                        for i in 0..<count where tokens[i].script != .han {
                            let s = Int(tokens[i].start), e = Int(tokens[i].end)
                            // FNV-1a runs left to right: the state after k units is the hash
                            // of the first k, so the glob keys come out of the same pass.
                            var h = CompiledLexicon.hashSeed
                            for k in s..<e {
                                h = CompiledLexicon.hashStep(h, units[k])
                                let length = k - s + 1
                                if length <= keyLength { prefixes[i * keyLength + length - 1] = CompiledLexicon.globKey(hash: h, length: length) }
                            }
                            whole[i] = h
                        }
                    }
                }
            }
        }
        self.whole = whole
        self.prefixes = prefixes
    }
}
