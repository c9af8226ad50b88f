import CICUBridge
import Foundation
import PolframeFoundation

/// The per-user cache of derived tables (table_cache.c: `$POLFRAME_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/polframe`, else `~/.cache/polframe`; an empty variable turns it off). The one
/// Swift door to it: files are checked whole by the C side, written atomically, and the folder is
/// looked up in one place (C's), whoever asks.
package enum UserTableCache {
    /// The cache folder, or nil when it is turned off or there is no home.
    package static func folder() -> String? {
        guard let p = pf_tc_folder() else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The payload of `name` when it was written for `key` and reads whole, else nil.
    package static func read(_ name: String, key: UInt64) -> [UInt8]? {
        var length = 0
        guard let raw = pf_tc_read(nil, name, key, &length) else { return nil }
        defer { free(raw) }
        return Array(UnsafeRawBufferPointer(start: raw, count: length))
    }

    /// Replaces `name` with `payload` for `key`; false when it could not.
    @discardableResult
    package static func write(_ name: String, key: UInt64, _ payload: [UInt8]) -> Bool {
        payload.withUnsafeBytes { pf_tc_write(nil, name, key, $0.baseAddress, $0.count) } == 1
    }

    /// Removes the least recently written files whose names start with `prefix` and end with
    /// `suffix` beyond the newest `keep`.
    package static func prune(prefix: String, suffix: String, keep: Int) {
        guard let folder = folder() else { return }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }
        guard names.count > keep else { return }
        let dated = names.map { ($0, FileSystem.fileInfo(folder + "/" + $0)?.mtime ?? 0) }.sorted { $0.1 < $1.1 }
        for (n, _) in dated.prefix(names.count - keep) { unlink(folder + "/" + n) }
    }
}
