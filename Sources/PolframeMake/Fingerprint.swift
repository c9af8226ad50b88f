/// What a target's output depends on, as named components, so a change can be explained in
/// words ("ICU 72.1 → 74.2", "document X changed") instead of "hash mismatch".
public struct Fingerprint: Sendable, Hashable {
    /// Ordered (name, value) pairs.
    public var components: [(String, String)]

    public init(_ components: [(String, String)]) { self.components = components }

    /// The digest of all components: the target is up to date when it equals the stored one.
    public var digest: String {
        // sha256 of the lines `name=value` joined by newlines, written into one buffer.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(components.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 2 })
        for (i, (name, value)) in components.enumerated() {
            if i > 0 { bytes.append(0x0A) }
            bytes.append(contentsOf: name.utf8)
            bytes.append(0x3D)
            bytes.append(contentsOf: value.utf8)
        }
        return Digest.sha256(bytes)
    }

    public static func == (a: Fingerprint, b: Fingerprint) -> Bool { a.digest == b.digest }
    public func hash(into h: inout Hasher) { h.combine(digest) }

    /// The components that differ from `old`, as (name, old value, new value).
    public func changes(from old: [String: String]) -> [(String, String?, String)] {
        components.compactMap { name, value in old[name] == value ? nil : (name, old[name], value) }
    }

    public var dictionary: [String: String] { Dictionary(components, uniquingKeysWith: { $1 }) }
}

/// Versions of each stage's code: bump one when its output for the same input changes, so the
/// make engine rebuilds exactly what the change affects.
public enum StageVersion {
    public static let ingest = "2"
    public static let normalize = "3"
    public static let score = "3"
    public static let aggregate = "4"
    public static let figures = "3"
}
