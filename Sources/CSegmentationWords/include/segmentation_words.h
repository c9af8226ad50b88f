#ifndef POLFRAME_SEGMENTATION_WORDS_H
#define POLFRAME_SEGMENTATION_WORDS_H
// polframe's built-in segmentation dictionary, compiled into the binary (no file to find at
// run time). Generated from jieba's dict.txt by generate_words.py, which documents the format.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Number of parts the word list is stored in.
int32_t pf_words_part_count(void);
/// Part `k` (0-based) of the front-coded word list and its length in bytes; NULL when k is out of range.
const char *pf_words_part(int32_t k, size_t *len);
/// ln(sum of the source's frequencies) in quarter nats: the cost of a character no word covers.
int32_t pf_words_unknown_cost(void);
/// A 64-bit fingerprint of the whole list (its bytes and parts): the key of derived tables.
uint64_t pf_words_fingerprint(void);

#ifdef __cplusplus
}
#endif
#endif
