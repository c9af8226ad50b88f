/// Sentence ends ICU's root rules miss, as data. ICU ends sentences at 。！？ (and at closing
/// quotes after them) but not at the Chinese semicolon, which in policy text ends a clause that
/// reads as a sentence (each item of a list of measures).
public enum SentenceRules {
    /// Marks after which a sentence ends, beyond ICU's.
    public static let extraTerminators = "；"
    /// Closing quotes and brackets that stay with the sentence they close.
    public static let closers = "”’」』）)》〉】\"'"

    static let terminatorSet = UnitSet(extraTerminators)
    static let closerSet = UnitSet(closers)

    /// Extra boundaries (UTF-16 offsets into `text`), ascending.
    static func extraBreaks(_ text: [UInt16]) -> [Int32] {
        var out: [Int32] = []
        let set = terminatorSet
        for i in text.indices where set.contains(text[i]) {
            var e = i + 1
            while e < text.count && (closerSet.contains(text[e]) || text[e] == 0x20 || text[e] == 0x3000) { e += 1 }
            if e < text.count { out.append(Int32(e)) }
        }
        return out
    }
}
