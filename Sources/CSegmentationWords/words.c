// Access to the generated parts (words_part*.c), whose arrays have no size C can see from here.
#include "segmentation_words.h"
#include "segmentation_words_parts.h"
#include <string.h>

static const char *const parts[PF_WORDS_PARTS] = { PF_WORDS_PART_LIST };

int32_t pf_words_part_count(void) { return PF_WORDS_PARTS; }

const char *pf_words_part(int32_t k, size_t *len) {
    if (k < 0 || k >= PF_WORDS_PARTS) { *len = 0; return NULL; }
    *len = strlen(parts[k]);
    return parts[k];
}

int32_t pf_words_unknown_cost(void) { return PF_WORDS_TOTAL_LOG_QUARTERS; }
