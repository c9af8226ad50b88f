import Testing
@testable import PolframeText

@Suite struct BuiltinDictionaryTests {
    @Test func builtInListIsLoadedWithCosts() throws {
        let d = WordDictionary.standard
        #expect(d.count > 300_000)
        // Frequent words cost less than rare ones.
        let common = try #require(d.cost(of: Array("发展".utf16)))
        let rare = try #require(d.cost(of: Array("鹦鹉螺".utf16)))
        #expect(common < rare)
        // Only Han words are kept (Latin runs have rules of their own).
        #expect(d.cost(of: Array("at&t".utf16)) == nil)
    }

    @Test func numeralWithMeasureWordIsLeftOut() throws {
        let d = WordDictionary.standard
        for w in ["一年", "两个", "五十岁"] { #expect(d.cost(of: Array(w.utf16)) == nil, "\(w)") }
        // Words that only start with a numeral stay.
        for w in ["一样", "一切", "统一"] { #expect(d.cost(of: Array(w.utf16)) != nil, "\(w)") }
        #expect(try TextAnalyzer().analyze("他有两个孩子").segments == ["他", "有", "两", "个", "孩子"])
        #expect(try TextAnalyzer().analyze("一百年").segments == ["一百", "年"])
    }

    @Test func traditionalWordsAreFoundSimplified() throws {
        // The built-in list is normalized as documents are: Traditional words become Simplified.
        #expect(WordDictionary.standard.cost(of: Array("经济".utf16)) != nil)
        let a = try TextAnalyzer().analyze("經濟發展")
        #expect(a.segments == ["经济", "发展"])
    }

    @Test func mostProbablePathOverCompounds() throws {
        let t = try TextAnalyzer()
        // The word bonus favours parts over compounds whose parts are common words ...
        #expect(try t.analyze("新年音乐会").segments == ["新", "年", "音乐会"])
        // ... but not over names and fixed words.
        #expect(try t.analyze("印度尼西亚").segments == ["印度尼西亚"])
        #expect(try t.analyze("人工智能").segments == ["人工智能"])
        #expect(try t.analyze("我们在北京工作").segments == ["我们", "在", "北京", "工作"])
    }

    @Test func arabicYearsAndDurations() throws {
        let t = try TextAnalyzer()
        #expect(try t.analyze("2001年").segments == ["2001年"])
        #expect(try t.analyze("10年").segments == ["10", "年"])
        #expect(try t.analyze("１９９８年").segments == ["1998年"])
    }

    @Test func userWordsWinOverBuiltInSplits() throws {
        let plain = try TextAnalyzer().analyze("远东豹保护区")
        #expect(!plain.segments.contains("远东豹"))
        let d = try WordDictionary.builtin(words: ["远东豹"])
        #expect(try TextAnalyzer(dictionary: d).analyze("远东豹保护区").segments.first == "远东豹")
    }

    @Test func shieldedFormsAreNotHiddenInCompounds() throws {
        #expect(!(try TextAnalyzer().analyze("保护个人隐私").segments.contains("隐私")))
        let d = try WordDictionary.builtin(words: ["隐私", "印度"], shielding: ["隐私", "印度"])
        #expect(d.cost(of: Array("个人隐私".utf16)) == nil)
        let a = try TextAnalyzer(dictionary: d)
        #expect(try a.analyze("保护个人隐私").segments.contains("隐私"))
        // The built-in names stay whole.
        #expect(try a.analyze("印度尼西亚").segments == ["印度尼西亚"])
    }
}
