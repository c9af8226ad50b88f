import Testing
@testable import PolframeScore

@Suite struct AgreementTests {
    /// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example A: two
    /// observers, ten units, binary values; the paper gives alpha = 0.095.
    static let binaryA = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], binaryB = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    static var binaryUnits: [[String: Int]] { zip(binaryA, binaryB).map { ["A": $0, "B": $1] } }

    @Test func alphaOfThePapersBinaryExample() throws {
        let alpha = try #require(Agreement.krippendorffAlpha(Self.binaryUnits))
        #expect(abs(alpha - 0.095) < 5e-4)
    }

    /// The same data by hand: agreement po = 6/10; A says 1 in 2/10, B in 4/10, so
    /// pe = 0.2·0.4 + 0.8·0.6 = 0.56 and kappa = (0.6 − 0.56) / 0.44 = 0.0909.
    @Test func kappaOfTheBinaryExample() throws {
        let kappa = try #require(Agreement.cohensKappa(Self.binaryUnits, coders: "A", "B"))
        #expect(abs(kappa - 0.04 / 0.44) < 1e-12)
    }

    /// Example C of the paper: four observers, twelve units, values 1-5, missing values;
    /// nominal alpha = 0.743.
    @Test func alphaWithFourObserversAndMissingValues() throws {
        let n: Int? = nil
        let data: [[Int?]] = [[1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
                              [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
                              [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
                              [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n]]
        let units = (0..<12).map { u in
            var d: [String: Int] = [:]
            for o in 0..<4 { if let v = data[o][u] { d["o\(o)"] = v } }
            return d
        }
        let alpha = try #require(Agreement.krippendorffAlpha(units))
        #expect(abs(alpha - 0.743) < 5e-4)
    }

    @Test func perfectAndUndefinedAgreement() {
        let same: [[String: Int]] = [["A": 1, "B": 1], ["A": 0, "B": 0], ["A": 1, "B": 1]]
        #expect(Agreement.cohensKappa(same, coders: "A", "B") == 1)
        #expect(Agreement.krippendorffAlpha(same) == 1)
        // Both coders always say 1: nothing varies, so agreement is undefined rather than perfect.
        let constant: [[String: Int]] = [["A": 1, "B": 1], ["A": 1, "B": 1]]
        #expect(Agreement.cohensKappa(constant, coders: "A", "B") == nil)
        #expect(Agreement.krippendorffAlpha(constant) == nil)
        // Units coded once carry no information.
        #expect(Agreement.krippendorffAlpha([["A": 1], ["B": 0]]) == nil)
    }
}
