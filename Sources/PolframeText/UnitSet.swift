/// A set of UTF-16 units as a bitmap: the rule tables are consulted for every character, and a
/// hashed `Set` lookup costs more than the rest of a rule.
struct UnitSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)

    init<S: Sequence>(_ units: S) where S.Element == UInt16 {
        for u in units { bits[Int(u >> 6)] |= 1 << UInt64(u & 63) }
    }

    init(_ s: String) { self.init(s.utf16) }

    @inline(__always) func contains(_ u: UInt16) -> Bool {
        bits[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0
    }
}
