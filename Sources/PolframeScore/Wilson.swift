/// The Wilson score interval for a proportion: unlike the normal (Wald) interval it stays inside
/// [0, 1] and does not collapse to a point at 0 or n successes, which matters for the small
/// per-entry samples a coding sheet holds.
public enum Wilson {
    /// The two-sided 95% normal quantile.
    public static let z95 = 1.959963984540054

    /// The interval for `successes` out of `n` (both may be fractional: averaged codings of
    /// several coders, or an effective sample size of a weighted sample); nil when n is 0.
    public static func interval(successes: Double, n: Double, z: Double = z95) -> (low: Double, high: Double)? {
        guard n > 0, successes >= 0, successes <= n else { return nil }
        let p = successes / n, z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (max(0, center - half), min(1, center + half))
    }

    /// A weighted proportion (a ratio estimate over rows that each stand for `weight` matches) and
    /// its interval, with Kish's effective sample size (Σw)² / Σw² in place of n.
    public static func weighted(_ rows: [(value: Double, weight: Double)], z: Double = z95)
        -> (estimate: Double, low: Double, high: Double, effectiveN: Double)? {
        let sw = rows.reduce(0) { $0 + $1.weight }, sw2 = rows.reduce(0) { $0 + $1.weight * $1.weight }
        guard sw > 0, sw2 > 0 else { return nil }
        let p = rows.reduce(0) { $0 + $1.value * $1.weight } / sw
        let nEff = sw * sw / sw2
        guard let ci = interval(successes: p * nEff, n: nEff, z: z) else { return nil }
        return (p, ci.low, ci.high, nEff)
    }
}
