/// Agreement between coders who labelled the same units (passages) with nominal values.
/// Input: one dictionary per unit, coder → value; units with fewer than two codings carry no
/// information about agreement and are ignored by both statistics.
public enum Agreement {
    /// Cohen's kappa for two coders over the units both coded: (po − pe) / (1 − pe), with pe from
    /// each coder's own marginal distribution. Nil without a shared unit or when pe is 1 (both
    /// coders used one and the same value throughout: agreement is then undefined, not perfect).
    public static func cohensKappa<V: Hashable>(_ units: [[String: V]], coders a: String, _ b: String) -> Double? {
        var pairs: [(V, V)] = []
        for u in units { if let x = u[a], let y = u[b] { pairs.append((x, y)) } }
        guard !pairs.isEmpty else { return nil }
        let n = Double(pairs.count)
        let po = Double(pairs.filter { $0.0 == $0.1 }.count) / n
        var ma: [V: Double] = [:], mb: [V: Double] = [:]
        for (x, y) in pairs { ma[x, default: 0] += 1; mb[y, default: 0] += 1 }
        let pe = ma.reduce(0.0) { $0 + ($1.value / n) * ((mb[$1.key] ?? 0) / n) }
        guard 1 - pe > 1e-12 else { return nil }
        return (po - pe) / (1 - pe)
    }

    /// Krippendorff's alpha for nominal data, any number of coders, missing codings allowed:
    /// 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k over the coincidence matrix o (Krippendorff
    /// 2011, "Computing Krippendorff's alpha-reliability"). Nil when fewer than two pairable
    /// values exist or every pairable value is the same (no variation to agree about).
    public static func krippendorffAlpha<V: Hashable>(_ units: [[String: V]]) -> Double? {
        var o: [V: [V: Double]] = [:]
        for u in units {
            let values = Array(u.values)
            let m = values.count
            guard m >= 2 else { continue }
            for i in 0..<m {
                for j in 0..<m where j != i { o[values[i], default: [:]][values[j], default: 0] += 1 / Double(m - 1) }
            }
        }
        var nc: [V: Double] = [:]
        for (c, row) in o { nc[c] = row.values.reduce(0, +) }
        let n = nc.values.reduce(0, +)
        guard n > 1 else { return nil }
        var observed = 0.0
        for (c, row) in o { for (k, v) in row where k != c { observed += v } }
        var expected = 0.0
        for (c, x) in nc { for (k, y) in nc where k != c { expected += x * y } }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * observed / expected
    }
}
