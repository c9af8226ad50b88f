// The pack store (`Cache`, the records) moved to PolframeStorage and the shared infrastructure
// to PolframeFoundation. Every file of the make engine works with them, so this module sees
// both everywhere rather than through an import in each file.
@_exported import PolframeFoundation
@_exported import PolframeStorage

/// The content hash and sha256 helpers (PolframeFoundation's), named here so they win over
/// swift-crypto's `Digest` protocol in files that import Crypto.
typealias Digest = PolframeFoundation.Digest

extension Cache {
    /// A whole file as bytes, read straight into the array the ingest stage takes (nil for
    /// anything but a readable regular file: see `DocumentFile`).
    static func readBytes(_ path: String) -> [UInt8]? {
        try? DocumentFile.read(path).get()
    }
}

extension Engine {
    /// A cache limit as written on the command line or in POLFRAME_CACHE_LIMIT, in bytes.
    public static func cacheSize(_ text: String) -> Int? { Cache.parseSize(text) }
}
