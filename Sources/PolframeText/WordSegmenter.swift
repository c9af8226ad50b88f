/// Turns ICU's word breaks into polframe's words: the rules of `SegmentationRules` first,
/// then each run of Han characters re-segmented into the most probable path of dictionary words
/// (see `Costs`), and never a boundary inside an indivisible normalization chunk. Works on
/// offsets only.
struct WordSegmenter {
    /// Costs of the Han path search, in quarter nats: a word costs -ln of its probability
    /// (from the dictionary), minus `wordBonus`; the cheapest path wins, as in jieba. The bonus
    /// shifts the balance from long compounds toward their parts (信息技术 -> 信息 | 技术), the
    /// granularity most segmentation standards share. 1.5 nats: F1 on the half of PKU's test set
    /// used for tuning was flat (within 0.002) from 1.5 to 2.25 nats; the lower end is the one
    /// least fitted to PKU's fine-grained standard.
    struct Costs {
        var wordBonus: Int32 = 6
        /// A character no dictionary word covers: a frequency of 1.
        var unknownSingle: Int32 = BuiltinDictionary.unknownCost
    }

    let dictionary: WordDictionary
    var costs = Costs()

    // ICU word statuses (UBRK_WORD_*): number 100, letter 200, ideograph 400.
    static let numberStatus: Int32 = 100
    static let ideoStatus: Int32 = 400

    /// Word bounds (n + 1, first 0, last units.count) and the rule status of each segment.
    func segment(_ units: [UInt16], sourceOffsets: [Int32], icuBounds: [Int32], icuStatus: [Int32]) -> (bounds: [Int32], status: [Int32]) {
        let n = units.count
        guard n > 0 else { return ([0], []) }
        var boundary = [Bool](repeating: false, count: n + 1)
        var kind = [Int32](repeating: -1, count: n)
        boundary.withUnsafeMutableBufferPointer { bp in
            kind.withUnsafeMutableBufferPointer { kp in
                for k in 0..<icuStatus.count {
                    bp[Int(icuBounds[k])] = true
                    kp[Int(icuBounds[k])] = icuStatus[k]
                }
            }
        }
        boundary[n] = true
        let icuBoundary = boundary
        var locked = [Bool](repeating: false, count: n)

        units.withUnsafeBufferPointer { u in
            applyRules(u, icuBoundary, &boundary, &kind, &locked)
            segmentHanRuns(u, &boundary, &kind, locked)
        }
        // A chunk that normalization made from one source piece (ﬁ -> fi, a replaced phrase,
        // an ellipsis -> ...) is indivisible: it maps back to one source span.
        boundary.withUnsafeMutableBufferPointer { bp in
            sourceOffsets.withUnsafeBufferPointer { so in
                for i in 1..<n where bp[i] && so[i] == so[i - 1] { bp[i] = false }
            }
        }

        var bounds: [Int32] = [0]
        var status: [Int32] = []
        bounds.reserveCapacity(icuBounds.count)
        status.reserveCapacity(icuStatus.count)
        boundary.withUnsafeBufferPointer { bp in
            kind.withUnsafeBufferPointer { kp in
                var best: Int32 = -1
                for i in 0..<n {
                    if i > 0 && bp[i] {
                        bounds.append(Int32(i))
                        status.append(max(best, 0))
                        best = -1
                    }
                    if kp[i] > best { best = kp[i] }
                }
                bounds.append(Int32(n))
                status.append(max(best, 0))
            }
        }
        return (bounds, status)
    }

    /// Makes [s, e) one segment of status `status`, immune to the Han search.
    @inline(__always)
    private func merge(_ s: Int, _ e: Int, status: Int32, _ boundary: inout [Bool], _ kind: inout [Int32], _ locked: inout [Bool]) {
        boundary[s] = true
        boundary[e] = true
        for k in (s + 1)..<e { boundary[k] = false }
        kind[s] = max(kind[s], status)
        for k in s..<e { locked[k] = true }
    }

    private func applyRules(_ u: UnsafeBufferPointer<UInt16>, _ icu: [Bool], _ boundary: inout [Bool], _ kind: inout [Int32], _ locked: inout [Bool]) {
        let n = u.count
        let table = CharClass.table
        // The rule tables, read once (each global's first-use check would run per unit).
        let separatorSet = SegmentationRules.separatorSet, ordinalSet = SegmentationRules.ordinalSet
        let arabicSuffixSet = SegmentationRules.arabicSuffixSet, multiplierSet = SegmentationRules.multiplierSet
        let hanAnySet = SegmentationRules.hanAnySet, hanLongSet = SegmentationRules.hanLongSet
        let hanYearSet = SegmentationRules.hanYearSet, runSet = SegmentationRules.runSet
        let joinerSet = SegmentationRules.joinerSet, arabicYearSet = SegmentationRules.arabicYearSet
        let signSet = SegmentationRules.signSet
        @inline(__always) func cls(_ i: Int) -> CharClass { CharClass(rawValue: table[Int(u[i])])! }
        // A number may end where ICU breaks, or before a Han character (the Han search
        // re-segments what follows): 9月|底, where ICU reads 9|月底.
        @inline(__always) func endsWord(_ e: Int) -> Bool { icu[e] || (e < n && CharClass.isHan(u[e], table)) }
        var i = 0
        while i < n {
            let c = cls(i)
            if c == .digit {
                // Arabic number: digits with inner separators, then an optional suffix.
                var j = i + 1
                while j < n {
                    if cls(j) == .digit { j += 1; continue }
                    if separatorSet.contains(u[j]) && j + 1 < n && cls(j + 1) == .digit { j += 2; continue }
                    break
                }
                let nextIsLetter = j < n && cls(j) == .latin
                let prevIsLetter = i > 0 && (cls(i - 1) == .latin || u[i - 1] == 0x2E)
                if !nextIsLetter && !prevIsLetter {
                    var start = i
                    if start > 0 && ordinalSet.contains(u[start - 1]) && icu[start - 1] { start -= 1 }
                    // A sign before a number that follows no digit or letter: -5, but 1998-2000.
                    else if start > 0 && signSet.contains(u[start - 1]) && icu[start - 1]
                        && (start == 1 || (cls(start - 2) != .digit && cls(start - 2) != .latin)) { start -= 1 }
                    var ends: [Int] = []
                    if j < n && arabicSuffixSet.contains(u[j])
                        && (!arabicYearSet.contains(u[j]) || (j - i == SegmentationRules.yearDigits && (i..<j).allSatisfy { cls($0) == .digit })) {
                        ends.append(j + 1)
                    }
                    ends.append(j)
                    if let e = ends.first(where: { endsWord($0) }), icu[start], e - start >= 2 || start < i {
                        merge(start, e, status: Self.numberStatus, &boundary, &kind, &locked)
                    }
                }
                i = j
                continue
            }
            if c == .hanDigit {
                var j = i + 1
                var multiplies = multiplierSet.contains(u[i])
                while j < n && cls(j) == .hanDigit {
                    if multiplierSet.contains(u[j]) { multiplies = true }
                    j += 1
                }
                let len = j - i
                var ends: [Int] = []
                if j < n {
                    let s = u[j]
                    if hanAnySet.contains(s)
                        || (len >= 2 && hanLongSet.contains(s))
                        || (len >= 2 && !multiplies && hanYearSet.contains(s)) {
                        ends.append(j + 1)
                    }
                }
                if len >= 2 { ends.append(j) }
                var start = i
                if start > 0 && ordinalSet.contains(u[start - 1]) && icu[start - 1] { start -= 1 }
                if !icu[start] { start = i }
                if icu[start], let e = ends.first(where: { endsWord($0) }) {
                    merge(start, e, status: Self.ideoStatus, &boundary, &kind, &locked)
                }
                i = j
                continue
            }
            if runSet.contains(u[i]) {
                var j = i + 1
                while j < n && u[j] == u[i] { j += 1 }
                if j - i >= 2 { merge(i, j, status: 0, &boundary, &kind, &locked) }
                i = j
                continue
            }
            if c == .latin {
                // Letters and digits joined by hyphens, when the whole has both: GPT-4, COVID-19.
                var j = i
                var letters = false, digits = false, joins = false
                while j < n {
                    let d = cls(j)
                    if d == .latin { letters = true; j += 1; continue }
                    if d == .digit { digits = true; j += 1; continue }
                    if joinerSet.contains(u[j]) && j + 1 < n && j > i
                        && (cls(j + 1) == .latin || cls(j + 1) == .digit) { joins = true; j += 1; continue }
                    break
                }
                if letters && digits && joins && icu[i] && icu[j] {
                    merge(i, j, status: 200, &boundary, &kind, &locked)
                }
                i = max(j, i + 1)
                continue
            }
            i += 1
        }
    }

    /// Re-segments each run of Han characters into the cheapest path of words (see `Costs`).
    private func segmentHanRuns(_ u: UnsafeBufferPointer<UInt16>, _ boundary: inout [Bool], _ kind: inout [Int32], _ locked: [Bool]) {
        let n = u.count
        var cost: [Int32] = []
        var back: [Int32] = []
        var starts: [Int] = []
        let transliteration = SegmentationRules.transliterationSet
        let table = CharClass.table
        var i = 0
        while i < n {
            guard CharClass.isHan(u[i], table) && !locked[i] else { i += 1; continue }
            var b = i + 1
            while b < n && CharClass.isHan(u[b], table) && !locked[b] { b += 1 }
            let a = i
            i = b
            let len = b - a
            if len == 1 { continue }
            if cost.count < len + 1 {
                cost = [Int32](repeating: 0, count: len + 1)
                back = [Int32](repeating: 0, count: len + 1)
            }
            cost[0] = 0
            for k in 1...len { cost[k] = Int32.max }
            let bonus = costs.wordBonus, unknown = costs.unknownSingle - costs.wordBonus
            for p in a..<b {
                let here = cost[p - a]
                // Dictionary words from here; the first found of equal cost (the longest) wins.
                var node: Int32 = 0
                var q = p
                var singleIsWord = false
                while q < b {
                    node = dictionary.child(node, u[q])
                    if node == 0 { break }
                    q += 1
                    let wc = dictionary.cost(node)
                    if wc != WordDictionary.notAWord {
                        if q == p + 1 { singleIsWord = true }
                        let c = here + Int32(wc) - bonus
                        if c < cost[q - a] { cost[q - a] = c; back[q - a] = Int32(p) }
                    }
                }
                // The character alone, when no word is.
                if !singleIsWord {
                    let c = here + unknown
                    if c < cost[p + 1 - a] { cost[p + 1 - a] = c; back[p + 1 - a] = Int32(p) }
                }
            }
            // The path's word starts, then runs of single transliteration characters merged.
            starts.removeAll(keepingCapacity: true)
            var e = b
            while e > a { e = Int(back[e - a]); starts.append(e) }
            starts.reverse()
            for k in (a + 1)..<b { boundary[k] = false }
            boundary[b] = true
            var k = 0
            while k < starts.count {
                let s = starts[k]
                boundary[s] = true
                kind[s] = max(kind[s], Self.ideoStatus)
                var m = k
                while m < starts.count && (m + 1 < starts.count ? starts[m + 1] : b) == starts[m] + 1
                        && transliteration.contains(u[starts[m]]) { m += 1 }
                k = m - k >= SegmentationRules.transliterationMinimum ? m : k + 1
            }
        }
    }
}
