import CICUBridge

/// Versions of the C libraries that decide what text becomes: part of every fingerprint.
public enum ICUVersion {
    /// The system ICU's version, e.g. "72.1".
    public static var library: String { read(pf_icu_version) }
    /// The Unicode version ICU implements, e.g. "15.0".
    public static var unicode: String { read(pf_unicode_version) }

    private static func read(_ fn: (UnsafeMutablePointer<CChar>?, Int32) -> Void) -> String {
        var buf = [CChar](repeating: 0, count: 32)
        buf.withUnsafeMutableBufferPointer { fn($0.baseAddress, 32) }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
