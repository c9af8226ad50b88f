/// Minimal SVG building: escaped text and numbers printed the same way on every run.
enum SVG {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Colours for countries: fixed for the two of the reference study, then a colour-blind-safe
    /// palette (Okabe-Ito) in order of first appearance.
    static let fixed: [String: String] = ["US": "#0072B2", "CN": "#D55E00"]
    static let palette = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

    static func colours(for keys: [String]) -> [String: String] {
        var out: [String: String] = [:]
        var i = 0
        for k in keys {
            if let c = fixed[k] { out[k] = c } else { out[k] = palette[i % palette.count]; i += 1 }
        }
        return out
    }
}
