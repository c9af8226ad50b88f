import CICUBridge
import CSegmentationWords

/// Names polframe keeps whole by default on top of the built-in dictionary (see
/// `BuiltinDictionary`): countries, regions and policy vocabulary. General knowledge only; no
/// benchmark's test data informed this list.
public enum BuiltinWords {
    public static let list: [String] = """
    印度尼西亚 马来西亚 澳大利亚 新西兰 新加坡 沙特阿拉伯 阿拉伯联合酋长国 阿联酋 南非 巴基斯坦
    孟加拉国 斯里兰卡 哈萨克斯坦 乌兹别克斯坦 吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 阿富汗 伊朗 伊拉克
    以色列 巴勒斯坦 土耳其 埃及 埃塞俄比亚 尼日利亚 肯尼亚 坦桑尼亚 巴西 阿根廷 墨西哥 加拿大 智利
    秘鲁 哥伦比亚 委内瑞拉 俄罗斯 乌克兰 白俄罗斯 波兰 德国 法国 英国 意大利 西班牙 葡萄牙 荷兰 比利时
    瑞士 瑞典 挪威 芬兰 丹麦 冰岛 爱尔兰 奥地利 匈牙利 捷克 希腊 日本 韩国 朝鲜 越南 老挝 柬埔寨 泰国
    缅甸 菲律宾 文莱 蒙古 尼泊尔 不丹 马尔代夫 东帝汶 东南亚 东盟 欧盟 北约 联合国 二十国集团 七国集团
    金砖国家 上海合作组织 亚太经合组织 世界贸易组织 世界卫生组织 国际电信联盟
    构建 问责 问责制 大数据 云计算 物联网 区块链 数据中心 算力 算法 数字经济 数字化 智能化 网络化
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// What the built-in words are: part of the fingerprint of every segmentation.
    public static let identity = "jieba-0.42.1-dict/han-only/quarter-nats; numeral+measure split; list-1"
}

extension WordDictionary {
    /// The built-in dictionary, `BuiltinWords` and, when given, a user's word list file (one
    /// word a line), all normalized with `options` as documents are. Built-in compounds that
    /// hold one of the `shielding` words (a lexicon's Chinese forms) are left out: 个人隐私
    /// would hide 隐私 from a lexicon that lists it, since a Chinese match must start and end on
    /// word boundaries. `BuiltinWords` and `words` stay (印度尼西亚 keeps hiding 印度).
    public static func builtin(addingFile path: String? = nil, words: [String] = [], shielding: [String] = [],
                               normalizedWith options: NormalizationOptions = NormalizationOptions()) throws(TextError) -> WordDictionary {
        var d = options.traditionalToSimplified ? BuiltinDictionary.simplified : BuiltinDictionary.asWritten
        if !shielding.isEmpty {
            var terms = WordDictionary()
            try terms.insert(contentsOf: shielding, normalizedWith: options)
            BuiltinDictionary.forEachWord(traditionalToSimplified: options.traditionalToSimplified) { word, _ in
                if terms.occursStrictlyInside(word) { d.remove(units: word) }
            }
        }
        try d.insert(contentsOf: BuiltinWords.list + words, normalizedWith: options)
        if let path { try d.insert(contentsOfFile: path, normalizedWith: options) }
        return d
    }

    /// The built-in dictionary normalized with the default options (what `TextAnalyzer` uses
    /// when given none).
    public static let standard: WordDictionary = {
        do { return try builtin() } catch { fatalError("the built-in word list does not normalize: \(error)") }
    }()
}

/// The word list compiled into the binary (CSegmentationWords, from jieba's dict.txt; see its
/// generate_words.py for the format), read once per process into a trie with each word's cost
/// (or the finished trie read from the per-user table cache).
enum BuiltinDictionary {
    static let simplified = cachedOrLoaded(traditionalToSimplified: true)
    static let asWritten = cachedOrLoaded(traditionalToSimplified: false)

    /// The trie from the per-user table cache, else built and stored there (`BuiltinDictionaryCache`).
    static func cachedOrLoaded(traditionalToSimplified: Bool) -> WordDictionary {
        if let d = BuiltinDictionaryCache.read(traditionalToSimplified: traditionalToSimplified) { return d }
        let d = load(traditionalToSimplified: traditionalToSimplified)
        BuiltinDictionaryCache.write(d, traditionalToSimplified: traditionalToSimplified)
        return d
    }

    /// The cost of a Han character no word covers, in quarter nats (a frequency of 1).
    static let unknownCost = Int32(pf_words_unknown_cost())

    static func load(traditionalToSimplified: Bool) -> WordDictionary {
        var d = WordDictionary()
        let numerals = SegmentationRules.numeralSet, measures = SegmentationRules.measureSet
        let multipliers = SegmentationRules.multiplierSet
        forEachWord(traditionalToSimplified: traditionalToSimplified) { word, cost in
            // A numeral with a measure word (一年, 两个, 五十岁) is two words; 百年, 万岁 (no
            // digit, only a multiplier) are words of their own.
            let n = word.count
            if n >= 2 && measures.contains(word[n - 1])
                && (0..<(n - 1)).allSatisfy({ numerals.contains(word[$0]) })
                && (0..<(n - 1)).contains(where: { !multipliers.contains(word[$0]) }) { return }
            d.insert(units: word, cost: cost)
        }
        return d
    }

    /// Calls `body` with each word of the compiled list (Traditional characters made Simplified
    /// when asked) and its cost.
    static func forEachWord(traditionalToSimplified: Bool, _ body: (UnsafeBufferPointer<UInt16>, UInt8) -> Void) {
        var word = [UInt16](repeating: 0, count: 64)
        var simple = [UInt16](repeating: 0, count: 64)
        var length = 0
        for k in 0..<pf_words_part_count() {
            var n = 0
            guard let part = pf_words_part(k, &n) else { continue }
            part.withMemoryRebound(to: UInt8.self, capacity: n) { p in
                var i = 0
                while i + 1 < n {
                    // An entry: shared prefix length (ASCII digit), cost (0x30 + quarter nats),
                    // then the rest of the word as 3-byte UTF-8 (BMP Han only).
                    let shared = Int(p[i]) - 0x30, cost = UInt8(p[i + 1] - 0x30)
                    precondition(shared >= 0 && shared <= min(9, length), "built-in word list damaged at byte \(i) of part \(k)")
                    length = shared
                    i += 2
                    while i + 2 < n && p[i] >= 0x80 && length < word.count {
                        word[length] = UInt16(p[i] & 0x0F) << 12 | UInt16(p[i + 1] & 0x3F) << 6 | UInt16(p[i + 2] & 0x3F)
                        length += 1
                        i += 3
                    }
                    if traditionalToSimplified {
                        for j in 0..<length { simple[j] = word[j] }
                        simple.withUnsafeMutableBufferPointer { b in
                            _ = pf_t2s_units(b.baseAddress, Int32(length))
                            body(UnsafeBufferPointer(rebasing: b[0..<length]), cost)
                        }
                    } else {
                        word.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<length]), cost) }
                    }
                }
            }
        }
    }
}
