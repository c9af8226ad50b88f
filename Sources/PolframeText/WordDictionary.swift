/// Words the segmenter must keep whole. ICU's dictionary splits some words a policy corpus
/// depends on (印度尼西亚 -> 印度 | 尼西亚, which would let a lexicon's 印度 match inside
/// Indonesia; 构建 -> 构 | 建). After ICU segments, consecutive tokens that together spell a
/// dictionary word, starting and ending on ICU boundaries, are merged into one. Merging never
/// splits an ICU token.
public struct WordDictionary: Sendable {
    struct Node: Sendable {
        var children: [UInt16: Int32] = [:]
        var terminal = false
    }
    private var nodes = [Node()]
    public private(set) var count = 0

    public init() {}

    /// A dictionary of these words (normalized as the pipeline normalizes documents).
    public init<S: Sequence>(words: S) where S.Element == String {
        for w in words { insert(w) }
    }

    public mutating func insert(_ word: String) {
        let units = Array(word.utf16)
        guard units.count >= 2 else { return }
        var n = 0
        for u in units {
            if let next = nodes[n].children[u] { n = Int(next) } else {
                nodes.append(Node())
                nodes[n].children[u] = Int32(nodes.count - 1)
                n = nodes.count - 1
            }
        }
        if !nodes[n].terminal { count += 1 }
        nodes[n].terminal = true
    }

    /// Merges segments (bounds: n + 1 offsets, status: n rule statuses).
    func merge(_ units: [UInt16], bounds: [Int32], status: [Int32]) -> (bounds: [Int32], status: [Int32]) {
        guard count > 0, status.count > 1 else { return (bounds, status) }
        var outBounds: [Int32] = [0]
        var outStatus: [Int32] = []
        outBounds.reserveCapacity(bounds.count)
        outStatus.reserveCapacity(status.count)
        var i = 0
        while i < status.count {
            var best = -1  // segment index where the longest word ends (exclusive)
            if status[i] >= TextAnalyzer.wordStatusFloor {
                var n = 0
                var j = i  // segment being consumed
                var q = Int(bounds[i])
                walk: while q < units.count {
                    guard let next = nodes[n].children[units[q]] else { break walk }
                    n = Int(next)
                    q += 1
                    while j < status.count && Int(bounds[j + 1]) < q { j += 1 }
                    if j < status.count && Int(bounds[j + 1]) == q && nodes[n].terminal && j > i { best = j + 1 }
                }
            }
            if best > 0 {
                outStatus.append(400)  // UBRK_WORD_IDEO
                outBounds.append(bounds[best])
                i = best
            } else {
                outStatus.append(status[i])
                outBounds.append(bounds[i + 1])
                i += 1
            }
        }
        return (outBounds, outStatus)
    }
}
