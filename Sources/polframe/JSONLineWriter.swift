import PolframeScore

/// Builds one JSON object per line into a byte buffer, written to standard output in large
/// pieces: `ingest --json` over many files makes no dictionary, no Data and no system call per
/// file. Keys must be added in sorted order (the output matches JSONSerialization's
/// `.sortedKeys, .withoutEscapingSlashes`).
struct JSONLineWriter {
    private var bytes: [UInt8] = []
    private var first = true

    init() { bytes.reserveCapacity(1 << 17) }

    mutating func begin() { bytes.append(0x7B); first = true }

    mutating func end() throws {
        bytes.append(0x7D)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { try flush() }
    }

    mutating func field(_ key: String, _ value: String?) {
        self.key(key)
        if let value { string(value) } else { bytes += Array("null".utf8) }
    }

    mutating func field(_ key: String, _ value: Int) {
        self.key(key)
        bytes += Array(String(value).utf8)
    }

    mutating func flush() throws {
        guard !bytes.isEmpty else { return }
        let e = AtomicFile.writeAll(1, bytes)
        bytes.removeAll(keepingCapacity: true)
        if e != 0 { throw WriteError(errno: e) }
    }

    struct WriteError: Error, CustomStringConvertible {
        let errno: Int32
        var description: String { "standard output: write error (errno \(errno))" }
    }

    private mutating func key(_ k: String) {
        if !first { bytes.append(0x2C) }
        first = false
        string(k)
        bytes.append(0x3A)
    }

    private mutating func string(_ s: String) {
        bytes.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0x08: bytes += [0x5C, 0x62]
            case 0x0C: bytes += [0x5C, 0x66]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}
