import Testing
import Yams
@testable import PolframeFoundation

/// `YAMLFile` reads with Yams's basic resolver when that cannot change the tree or the errors.
@Suite struct YAMLFileTests {
    @Test func plainKeysTakeTheBasicResolver() throws {
        let root = try #require(try YAMLFile.compose("a: 1\nb: [x, {c: \"d\"}]\n\"e\": yes\n"))
        #expect(YAMLFile.keysAreTextOnly(root))
    }

    @Test func taggedOrCollectionKeysGoToTheDefaultResolver() throws {
        let tagged = try #require(try YAMLFile.compose("!!int 1: a\nb: c\n"))
        #expect(!YAMLFile.keysAreTextOnly(tagged))
        let collection = try #require(try YAMLFile.compose("? [a, b]\n: c\n"))
        #expect(!YAMLFile.keysAreTextOnly(collection))
    }

    @Test func duplicatesAsTheDefaultResolverSeesThem() {
        // The same text and tag: a duplicate under either resolver.
        #expect(YAMLFile(path: "t.yaml", text: "a: 1\na: 2\n").problems.count == 1)
        // A plain `yes` is a bool, a quoted one a string: two keys for the default resolver
        // (the basic one alone would call them duplicates).
        let y = YAMLFile(path: "t.yaml", text: "yes: 1\n\"yes\": 2\n")
        #expect(y.problems.isEmpty)
        // Tagged keys that resolve alike: duplicates for the default resolver only.
        #expect(YAMLFile(path: "t.yaml", text: "!!int 1: a\n1: b\n").problems.count == 1)
    }

    @Test func syntaxErrorsKeepTheirPlace() {
        let y = YAMLFile(path: "t.yaml", text: "a: [1, 2\nb: 3\n")
        #expect(y.problems.count == 1)
        #expect(y.problems.first?.line ?? 0 > 0)
    }
}
