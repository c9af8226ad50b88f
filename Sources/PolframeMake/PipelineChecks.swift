import PolframeLexicon
import PolframeScore
import Yams

/// The range each number of a pipeline file must lie in, and why: a number outside it is a
/// problem at its line, before any work (a window of 2^63 sentences overflowed the passage
/// filter; a `max_bytes` of 0 skipped every document as "too large").
struct PipelineRange: Sendable {
    var keyPath: [String]
    var range: ClosedRange<Int>
    var why: String

    static let all: [PipelineRange] = [
        PipelineRange(keyPath: ["ingest", "max_bytes"], range: 1...(1 << 32),
                      why: "bytes; a document is read into memory whole, so at most 4 GiB"),
        PipelineRange(keyPath: ["passage_filter", "window"], range: 0...1_000,
                      why: "sentences on each side of a topic hit"),
        PipelineRange(keyPath: ["series", "min_documents"], range: 0...1_000_000,
                      why: "documents a cell needs before it is no longer flagged few_documents"),
        PipelineRange(keyPath: ["series", "bootstrap", "replicates"], range: 1...100_000,
                      why: "resamples; each one re-aggregates the corpus"),
    ]
}

extension Pipeline {
    /// Reports every number of `PipelineRange.all` that lies outside its range. A number already
    /// reported at its place (not a whole number, or out of range for a check of its own) is
    /// not reported twice.
    static func checkRanges(_ y: inout YAMLFile) {
        for rule in PipelineRange.all {
            guard let node = find(rule.keyPath, in: y.root), case let .scalar(s) = node else { continue }
            let line = node.mark?.line ?? 0, column = node.mark?.column ?? 0
            if y.problems.contains(where: { $0.line == line && $0.column == column }) { continue }
            let name = rule.keyPath.joined(separator: ".")
            let bounds = "between \(rule.range.lowerBound) and \(rule.range.upperBound)"
            guard let v = Int(s.string) else {
                y.report(node, "\(name) must be a whole number \(bounds) (\(rule.why)), not '\(s.string)'")
                continue
            }
            if !rule.range.contains(v) {
                y.report(node, "\(name) must be \(bounds) (\(rule.why)), not \(v)")
            }
        }
    }

    private static func find(_ keyPath: [String], in root: Node?) -> Node? {
        var node = root
        for key in keyPath {
            guard case let .mapping(m)? = node else { return nil }
            node = m.first { $0.key.string == key }?.value
        }
        return node
    }
}

extension Pipeline {
    /// Reads `csv: {excel_safe: true|false}`: whether text cells that a spreadsheet would run as
    /// formulas get an apostrophe (see `CSVFormulaGuard`). Off unless set.
    static func excelSafe(_ y: inout YAMLFile) -> Bool {
        guard case let .mapping(top)? = y.root, let node = top.first(where: { $0.key.string == "csv" })?.value else { return false }
        let options = y.mapping(node, "csv")
        y.checkKeys(options, allowed: ["excel_safe"], in: "csv")
        return y.bool(options.first { $0.key == "excel_safe" }?.value, "csv.excel_safe") ?? false
    }

    /// A CSV output's text as the pipeline wants it written.
    func csvText(_ text: String) -> String { excelSafe ? CSVFormulaGuard.protect(text) : text }
}
