#ifndef POLFRAME_BRIDGE_INTERNAL_H
#define POLFRAME_BRIDGE_INTERNAL_H
// Shared by the bridge's C files only (not exported to Swift): the break iterator handle, and
// the dictionary search of dictionary_copy.c that word_rules_copy.c calls.
#include "icu_bridge.h"
#include <unicode/ubrk.h>

struct pf_breaker {
    UBreakIterator *bi;
    // Scratch of the dictionary search (pf_breaker_segment_fast), kept between calls.
    uint32_t *best;
    int32_t *prev;
    int32_t scratchCap;
    // The bounds and statuses pf_breaker_segment_fast returns, reused from call to call.
    int32_t *bounds;
    int32_t *status;
    int32_t outCap;
};

/// ICU's dictionary search over one run of BMP Han units (dictionary_copy.c): appends the word
/// ends (offset + run-relative end, ascending, the last offset + len) to out; returns their
/// number. best and prev need len + 1 entries. Call only after pf_cjk_words() >= 0.
int32_t pf_cjk_segment_run(const uint16_t *u, int32_t len, int32_t offset, uint32_t *best, int32_t *prev, int32_t *out);

/// The per-user cache of tables derived from ICU (table_cache.c). `dir` NULL means the default
/// folder; "" means none. pf_tc_read returns the payload (malloc'd) or NULL.
/// (pf_tc_checksum is in icu_bridge.h: Swift tests it against its own.)
uint64_t pf_tc_icu_key(void);
/// The cache file name for a table: STEM-icuVERSION.bin (one per ICU version).
void pf_tc_name(char *name, size_t cap, const char *stem);

#endif
