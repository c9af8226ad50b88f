import Foundation

extension BuildState {
    /// Adds one record of a state file (its fields, unescaped) read at `line`; the first line
    /// sets `version`, which decides how the records after it are read.
    mutating func add(_ f: [String], line: Int, version: inout Int, path: String) -> ReadError? {
        if line == 1 {
            guard f.count == 2, f[0] == "polframe-state", let v = Int(f[1]) else { return .corrupt(line: 1, path: path) }
            if v > Self.format { return .newerFormat(v, path: path) }
            version = v
            return nil
        }
        switch f.first {
        case "doc" where version == 1 && f.count == 13:
            // Format 1: no inode, ctime or manifest key; the fast path stays off for this run.
            documents[f[1]] = DocumentState(path: f[2], size: Int(f[3]) ?? -1, mtime: Double(f[4]) ?? -1, input: f[5],
                                          ingestFingerprint: f[6], ingestOutput: f[7], ingestText: f[8], normalizeFingerprint: f[9],
                                          normalizeOutput: f[10], scoreFingerprint: f[11], scoreOutput: f[12])
        case "doc" where (version == 2 && f.count == 16) || (version >= 3 && f.count == 17):
            var d = DocumentState(path: f[2], size: Int(f[3]) ?? -1, mtime: Double(f[4]) ?? -1, input: f[8],
                                  ingestFingerprint: f[9], ingestOutput: f[10], ingestText: f[11], normalizeFingerprint: f[12],
                                  normalizeOutput: f[13], scoreFingerprint: f[14], scoreOutput: f[15])
            d.inode = UInt64(f[5]) ?? 0
            d.ctime = Double(f[6]) ?? -1
            d.entryKey = f[7]
            if f.count == 17 { d.scoreKey = f[16] }
            documents[f[1]] = d
        case "cov" where version >= 2 && f.count == 4:
            guard let h = Int(f[2]), let n = Int(f[3]) else { return .corrupt(line: line, path: path) }
            coverage = coverage ?? [:]
            coverage![f[1]] = EntryTotal(hits: h, documents: n)
        case "covnone" where version >= 2 && f.count == 1:
            coverage = coverage ?? [:]
        case "comp" where f.count == 4: components[f[1], default: [:]][f[2]] = f[3]
        case "target" where f.count == 3: targets[f[1]] = f[2]
        case "output" where f.count == 3: outputs[f[1]] = f[2]
        case "form" where f.count == 4: lexiconForms[f[1], default: [:]][f[2], default: []].append(f[3])
        default: return .corrupt(line: line, path: path)
        }
        return nil
    }
}
