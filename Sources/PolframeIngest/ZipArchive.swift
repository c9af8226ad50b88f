import CZip

/// libzip's version, part of the ingest fingerprint.
public enum LibZipVersion {
    /// e.g. "1.7.3".
    public static var string: String { String(cString: zip_libzip_version()) }
}

/// Reads named entries of a zip package (DOCX, ODT) from memory through libzip. Sizes are
/// bounded as the data comes out, not as the headers claim, so a zip bomb or a lying header
/// stops at `limit` bytes.
enum ZipArchive {
    static let chunk = 64 << 10

    /// The entries among `names` that exist, uncompressed; together they may hold at most
    /// `limit` bytes. Missing entries are simply absent from the result.
    static func entries(_ names: [String], of bytes: [UInt8], path: String, limit: Int) throws(IngestError) -> [String: [UInt8]] {
        let result: Result<[String: [UInt8]], IngestError> = bytes.withUnsafeBytes { raw in
            var error = zip_error_t()
            zip_error_init(&error)
            defer { zip_error_fini(&error) }
            // freep 0: libzip reads the caller's bytes, pinned for the whole of this closure.
            guard let source = zip_source_buffer_create(raw.baseAddress, zip_uint64_t(raw.count), 0, &error) else {
                return .failure(.unreadable(path: path, detail: "zip package: \(String(cString: zip_error_strerror(&error)))"))
            }
            guard let archive = zip_open_from_source(source, ZIP_RDONLY, &error) else {
                zip_source_free(source)
                return .failure(.unreadable(path: path, detail: "not a readable zip package: \(String(cString: zip_error_strerror(&error)))"))
            }
            defer { zip_discard(archive) }
            var found: [String: [UInt8]] = [:]
            var total = 0
            for name in names {
                let index = zip_name_locate(archive, name, 0)
                if index < 0 { continue }
                var stat = zip_stat_t()
                zip_stat_init(&stat)
                if zip_stat_index(archive, zip_uint64_t(index), 0, &stat) == 0, stat.valid & zip_uint64_t(ZIP_STAT_SIZE) != 0,
                   stat.size > zip_uint64_t(max(0, limit - total)) {
                    return .failure(.tooLarge(path: "\(path) (entry \(name))", bytes: Int(clamping: stat.size), limit: limit))
                }
                guard let file = zip_fopen_index(archive, zip_uint64_t(index), 0) else {
                    return .failure(.unreadable(path: path, detail: "entry \(name): \(String(cString: zip_strerror(archive)))"))
                }
                var data: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: chunk)
                var failure: IngestError?
                while true {
                    let n = buffer.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress!, zip_uint64_t($0.count)) }
                    if n < 0 {
                        failure = .unreadable(path: path, detail: "entry \(name): \(String(cString: zip_file_strerror(file)))")
                        break
                    }
                    if n == 0 { break }
                    total += Int(n)
                    if total > limit {
                        failure = .tooLarge(path: "\(path) (entry \(name))", bytes: total, limit: limit)
                        break
                    }
                    data.append(contentsOf: buffer[0..<Int(n)])
                }
                zip_fclose(file)
                if let failure { return .failure(failure) }
                found[name] = data
            }
            return .success(found)
        }
        return try result.get()
    }
}
