import Testing
@testable import PolframeFuzz

/// The mutator is a function of its seed: a seed and an index name an input, so a crash found
/// by a long fuzz run can be replayed.
@Suite struct FuzzMutatorTests {
    @Test func theSameSeedGivesTheSameMutations() {
        var a = FuzzMutator(seed: 7), b = FuzzMutator(seed: 7)
        let input = Array("<p>hello</p>".utf8)
        for _ in 0..<50 { #expect(a.mutate(input) == b.mutate(input)) }
    }

    @Test func seedsDifferAndMutationsChangeTheInput() {
        var a = FuzzMutator(seed: 1), b = FuzzMutator(seed: 2)
        let input = Array("<html><body><p>Some text to mutate.</p></body></html>".utf8)
        let fromA = (0..<20).map { _ in a.mutate(input) }, fromB = (0..<20).map { _ in b.mutate(input) }
        #expect(fromA != fromB)
        #expect(fromA.contains { $0 != input })
    }

    @Test func belowStaysInRange() {
        var m = FuzzMutator(seed: 3)
        for n in [1, 2, 7, 1000] { for _ in 0..<100 { #expect((0..<n).contains(m.below(n))) } }
        #expect(m.below(0) == 0)
    }
}
