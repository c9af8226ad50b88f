// A per-user cache of the tables polframe derives from ICU's data (the Traditional->Simplified
// table, the copy of ICU's Chinese dictionary): building them costs tens of milliseconds at
// every start, reading them back well under one. Files live in $POLFRAME_CACHE_DIR, else
// $XDG_CACHE_HOME/polframe, else $HOME/.cache/polframe (POLFRAME_CACHE_DIR set but empty turns
// the cache off). Each file: magic "PFTC", format (2), the key it was built for (ICU's version
// and, for the dictionary, a checksum of ICU's data), the payload's length and a 64-bit checksum
// of it, then the payload (format 2: a four-lane checksum). A file that fails any check is ignored and rebuilt; files are
// written to a temporary name and renamed, so a reader never sees half of one.

#include "bridge_internal.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/uversion.h>

enum { TC_HEADER = 32, TC_FORMAT = 2 };
static const char tc_magic[4] = { 'P', 'F', 'T', 'C' };

uint64_t pf_tc_checksum(const void *data, size_t len, uint64_t seed) {
    // FNV-style multiply-xor: four lanes over 32-byte blocks, folded, then 8-byte words and the tail.
    const uint8_t *p = data;
    uint64_t h = 0xcbf29ce484222325ULL ^ seed ^ (uint64_t)len;
    size_t i = 0;
    if (len >= 32) {
        uint64_t lane[4] = { h, h ^ 0x9e3779b97f4a7c15ULL, h ^ 0xc2b2ae3d27d4eb4fULL, h ^ 0x165667b19e3779f9ULL };
        for (; i + 32 <= len; i += 32) {
            for (int k = 0; k < 4; k++) {
                uint64_t w;
                memcpy(&w, p + i + 8 * k, 8);
                lane[k] = (lane[k] ^ w) * 0x100000001b3ULL;
                lane[k] ^= lane[k] >> 29;
            }
        }
        for (int k = 0; k < 4; k++) { h = (h ^ lane[k]) * 0x100000001b3ULL; h ^= h >> 29; }
    }
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < len; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h ^ (h >> 32);
}

void pf_tc_name(char *name, size_t cap, const char *stem) {
    UVersionInfo v;
    char ver[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(v);
    u_versionToString(v, ver);
    snprintf(name, cap, "%s-icu%s.bin", stem, ver);
}

uint64_t pf_tc_icu_key(void) {
    UVersionInfo v;
    u_getVersion(v);
    return pf_tc_checksum(v, sizeof v, 0x7063);
}

// The cache folder (malloc'd), or NULL when there is none.
static char *tc_folder(const char *dir) {
    if (dir) return *dir ? strdup(dir) : NULL;
    const char *env = getenv("POLFRAME_CACHE_DIR");
    if (env) return *env ? strdup(env) : NULL;
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    const char *base = xdg && *xdg == '/' ? xdg : NULL;
    char *out = NULL;
    if (base) { out = malloc(strlen(base) + 16); if (out) sprintf(out, "%s/polframe", base); }
    else if (home && *home == '/') { out = malloc(strlen(home) + 24); if (out) sprintf(out, "%s/.cache/polframe", home); }
    return out;
}

char *pf_tc_folder(void) { return tc_folder(NULL); }

void *pf_tc_read(const char *dir, const char *name, uint64_t key, size_t *len) {
    char *folder = tc_folder(dir);
    if (!folder) return NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    free(folder);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    uint8_t *buf = NULL;
    if (fstat(fd, &st) == 0 && st.st_size >= TC_HEADER && (buf = malloc((size_t)st.st_size))) {
        size_t got = 0;
        while (got < (size_t)st.st_size) {
            ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            got += (size_t)n;
        }
        uint32_t format; uint64_t k, n, sum;
        memcpy(&format, buf + 4, 4); memcpy(&k, buf + 8, 8); memcpy(&n, buf + 16, 8); memcpy(&sum, buf + 24, 8);
        if (got != (size_t)st.st_size || memcmp(buf, tc_magic, 4) != 0 || format != TC_FORMAT || k != key
            || n != got - TC_HEADER || pf_tc_checksum(buf + TC_HEADER, n, key) != sum) {
            free(buf);
            buf = NULL;
        } else {
            *len = n;
            memmove(buf, buf + TC_HEADER, n);
        }
    }
    close(fd);
    return buf;
}

static void tc_mkdirs(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        mkdir(path, 0755);
        *p = '/';
    }
    mkdir(path, 0755);
}

int pf_tc_write(const char *dir, const char *name, uint64_t key, const void *payload, size_t len) {
    char *folder = tc_folder(dir);
    if (!folder) return 0;
    tc_mkdirs(folder);
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    free(folder);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return 0;
    uint8_t head[TC_HEADER];
    uint32_t format = TC_FORMAT;
    uint64_t n = len, sum = pf_tc_checksum(payload, len, key);
    memcpy(head, tc_magic, 4); memcpy(head + 4, &format, 4); memcpy(head + 8, &key, 8); memcpy(head + 16, &n, 8); memcpy(head + 24, &sum, 8);
    int ok = 1;
    const uint8_t *parts[2] = { head, payload };
    size_t sizes[2] = { TC_HEADER, len };
    for (int k = 0; k < 2 && ok; k++) {
        size_t done = 0;
        while (done < sizes[k]) {
            ssize_t w = write(fd, parts[k] + done, sizes[k] - done);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) { ok = 0; break; }
            done += (size_t)w;
        }
    }
    close(fd);
    if (!ok || rename(tmp, path) != 0) { unlink(tmp); return 0; }
    return 1;
}
