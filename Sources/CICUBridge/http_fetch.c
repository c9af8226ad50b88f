// HTTP(S) downloads for `polframe fetch`, through libcurl loaded when the first download starts.
// polframe does not link libcurl (nor FoundationNetworking, which links it): loading libcurl and
// the thirty libraries it needs cost every polframe process about 5 ms at start, for a command
// most runs never use. The entry points and option numbers used here are libcurl's stable ABI
// (libcurl.so.4, unchanged since 2006).

#include "icu_bridge.h"
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void CURL;
typedef int CURLcode;

enum {
    PF_CURLOPT_WRITEDATA = 10001, PF_CURLOPT_URL = 10002, PF_CURLOPT_LOW_SPEED_LIMIT = 19, PF_CURLOPT_LOW_SPEED_TIME = 20,
    PF_CURLOPT_USERAGENT = 10018, PF_CURLOPT_FOLLOWLOCATION = 52, PF_CURLOPT_MAXREDIRS = 68, PF_CURLOPT_CONNECTTIMEOUT = 78,
    PF_CURLOPT_NOSIGNAL = 99, PF_CURLOPT_ACCEPT_ENCODING = 10102, PF_CURLOPT_WRITEFUNCTION = 20011,
    PF_CURLOPT_ERRORBUFFER = 10010, PF_CURLINFO_RESPONSE_CODE = 0x200002, PF_CURL_GLOBAL_DEFAULT = 3,
    PF_CURL_ERROR_SIZE = 256, PF_CURLOPT_TIMEOUT = 13, PF_CURLOPT_MAXFILESIZE_LARGE = 30117, PF_CURLOPT_PROTOCOLS = 181,
    PF_CURLOPT_REDIR_PROTOCOLS = 182, PF_CURLOPT_PROTOCOLS_STR = 10318, PF_CURLOPT_REDIR_PROTOCOLS_STR = 10319,
    PF_CURLPROTO_HTTP = 1, PF_CURLPROTO_HTTPS = 2, PF_CURLPROTO_FILE = 1024,
    PF_CURLE_OPERATION_TIMEDOUT = 28, PF_CURLE_FILESIZE_EXCEEDED = 63,
};

static struct {
    void *lib;
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, int, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, int, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
} curl;
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_load(void) {
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    *(void **)&curl.global_init = dlsym(lib, "curl_global_init");
    *(void **)&curl.easy_init = dlsym(lib, "curl_easy_init");
    *(void **)&curl.easy_setopt = dlsym(lib, "curl_easy_setopt");
    *(void **)&curl.easy_perform = dlsym(lib, "curl_easy_perform");
    *(void **)&curl.easy_getinfo = dlsym(lib, "curl_easy_getinfo");
    *(void **)&curl.easy_cleanup = dlsym(lib, "curl_easy_cleanup");
    *(void **)&curl.easy_strerror = dlsym(lib, "curl_easy_strerror");
    if (!curl.global_init || !curl.easy_init || !curl.easy_setopt || !curl.easy_perform || !curl.easy_getinfo
        || !curl.easy_cleanup || !curl.easy_strerror || curl.global_init(PF_CURL_GLOBAL_DEFAULT) != 0) {
        dlclose(lib);
        memset(&curl, 0, sizeof curl);
        return;
    }
    curl.lib = lib;
}

// The body goes straight to a file descriptor (the caller's temporary file): a download is never
// held in memory. `limit` counts the bytes as written, after any Content-Encoding is decoded,
// so a small compressed response cannot expand past it.
typedef struct { int fd; int64_t written, limit; int tooLarge, writeErrno; } sink;

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *user) {
    sink *s = user;
    size_t n = size * nmemb;
    if (s->written + (int64_t)n > s->limit) { s->tooLarge = 1; return 0; }
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(s->fd, ptr + done, n - done);
        if (w < 0) { if (errno == EINTR) continue; s->writeErrno = errno; return 0; }
        done += (size_t)w;
    }
    s->written += (int64_t)n;
    return n;
}

int32_t pf_http_download(const char *url, int32_t fd, int32_t timeoutSeconds, int64_t maxBytes, int32_t allowFile,
                         int64_t *written, int32_t *status, char *err, int32_t errcap) {
    *written = 0; *status = 0;
    pthread_once(&curl_once, curl_load);
    if (!curl.lib) { snprintf(err, (size_t)errcap, "libcurl (libcurl.so.4) could not be loaded: install libcurl4"); return -1; }
    CURL *h = curl.easy_init();
    if (!h) { snprintf(err, (size_t)errcap, "libcurl could not start a transfer"); return -1; }
    sink s = { .fd = fd, .limit = maxBytes > 0 ? maxBytes : INT64_MAX };
    char curlErr[PF_CURL_ERROR_SIZE] = {0};
    long t = timeoutSeconds > 0 ? timeoutSeconds : 60;
    curl.easy_setopt(h, PF_CURLOPT_URL, url);
    // Only the schemes a corpus is fetched over: libcurl would otherwise speak gopher, dict,
    // telnet, smtp… to whatever host a manifest names. Redirects are held to http and https
    // (never file, whatever the flag: a server must not read the local disk).
    // The string forms (libcurl 7.85+) first; the bit masks they replaced for older libraries.
    if (curl.easy_setopt(h, PF_CURLOPT_PROTOCOLS_STR, allowFile ? "http,https,file" : "http,https") != 0)
        curl.easy_setopt(h, PF_CURLOPT_PROTOCOLS, (long)(PF_CURLPROTO_HTTP | PF_CURLPROTO_HTTPS | (allowFile ? PF_CURLPROTO_FILE : 0)));
    if (curl.easy_setopt(h, PF_CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != 0)
        curl.easy_setopt(h, PF_CURLOPT_REDIR_PROTOCOLS, (long)(PF_CURLPROTO_HTTP | PF_CURLPROTO_HTTPS));
    curl.easy_setopt(h, PF_CURLOPT_WRITEFUNCTION, on_data);
    curl.easy_setopt(h, PF_CURLOPT_WRITEDATA, &s);
    curl.easy_setopt(h, PF_CURLOPT_ERRORBUFFER, curlErr);
    curl.easy_setopt(h, PF_CURLOPT_FOLLOWLOCATION, 1L);
    curl.easy_setopt(h, PF_CURLOPT_MAXREDIRS, 10L);
    curl.easy_setopt(h, PF_CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(h, PF_CURLOPT_CONNECTTIMEOUT, t);
    // The whole transfer, however slowly a server trickles its bytes, ends within the timeout.
    curl.easy_setopt(h, PF_CURLOPT_TIMEOUT, t);
    curl.easy_setopt(h, PF_CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl.easy_setopt(h, PF_CURLOPT_LOW_SPEED_TIME, t);
    // A declared Content-Length over the limit is refused before the body is read.
    if (maxBytes > 0) curl.easy_setopt(h, PF_CURLOPT_MAXFILESIZE_LARGE, (int64_t)maxBytes);
    curl.easy_setopt(h, PF_CURLOPT_USERAGENT, "polframe/0.1 (corpus fetch)");
    curl.easy_setopt(h, PF_CURLOPT_ACCEPT_ENCODING, "");
    CURLcode rc = curl.easy_perform(h);
    long code = 0;
    curl.easy_getinfo(h, PF_CURLINFO_RESPONSE_CODE, &code);
    curl.easy_cleanup(h);
    *status = (int32_t)code;
    *written = s.written;
    if (rc == 0) return 0;
    if (s.tooLarge || rc == PF_CURLE_FILESIZE_EXCEEDED) {
        snprintf(err, (size_t)errcap, "larger than the limit of %lld bytes", (long long)maxBytes);
    } else if (s.writeErrno) {
        snprintf(err, (size_t)errcap, "cannot write the download: %s", strerror(s.writeErrno));
    } else if (rc == PF_CURLE_OPERATION_TIMEDOUT) {
        snprintf(err, (size_t)errcap, "gave up after %ld s (the whole download must finish within --timeout)", t);
    } else {
        snprintf(err, (size_t)errcap, "%s", *curlErr ? curlErr : curl.easy_strerror(rc));
    }
    return -1;
}

void pf_http_free(uint8_t *p) { free(p); }
