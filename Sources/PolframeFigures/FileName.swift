import PolframeScore

/// File names for per-group figures: unique for every group name and stable across runs.
enum FileName {
    /// Letters (of any script), digits and '-' are kept; every other character becomes `_XX_`
    /// (its code point in hex), so distinct names never share a file ("中国" and "美国" each
    /// keep their own). A name longer than 80 bytes is cut and given a hash of the whole.
    static func safe(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.properties.isAlphabetic || u.properties.numericType == .decimal || u == "-" {
                out.unicodeScalars.append(u)
            } else {
                out += "_" + String(u.value, radix: 16, uppercase: true) + "_"
            }
        }
        guard out.utf8.count > 80 else { return out }
        var cut = ""
        for ch in out {
            if cut.utf8.count + ch.utf8.count > 64 { break }
            cut.append(ch)
        }
        let hash = String(StableHash.of(s), radix: 16)
        return cut + "_" + String(repeating: "0", count: 16 - hash.count) + hash
    }
}
