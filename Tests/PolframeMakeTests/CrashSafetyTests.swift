import Foundation
import Testing
@testable import PolframeMake

/// kill -9 at any moment leaves every output whole (or absent) and the state usable: the next
/// make finishes with outputs byte-identical to a clean run.
@Suite struct CrashSafetyTests {
    /// The polframe executable SwiftPM built beside the test bundle.
    static var polframe: String? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("polframe").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    static func corpus(documents: Int) throws -> String {
        let dir = try Fixtures.temporaryDirectory()
        var manifest = "id\tpath\tcountry\tdate\tlanguage\n"
        let en = ["human rights", "privacy", "democracy", "infrastructure", "standards", "talent", "allies", "trust"]
        let zh = ["人权", "隐私", "基础设施", "标准", "人才", "智慧城市", "数字经济", "伦理"]
        for i in 0..<documents {
            let us = i % 2 == 0
            let words = (0..<40).map { k in us ? en[(i + k) % en.count] : zh[(i * 3 + k) % zh.count] }
            let body = us ? "<html><body><p>" + words.joined(separator: " and ") + ".</p></body></html>"
                          : "<html><body><p>" + words.joined(separator: "，") + "。</p></body></html>"
            try Fixtures.write(body, dir + "/docs/d\(i).html")
            manifest += "d\(i)\td\(i).html\t\(us ? "US" : "CN")\t\(2016 + i % 10)\t\(us ? "en" : "zh")\n"
        }
        try Fixtures.write(manifest, dir + "/manifest.tsv")
        try Fixtures.write("name: crash\ncorpus: {root: docs, manifest: manifest.tsv}\nlexicons: [\(Fixtures.lexicon)]\ncontrast: {plus: values_based, minus: development_centric}\nseries: {bootstrap: {replicates: 200}}\noutput: out\n", dir + "/p.yaml")
        return dir
    }

    static let files = ["documents.csv", "scores.csv", "series.csv", "contrast.csv", "matches.csv", "disagreements.csv", "figures/contrast.svg", "polframe.lock"]

    @Test(.enabled(if: CrashSafetyTests.polframe != nil, "needs the polframe executable built beside the tests"))
    func killedRunsLeaveWholeOutputsAndTheNextMakeFinishes() throws {
        let binary = try #require(Self.polframe)
        let dir = try Self.corpus(documents: 600)
        // The reference: a clean run into another folder.
        var reference = try Pipeline.load(path: dir + "/p.yaml")
        reference.outputDirectory = dir + "/reference"
        _ = try Engine(pipeline: reference).make(MakeOptions(jobs: 2, quiet: true))
        let expected = try Self.files.map { try Fixtures.read(dir + "/reference/" + $0) }

        var killedWhileRunning = 0
        for delay in [0.15, 0.4, 0.8, 1.2] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["make", "-f", dir + "/p.yaml", "-j", "2", "--quiet"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                killedWhileRunning += 1
            }
            p.waitUntilExit()
            // Every output is absent or whole: never a torn file.
            for (name, want) in zip(Self.files, expected) {
                if let got = try? Fixtures.read(dir + "/out/" + name) { #expect(got == want, "\(name) is partial after kill at \(delay) s") }
            }
            let leftovers = (FileManager.default.subpaths(atPath: dir + "/out") ?? []).filter { $0.contains(".tmp-") }
            _ = leftovers  // temporary files of a killed writer may remain; they are never read as outputs
        }
        #expect(killedWhileRunning > 0, "every run finished before it could be killed: make the corpus larger")
        // The command itself finishes the build (a killed run left no stamp to trust), then a
        // second run is a no-op.
        for _ in 0..<2 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["make", "-f", dir + "/p.yaml", "-j", "2", "--quiet"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            for (name, want) in zip(Self.files, expected) {
                #expect(try Fixtures.read(dir + "/out/" + name) == want, "\(name) differs from a clean run after the command's make")
            }
        }
        let report = try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(jobs: 2, quiet: true))
        #expect(report.skipped.isEmpty)
        for (name, want) in zip(Self.files, expected) {
            #expect(try Fixtures.read(dir + "/out/" + name) == want, "\(name) differs from a clean run")
        }
        #expect(try Engine(pipeline: try Pipeline.load(path: dir + "/p.yaml")).make(MakeOptions(jobs: 2, quiet: true)).runs.isEmpty)
    }
}
