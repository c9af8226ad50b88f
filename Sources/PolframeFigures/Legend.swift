/// Legend items laid out left to right in rows that wrap before the canvas's right margin, so a
/// legend of any number of groups stays inside the figure.
struct FlowLegend {
    let left: Double
    let right: Double
    static let rowHeight = 18.0
    static let gap = 14.0
    private(set) var x: Double
    private(set) var y: Double

    /// `top`: the y above the first row; `right`: the x no item may pass.
    init(left: Double, right: Double, top: Double) {
        self.left = left; self.right = right; x = left; y = top + 8
    }

    /// The widest label that fits on a row beside a swatch `swatch` wide.
    func fit(_ label: String, swatch: Double, size: Double = 11) -> String {
        SVG.fit(label, width: right - left - swatch, size: size)
    }

    /// Where an item `width` wide goes: the position of its left end on the centre line of its row.
    mutating func place(_ width: Double) -> (x: Double, y: Double) {
        if x > left && x + width > right { x = left; y += Self.rowHeight }
        let at = (x, y)
        x += width + Self.gap
        return at
    }

    /// Starts a new row unless the current one is empty.
    mutating func breakRow() {
        if x > left { x = left; y += Self.rowHeight }
    }

    /// The y below the last row.
    var bottom: Double { y + 14 }
}
