import CICUBridge
import Foundation
import Testing

/// The per-user cache of tables derived from ICU's data gives back exactly what ICU gives, and
/// refuses a damaged file or one built for other data.
@Suite struct TableCacheTests {
    func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "polframe-table-cache-" + UUID().uuidString + "/nested"
        return dir
    }

    @Test func traditionalToSimplifiedTableRoundTrips() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        #expect(pf_t2s_cache_check(dir) == 1)
    }

    @Test func dictionaryCopyRoundTrips() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        #expect(pf_cjk_cache_check(dir) == 1)
    }
}
