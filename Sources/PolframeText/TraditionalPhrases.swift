/// Taiwan and Hong Kong terms whose Simplified (mainland) form is a different word, so
/// per-character Traditional -> Simplified conversion gets them wrong (人工智慧 stays 人工智慧,
/// 資訊 becomes 资讯, not 信息). Applied before the per-character step, longest key first; an
/// entry that maps to itself guards a longer word (方程式 is not 方程序). General knowledge of
/// cross-strait vocabulary; data, so tests and documents can list it.
public enum TraditionalPhrases {
    /// Bump when the table changes: it is part of the normalization fingerprint.
    public static let version = 1

    /// "Traditional (Taiwan/Hong Kong) form -> mainland Simplified form".
    public static let table: [(String, String)] = """
    人工智慧 人工智能|資訊 信息|資訊安全 信息安全|資訊科技 信息技术|資訊社會 信息社会|資安 信息安全|軟體 软件|硬體 硬件
    韌體 固件|網路 网络|網際網路 互联网|神經網路 神经网络|類神經網路 人工神经网络|程式 程序|程式設計 程序设计|程式碼 代码
    方程式 方程式|演算法 算法|伺服器 服务器|記憶體 内存|晶片 芯片|矽 硅|矽谷 硅谷|雲端運算 云计算|資料庫 数据库|資料中心 数据中心
    資料探勘 数据挖掘|資料科學 数据科学|數位 数字|數位化 数字化|數位經濟 数字经济|數碼 数字|數碼化 数字化|介面 界面|使用者 用户
    行動電話 移动电话|行動通訊 移动通信|行動網路 移动网络|通訊 通信|電信 电信|影片 视频|視訊 视频|部落格 博客|網域 域名
    雷射 激光|品質 质量|擴增實境 增强现实|虛擬實境 虚拟现实|奈米 纳米|光碟 光盘|硬碟 硬盘|隨身碟 U盘|印表機 打印机|滑鼠 鼠标
    螢幕 屏幕|寬頻 宽带|頻寬 带宽|物件導向 面向对象|作業系統 操作系统|開放原始碼 开源|原始碼 源代码|自駕車 自动驾驶汽车
    無人駕駛 无人驾驶|計程車 出租车|捷運 地铁|資通訊 信息通信|資通 信息通信|積體電路 集成电路|半導體 半导体|個資 个人信息|個人資料 个人信息
    """.split(whereSeparator: { $0 == "|" || $0 == "\n" }).map { pair in
        let parts = pair.split(separator: " ")
        precondition(parts.count == 2, "TraditionalPhrases: bad pair \(pair)")
        return (String(parts[0]), String(parts[1]))
    }

    /// Keys by first unit, longest first.
    private static let byFirst: [UInt16: [(key: [UInt16], value: [UInt16])]] = {
        var d: [UInt16: [(key: [UInt16], value: [UInt16])]] = [:]
        for (k, v) in table {
            let key = Array(k.utf16)
            d[key[0], default: []].append((key, Array(v.utf16)))
        }
        return d.mapValues { $0.sorted { $0.key.count > $1.key.count } }
    }()

    private static let firstUnits: [Bool] = {
        var b = [Bool](repeating: false, count: 65536)
        for (k, _) in table { b[Int(k.utf16.first!)] = true }
        return b
    }()

    /// Replaces phrases; every unit of a replacement maps to the phrase's start, so a
    /// replacement is indivisible (segmentation never puts a boundary inside it).
    static func replace(_ n: inout NormalizedUnits) {
        let units = n.units, first = firstUnits
        var i = 0
        var out: [UInt16] = []
        var map: [Int32] = []
        var copiedTo = 0
        var changed = false
        while i < units.count {
            guard first[Int(units[i])], let candidates = byFirst[units[i]] else { i += 1; continue }
            var hit: (key: [UInt16], value: [UInt16])? = nil
            for c in candidates where i + c.key.count <= units.count && units[i..<(i + c.key.count)].elementsEqual(c.key) {
                hit = c
                break
            }
            guard let hit else { i += 1; continue }
            if hit.key == hit.value { i += hit.key.count; continue }
            if !changed {
                changed = true
                out.reserveCapacity(units.count)
                map.reserveCapacity(units.count + 1)
            }
            out.append(contentsOf: units[copiedTo..<i])
            map.append(contentsOf: n.sourceOffsets[copiedTo..<i])
            let origin = n.sourceOffsets[i]
            out.append(contentsOf: hit.value)
            map.append(contentsOf: repeatElement(origin, count: hit.value.count))
            i += hit.key.count
            copiedTo = i
        }
        guard changed else { return }
        out.append(contentsOf: units[copiedTo...])
        map.append(contentsOf: n.sourceOffsets[copiedTo...])
        n = NormalizedUnits(units: out, sourceOffsets: map, dropped: n.dropped)
    }
}
