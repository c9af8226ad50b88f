// A fingerprint of the compiled word list, so that a trie built from it and kept in the per-user
// table cache is never read back by a binary holding another list.
#include "segmentation_words.h"
#include "segmentation_words_parts.h"
#include <string.h>

uint64_t pf_words_fingerprint(void) {
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)PF_WORDS_TOTAL_LOG_QUARTERS;
    for (int32_t k = 0; k < pf_words_part_count(); k++) {
        size_t n = 0;
        const unsigned char *p = (const unsigned char *)pf_words_part(k, &n);
        // Eight bytes a step: the list is 2 MB and this runs at every start.
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            h = (h ^ w) * 0x100000001b3ULL;
            h ^= h >> 29;
        }
        for (; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ULL;
        h = (h ^ n) * 0x100000001b3ULL;
    }
    return h;
}
