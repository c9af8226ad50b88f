import Foundation
import Testing
@testable import PolframeMake

/// A make whose writes fail (a full disk, a denied permission, injected through the file-system
/// seam) says which file it could not write and why, and leaves the previous outputs and state
/// as they were; once the fault is gone, the next make finishes the job.
@Suite struct WriteFaultTests {
    /// Every file under the output folder but the cache and the run lock, by relative path.
    static func snapshot(_ out: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: out)
        while let name = e?.nextObject() as? String {
            if name.hasPrefix(".polframe/cache") || name == ".polframe/run.lock" { continue }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: out + "/" + name, isDirectory: &isDir), !isDir.boolValue {
                files[name] = FileManager.default.contents(atPath: out + "/" + name)
            }
        }
        return files
    }

    @Test(arguments: [FileSystem.Fault.diskFull, .permissionDenied])
    func aFailedWriteNamesTheFileAndLeavesThePreviousOutputs(fault: FileSystem.Fault) throws {
        let dir = try IncrementalTests.project()
        _ = try IncrementalTests.make(dir)
        let out = dir + "/out"
        let before = Self.snapshot(out)
        #expect(before["scores.csv"] != nil && before[".polframe/state.tsv"] != nil)
        // A lexicon change every score output must show.
        var lex = try Fixtures.read(dir + "/lexicon.yaml")
        lex = lex.replacingOccurrences(of: "          - {en: ethics, zh: 伦理}", with: "          - {en: ethics, zh: 伦理}\n          - {en: protect}")
        try Fixtures.write(lex, dir + "/lexicon.yaml")

        let id = FileSystem.inject(fault, under: out)
        do {
            _ = try IncrementalTests.make(dir)
            Issue.record("make should have failed")
        } catch let error as MakeError {
            guard case let .cannotWrite(path, detail) = error else { Issue.record("unexpected error: \(error)"); return }
            #expect(path.hasPrefix(out + "/"), "names the file it could not write")
            #expect("\(error)".contains(path))
            switch fault {
            case .diskFull: #expect(detail == "the disk is full (no space left on device)")
            default: #expect(detail.hasPrefix("permission denied"))
            }
        } catch {
            Issue.record("unexpected error: \(error)")
        }
        FileSystem.removeFault(id)
        #expect(Self.snapshot(out) == before, "outputs and state as the last good make left them")
        #expect(Self.snapshot(out).keys.allSatisfy { !$0.contains(".tmp-") }, "no temporary file left behind")

        _ = try IncrementalTests.make(dir)
        let after = Self.snapshot(out)
        #expect(after["scores.csv"] != before["scores.csv"], "the next make writes the new scores")
        #expect(try IncrementalTests.make(dir).runs.isEmpty, "and is then up to date")
    }

    /// The report's pages are written as they are drawn, from several threads: a page that cannot
    /// be written stops the report with that page's path, leaves no temporary file, and the
    /// report is not recorded as built, so the next make draws it again.
    @Test func aReportPageThatCannotBeWrittenIsNamedAndTheReportIsBuiltAgain() throws {
        let dir = try IncrementalTests.project()
        var options = MakeOptions(jobs: 2, quiet: true)
        options.targets = [.report]
        let first = try IncrementalTests.make(dir, options)
        #expect(first.runs.contains { $0.target == .report })
        let out = dir + "/out"
        try FileManager.default.removeItem(atPath: out + "/report")

        let id = FileSystem.inject(.diskFull, under: out + "/report")
        do {
            _ = try IncrementalTests.make(dir, options)
            Issue.record("make report should have failed")
        } catch let error as MakeError {
            guard case let .cannotWrite(path, detail) = error else { Issue.record("unexpected error: \(error)"); return }
            #expect(path.hasPrefix(out + "/report/") && path.hasSuffix(".html"), "names the page: \(path)")
            #expect(detail == "the disk is full (no space left on device)")
        } catch {
            Issue.record("unexpected error: \(error)")
        }
        FileSystem.removeFault(id)
        #expect(Self.snapshot(out).keys.allSatisfy { !$0.contains(".tmp-") }, "no temporary file left behind")

        let again = try IncrementalTests.make(dir, options)
        #expect(again.runs.contains { $0.target == .report }, "the report is drawn again")
        #expect(FileManager.default.fileExists(atPath: out + "/report/index.html"))
        #expect(try IncrementalTests.make(dir, options).runs.isEmpty, "and is then up to date")
    }
}
