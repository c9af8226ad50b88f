import Foundation
import PolframeIngest
import PolframeLexicon
import PolframeScore

/// `polframe add`: manifest rows from files. Each file is read by the ingest layer (which
/// recognizes its format from its bytes and finds title, date and language with their sources),
/// hashed, and added, or its row updated. What the user states (`--country`, `--set`,
/// `--from-path`) goes into the manifest; what ingest finds is reported and found again by
/// every make (so documents.csv keeps saying where a date came from).
public struct ManifestAdder {
    public var pipeline: Pipeline
    /// Fields given for every file (`--country CC`, `--set KEY=VALUE`), by column.
    public var fields: [(column: String, value: String)] = []
    /// Fields read from each file's path (`--from-path '{country}/{date}-*.html'`).
    public var pathPattern: PathPattern?

    public init(pipeline: Pipeline) { self.pipeline = pipeline }

    /// What happened to one file (or record of one).
    public struct FileReport: Sendable {
        public enum Outcome: String, Sendable { case added, updated, unchanged, failed }
        public var outcome: Outcome
        public var path: String
        public var id: String
        /// Found, missing, changed: one line each.
        public var notes: [String]
    }

    /// Adds or updates a row per file under `paths` and writes the manifest (atomically) when
    /// anything changed. Problems with the options themselves come back before any file is read.
    public func add(_ paths: [String]) throws(MakeError) -> [FileReport] {
        var problems: [Problem] = []
        for (c, v) in fields {
            if c == "id" || c == "path" || c == "sha256" || c == "record" { problems.append(Problem(file: pipeline.manifestPath, "--set \(c)=…: polframe add sets \(c) itself")) }
            if !Manifest.knownColumns.contains(c) {
                if DocumentVariables.reservedNames.contains(c) {
                    problems.append(Problem(file: pipeline.manifestPath, "--set \(c)=…: '\(c)' is a column polframe writes; give the document variable another name"))
                } else if !DocumentVariables.isValidName(c) {
                    problems.append(Problem(file: pipeline.manifestPath, "--set \(c)=…: a document variable's name is lower-case letters, digits and _, starting with a letter"))
                }
            }
            if c == "format", DocumentFormat(label: v) == nil { problems.append(Problem(file: pipeline.manifestPath, "--set format=\(v): not a format polframe reads")) }
            if let why = DocumentVariables.checkValue(v) { problems.append(Problem(file: pipeline.manifestPath, "--set \(c)=…: \(why)")) }
            if c == "date", DateParser.partial(v) == nil { problems.append(Problem(file: pipeline.manifestPath, "--set date=\(v): not YYYY, YYYY-MM or YYYY-MM-DD")) }
        }
        guard problems.isEmpty else { throw .invalidInputs(problems) }

        var table = try loadTable()
        var reports: [FileReport] = []
        let files = collect(paths, reports: &reports)
        for file in files { reports += addFile(file, to: &table) }
        if reports.contains(where: { $0.outcome == .added || $0.outcome == .updated }) {
            // The manifest written must read back: a row that would break it is never written.
            let text = table.render()
            _ = try Manifest.parse(text, path: pipeline.manifestPath)
            do { try AtomicFile.write(text, to: pipeline.manifestPath) } catch {
                throw .cannotWrite(path: pipeline.manifestPath, detail: "\(error)")
            }
        }
        return reports
    }

    private func loadTable() throws(MakeError) -> ManifestTable {
        guard let text = try? String(contentsOfFile: pipeline.manifestPath, encoding: .utf8) else {
            if FileManager.default.fileExists(atPath: pipeline.manifestPath) {
                throw .invalidInputs([Problem(file: pipeline.manifestPath, "cannot read the manifest (not UTF-8?)")])
            }
            return try ManifestTable.parse(ProjectTemplate.manifestHeader, path: pipeline.manifestPath)
        }
        // The whole manifest must be valid before rows are added to it.
        _ = try Manifest.parse(text, path: pipeline.manifestPath)
        return try ManifestTable.parse(text, path: pipeline.manifestPath)
    }

    /// The files under `paths`, folders walked recursively in name order. Hidden entries, the
    /// pipeline's own files (pipeline, manifest, lexicons, outputs) are left out of folders.
    private func collect(_ paths: [String], reports: inout [FileReport]) -> [String] {
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        let own = Set([pipeline.path, pipeline.manifestPath].map { absolute($0, cwd) } + pipeline.lexiconPaths)
        let outputs = pipeline.outputDirectory + "/"
        var files: [String] = []
        for p in paths {
            let path = absolute(p, cwd)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                reports.append(FileReport(outcome: .failed, path: p, id: "", notes: ["no such file or folder"]))
                continue
            }
            guard isDir.boolValue else { files.append(path); continue }
            var found: [String] = []
            if let walker = fm.enumerator(atPath: path) {
                while let rel = walker.nextObject() as? String {
                    let name = (rel as NSString).lastPathComponent
                    let full = path + "/" + rel
                    if name.hasPrefix(".") || full.hasPrefix(outputs) || (full + "/") == outputs
                        || ["pipelines", "lexicons", "output"].contains(rel) {
                        walker.skipDescendants()
                        continue
                    }
                    var d: ObjCBool = false
                    if fm.fileExists(atPath: full, isDirectory: &d), !d.boolValue, !own.contains(full) { found.append(full) }
                }
            }
            files += found.sorted()
        }
        return files
    }

    private func absolute(_ p: String, _ cwd: String) -> String {
        ((p.hasPrefix("/") ? p : cwd + "/" + p) as NSString).standardizingPath
    }

    private func addFile(_ file: String, to table: inout ManifestTable) -> [FileReport] {
        let root = (pipeline.corpusRoot as NSString).standardizingPath
        guard file.hasPrefix(root + "/") else {
            return [FileReport(outcome: .failed, path: file, id: "",
                               notes: ["outside the corpus folder \(root): move it there, or set corpus.root in \(pipeline.path)"])]
        }
        let rel = String(file.dropFirst(root.count + 1))
        guard let data = FileManager.default.contents(atPath: file) else {
            return [FileReport(outcome: .failed, path: rel, id: "", notes: ["cannot be read"])]
        }
        let bytes = [UInt8](data)
        let documents: [Document]
        do { documents = try Ingestor.ingestAll(bytes: bytes, path: rel, options: pipeline.ingest) } catch {
            return [FileReport(outcome: .failed, path: rel, id: "", notes: ["not added: \(error.description)"])]
        }
        var fromPath: [(String, String)] = []
        if let pattern = pathPattern {
            if let f = pattern.fields(of: rel) { fromPath = f } else {
                return [FileReport(outcome: .failed, path: rel, id: "", notes: ["does not match --from-path \(pattern.text): not added"])]
            }
        }
        let fileSHA = Digest.sha256(bytes)
        var out: [FileReport] = []
        for (i, doc) in documents.enumerated() {
            let record = documents.count > 1 || doc.format == .jsonl ? i + 1 : nil
            let sha = doc.recordContent.map { Digest.sha256($0) } ?? fileSHA
            out.append(upsert(doc, rel: rel, record: record, sha: sha, fromPath: fromPath, into: &table))
        }
        return out
    }
}
