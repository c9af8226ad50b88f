// Everything here talks to ICU directly, in C, where ICU's versioned macros (ubrk_open is
// ubrk_open_72) and U_FAILURE work as written.
#include "bridge_internal.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unicode/utypes.h>
#include <unicode/uversion.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ubrk.h>
#include <unicode/utrans.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/uset.h>
#include <pthread.h>

void pf_free(void *p) { free(p); }

static void set_err(char *err, int32_t cap, const char *what, UErrorCode code) {
    if (err && cap > 0) snprintf(err, (size_t)cap, "%s: %s", what, u_errorName(code));
}

void pf_icu_version(char *buf, int32_t cap) {
    UVersionInfo v; char s[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(v); u_versionToString(v, s);
    snprintf(buf, (size_t)cap, "%s", s);
}

void pf_unicode_version(char *buf, int32_t cap) {
    UVersionInfo v; char s[U_MAX_VERSION_STRING_LENGTH];
    u_getUnicodeVersion(v); u_versionToString(v, s);
    snprintf(buf, (size_t)cap, "%s", s);
}

// A growable UTF-16 buffer with its offset map.
typedef struct { UChar *text; int32_t *map; int32_t len, cap; } nbuf;

static int nbuf_reserve(nbuf *b, int32_t extra) {
    if (b->len + extra + 1 <= b->cap) return 1;
    int32_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    UChar *t = realloc(b->text, (size_t)cap * sizeof(UChar));
    if (!t) return 0;
    b->text = t;
    int32_t *m = realloc(b->map, (size_t)cap * sizeof(int32_t));
    if (!m) return 0;
    b->map = m; b->cap = cap;
    return 1;
}

// Applies one string-to-string step chunk by chunk, keeping the offset map. A chunk ends where
// the next code point starts a new normalization segment, so per-chunk results equal the whole.
typedef int32_t (*step_fn)(const void *ctx, const UChar *src, int32_t len, UChar *dst, int32_t cap, UErrorCode *st);

static int32_t step_normalizer(const void *ctx, const UChar *src, int32_t len, UChar *dst, int32_t cap, UErrorCode *st) {
    return unorm2_normalize((const UNormalizer2 *)ctx, src, len, dst, cap, st);
}
static int32_t step_casefold(const void *ctx, const UChar *src, int32_t len, UChar *dst, int32_t cap, UErrorCode *st) {
    (void)ctx;
    return u_strFoldCase(dst, cap, src, len, U_FOLD_CASE_DEFAULT, st);
}

static int run_step(const UNormalizer2 *boundaries, step_fn fn, const void *ctx, int folds,
                    const UChar *src, const int32_t *srcmap, int32_t len, nbuf *out, UErrorCode *st) {
    int32_t i = 0;
    UChar tmp[64];
    while (i < len) {
        // Fast path: ASCII followed by ASCII (or the end) is a normalization chunk of its own
        // (nothing composes with it), which every step keeps as is, but for case folding A-Z.
        if (src[i] < 0x80 && (i + 1 == len || src[i + 1] < 0x80)) {
            int32_t e = i + 1;
            while (e < len && src[e] < 0x80 && (e + 1 == len || src[e + 1] < 0x80)) e++;
            if (!nbuf_reserve(out, e - i)) { *st = U_MEMORY_ALLOCATION_ERROR; return 0; }
            for (; i < e; i++) {
                UChar c = src[i];
                out->text[out->len] = (folds && c >= 'A' && c <= 'Z') ? (UChar)(c + 0x20) : c;
                out->map[out->len] = srcmap ? srcmap[i] : i;
                out->len++;
            }
            continue;
        }
        // Fast path: a span already normal for this step (most of a Chinese or English text) is
        // copied as is, up to the last code point that starts a new normalization segment.
        if (fn == step_normalizer) {
            UErrorCode qs = U_ZERO_ERROR;
            int32_t yes = i + unorm2_spanQuickCheckYes(boundaries, src + i, len - i, &qs);
            if (U_SUCCESS(qs) && yes < len) {
                while (yes > i && !unorm2_hasBoundaryBefore(boundaries, src[yes]) ) yes--;
                if (yes > i && U16_IS_TRAIL(src[yes])) yes--;
            }
            if (U_SUCCESS(qs) && yes - i > 1) {
                if (!nbuf_reserve(out, yes - i)) { *st = U_MEMORY_ALLOCATION_ERROR; return 0; }
                memcpy(out->text + out->len, src + i, (size_t)(yes - i) * sizeof(UChar));
                for (int32_t k = i; k < yes; k++) out->map[out->len++] = srcmap ? srcmap[k] : k;
                i = yes;
                continue;
            }
        }
        int32_t start = i;
        UChar32 c; U16_NEXT(src, i, len, c);
        while (i < len) {
            int32_t j = i; UChar32 d; U16_NEXT(src, j, len, d);
            if (unorm2_hasBoundaryBefore(boundaries, d)) break;
            i = j;
        }
        int32_t clen = i - start;
        // Fast path: ASCII that is already normal for this step.
        if (clen == 1 && src[start] < 0x80 && !(folds && src[start] >= 'A' && src[start] <= 'Z')) {
            if (!nbuf_reserve(out, 1)) { *st = U_MEMORY_ALLOCATION_ERROR; return 0; }
            out->text[out->len] = src[start];
            out->map[out->len] = srcmap ? srcmap[start] : start;
            out->len++;
            continue;
        }
        UErrorCode s = U_ZERO_ERROR;
        UChar *dst = tmp; int32_t cap = 64;
        int32_t n = fn(ctx, src + start, clen, dst, cap, &s);
        UChar *heap = NULL;
        if (s == U_BUFFER_OVERFLOW_ERROR) {
            heap = malloc((size_t)(n + 1) * sizeof(UChar));
            if (!heap) { *st = U_MEMORY_ALLOCATION_ERROR; return 0; }
            s = U_ZERO_ERROR; dst = heap; cap = n + 1;
            n = fn(ctx, src + start, clen, dst, cap, &s);
        }
        if (U_FAILURE(s)) { free(heap); *st = s; return 0; }
        if (!nbuf_reserve(out, n)) { free(heap); *st = U_MEMORY_ALLOCATION_ERROR; return 0; }
        int32_t origin = srcmap ? srcmap[start] : start;
        for (int32_t k = 0; k < n; k++) {
            out->text[out->len] = dst[k];
            out->map[out->len] = origin;
            out->len++;
        }
        free(heap);
    }
    return 1;
}

static UTransliterator *t2s_open(UErrorCode *st) {
    UChar id[64]; u_uastrcpy(id, "Traditional-Simplified");
    return utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, st);
}

// Traditional -> Simplified as a table over the Basic Multilingual Plane, built once from ICU's
// transliterator (whose rules are per character) one code point at a time. Running the
// transliterator over documents costs more than all of segmentation; the table is a lookup.
static uint16_t t2s_table[0x10000];
static int t2s_table_ok;
static pthread_once_t t2s_once = PTHREAD_ONCE_INIT;

static UTransliterator *t2s_open(UErrorCode *st);

// Fills table from ICU's transliterator; 0 when it cannot be opened (the table is then the
// identity).
static int t2s_compute(uint16_t *table) {
    for (int32_t c = 0; c < 0x10000; c++) table[c] = (uint16_t)c;
    UErrorCode st = U_ZERO_ERROR;
    UTransliterator *t = t2s_open(&st);
    if (U_FAILURE(st)) return 0;
    // The transliterator's source set: only its characters need a look.
    USet *set = uset_openEmpty();
    utrans_getSourceSet(t, 0, set, &st);
    if (U_FAILURE(st)) { uset_close(set); utrans_close(t); return 0; }
    for (int32_t c = 0x2E80; c < 0x10000; c++) {
        if (c >= 0xD800 && c < 0xE000) continue;
        if (!uset_contains(set, c)) continue;
        UChar one[8] = { (UChar)c };
        int32_t len = 1, lim = 1;
        UErrorCode s = U_ZERO_ERROR;
        utrans_transUChars(t, one, &len, 8, 0, &lim, &s);
        if (U_SUCCESS(s) && len == 1 && !U16_IS_SURROGATE(one[0])) table[c] = one[0];
    }
    uset_close(set);
    utrans_close(t);
    return 1;
}

// Read from the per-user cache when it holds this ICU's table (see table_cache.c), else built
// from ICU and written there.
static void t2s_build(void) {
    char name[64];
    pf_tc_name(name, sizeof name, "t2s");
    uint64_t key = pf_tc_icu_key() ^ 0x74327331ULL;
    size_t len = 0;
    uint16_t *cached = pf_tc_read(NULL, name, key, &len);
    if (cached && len == sizeof t2s_table) {
        memcpy(t2s_table, cached, len);
        free(cached);
        t2s_table_ok = 1;
        return;
    }
    free(cached);
    if (!t2s_compute(t2s_table)) return;
    t2s_table_ok = 1;
    pf_tc_write(NULL, name, key, t2s_table, sizeof t2s_table);
}

int32_t pf_t2s_cache_check(const char *dir) {
    static uint16_t fresh[0x10000];
    if (!t2s_compute(fresh)) return -1;
    char name[64];
    pf_tc_name(name, sizeof name, "t2s");
    uint64_t key = pf_tc_icu_key() ^ 0x74327331ULL;
    if (!pf_tc_write(dir, name, key, fresh, sizeof fresh)) return -2;
    size_t len = 0;
    uint16_t *back = pf_tc_read(dir, name, key, &len);
    int same = back && len == sizeof fresh && memcmp(back, fresh, len) == 0;
    free(back);
    if (!same) return -3;
    // The table this process uses (from the default cache or built) is ICU's too.
    pthread_once(&t2s_once, t2s_build);
    if (!t2s_table_ok || memcmp(t2s_table, fresh, sizeof fresh) != 0) return -4;
    // A damaged file is not read.
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r+b");
    if (!f) return -5;
    fseek(f, 40, SEEK_SET);
    fputc(0x5a, f);
    fclose(f);
    back = pf_tc_read(dir, name, key, &len);
    if (back) { free(back); return -6; }
    return 1;
}

int32_t pf_t2s_units(uint16_t *text, int32_t len) {
    pthread_once(&t2s_once, t2s_build);
    if (!t2s_table_ok) return -1;
    int32_t changed = 0;
    for (int32_t i = 0; i < len; i++) {
        uint16_t u = text[i];
        if (u < 0x2E80) continue;
        uint16_t v = t2s_table[u];
        if (v != u) { text[i] = v; changed++; }
    }
    return changed;
}

// Traditional -> Simplified. ICU's rules are per character; when the whole-buffer result keeps
// the length, units map one to one; otherwise fall back to one code point at a time.
static int run_t2s(nbuf *b, UErrorCode *st) {
    UTransliterator *t = t2s_open(st);
    if (U_FAILURE(*st)) return 0;
    int32_t cap = b->len * 2 + 16;
    UChar *copy = malloc((size_t)cap * sizeof(UChar));
    if (!copy) { utrans_close(t); *st = U_MEMORY_ALLOCATION_ERROR; return 0; }
    memcpy(copy, b->text, (size_t)b->len * sizeof(UChar));
    int32_t textLen = b->len, limit = b->len;
    utrans_transUChars(t, copy, &textLen, cap, 0, &limit, st);
    if (U_SUCCESS(*st) && textLen == b->len) {
        memcpy(b->text, copy, (size_t)textLen * sizeof(UChar));
        free(copy); utrans_close(t);
        return 1;
    }
    *st = U_ZERO_ERROR;
    nbuf out = {0};
    int32_t i = 0;
    while (i < b->len) {
        int32_t start = i; UChar32 c; U16_NEXT(b->text, i, b->len, c);
        UChar one[16]; int32_t n = i - start;
        memcpy(one, b->text + start, (size_t)n * sizeof(UChar));
        int32_t lim = n;
        if (c >= 0x2E80) utrans_transUChars(t, one, &n, 16, 0, &lim, st);
        if (U_FAILURE(*st)) { free(out.text); free(out.map); free(copy); utrans_close(t); return 0; }
        if (!nbuf_reserve(&out, n)) { *st = U_MEMORY_ALLOCATION_ERROR; free(copy); utrans_close(t); return 0; }
        for (int32_t k = 0; k < n; k++) { out.text[out.len] = one[k]; out.map[out.len] = b->map[start]; out.len++; }
    }
    free(copy); utrans_close(t);
    free(b->text); free(b->map);
    *b = out;
    return 1;
}

int32_t pf_normalize(const uint16_t *src, int32_t len, int32_t flags,
                     uint16_t **out, int32_t *out_len, int32_t **map, char *err, int32_t errcap) {
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    const UNormalizer2 *nfkc = (flags & PF_NORM_CASEFOLD) ? unorm2_getNFKCCasefoldInstance(&st)
                                                           : unorm2_getNFKCInstance(&st);
    if (U_FAILURE(st)) { set_err(err, errcap, "normalizer", st); return st; }
    nbuf cur = {0};
    if (flags & PF_NORM_NFKC) {
        if (!run_step(nfkc, step_normalizer, nfkc, (flags & PF_NORM_CASEFOLD) != 0, (const UChar *)src, NULL, len, &cur, &st)) goto fail;
    } else if (flags & PF_NORM_CASEFOLD) {
        if (!run_step(nfc, step_casefold, NULL, 1, (const UChar *)src, NULL, len, &cur, &st)) goto fail;
    } else {
        if (!nbuf_reserve(&cur, len)) { st = U_MEMORY_ALLOCATION_ERROR; goto fail; }
        memcpy(cur.text, src, (size_t)len * sizeof(UChar));
        for (int32_t i = 0; i < len; i++) cur.map[i] = i;
        cur.len = len;
    }
    if (flags & PF_NORM_T2S) {
        if (!run_t2s(&cur, &st)) goto fail;
    }
    if (!nbuf_reserve(&cur, 1)) { st = U_MEMORY_ALLOCATION_ERROR; goto fail; }
    cur.map[cur.len] = len;
    *out = (uint16_t *)cur.text; *out_len = cur.len; *map = cur.map;
    return 0;
fail:
    set_err(err, errcap, "normalize", st);
    free(cur.text); free(cur.map);
    return st ? st : -1;
}

// The iterator and the scratch of pf_breaker_segment_fast: see bridge_internal.h.

#ifdef __GLIBC__
#include <malloc.h>
// Segmenting a document allocates and frees a few hundred KiB per chunk. glibc hands the freed
// top of its heap back to the system whenever more than its trim threshold (128 KiB at first)
// is free there, and the next chunk faults the same pages in again: on English text that was a
// sixth of segmentation time. Keeping up to 4 MiB free at the top avoids it; set once, when the
// first break iterator opens (every analyzer has one).
static pthread_once_t trim_once = PTHREAD_ONCE_INIT;
static void raise_trim_threshold(void) { mallopt(M_TRIM_THRESHOLD, 4 << 20); }
#endif

pf_breaker *pf_breaker_open(int32_t kind, const char *locale, char *err, int32_t errcap) {
#ifdef __GLIBC__
    pthread_once(&trim_once, raise_trim_threshold);
#endif
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(kind == PF_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD, locale, NULL, 0, &st);
    if (U_FAILURE(st)) { set_err(err, errcap, "ubrk_open", st); return NULL; }
    pf_breaker *b = calloc(1, sizeof *b);
    if (!b) { ubrk_close(bi); return NULL; }
    b->bi = bi;
    return b;
}

void pf_breaker_close(pf_breaker *b) {
    if (!b) return;
    ubrk_close(b->bi);
    free(b->best);
    free(b->prev);
    free(b->bounds);
    free(b->status);
    free(b);
}

int32_t pf_breaker_segment(pf_breaker *b, const uint16_t *text, int32_t len, int32_t **bounds, int32_t **status) {
    UErrorCode st = U_ZERO_ERROR;
    static const UChar empty[1] = {0};
    ubrk_setText(b->bi, (const UChar *)text, len, &st);
    if (U_FAILURE(st)) return -1;
    int32_t cap = len / 2 + 16, n = 0;
    int32_t *bd = malloc((size_t)(cap + 1) * sizeof(int32_t));
    int32_t *ss = malloc((size_t)(cap + 1) * sizeof(int32_t));
    if (!bd || !ss) { free(bd); free(ss); return -1; }
    bd[0] = ubrk_first(b->bi);
    for (int32_t p = ubrk_next(b->bi); p != UBRK_DONE; p = ubrk_next(b->bi)) {
        if (n + 1 >= cap) {
            cap *= 2;
            int32_t *nb = realloc(bd, (size_t)(cap + 1) * sizeof(int32_t));
            if (!nb) { free(bd); free(ss); return -1; }
            bd = nb;
            int32_t *ns = realloc(ss, (size_t)(cap + 1) * sizeof(int32_t));
            if (!ns) { free(bd); free(ss); return -1; }
            ss = ns;
        }
        ss[n] = ubrk_getRuleStatus(b->bi);
        bd[++n] = p;
    }
    // The iterator keeps a pointer to the caller's buffer: point it elsewhere before returning.
    ubrk_setText(b->bi, empty, 0, &st);
    *bounds = bd; *status = ss;
    return n;
}

int32_t pf_script(uint32_t cp) {
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)cp, &st);
    return U_FAILURE(st) ? 0 : (int32_t)s;
}

int32_t pf_is_default_ignorable(uint32_t cp) { return u_hasBinaryProperty((UChar32)cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ? 1 : 0; }
int32_t pf_is_digit(uint32_t cp) { return u_isdigit((UChar32)cp) ? 1 : 0; }
int32_t pf_is_alnum(uint32_t cp) { return u_isalnum((UChar32)cp) ? 1 : 0; }

typedef struct { int32_t count; int32_t first; const uint8_t *base; } invalid_ctx;

static void count_invalid(const void *context, UConverterToUnicodeArgs *args, const char *units,
                          int32_t length, UConverterCallbackReason reason, UErrorCode *err) {
    invalid_ctx *c = (invalid_ctx *)context;
    if (reason <= UCNV_IRREGULAR) {
        if (c->count == 0) {
            // args->source points just past the bad units inside the current input chunk.
            c->first = (int32_t)((const uint8_t *)args->source - c->base) - length;
            if (c->first < 0) c->first = 0;
        }
        c->count++;
    }
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, units, length, reason, err);
}

int32_t pf_decode(const char *charset, const uint8_t *src, int32_t len,
                  uint8_t **out, int32_t *out_len, int32_t *invalid, int32_t *first_invalid,
                  char *err, int32_t errcap) {
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(charset, &st);
    if (U_FAILURE(st)) { set_err(err, errcap, charset, st); return st; }
    invalid_ctx ctx = { 0, -1, src };
    ucnv_setToUCallBack(cv, count_invalid, &ctx, NULL, NULL, &st);
    int32_t ucap = len + 16;
    UChar *u = malloc((size_t)ucap * sizeof(UChar));
    if (!u) { ucnv_close(cv); return U_MEMORY_ALLOCATION_ERROR; }
    UChar *target = u; const char *source = (const char *)src;
    for (;;) {
        st = U_ZERO_ERROR;
        ucnv_toUnicode(cv, &target, u + ucap, &source, (const char *)src + len, NULL, 1, &st);
        if (st != U_BUFFER_OVERFLOW_ERROR) break;
        int32_t used = (int32_t)(target - u);
        ucap *= 2;
        UChar *nu = realloc(u, (size_t)ucap * sizeof(UChar));
        if (!nu) { free(u); ucnv_close(cv); return U_MEMORY_ALLOCATION_ERROR; }
        u = nu; target = u + used;
    }
    ucnv_close(cv);
    if (U_FAILURE(st)) { free(u); set_err(err, errcap, charset, st); return st; }
    int32_t ulen = (int32_t)(target - u);
    int32_t n8 = 0; st = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &n8, u, ulen, &st);
    st = U_ZERO_ERROR;
    uint8_t *o = malloc((size_t)n8 + 1);
    if (!o) { free(u); return U_MEMORY_ALLOCATION_ERROR; }
    u_strToUTF8((char *)o, n8 + 1, &n8, u, ulen, &st);
    free(u);
    if (U_FAILURE(st)) { free(o); set_err(err, errcap, "to UTF-8", st); return st; }
    *out = o; *out_len = n8; *invalid = ctx.count; *first_invalid = ctx.first;
    return 0;
}

int32_t pf_detect_charset(const uint8_t *src, int32_t len, char *name, int32_t namecap,
                          int32_t *confidence, char *lang, int32_t langcap) {
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&st);
    if (U_FAILURE(st)) return st;
    ucsdet_setText(d, (const char *)src, len, &st);
    const UCharsetMatch *m = ucsdet_detect(d, &st);
    if (U_FAILURE(st) || !m) { ucsdet_close(d); return U_FAILURE(st) ? st : -1; }
    const char *n = ucsdet_getName(m, &st);
    const char *l = ucsdet_getLanguage(m, &st);
    *confidence = ucsdet_getConfidence(m, &st);
    snprintf(name, (size_t)namecap, "%s", n ? n : "");
    snprintf(lang, (size_t)langcap, "%s", l ? l : "");
    ucsdet_close(d);
    return U_FAILURE(st) ? st : 0;
}
