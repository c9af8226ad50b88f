/// Fixes for ICU's systematic segmentation errors, as data. ICU's dictionary splits numbers
/// written in Han (二○○一年 -> 二 ○ ○ 一年), runs of dashes and ellipses (—— -> — —) and model
/// names with a hyphen (GPT-4). Each rule merges ICU segments into one word; none looks at
/// any benchmark's test data.
public enum SegmentationRules {
    /// Characters of numbers written in Han (○, the circle, is written for zero in dates).
    public static let hanDigits = "〇○零一二三四五六七八九十百千万亿"
    /// Han digits that multiply (十 = ten): a run with one of them is a quantity, not a year.
    public static let hanMultipliers = "十百千万亿"
    /// Suffixes that end a number as one word: 二○○一年, 2001年, 3月, 5日, 14.9%, 1.5万, 12时.
    public static let arabicSuffixes = "年月日号时点分秒%‰万亿"
    /// Suffixes after a Han number of any length (三月, 五日) ...
    public static let hanSuffixesAnyLength = "月日"
    /// ... after a Han number of two or more characters (十二时, 三十号) ...
    public static let hanSuffixesLong = "号时点分秒"
    /// ... and 年, only after a year written digit by digit (二○○一年, 九七年, not 十年).
    public static let hanYearSuffix = "年"
    /// A prefix that makes an ordinal of the number after it (第一, 第2).
    public static let ordinalPrefix = "第"
    /// Inside a number written in Arabic digits, between two digits: 3.5, 1,000, 14·9, 69/70, 12:30.
    public static let numberSeparators = ".,·:/"
    /// Characters whose runs are one token: —— ...... (an ellipsis after NFKC) -- ~~.
    public static let runCharacters = "—-….~～·="
    /// Joins letters and digits into one word when the whole contains both: GPT-4, COVID-19.
    public static let alphanumericJoiners = "-"

    static func units(_ s: String) -> UnitSet { UnitSet(s) }
    static let arabicSuffixSet = units(arabicSuffixes)
    static let hanAnySet = units(hanSuffixesAnyLength)
    static let hanLongSet = units(hanSuffixesLong)
    static let hanYearSet = units(hanYearSuffix)
    static let multiplierSet = units(hanMultipliers)
    static let ordinalSet = units(ordinalPrefix)
    static let separatorSet = units(numberSeparators)
    static let runSet = units(runCharacters)
    static let joinerSet = units(alphanumericJoiners)
}
