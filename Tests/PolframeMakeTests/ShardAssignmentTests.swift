import Foundation
import Testing
@testable import PolframeMake

/// Which shard a document goes to: stable, balanced, and moving few documents when N grows.
@Suite struct ShardAssignmentTests {
    static let ids = (0..<20_000).map { "doc-\($0)" }

    @Test func theAssignmentIsPinned() {
        // sha256 and jump hashing are fixed algorithms: these never change, on any machine.
        #expect(ShardAssignment.key("doc-1") == UInt64(Digest.sha256("doc-1").prefix(16), radix: 16))
        #expect(ShardAssignment.jump(0, buckets: 1) == 0)
        #expect(ShardAssignment.jump(0xFFFF_FFFF_FFFF_FFFF, buckets: 100) == ShardAssignment.jump(0xFFFF_FFFF_FFFF_FFFF, buckets: 100))
        #expect((1...8).map { ShardAssignment.shard(of: "doc-\($0)", count: 8) } == Self.pinned)
    }

    /// From an independent implementation (Python, the paper's algorithm); a change here moves users' shards.
    static let pinned = [3, 7, 4, 5, 5, 6, 4, 3]

    @Test func shardsAreBalanced() {
        var counts = [Int](repeating: 0, count: 8)
        for id in Self.ids { counts[ShardAssignment.shard(of: id, count: 8) - 1] += 1 }
        // 2,500 expected per shard; a binomial's deviation is about 47.
        #expect(counts.allSatisfy { abs($0 - 2_500) < 250 }, "\(counts)")
    }

    @Test func growingByOneShardMovesOnlyItsShare() {
        for n in [1, 7, 31] {
            var moved = 0
            for id in Self.ids {
                let before = ShardAssignment.shard(of: id, count: n), after = ShardAssignment.shard(of: id, count: n + 1)
                if before != after {
                    moved += 1
                    #expect(after == n + 1, "\(id) moved from shard \(before) to \(after), not to the new shard")
                }
            }
            let expected = Double(Self.ids.count) / Double(n + 1)
            #expect(abs(Double(moved) - expected) < 0.1 * expected, "\(moved) of \(Self.ids.count) moved from \(n) to \(n + 1) shards")
        }
    }

    @Test func shardSpecsParse() {
        #expect(ShardSpec(parsing: "3/8") == ShardSpec(index: 3, count: 8))
        for bad in ["0/4", "5/4", "4", "a/b", "1/0", "-1/2", "1/2/3", ""] { #expect(ShardSpec(parsing: bad) == nil, "\(bad)") }
    }
}
