import Testing
@testable import PolframeText

/// The fast word path (`Breaker.Path.fast`: polframe's copies of ICU's dictionary search and
/// word rules) must give exactly ICU's word bounds and rule statuses.
@Suite struct FastWordPathTests {
    /// Han pieces (the dictionary copy's units): words, single characters, a long name.
    static let han: [String] = [
        "中国", "人民", "政府", "的", "一", "二", "十", "年", "月", "日", "构建", "问责", "人工智能", "发展", "了",
        "是", "经济", "实施", "印度尼西亚", "和", "㐀", "鿿", "龘", "习近平", "新时代", "中华人民共和国",
    ]
    /// Latin pieces (the word-rule copy's units): letters, digits, what joins them inside words
    /// and numbers (. , ; ' ’ _ ·) and what does not (: @ is a letter to ICU).
    static let latin: [String] = [
        "a", "Z", "gpt", "e", "1", "2025", "0", ".", ",", ";", ":", "'", "\"", "_", "-", " ", "  ", "\n", "\r\n", "\r",
        "\t", "(", ")", "%", "$", "#", "/", "!", "?", "@", "&", "’", "‘", "·", "U.S.", "don't", "3.5", "1,000",
    ]
    /// Everything around which the fast path must step aside or behave as ICU does: Han outside
    /// the unified blocks (〇 々 ⺀ ⼀ 〡 𠀀 丽), kana, Hangul, Hebrew, Thai, combining marks,
    /// zero-width and format characters, emoji and their modifiers, regional indicators, other
    /// scripts' letters and digits, every kind of space, Latin-1, CJK and full-width punctuation.
    static let other: [String] = [
        "〇", "々", "⺀", "⼀", "〡", "𠀀", "丽", "あ", "ア", "ー", "ｱ", "ﾞ", "한", "ㄱ", "ᄀ", "א", "יִ", "ก", "๐",
        "\u{0301}", "\u{0300}", "\u{20DD}", "\u{200D}", "\u{200B}", "\u{00AD}", "\u{FE0F}", "\u{2060}", "\u{FEFF}",
        "\u{0600}", "😀", "👍🏽", "☝", "♀", "🇦🇺", "🇦", "é", "À", "Ж", "ª", "µ", "ʼ", "ˇ", "Ḁ", "٠", "١", "١٢",
        "\u{00A0}", "\u{3000}", "\u{2000}", "\u{1680}", "\u{202F}", "\u{2028}", "\u{0085}", "\u{000B}", "\u{000C}",
        "«", "§", "²", "①", "Ⅳ", "⁄", "‿", "ﹳ", "﹒", "﹕", "﹐", "﹔", "；", "٬", "·", ";", "։", "،", "․", "‧",
        "。", "，", "、", "：", "？", "！", "“", "”", "《", "》", "（", "）", "【", "】", "—", "……", "…", "・", "･",
        "〜", "～", "○", "●", "※", "℃", "Ａ", "１", "ａ", "｢", "｣", "｡", "＇", "．", "＿",
    ]

    static func randomString(_ rng: inout some RandomNumberGenerator) -> String {
        var s = ""
        let n = Int.random(in: 0...30, using: &rng)
        // Strings lean Chinese, Latin or neither, so long runs of each appear.
        let lean = Int.random(in: 0..<3, using: &rng)
        for _ in 0..<n {
            let r = Int.random(in: 0..<10, using: &rng)
            if r == 0 {
                // Any ideograph of the unified blocks: rare ones are no word of ICU's dictionary.
                let v = Bool.random(using: &rng) ? UInt32.random(in: 0x4E00...0x9FFF, using: &rng) : UInt32.random(in: 0x3400...0x4DBF, using: &rng)
                s.unicodeScalars.append(Unicode.Scalar(v)!)
            } else if r < 6 && lean < 2 {
                s += (lean == 0 ? han : latin).randomElement(using: &rng)!
            } else {
                s += [han, latin, other, other].randomElement(using: &rng)!.randomElement(using: &rng)!
            }
        }
        return s
    }

    @Test func dictionaryCopyIsLoaded() {
        // ICU 72's cjdict holds about 316,000 words; without them the fast path is ICU itself.
        #expect(Breaker.dictionaryCopyWords > 100_000)
    }

    /// Property: over random mixed-script strings, the fast path and ICU agree on every bound
    /// and every status.
    @Test func fastPathEqualsICUOnRandomMixedStrings() throws {
        let breaker = try Breaker(.word, locale: "zh")
        var rng = SystemRandomNumberGenerator()
        var withHan = 0, withLatinWords = 0
        for _ in 0..<30_000 {
            let s = Self.randomString(&rng)
            let units = Array(s.utf16)
            let icu = try breaker.segment(units, path: .icu)
            let fast = try breaker.segment(units, path: .fast)
            #expect(fast.bounds == icu.bounds && fast.status == icu.status, "\(s.debugDescription)")
            if fast.bounds != icu.bounds || fast.status != icu.status { break }
            if units.contains(where: { $0 >= 0x4E00 && $0 <= 0x9FFF }) { withHan += 1 }
            if icu.status.contains(200) { withLatinWords += 1 }
        }
        #expect(withHan > 1_000 && withLatinWords > 1_000)
    }

    /// The same on normalized text of real sentences (what the analyzer passes), whole and cut
    /// at every offset (a chunk may start or end anywhere).
    @Test func fastPathEqualsICUOnSentencesAndTheirCuts() throws {
        let breaker = try Breaker(.word, locale: "zh")
        let text = "（二○○○年十二月三十一日）中共中央总书记、国家主席江泽民发表１２月３１日新年讲话《迈向充满希望的新世纪》。"
            + "人工智慧與資訊安全：AI、5G和ChatGPT在2025年的发展——构建问责制度……"
            + "Section 3(b) of the U.S. Executive Order 14110, signed Oct. 30, 2023, doesn’t say “AI_risk” "
            + "at 12:30; it cites $1,000.50 and user@example.gov. 第2条规定，GPT-4、COVID-19。Café naïve x\u{0301}y."
        for options in [NormalizationOptions(), .none] {
            let units = try Array(options.normalize(text).utf16)
            for cut in 0...units.count {
                for piece in [Array(units[..<cut]), Array(units[cut...])] {
                    let icu = try breaker.segment(piece, path: .icu)
                    let fast = try breaker.segment(piece, path: .fast)
                    #expect(fast.bounds == icu.bounds && fast.status == icu.status, "cut at \(cut)")
                }
            }
        }
    }

    /// The analyzer's one-pass UTF-8 decoding gives the standard library's UTF-16 and scalar count.
    @Test func utf16DecodingMatchesTheStandardLibrary() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let s = Self.randomString(&rng)
            let (units, scalarOf) = TextAnalyzer.utf16(s)
            #expect(units == Array(s.utf16))
            var expected: [Int32] = []
            for (i, scalar) in s.unicodeScalars.enumerated() {
                expected.append(Int32(i))
                if scalar.value > 0xFFFF { expected.append(Int32(i)) }
            }
            expected.append(Int32(s.unicodeScalars.count))
            #expect(scalarOf == expected, "\(s.debugDescription)")
        }
    }

    /// Property: whole analyses (tokens, scripts, sentences, offsets, language counts) are the
    /// same byte for byte with either path, with and without a user dictionary.
    @Test(arguments: [false, true])
    func analysesAreIdenticalEitherPath(withDictionary: Bool) throws {
        let words = withDictionary ? try WordDictionary.builtin(words: ["人工智能", "问责制", "gpt-4", "印度", "中国人民"])
            : WordDictionary(words: BuiltinWords.list)
        let fast = try TextAnalyzer(dictionary: words)
        let icu = try TextAnalyzer(dictionary: words)
        icu.wordPath = .icu
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let s = Self.randomString(&rng)
            #expect(try fast.analyze(s).serialized() == icu.analyze(s).serialized(), "\(s.debugDescription)")
        }
    }
}
