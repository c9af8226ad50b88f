import CICUBridge
import Testing
@testable import PolframeFoundation

/// One checksum: the Swift one and table_cache.c's agree on every length and seed, so a table
/// written by one is checked by the other.
@Suite struct ChecksumTests {
    static func bytes(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) } }

    @Test func swiftAndCAgreeOnEveryLengthAndSeed() {
        for n in 0...200 {
            let b = Self.bytes(n)
            for seed: UInt64 in [0, 0x7063, 0xFFFF_FFFF_FFFF_FFFF] {
                let swift = b.withUnsafeBytes { Checksum.of($0, seed: seed) }
                let c = b.withUnsafeBytes { pf_tc_checksum($0.baseAddress, $0.count, seed) }
                #expect(swift == c, "length \(n), seed \(seed)")
            }
        }
    }

    @Test func oneChangedByteChangesIt() {
        var b = Self.bytes(100)
        let before = b.withUnsafeBytes { Checksum.of($0) }
        for i in [0, 31, 32, 64, 95, 99] {
            b[i] ^= 1
            #expect(b.withUnsafeBytes { Checksum.of($0) } != before, "byte \(i)")
            b[i] ^= 1
        }
    }

    /// The older variants stay as they were: what older releases wrote is still read.
    @Test func olderVariantsKeepTheirValues() {
        let b = Self.bytes(77)
        let oneLane = b.withUnsafeBytes { Checksum.finish(Checksum.absorbOneLane($0, Checksum.basis ^ 77)) }
        #expect(oneLane != b.withUnsafeBytes { Checksum.of($0) }, "format 2's one lane differs from the four lanes")
        #expect(b.withUnsafeBytes { Checksum.analysisUnits($0) } != b.withUnsafeBytes { Checksum.of($0) })
    }
}
