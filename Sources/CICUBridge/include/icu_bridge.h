#ifndef POLFRAME_ICU_BRIDGE_H
#define POLFRAME_ICU_BRIDGE_H
// A plain-C face for the ICU services polframe uses. Only C types cross it, so Swift modules
// that import Foundation can use ICU without ever seeing ICU's own headers (see CICU/shim.h).
// Buffers returned through out-parameters are malloc'd: release them with pf_free.
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

void pf_free(void *p);

/// ICU's library version ("72.1") and the Unicode version it implements ("15.0").
void pf_icu_version(char *buf, int32_t cap);
void pf_unicode_version(char *buf, int32_t cap);

enum {
    PF_NORM_NFKC = 1,       // compatibility composition (folds full width, ligatures, ...)
    PF_NORM_CASEFOLD = 2,   // full Unicode case folding
    PF_NORM_T2S = 4,        // Traditional -> Simplified (ICU transliterator, per character)
};

/// Normalizes UTF-16 text. On success returns 0 and sets *out (normalized UTF-16), *out_len and
/// *map: out_len + 1 entries, map[i] the offset in src of the normalization chunk that produced
/// unit i, map[out_len] = len. On failure returns an ICU error code (> 0) and writes a message.
int32_t pf_normalize(const uint16_t *src, int32_t len, int32_t flags,
                     uint16_t **out, int32_t *out_len, int32_t **map,
                     char *err, int32_t errcap);

/// Traditional -> Simplified in place, one UTF-16 unit for one (a table over the Basic
/// Multilingual Plane built once, thread-safely, from ICU's per-character transliterator).
/// Returns the number of units changed, or -1 when ICU's transliterator is unavailable.
int32_t pf_t2s_units(uint16_t *text, int32_t len);

typedef struct pf_breaker pf_breaker;
enum { PF_BREAK_WORD = 0, PF_BREAK_SENTENCE = 1 };

/// A break iterator for a locale. Not thread-safe: one per thread.
pf_breaker *pf_breaker_open(int32_t kind, const char *locale, char *err, int32_t errcap);
void pf_breaker_close(pf_breaker *b);

/// Segments text. Returns the number of segments n (>= 0) or -1 on error; *bounds gets n + 1
/// offsets (bounds[0] = 0, bounds[n] = len) and *status n rule statuses (word breaks: >= 100 is
/// a word, see UBRK_WORD_NONE_LIMIT). The iterator keeps no pointer to text after returning.
int32_t pf_breaker_segment(pf_breaker *b, const uint16_t *text, int32_t len,
                           int32_t **bounds, int32_t **status);

/// Segments text exactly as pf_breaker_segment does with a word iterator of a Chinese locale
/// (same bounds, same statuses), faster: runs of unified ideographs between characters where
/// ICU's rules always break are divided by polframe's copy of ICU's dictionary search (ICU's
/// "cjdict" words and costs, read once), and letters, digits, spaces and plain punctuation by
/// polframe's copy of ICU's word rules; ICU itself segments only around characters those copies
/// leave out (combining marks, format characters, kana, Hangul, Hebrew, emoji sequences...).
/// Without ICU's dictionary data in the expected form, Han runs are left to ICU. Unlike
/// pf_breaker_segment's, *bounds and *status belong to the breaker: never free them; they hold
/// until the breaker's next call or its close.
int32_t pf_breaker_segment_fast(pf_breaker *b, const uint16_t *text, int32_t len,
                                int32_t **bounds, int32_t **status);
/// Words in polframe's copy of ICU's Chinese/Japanese dictionary (built on first use), or -1
/// when ICU's data has none in the expected form.
int32_t pf_cjk_words(void);

/// The per-user cache of derived tables (table_cache.c: $POLFRAME_CACHE_DIR, else
/// $XDG_CACHE_HOME/polframe or ~/.cache/polframe; "" in the variable turns it off). `dir` NULL
/// means that folder. pf_tc_read gives the payload of NAME when it was written for `key` and
/// checks whole (malloc'd: free it with pf_http_free), else NULL; pf_tc_write replaces the file
/// atomically and returns 1 when it did.
void *pf_tc_read(const char *dir, const char *name, uint64_t key, size_t *len);
/// The per-user cache folder as above (malloc'd: free it with pf_http_free), or NULL when it is
/// turned off or there is no home: the one lookup, which Swift asks for too.
char *pf_tc_folder(void);
/// The table cache's checksum (Swift's `Checksum.of(_:seed:)` is the same function; a test
/// holds them equal).
uint64_t pf_tc_checksum(const void *data, size_t len, uint64_t seed);
int pf_tc_write(const char *dir, const char *name, uint64_t key, const void *payload, size_t len);

/// GETs a URL through libcurl (loaded on first use) into the file descriptor `fd`: only http and
/// https (and file when allowFile is 1), redirects followed within http and https, the whole
/// transfer bounded by timeoutSeconds and the decoded body by maxBytes. 0 when the transfer
/// finished (then check *status); -1 with a message in err otherwise.
int32_t pf_http_download(const char *url, int32_t fd, int32_t timeoutSeconds, int64_t maxBytes, int32_t allowFile,
                         int64_t *written, int32_t *status, char *err, int32_t errcap);
void pf_http_free(uint8_t *p);
/// Tests of the per-user table cache: builds the table from ICU, writes it under `dir`, reads
/// it back, compares it with the one in use and checks a damaged file is refused. 1 when all
/// hold, a negative step number otherwise.
int32_t pf_t2s_cache_check(const char *dir);
int32_t pf_cjk_cache_check(const char *dir);
/// Builds the dictionary copy now and uses it from the first Han run on (a make whose corpus has
/// Chinese documents calls this on a thread of its own while it loads its inputs). The words
/// found are the same either way.
void pf_cjk_prepare(void);

/// The ICU script code (UScriptCode) of a code point; 0 common, 1 inherited, 17 Han, 25 Latin.
int32_t pf_script(uint32_t code_point);
/// 1 when the code point is Default_Ignorable (NFKC_Casefold removes it: U+200B, U+FEFF, U+00AD...).
int32_t pf_is_default_ignorable(uint32_t code_point);
/// 1 when the code point is a decimal digit.
int32_t pf_is_digit(uint32_t code_point);
/// 1 when the code point is a letter or digit (alphanumeric), 0 for punctuation, space, symbols.
int32_t pf_is_alnum(uint32_t code_point);

/// Converts bytes in `charset` to UTF-8. Undecodable bytes become U+FFFD and are counted in
/// *invalid, the first at *first_invalid (byte offset, or -1). Returns 0 on success, or an ICU
/// error code with a message (unknown charset, ...).
int32_t pf_decode(const char *charset, const uint8_t *src, int32_t len,
                  uint8_t **out, int32_t *out_len, int32_t *invalid, int32_t *first_invalid,
                  char *err, int32_t errcap);

/// ICU's charset detector: best guess name, confidence 0-100 and language. 0 on success.
int32_t pf_detect_charset(const uint8_t *src, int32_t len, char *name, int32_t namecap,
                          int32_t *confidence, char *lang, int32_t langcap);

#ifdef __cplusplus
}
#endif
#endif
