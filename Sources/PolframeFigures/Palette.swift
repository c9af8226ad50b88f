/// Group colours: the reference study's two countries keep theirs, every other group takes the
/// next colour of a colour-blind-safe list in sorted group order, so a group has one colour in
/// every figure of a run.
enum Palette {
    static let fixed: [String: String] = ["US": "#0072B2", "CN": "#D55E00"]
    /// Okabe-Ito (without its yellow, too pale on white), then Paul Tol's "muted" scheme:
    /// fourteen colours distinguishable with the common colour-vision deficiencies.
    static let colours = ["#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
                          "#332288", "#882255", "#44AA99", "#999933", "#AA4499", "#117733", "#CC6677", "#88CCEE", "#DDCC77"]
    /// For a group absent from the run's tables (never expected).
    static let fallback = "#777777"

    /// One colour per group; past the list, colours repeat (beyond about 14 groups lines cannot
    /// be told apart by colour alone anyway; the legend and tooltips name them).
    static func colours(for groups: [String]) -> [String: String] {
        var out: [String: String] = [:]
        var used = Set(groups.compactMap { fixed[$0] })
        var i = 0
        for g in groups.sorted() {
            if let c = fixed[g] { out[g] = c; continue }
            var c = colours[i % colours.count]
            // Skip a colour a fixed group already has (none in the list today; kept for safety).
            while used.contains(c) && i < colours.count { i += 1; c = colours[i % colours.count] }
            out[g] = c
            used.insert(c)
            i += 1
        }
        return out
    }
}
