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
    /// ... except 年, which ends only a year (four digits: 2001年); 10年 is a number and a measure.
    public static let arabicYearSuffix = "年"
    public static let yearDigits = 4
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

    /// Characters of a numeral before a measure word: the Han digits, 两 and 几 (how many).
    public static let numerals = hanDigits + "两几"
    /// Measure words (classifiers) that stand apart from the numeral before them, as most
    /// segmentation standards (and the Chinese Treebank's) have it: 一|年, 两|个, 五十|岁.
    /// Dictionary words made of a numeral and one of these are left out of the built-in list.
    public static let measureWords = "个位名条次天年项种件张本只批岁支台座辆架艘所户届期篇份封句"

    /// A sign that belongs to the number after it (after NFKC, － is -; − is the minus sign).
    public static let signs = "-−"
    /// Characters written mostly to transliterate foreign names. Where the most probable path
    /// leaves `transliterationMinimum` or more of them in a row as single characters, they are
    /// one name: 卢钦斯基, not 卢 | 钦 | 斯 | 基.
    public static let transliterationCharacters =
        "阿埃艾奥巴拜贝比彼毕波伯布达迪蒂杜厄尔菲费弗夫盖戈格哈赫霍基吉贾杰卡凯坎柯科克库拉莱兰朗勒雷里利莉卢鲁伦罗洛马玛迈曼梅米姆穆纳娜奈尼妮涅努诺帕佩皮普齐奇乔切钦萨塞桑瑟森莎舍斯索塔泰坦特提托瓦威韦维沃乌西希锡谢雅亚耶伊尤泽扎兹佐"
    public static let transliterationMinimum = 3

    static func units(_ s: String) -> UnitSet { UnitSet(s) }
    static let signSet = units(signs)
    static let transliterationSet = units(transliterationCharacters)
    static let numeralSet = units(numerals)
    static let measureSet = units(measureWords)
    static let arabicYearSet = units(arabicYearSuffix)
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
