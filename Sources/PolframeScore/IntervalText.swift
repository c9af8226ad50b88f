/// How an interval is printed wherever one is shown (figures, `why`): a missing one says why
/// instead of printing "[, ]".
public enum IntervalText {
    /// "[low, high]", or "no interval (1 document)", or "no interval" (e.g. no replicate had a hit).
    public static func describe(low: Double?, high: Double?, documents: Int, format: (Double) -> String) -> String {
        if let low, let high { return "[\(format(low)), \(format(high))]" }
        return documents == 1 ? "no interval (1 document)" : "no interval"
    }
}
