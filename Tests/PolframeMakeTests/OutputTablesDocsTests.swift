import Foundation
import Testing
@testable import PolframeMake

/// Each table's header is the one docs/outputs.md describes, column for column and in order
/// (columns a pipeline option adds, such as the adjusted ones, may sit between or after).
@Suite struct OutputTablesDocsTests {
    /// The backticked names in the first cell of each row of a section's column table, in order.
    static func documentedColumns(_ file: String) throws -> [String]? {
        let text = try Fixtures.read(Fixtures.repoRoot + "/docs/outputs.md")
        guard let section = text.components(separatedBy: "\n## ").first(where: { $0.hasPrefix("`\(file)`") }) else { return nil }
        var names: [String] = []
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.dropFirst(2).prefix { $0 != "|" }
            for (k, part) in cell.split(separator: "`", omittingEmptySubsequences: false).enumerated() where k % 2 == 1 { names.append(String(part)) }
        }
        return names
    }

    @Test func everyHeaderIsTheDocumentedOne() throws {
        for (file, columns) in OutputTables.headers {
            guard let documented = try Self.documentedColumns(file) else {
                Issue.record("docs/outputs.md has no section for \(file)")
                continue
            }
            #expect(documented.filter(columns.contains) == columns, "\(file): the header is \(columns), docs/outputs.md lists \(documented)")
        }
    }
}
