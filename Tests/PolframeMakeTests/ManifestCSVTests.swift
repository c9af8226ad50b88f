import Foundation
import PolframeScore
import Testing
@testable import PolframeMake

@Suite struct ManifestCSVTests {
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let csv = "id,path,title,country\n"
            + "a,a.md,\"Plan, part one\",US\n"
            + "b,b.md,\"The \"\"new\"\" plan\",CN\n"
            + "c,c.md,\"Two\nlines\",US\n"
            + "d,d.md,plain,US\n"
        let entries = try Manifest.parse(csv, path: "m.csv")
        #expect(entries.map(\.title) == ["Plan, part one", "The \"new\" plan", "Two\nlines", "plain"])
        #expect(entries.map(\.country) == ["US", "CN", "US", "US"])
        // A row's line is where it starts, after a field with a line break.
        #expect(entries.map(\.line) == [2, 3, 4, 6])
    }

    @Test func anUnclosedQuoteNamesItsLine() {
        do {
            _ = try Manifest.parse("id,path,title\na,a.md,\"open\nb,b.md,x\n", path: "m.csv")
            Issue.record("an unclosed quote parsed")
        } catch {
            #expect(error.description.contains("m.csv:2:1: a quoted field opened on this line is never closed"))
        }
    }

    @Test func extraColumnsAreDocumentVariables() throws {
        let tsv = "id\tpath\tadministration\tcountry\tgenre\nx\tx.md\tBiden\tUS\tfact sheet\ny\ty.md\t\tCN\tplan\n"
        let entries = try Manifest.parse(tsv, path: "m.tsv")
        #expect(entries[0].variableNames == ["administration", "genre"])
        #expect(entries[0].variables == ["Biden", "fact sheet"])
        #expect(entries[1].variable("administration") == "")
        #expect(entries[1].variable("genre") == "plan")
        #expect(entries[1].variable("colour") == nil)
    }

    @Test func variableNamesAndValuesAreChecked() {
        for (header, row, expected) in [
            ("id,path,Genre Name", "a,a.md,x", "m.csv:1:3: column 'genre name'"),
            ("id,path,tokens", "a,a.md,x", "m.csv:1:3: column 'tokens' would clash"),
            ("id,path,genre,genre", "a,a.md,x,y", "m.csv:1:4: column 'genre' appears twice"),
            ("id,path,genre", "a,a.md,\"x\u{7}\"", "m.csv:2:3: genre: control character U+7"),
        ] {
            do {
                _ = try Manifest.parse(header + "\n" + row + "\n", path: "m.csv")
                Issue.record("\(header) parsed")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
    }

    @Test func renderedTablesReadBackTheSame() throws {
        var table = try ManifestTable.parse("id,path,title\na,a.md,\"x, \"\"y\"\"\"\n", path: "m.csv")
        table.rows.append((3, ["b", "b.md", "two\nlines"]))
        let again = try ManifestTable.parse(table.render(), path: "m.csv")
        #expect(again.rows.map(\.fields) == [["a", "a.md", "x, \"y\""], ["b", "b.md", "two\nlines"]])
    }

    @Test func pathPatternsReadFields() throws {
        let p = try PathPattern("{country}/{date}-*.html")
        #expect(p.fields(of: "docs/us/2021-03-04-ai-plan.html")?.map { "\($0.0)=\($0.1)" } == ["country=us", "date=2021-03-04"])
        #expect(p.fields(of: "us/2021-ai.html")?.last?.1 == "2021")
        #expect(p.fields(of: "us/undated.html") == nil)
        #expect(throws: MakeError.self) { _ = try PathPattern("*.html") }
        #expect(throws: MakeError.self) { _ = try PathPattern("{id}/*.html") }
    }

    @Test func pipelineLocatorSaysWhatToDo() throws {
        let dir = try Fixtures.temporaryDirectory()
        guard case .problem(let message) = PipelineLocator.find(in: dir) else { Issue.record("found a pipeline in an empty folder"); return }
        #expect(message.contains("polframe init"))
        try Fixtures.write("name: a\n", dir + "/pipelines/a.yaml")
        #expect(PipelineLocator.find(in: dir) == .found("pipelines/a.yaml"))
        try Fixtures.write("name: b\n", dir + "/pipelines/b.yaml")
        guard case .problem(let two) = PipelineLocator.find(in: dir) else { Issue.record("chose one of two pipelines"); return }
        #expect(two.contains("-f"))
    }
}
