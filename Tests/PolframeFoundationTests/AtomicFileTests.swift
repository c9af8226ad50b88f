import Foundation
import Testing
@testable import PolframeFoundation

/// One atomic writer, and the seam that makes it fail as a full disk or a denied permission would.
@Suite struct AtomicFileTests {
    static func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "polframe-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func leftovers(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.contains(".tmp-") }
    }

    @Test func writesReplaceTheFileAndCreateItsFolder() throws {
        let dir = try Self.folder()
        let path = dir + "/a/b/out.csv"
        try AtomicFile.write("one\n", to: path)
        try AtomicFile.write(Data("two\n".utf8), to: path, durable: false)
        #expect(FileSystem.read(path) == Data("two\n".utf8))
        try AtomicFile.stream(to: path) { put in put(Data("th".utf8)); put(Data("ree\n".utf8)) }
        #expect(FileSystem.read(path) == Data("three\n".utf8))
        #expect(Self.leftovers(dir + "/a/b").isEmpty)
    }

    @Test func aFailingBodyLeavesTheOldFile() throws {
        let dir = try Self.folder()
        let path = dir + "/out.csv"
        try AtomicFile.write("old\n", to: path)
        struct Stop: Error {}
        #expect(throws: Stop.self) { try AtomicFile.streamDescriptor(to: path) { fd in _ = AtomicFile.writeAll(fd, Array("new".utf8)); throw Stop() } }
        #expect(FileSystem.read(path) == Data("old\n".utf8))
        #expect(Self.leftovers(dir).isEmpty)
    }

    @Test(arguments: [(FileSystem.Fault.diskFull, ENOSPC), (.permissionDenied, EACCES), (.readOnly, EROFS)])
    func anInjectedFaultFailsTheWriteAndLeavesTheOldFile(fault: FileSystem.Fault, code: Int32) throws {
        let dir = try Self.folder()
        let path = dir + "/out.csv"
        try AtomicFile.write("old\n", to: path)
        let id = FileSystem.inject(fault, under: dir)
        defer { FileSystem.removeFault(id) }
        for write in [{ try AtomicFile.write("new\n", to: path) }, { try AtomicFile.stream(to: path) { $0(Data("new\n".utf8)) } }] {
            do {
                try write()
                Issue.record("the write should have failed")
            } catch let e as POSIXError {
                #expect(e.code.rawValue == code)
            }
        }
        #expect(FileSystem.read(path) == Data("old\n".utf8))
        #expect(Self.leftovers(dir).isEmpty)
        // Another folder is not affected.
        let other = try Self.folder()
        try AtomicFile.write("fine\n", to: other + "/out.csv")
        #expect(FileSystem.read(other + "/out.csv") == Data("fine\n".utf8))
    }

    @Test func aRemovedFaultNoLongerFails() throws {
        let dir = try Self.folder()
        let id = FileSystem.inject(.diskFull, under: dir)
        #expect(throws: POSIXError.self) { try AtomicFile.write("x", to: dir + "/f") }
        FileSystem.removeFault(id)
        try AtomicFile.write("x", to: dir + "/f")
        #expect(FileSystem.read(dir + "/f") == Data("x".utf8))
    }

    @Test func readFullyAndWriteFullyMoveEveryByte() throws {
        let dir = try Self.folder()
        let path = dir + "/bytes"
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0) }
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(bytes.withUnsafeBytes { Interrupted.writeFully(fd, $0.baseAddress!, $0.count, at: 10) } == 0)
        var back = [UInt8](repeating: 0, count: bytes.count + 50)
        let n = back.withUnsafeMutableBytes { Interrupted.readFully(fd, $0.baseAddress!, $0.count, at: 10) }
        #expect(n == bytes.count, "stops at the end of the file")
        #expect(Array(back[0..<n]) == bytes)
    }
}
