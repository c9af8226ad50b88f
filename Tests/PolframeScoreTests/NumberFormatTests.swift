import Foundation
import Testing
@testable import PolframeScore

/// `NumberFormat.fixed` prints as C's `%.Nf` (through `String(format:)`) does.
@Suite struct NumberFormatTests {
    static func reference(_ v: Double, _ digits: Int) -> String {
        if v.isNaN { return "" }
        let s = String(format: "%.\(digits)f", v)
        return s == "-0." + String(repeating: "0", count: digits) ? "0." + String(repeating: "0", count: digits) : s
    }

    static let edges: [Double] = [
        0, -0.0, 0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 0.375, -0.125, 0.0625, 1.0 / 3, 2.0 / 3, 0.005, 0.015, 0.025, 1.005, 2.675,
        0.000049999, 0.00005, -0.00005, 999_999_999.9999, 999_999_999.99999, 123_456.789, 1e-300, 5e-324, -5e-324,
        Double.leastNormalMagnitude, 0.1, 0.2, 0.3, 9.995, 99.5, 100, -1e-9, 1e9, 1e20, .infinity, -.infinity, .nan,
    ]

    @Test func ordinaryValuesTakeTheExactPath() {
        // Not Foundation's formatter: the comparisons below then test `printf`.
        #expect(NumberFormat.printf(2.5, 0) == "2")
        #expect(NumberFormat.printf(0.125, 2) == "0.12")
        #expect(NumberFormat.printf(-0.0004, 3) == "-0.000")
        #expect(NumberFormat.printf(1e20, 2) == nil)
    }

    @Test func edgesAsPrintf() {
        for v in Self.edges {
            for digits in 0...10 {
                #expect(NumberFormat.fixed(v, digits) == Self.reference(v, digits), "\(v) with \(digits)")
            }
        }
    }

    @Test func randomValuesAsPrintf() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            // Magnitudes from 1e-8 to 1e10, some exact binary fractions (ties), both signs.
            let raw = Double(rng.next() % 1_000_000_007) / Double(1 << (rng.next() % 40))
            let v = (rng.next() % 2 == 0 ? 1 : -1) * raw * pow(10, Double(Int(rng.next() % 12) - 6))
            let digits = Int(rng.next() % 8)
            #expect(NumberFormat.fixed(v, digits) == Self.reference(v, digits), "\(v) with \(digits)")
        }
    }
}
