import Foundation

/// Point markers whose area is proportional to the hits behind the point, so a value resting on
/// three hits does not look like one resting on ninety; points under `minHits` are hollow.
struct MarkerScale {
    let maxHits: Int
    let minHits: Int
    static let largest = 8.0
    static let smallest = 2.5

    init(hits: [Int], minHits: Int) {
        maxHits = max(1, hits.max() ?? 1)
        self.minHits = minHits
    }

    /// Radius for `hits`: area proportional to hits, the largest point of the figure at `largest`
    /// (never smaller than `smallest`, to stay visible).
    func radius(_ hits: Int) -> Double {
        max(Self.smallest, Self.largest * (Double(max(0, hits)) / Double(maxHits)).squareRoot())
    }

    func isThin(_ hits: Int) -> Bool { hits < minHits }

    /// Round hit counts to show in the legend: the largest 1-2-5 value not above the maximum,
    /// and a tenth of it when that is still at least 1.
    var legendValues: [Int] {
        var p = 1
        while p * 10 <= maxHits { p *= 10 }
        let top = [5 * p, 2 * p, p].first { $0 <= maxHits } ?? p
        return top >= 10 ? [top / 10, top] : [top]
    }

    static func hitsLabel(_ n: Int) -> String { n == 1 ? "1 hit" : "\(n) hits" }
}
