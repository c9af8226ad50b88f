/// The words polframe keeps whole by default (see WordDictionary): names of countries and
/// regions ICU splits, and policy vocabulary ICU is known to over-split. General knowledge only;
/// no benchmark's test data informed this list.
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
}

extension WordDictionary {
    /// `BuiltinWords` and, when given, a user's word list file (one word a line), all normalized
    /// with `options` as documents are.
    public static func builtin(addingFile path: String? = nil, words: [String] = [],
                               normalizedWith options: NormalizationOptions = NormalizationOptions()) throws(TextError) -> WordDictionary {
        var d = try WordDictionary(words: BuiltinWords.list + words, normalizedWith: options)
        if let path { try d.insert(contentsOfFile: path, normalizedWith: options) }
        return d
    }
}
