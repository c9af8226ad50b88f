// HTTP(S) downloads for `polframe fetch`, through libcurl loaded when the first download starts.
// polframe does not link libcurl (nor FoundationNetworking, which links it): loading libcurl and
// the thirty libraries it needs cost every polframe process about 5 ms at start, for a command
// most runs never use. The entry points and option numbers used here are libcurl's stable ABI
// (libcurl.so.4, unchanged since 2006).

#include "icu_bridge.h"
#include <dlfcn.h>
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
    PF_CURL_ERROR_SIZE = 256,
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

typedef struct { uint8_t *data; size_t len, cap; int overflow; } body;

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *user) {
    body *b = user;
    size_t n = size * nmemb;
    if (b->len + n > ((size_t)1 << 32)) { b->overflow = 1; return 0; }  // 4 GiB: not a policy document
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (cap < b->len + n) cap *= 2;
        uint8_t *d = realloc(b->data, cap);
        if (!d) { b->overflow = 1; return 0; }
        b->data = d; b->cap = cap;
    }
    memcpy(b->data + b->len, ptr, n);
    b->len += n;
    return n;
}

int32_t pf_http_get(const char *url, int32_t timeoutSeconds, uint8_t **out, size_t *len, int32_t *status, char *err, int32_t errcap) {
    *out = NULL; *len = 0; *status = 0;
    pthread_once(&curl_once, curl_load);
    if (!curl.lib) { snprintf(err, (size_t)errcap, "libcurl (libcurl.so.4) could not be loaded: install libcurl4"); return -1; }
    CURL *h = curl.easy_init();
    if (!h) { snprintf(err, (size_t)errcap, "libcurl could not start a transfer"); return -1; }
    body b = {0};
    char curlErr[PF_CURL_ERROR_SIZE] = {0};
    long t = timeoutSeconds > 0 ? timeoutSeconds : 60;
    curl.easy_setopt(h, PF_CURLOPT_URL, url);
    curl.easy_setopt(h, PF_CURLOPT_WRITEFUNCTION, on_data);
    curl.easy_setopt(h, PF_CURLOPT_WRITEDATA, &b);
    curl.easy_setopt(h, PF_CURLOPT_ERRORBUFFER, curlErr);
    curl.easy_setopt(h, PF_CURLOPT_FOLLOWLOCATION, 1L);
    curl.easy_setopt(h, PF_CURLOPT_MAXREDIRS, 10L);
    curl.easy_setopt(h, PF_CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(h, PF_CURLOPT_CONNECTTIMEOUT, t);
    // A transfer that stalls (under one byte a second) for the timeout is given up.
    curl.easy_setopt(h, PF_CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl.easy_setopt(h, PF_CURLOPT_LOW_SPEED_TIME, t);
    curl.easy_setopt(h, PF_CURLOPT_USERAGENT, "polframe/0.1 (corpus fetch)");
    curl.easy_setopt(h, PF_CURLOPT_ACCEPT_ENCODING, "");
    CURLcode rc = curl.easy_perform(h);
    long code = 0;
    curl.easy_getinfo(h, PF_CURLINFO_RESPONSE_CODE, &code);
    curl.easy_cleanup(h);
    *status = (int32_t)code;
    if (rc != 0 || b.overflow) {
        snprintf(err, (size_t)errcap, "%s", b.overflow ? "response too large or out of memory" : (*curlErr ? curlErr : curl.easy_strerror(rc)));
        free(b.data);
        return -1;
    }
    *out = b.data ? b.data : malloc(1);
    *len = b.len;
    return 0;
}

void pf_http_free(uint8_t *p) { free(p); }
