import Testing
@testable import PolframeScore

@Suite struct WilsonTests {
    /// 8 of 10 with z = 1.96: centre (0.8 + 3.8415/20) / 1.38415 = 0.71673, half-width
    /// 1.95996/1.38415 · √(0.016 + 3.8415/400) = 0.22657, so [0.4902, 0.9433] (worked by hand;
    /// the same as R's prop.test(8, 10, correct = FALSE)$conf.int).
    @Test func eightOfTen() throws {
        let ci = try #require(Wilson.interval(successes: 8, n: 10))
        #expect(abs(ci.low - 0.4902) < 5e-4 && abs(ci.high - 0.9433) < 5e-4)
    }

    /// 0 of 10: the lower end is 0 and the upper z² / (n + z²) = 3.8415 / 13.8415 = 0.2775.
    @Test func noSuccess() throws {
        let ci = try #require(Wilson.interval(successes: 0, n: 10))
        #expect(ci.low == 0 && abs(ci.high - 0.2775) < 5e-4)
        #expect(Wilson.interval(successes: 0, n: 0) == nil)
        #expect(Wilson.interval(successes: 3, n: 2) == nil)
    }

    /// Equal weights give the plain interval; unequal weights shrink n to Kish's (Σw)²/Σw².
    @Test func weightedProportion() throws {
        let equal = try #require(Wilson.weighted([(1, 2), (1, 2), (0, 2), (1, 2)]))
        let plain = try #require(Wilson.interval(successes: 3, n: 4))
        #expect(equal.estimate == 0.75 && abs(equal.effectiveN - 4) < 1e-12)
        #expect(abs(equal.low - plain.low) < 1e-12 && abs(equal.high - plain.high) < 1e-12)
        // Weights 1, 1, 2, 2: estimate (1 + 0 + 2 + 0) / 6 = 0.5, effective n 36 / 10 = 3.6.
        let w = try #require(Wilson.weighted([(1, 1), (0, 1), (1, 2), (0, 2)]))
        #expect(w.estimate == 0.5 && abs(w.effectiveN - 3.6) < 1e-12)
    }
}
