import Foundation

extension Engine {
    /// `polframe clean`: removes the outputs polframe writes and its state and cache.
    public func clean() throws(MakeError) -> [String] {
        var removed: [String] = []
        let fm = FileManager.default
        for f in verifiableFiles + [".polframe"] {
            let path = outputDirectory + "/" + f
            if fm.fileExists(atPath: path) {
                do { try fm.removeItem(atPath: path) } catch { throw .cannotWrite(path: path, detail: "\(error)") }
                removed.append(f)
            }
        }
        if let left = try? fm.contentsOfDirectory(atPath: outputDirectory + "/figures"), left.isEmpty {
            try? fm.removeItem(atPath: outputDirectory + "/figures")
        }
        return removed
    }
}
