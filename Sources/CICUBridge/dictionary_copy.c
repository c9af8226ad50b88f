// ICU's Chinese/Japanese dictionary segmentation, done again over a faster trie.
//
// ICU's word break iterator hands each run of Han/kana characters to its CJK dictionary
// engine, which picks the path of dictionary words with the least total cost (a word's cost is
// stored with it in ICU's "cjdict" data; a character that is no one-character word costs 255)
// over words of at most 20 units, the earliest start winning ties. Most of segmentation time
// went to that engine walking ICU's compact trie one unit at a time. Here the same words and
// costs are read once from ICU's own data into a flat trie (first unit by table, deeper units
// by binary search among a node's sorted children) and the same search runs over it. The
// caller uses it only for runs of unified ideographs between characters after which ICU's
// rules always break (see pf_breaker_segment_fast), where both give the same words; tests
// compare the two on random mixed-script text.

#include "bridge_internal.h"
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unicode/utypes.h>
#include <unicode/udata.h>
#include <unicode/uversion.h>
#include <stdio.h>

typedef struct {
    int32_t root[0x10000];  // node of each first unit, 0 = none
    int32_t *first;         // first child of each node (children are consecutive nodes)
    uint16_t *count;        // number of children
    uint16_t *unit;         // the unit leading to each node
    int16_t *cost;          // word cost ending at the node, -1 = not a word
    int32_t nodes, words;
} cjk_trie;

static cjk_trie *cjk;
static pthread_once_t cjk_once = PTHREAD_ONCE_INIT;

// Words collected from ICU's trie: units concatenated, start offsets, costs.
typedef struct { uint16_t *units; int32_t *start; int16_t *cost; int32_t n, cap, ulen, ucap; int ok; } cjk_words;

static void cjk_emit(cjk_words *w, const uint16_t *word, int32_t len, int32_t cost) {
    if (!w->ok) return;
    if (w->n + 2 > w->cap) {
        int32_t cap = w->cap ? w->cap * 2 : 1 << 16;
        int32_t *s = realloc(w->start, (size_t)(cap + 1) * sizeof(int32_t));
        if (s) w->start = s;
        int16_t *c = realloc(w->cost, (size_t)cap * sizeof(int16_t));
        if (c) w->cost = c;
        if (!s || !c) { w->ok = 0; return; }
        w->cap = cap;
    }
    if (w->ulen + len > w->ucap) {
        int32_t cap = w->ucap ? w->ucap : 1 << 18;
        while (cap < w->ulen + len) cap *= 2;
        uint16_t *u = realloc(w->units, (size_t)cap * sizeof(uint16_t));
        if (!u) { w->ok = 0; return; }
        w->units = u; w->ucap = cap;
    }
    w->start[w->n] = w->ulen;
    memcpy(w->units + w->ulen, word, (size_t)len * sizeof(uint16_t));
    w->ulen += len;
    w->cost[w->n] = (int16_t)(cost < 0 ? 0 : cost > 0x7fff ? 0x7fff : cost);
    w->n++;
    w->start[w->n] = w->ulen;
}

// Reading ICU's serialized UCharsTrie (layout documented in unicode/ucharstrie.h): a node's lead
// unit says branch (< 0x30), linear match (< 0x40) or value (>= 0x40, final when bit 15 is set).
static int32_t cjk_read_value(const uint16_t **p, int32_t lead) {
    const uint16_t *q = *p;
    int32_t v;
    if (lead < 0x4000) v = lead;
    else if (lead < 0x7fff) { v = ((lead - 0x4000) << 16) | q[0]; q += 1; }
    else { v = (q[0] << 16) | q[1]; q += 2; }
    *p = q;
    return v;
}

static int32_t cjk_read_node_value(const uint16_t **p, int32_t lead) {
    const uint16_t *q = *p;
    int32_t v;
    if (lead < 0x4040) v = (lead >> 6) - 1;
    else if (lead < 0x7fc0) { v = (((lead & 0x7fc0) - 0x4040) << 10) | q[0]; q += 1; }
    else { v = (q[0] << 16) | q[1]; q += 2; }
    *p = q;
    return v;
}

static const uint16_t *cjk_after_delta(const uint16_t *p, int32_t *delta) {
    int32_t d = *p++;
    if (d >= 0xfc00) {
        if (d == 0xffff) { d = (p[0] << 16) | p[1]; p += 2; }
        else { d = ((d - 0xfc00) << 16) | p[0]; p += 1; }
    }
    *delta = d;
    return p;
}

enum { CJK_MAX_WORD = 64 };

static void cjk_walk_node(const uint16_t *p, uint16_t *word, int32_t depth, cjk_words *w);

static void cjk_walk_branch(const uint16_t *p, int32_t length, uint16_t *word, int32_t depth, cjk_words *w) {
    if (depth >= CJK_MAX_WORD) { w->ok = 0; return; }
    while (length > 5) {
        p++;  // the split unit: smaller units are behind the delta, the rest follow it
        int32_t delta;
        const uint16_t *after = cjk_after_delta(p, &delta);
        cjk_walk_branch(after + delta, length >> 1, word, depth, w);
        length -= length >> 1;
        p = after;
    }
    for (; length > 1; length--) {
        word[depth] = *p++;
        int32_t lead = *p++;
        int32_t v = cjk_read_value(&p, lead & 0x7fff);
        if (lead & 0x8000) cjk_emit(w, word, depth + 1, v);
        else cjk_walk_node(p + v, word, depth + 1, w);
    }
    word[depth] = *p++;
    cjk_walk_node(p, word, depth + 1, w);
}

static void cjk_walk_node(const uint16_t *p, uint16_t *word, int32_t depth, cjk_words *w) {
    for (;;) {
        int32_t lead = *p++;
        if (lead >= 0x40) {
            if (lead & 0x8000) { cjk_emit(w, word, depth, cjk_read_value(&p, lead & 0x7fff)); return; }
            cjk_emit(w, word, depth, cjk_read_node_value(&p, lead));
            lead &= 0x3f;
        }
        if (lead < 0x30) {
            int32_t length = lead ? lead : *p++;
            cjk_walk_branch(p, length + 1, word, depth, w);
            return;
        }
        int32_t n = lead - 0x30 + 1;
        if (depth + n >= CJK_MAX_WORD) { w->ok = 0; return; }
        for (int32_t k = 0; k < n; k++) word[depth++] = *p++;
    }
}

static int cjk_word_less(const cjk_words *w, int32_t a, int32_t b) {
    int32_t la = w->start[a + 1] - w->start[a], lb = w->start[b + 1] - w->start[b];
    const uint16_t *x = w->units + w->start[a], *y = w->units + w->start[b];
    for (int32_t k = 0; k < la && k < lb; k++) if (x[k] != y[k]) return x[k] < y[k];
    return la < lb;
}

// The trie of ICU's cjdict data (NULL when its layout is not the one read here).
static cjk_trie *cjk_from_icu_data(const uint8_t *data) {
    const int32_t *ix = (const int32_t *)data;
    // Indexes: [0] trie offset, [4] trie type (1 = UTF-16 units, | 8 = with values), [5] transform.
    if ((ix[4] & 7) != 1 || !(ix[4] & 8) || ix[5] != 0) return NULL;
    cjk_words w = {0};
    w.ok = 1;
    uint16_t word[CJK_MAX_WORD];
    cjk_walk_node((const uint16_t *)(data + ix[0]), word, 0, &w);
    // The walk yields words in unit order; the trie below is built from that order.
    for (int32_t i = 1; w.ok && i < w.n; i++) if (!cjk_word_less(&w, i - 1, i)) w.ok = 0;
    cjk_trie *t = w.ok && w.n > 0 ? calloc(1, sizeof *t) : NULL;
    if (!t) { free(w.units); free(w.start); free(w.cost); return NULL; }
    int32_t cap = w.ulen + 1;
    t->first = calloc((size_t)cap, sizeof(int32_t));
    t->count = calloc((size_t)cap, sizeof(uint16_t));
    t->unit = calloc((size_t)cap, sizeof(uint16_t));
    t->cost = malloc((size_t)cap * sizeof(int16_t));
    // Work stack of (node, first word, end word, depth). A node's children get consecutive ids
    // when the node is taken, so the order the stack visits them in does not matter.
    int32_t qcap = 1 << 12, qt = 0, nodes = 1;
    int32_t *q = malloc((size_t)qcap * 4 * sizeof(int32_t));
    if (!t->first || !t->count || !t->unit || !t->cost || !q) goto fail;
    for (int32_t i = 0; i < cap; i++) t->cost[i] = -1;
    q[0] = 0; q[1] = 0; q[2] = w.n; q[3] = 0; qt = 1;
    while (qt > 0) {
        qt--;
        int32_t node = q[4 * qt], lo = q[4 * qt + 1], hi = q[4 * qt + 2], d = q[4 * qt + 3];
        if (lo < hi && w.start[lo + 1] - w.start[lo] == d) { t->cost[node] = w.cost[lo]; lo++; }
        int32_t firstChild = nodes, children = 0;
        for (int32_t i = lo; i < hi;) {
            uint16_t u = w.units[w.start[i] + d];
            int32_t j = i + 1;
            while (j < hi && w.units[w.start[j] + d] == u) j++;
            int32_t c = nodes++;
            if (c >= cap) goto fail;
            t->unit[c] = u;
            children++;
            if (node == 0) t->root[u] = c;
            if (qt == qcap) {
                int32_t *grown = realloc(q, (size_t)qcap * 8 * sizeof(int32_t));
                if (!grown) goto fail;
                q = grown; qcap *= 2;
            }
            q[4 * qt] = c; q[4 * qt + 1] = i; q[4 * qt + 2] = j; q[4 * qt + 3] = d + 1;
            qt++;
            i = j;
        }
        if (children > 0xffff) goto fail;
        t->first[node] = firstChild;
        t->count[node] = (uint16_t)children;
    }
    t->nodes = nodes;
    t->words = w.n;
    // Node arrays were sized for one node per unit; shared prefixes leave fewer.
    int32_t *first = realloc(t->first, (size_t)nodes * sizeof(int32_t));
    if (first) t->first = first;
    uint16_t *count = realloc(t->count, (size_t)nodes * sizeof(uint16_t));
    if (count) t->count = count;
    uint16_t *unit = realloc(t->unit, (size_t)nodes * sizeof(uint16_t));
    if (unit) t->unit = unit;
    int16_t *cost = realloc(t->cost, (size_t)nodes * sizeof(int16_t));
    if (cost) t->cost = cost;
    free(q); free(w.units); free(w.start); free(w.cost);
    return t;
fail:
    free(q); free(w.units); free(w.start); free(w.cost);
    free(t->first); free(t->count); free(t->unit); free(t->cost); free(t);
    return NULL;
}

// The trie as one payload for the per-user table cache (table_cache.c): nodes, words, then the
// root table and the node arrays, each whole.
static void *cjk_serialize(const cjk_trie *t, size_t *len) {
    size_t n = (size_t)t->nodes;
    *len = 8 + sizeof t->root + n * (sizeof(int32_t) + 3 * sizeof(uint16_t));
    uint8_t *out = malloc(*len), *p = out;
    if (!out) return NULL;
    memcpy(p, &t->nodes, 4); memcpy(p + 4, &t->words, 4); p += 8;
    memcpy(p, t->root, sizeof t->root); p += sizeof t->root;
    memcpy(p, t->first, n * 4); p += n * 4;
    memcpy(p, t->count, n * 2); p += n * 2;
    memcpy(p, t->unit, n * 2); p += n * 2;
    memcpy(p, t->cost, n * 2);
    return out;
}

// A trie whose arrays point into `payload` (kept by the trie), or NULL when it does not hold one.
static cjk_trie *cjk_deserialize(uint8_t *payload, size_t len) {
    if (len < 8 + sizeof(((cjk_trie *)0)->root)) return NULL;
    int32_t nodes, words;
    memcpy(&nodes, payload, 4); memcpy(&words, payload + 4, 4);
    cjk_trie *t = calloc(1, sizeof *t);
    if (!t || nodes <= 0 || words <= 0 || len != 8 + sizeof t->root + (size_t)nodes * 10) { free(t); return NULL; }
    uint8_t *p = payload + 8;
    memcpy(t->root, p, sizeof t->root); p += sizeof t->root;
    t->first = (int32_t *)p; p += (size_t)nodes * 4;
    t->count = (uint16_t *)p; p += (size_t)nodes * 2;
    t->unit = (uint16_t *)p; p += (size_t)nodes * 2;
    t->cost = (int16_t *)p;
    t->nodes = nodes;
    t->words = words;
    // Every child range must stay inside the node arrays.
    for (int32_t i = 0; i < nodes; i++) {
        if (t->first[i] < 0 || (int64_t)t->first[i] + t->count[i] > nodes) { free(t); return NULL; }
    }
    for (int32_t u = 0; u < 0x10000; u++) if (t->root[u] < 0 || t->root[u] >= nodes) { free(t); return NULL; }
    return t;
}

// ICU's cjdict data and the cache key for it: ICU's version and a checksum of the data.
static const uint8_t *cjk_icu_data(UDataMemory **mem, uint64_t *key) {
    UErrorCode st = U_ZERO_ERROR;
    *mem = udata_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict", "cjdict", &st);
    if (U_FAILURE(st)) return NULL;
    const uint8_t *data = (const uint8_t *)udata_getMemory(*mem);
    const int32_t *ix = (const int32_t *)data;
    // [3] is the data's total size.
    *key = pf_tc_icu_key() ^ pf_tc_checksum(data, ix[3] > 0 ? (size_t)ix[3] : 0, 0x636a);
    return data;
}

// Read from the per-user cache when it holds this data's trie, else built and written there.
static void cjk_build(void) {
    UDataMemory *mem = NULL;
    uint64_t key = 0;
    const uint8_t *data = cjk_icu_data(&mem, &key);
    if (!data) return;
    char name[64];
    pf_tc_name(name, sizeof name, "cjdict");
    size_t len = 0;
    uint8_t *cached = pf_tc_read(NULL, name, key, &len);
    cjk_trie *t = cached ? cjk_deserialize(cached, len) : NULL;
    if (t) { udata_close(mem); cjk = t; return; }
    free(cached);
    t = cjk_from_icu_data(data);
    udata_close(mem);
    if (!t) return;
    cjk = t;
    void *payload = cjk_serialize(t, &len);
    if (payload) { pf_tc_write(NULL, name, key, payload, len); free(payload); }
}

int32_t pf_cjk_cache_check(const char *dir) {
    UDataMemory *mem = NULL;
    uint64_t key = 0;
    const uint8_t *data = cjk_icu_data(&mem, &key);
    if (!data) return -1;
    cjk_trie *fresh = cjk_from_icu_data(data);
    udata_close(mem);
    if (!fresh) return -1;
    char name[64];
    pf_tc_name(name, sizeof name, "cjdict");
    size_t len = 0, len2 = 0;
    void *payload = cjk_serialize(fresh, &len);
    if (!payload || !pf_tc_write(dir, name, key, payload, len)) return -2;
    uint8_t *back = pf_tc_read(dir, name, key, &len2);
    cjk_trie *t = back ? cjk_deserialize(back, len2) : NULL;
    int same = t && t->nodes == fresh->nodes && t->words == fresh->words && memcmp(t->root, fresh->root, sizeof t->root) == 0
        && memcmp(t->first, fresh->first, (size_t)t->nodes * 4) == 0 && memcmp(t->count, fresh->count, (size_t)t->nodes * 2) == 0
        && memcmp(t->unit, fresh->unit, (size_t)t->nodes * 2) == 0 && memcmp(t->cost, fresh->cost, (size_t)t->nodes * 2) == 0;
    // The trie this process uses (from the default cache or built) is the same too.
    int words = pf_cjk_words();
    int inUse = cjk && cjk->nodes == fresh->nodes && memcmp(cjk->root, fresh->root, sizeof cjk->root) == 0
        && memcmp(cjk->first, fresh->first, (size_t)cjk->nodes * 4) == 0 && memcmp(cjk->unit, fresh->unit, (size_t)cjk->nodes * 2) == 0
        && memcmp(cjk->cost, fresh->cost, (size_t)cjk->nodes * 2) == 0;
    free(payload); free(t); free(back);
    free(fresh->first); free(fresh->count); free(fresh->unit); free(fresh->cost); free(fresh);
    if (!same) return -3;
    if (words < 0 || !inUse) return -4;
    // A file for another key (another ICU, other data) is not read.
    back = pf_tc_read(dir, name, key ^ 1, &len2);
    if (back) { free(back); return -6; }
    return 1;
}

int32_t pf_cjk_words(void) {
    pthread_once(&cjk_once, cjk_build);
    return cjk ? cjk->words : -1;
}

static inline int32_t cjk_child(const cjk_trie *t, int32_t node, uint16_t u) {
    int32_t lo = t->first[node], hi = lo + t->count[node];
    while (lo < hi) {
        int32_t mid = (lo + hi) >> 1;
        uint16_t m = t->unit[mid];
        if (m == u) return mid;
        if (m < u) lo = mid + 1; else hi = mid;
    }
    return 0;
}

enum { CJK_MAX_WORD_UNITS = 20, CJK_UNKNOWN_COST = 255 };

// ICU's search over one run of BMP Han units: appends the word ends (offset + run-relative end,
// ascending, the last = offset + len) to out. best/prev need len + 1 entries.
int32_t pf_cjk_segment_run(const uint16_t *u, int32_t len, int32_t offset, uint32_t *best, int32_t *prev, int32_t *out) {
    const cjk_trie *t = cjk;
    best[0] = 0;
    for (int32_t i = 1; i <= len; i++) best[i] = UINT32_MAX;
    for (int32_t i = 0; i < len; i++) {
        uint32_t here = best[i];
        int32_t node = t->root[u[i]];
        int single = 0;
        if (node) {
            int32_t limit = len - i < CJK_MAX_WORD_UNITS ? len - i : CJK_MAX_WORD_UNITS;
            int32_t k = 1;
            for (;;) {
                if (t->cost[node] >= 0) {
                    if (k == 1) single = 1;
                    uint32_t c = here + (uint32_t)t->cost[node];
                    if (c < best[i + k]) { best[i + k] = c; prev[i + k] = i; }
                }
                if (k >= limit) break;
                node = cjk_child(t, node, u[i + k]);
                if (!node) break;
                k++;
            }
        }
        if (!single) {
            uint32_t c = here + CJK_UNKNOWN_COST;
            if (c < best[i + 1]) { best[i + 1] = c; prev[i + 1] = i; }
        }
    }
    // Ends, backwards from the run's end, then reversed in place.
    int32_t n = 0;
    for (int32_t e = len; e > 0; e = prev[e]) out[n++] = offset + e;
    for (int32_t a = 0, b = n - 1; a < b; a++, b--) { int32_t x = out[a]; out[a] = out[b]; out[b] = x; }
    return n;
}

// Units the fast path segments itself: CJK Unified Ideographs and Extension A (all assigned,
