/// Every record a make stores opens with its version byte (a control byte, below 0x20). Records
/// of releases before versions had one start with a printable byte (a field name or a digit):
/// they are version 1 and still read, so an upgrade recomputes nothing.
enum RecordVersion {
    /// The version written before records carried one.
    static let unversioned: UInt8 = 1

    /// The version of a record that starts with `first`, and the offset of its body; nil for a
    /// version other than `current` or 1 (a newer release's record: recomputed, never misread).
    static func read(_ first: UInt8?, current: UInt8) -> (version: UInt8, body: Int)? {
        guard let f = first, f < 0x20 else { return (unversioned, 0) }
        return f == current ? (f, 1) : nil
    }
}
