/// Tab-separated records (the build state, the ingest and score records) keep a field on one
/// line by escaping backslash, tab, LF and CR.
public enum FieldEscape {
    /// `s` with backslash, tab, LF and CR as `\\`, `\t`, `\n`, `\r`.
    public static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x5C || $0 == 0x0D }) else { return s }
        return s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    /// What `escape` was given.
    public static func unescape(_ s: String) -> String {
        guard s.utf8.contains(0x5C) else { return s }
        var out = ""
        var it = s.makeIterator()
        while let c = it.next() {
            if c == "\\", let n = it.next() {
                switch n {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(n)
                }
            } else {
                out.append(c)
            }
        }
        return out
    }
}
