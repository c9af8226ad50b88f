import CICUBridge

/// The libcurl transfer fetch stores documents through (http_fetch.c loads libcurl on first
/// use): the Swift side of it, so no C call or buffer reaches the make engine.
package enum HTTPDownload {
    /// A transfer that finished: the HTTP status (0 for a file URL) and the bytes written.
    package struct Transfer: Sendable {
        package var status: Int32
        package var written: Int64
    }

    /// GETs `url` into `fd`: http and https only (and file when `allowFile`), redirects within
    /// them, the whole transfer bounded by `timeoutSeconds` and the body by `maxBytes`; the
    /// transfer's own message when it did not finish.
    package static func get(_ url: String, into fd: Int32, timeoutSeconds: Int32, maxBytes: Int64, allowFile: Bool) -> Result<Transfer, HTTPDownloadError> {
        var written: Int64 = 0
        var status: Int32 = 0
        var err = [CChar](repeating: 0, count: 512)
        let rc = pf_http_download(url, fd, timeoutSeconds, maxBytes, allowFile ? 1 : 0, &written, &status, &err, Int32(err.count))
        guard rc == 0 else {
            return .failure(HTTPDownloadError(message: String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        return .success(Transfer(status: status, written: written))
    }
}

/// Why a transfer did not finish, in libcurl's words (empty when it gave none).
package struct HTTPDownloadError: Error, Sendable {
    package var message: String
}
