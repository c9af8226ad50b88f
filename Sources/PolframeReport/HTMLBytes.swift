/// A page being drawn, as UTF-8 bytes. The report writes tens of megabytes of HTML: appending to
/// a `String` checks and grows its storage on every piece and copies each page again on the way
/// to disk, where appending bytes to one array does neither.
struct HTMLBytes: Sendable {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes.append(contentsOf: s.utf8) }
    }

    mutating func append(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func append(_ b: ArraySlice<UInt8>) { bytes.append(contentsOf: b) }

    mutating func append(_ other: HTMLBytes) { bytes.append(contentsOf: other.bytes) }

    /// A number in decimal, as `String(n)` writes it.
    mutating func append(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = n.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var k = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[k] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                k += 1
            } while v > 0
            while k > 0 { k -= 1; bytes.append(d[k]) }
        }
    }

    /// Text for HTML content and attribute values, escaped (see `HTML.escape`).
    mutating func appendEscaped(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil { appendEscaped(Array(s.utf8)) }
    }

    mutating func appendEscaped(_ b: [UInt8]) { b.withUnsafeBufferPointer { appendEscaped($0) } }

    mutating func appendEscaped(_ b: ArraySlice<UInt8>) { b.withUnsafeBufferPointer { appendEscaped($0) } }

    /// Runs of bytes with nothing to escape are copied whole.
    mutating func appendEscaped(_ b: UnsafeBufferPointer<UInt8>) {
        var run = 0
        for i in 0..<b.count {
            let entity: StaticString
            switch b[i] {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default: continue
            }
            if run < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i])) }
            append(entity)
            run = i + 1
        }
        if run < b.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<b.count])) }
    }
}
