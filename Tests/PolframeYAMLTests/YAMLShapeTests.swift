import Testing
import PolframeYAML

/// The shape limits checked before any YAML is composed: depth and alias expansion, with the
/// place of the refusal.
@Suite struct YAMLShapeTests {
    @Test func ordinaryFilesPass() throws {
        try YAMLShape.check("name: demo\nlexicons: [a.yaml, b.yaml]\nseries: {bootstrap: {replicates: 100}}\n")
        try YAMLShape.check("")
        // Syntax errors are the parser's to report, not the shape check's.
        try YAMLShape.check("a: [unclosed\n")
    }

    @Test func nestingPastTheLimitIsRefusedWithItsPlace() {
        let deep = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(throws: YAMLShapeError.self) { try YAMLShape.check(deep, limits: YAMLLimits(maxDepth: 10)) }
        do {
            try YAMLShape.check("a:\n  b:\n    c: [[[1]]]\n", limits: YAMLLimits(maxDepth: 4))
            Issue.record("nesting of 6 passed a limit of 4")
        } catch {
            #expect(error.line >= 1 && error.line <= 3)
            #expect(error.description.hasPrefix("line \(error.line) column \(error.column): "))
        }
        #expect(throws: Never.self) { try YAMLShape.check(deep, limits: YAMLLimits(maxDepth: 30)) }
    }

    /// A billion-laughs document: each alias repeats the one before, ten times over.
    @Test func aliasExpansionPastTheLimitIsRefused() {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...8 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let bomb = lines.joined(separator: "\n") + "\n"
        #expect(throws: YAMLShapeError.self) { try YAMLShape.check(bomb) }
        #expect(throws: Never.self) { try YAMLShape.check("a: &a [1, 2]\nb: *a\nc: *a\n") }
    }
}
