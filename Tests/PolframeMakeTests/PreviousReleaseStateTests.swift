import Foundation
import Testing
@testable import PolframeMake

/// A state and cache written by an earlier polframe are read without recomputing anything.
/// The earlier executable is named by POLFRAME_PREVIOUS_RELEASE (a release build of the last
/// published version); without it the test says so and checks nothing.
@Suite struct PreviousReleaseStateTests {
    @Test func aMakeAfterThePreviousReleaseRebuildsNothing() throws {
        guard let previous = ProcessInfo.processInfo.environment["POLFRAME_PREVIOUS_RELEASE"], !previous.isEmpty else {
            print("skipped: set POLFRAME_PREVIOUS_RELEASE to an earlier polframe executable to check that its state is read as it is")
            return
        }
        let dir = try IncrementalTests.project()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: previous)
        process.arguments = ["make", "-q", "-f", dir + "/p.yaml"]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(previous) make")
        let before = try StateFormatTests.read(dir)
        let r = try IncrementalTests.make(dir)
        #expect(r.runs.isEmpty, "\(r.runs.map(\.target))")
        #expect(try StateFormatTests.read(dir) == before)
    }
}
