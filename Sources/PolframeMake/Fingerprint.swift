/// What a target's output depends on, as named components, so a change can be explained in
/// words ("ICU 72.1 → 74.2", "document X changed") instead of "hash mismatch".
public struct Fingerprint: Sendable, Hashable {
    /// Ordered (name, value) pairs.
    public var components: [(String, String)]

    public init(_ components: [(String, String)]) { self.components = components }

    /// The digest of all components: the target is up to date when it equals the stored one.
    public var digest: String {
        Digest.sha256(components.map { "\($0.0)=\($0.1)" }.joined(separator: "\n"))
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
    public static let ingest = "1"
    public static let normalize = "2"
    public static let score = "3"
    public static let aggregate = "3"
    public static let figures = "2"
}
