import Foundation
import Testing
@testable import PolframeMake
import PolframeReport

/// docs/pipeline.md and docs/outputs.md are kept true by these tests: they read the code's own
/// key list and table headers, so a key or column added in code and not documented fails here.
@Suite struct DocsTests {
    static func doc(_ name: String) throws -> String { try Fixtures.read(Fixtures.repoRoot + "/docs/" + name) }

    @Test func everyPipelineKeyIsDocumented() throws {
        let text = try Self.doc("pipeline.md")
        for key in PipelineKeys.dottedNames {
            #expect(text.contains("`\(key)`"), "docs/pipeline.md does not describe the pipeline key `\(key)`")
        }
        for column in Manifest.knownColumns {
            #expect(text.contains("`\(column)`"), "docs/pipeline.md does not describe the manifest column `\(column)`")
        }
        for group in DocumentVariables.builtinGroups {
            #expect(text.contains("`\(group)`"), "docs/pipeline.md does not name the group `\(group)`")
        }
    }

    @Test func everyOutputColumnIsInTheCodebook() throws {
        let text = try Self.doc("outputs.md")
        // Each file's section: from its heading to the next.
        let sections = text.components(separatedBy: "\n## ")
        func section(_ title: String) -> String? { sections.first { $0.hasPrefix(title) } }
        for (file, columns) in OutputTables.headers {
            guard let s = section("`\(file)`") else {
                Issue.record("docs/outputs.md has no section for \(file)")
                continue
            }
            for c in columns { #expect(s.contains("`\(c)`"), "docs/outputs.md does not describe \(file)'s column `\(c)`") }
        }
        guard let export = section("`polframe export texts`") else { Issue.record("docs/outputs.md has no section on export texts"); return }
        for c in TextExport.leadingColumns { #expect(export.contains("`\(c)`"), "docs/outputs.md does not describe the export's column `\(c)`") }
        // Every file make writes has its section.
        for file in Engine.outputFiles + ["series_by_language.csv", "coverage.csv"] {
            #expect(section("`\(file)`") != nil, "docs/outputs.md has no section for \(file)")
        }
    }
}

@Suite struct ProjectTemplateTests {
    /// `polframe init` writes every key (set, or shown in a comment where it needs a value of the user's).
    @Test func theInitPipelineShowsEveryKey() throws {
        let text = ProjectTemplate.pipelineText(name: "study")
        for key in PipelineKeys.dottedNames {
            let last = String(key.split(separator: ".").last!)
            #expect(text.contains(last + ":"), "the pipeline polframe init writes does not show `\(key)`")
        }
        let dir = try Fixtures.temporaryDirectory()
        let written = try ProjectTemplate.write(to: dir, name: "study")
        #expect(written.contains("pipelines/study/manifest.tsv") && written.contains(".gitignore"))
        let p = try Pipeline.load(path: dir + "/pipelines/study.yaml")
        #expect(p.lexiconPaths.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        #expect(try Manifest.load(path: p.manifestPath).isEmpty)
        #expect(throws: ProjectTemplate.InitError.self) { _ = try ProjectTemplate.write(to: dir, name: "study") }
    }
}

@Suite struct ShippedLexiconsTests {
    @Test func embeddedLexiconsEqualTheFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.repoRoot + "/lexicons").filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(ShippedLexicons.files.map(\.name) == files, "run Tests/Tools/embed_lexicons.py")
        for (name, text) in ShippedLexicons.files {
            #expect(text == (try Fixtures.read(Fixtures.repoRoot + "/lexicons/" + name)), "\(name) differs from its embedded copy: run Tests/Tools/embed_lexicons.py")
        }
    }
}

@Suite struct ReportCodingSheetTests {
    /// The report's coding page exports the columns of `polframe validate sample`'s sheet, so
    /// `polframe validate score` reads what a coder labelled in the browser.
    @Test func theCodingPageExportsTheValidationSheetsColumns() {
        #expect(Report.codingColumns == ValidationSheet.header)
    }
}
