// pf_breaker_segment_fast: ICU's word segmentation (root rules, Chinese dictionary) from
// polframe's copies of ICU's dictionary search (dictionary_copy.c) and of its word rules
// (below), with ICU itself only around what the copies leave out.
#include "bridge_internal.h"
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

// all Han, all in ICU's dictionary set).
static inline int cjk_fast_han(uint16_t u) {
    return (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF);
}

// Characters next to which ICU's word rules always break and which its dictionary engine never
// takes into a Han run: ASCII, Latin-1 punctuation and symbols, general punctuation, CJK and
// full-width punctuation, geometric shapes (○). No letter that joins (kana, Han, Hangul), no
// combining mark, no format character (ZWJ, soft hyphen) is here.
static inline int cjk_safe_neighbor(uint16_t u) {
    if (u < 0x80) return 1;
    if (u >= 0xA0 && u <= 0xBF) return u != 0xAA && u != 0xAD && u != 0xB5 && u != 0xBA;
    if (u >= 0x2010 && u <= 0x2027) return 1;
    if (u >= 0x2030 && u <= 0x205E) return 1;
    if (u >= 0x3000 && u <= 0x3004) return 1;
    if (u >= 0x3008 && u <= 0x3020) return 1;
    if (u >= 0x25A0 && u <= 0x25FF) return 1;
    if (u >= 0xFF01 && u <= 0xFF20) return 1;
    if (u >= 0xFF3B && u <= 0xFF40) return 1;
    if (u >= 0xFF5B && u <= 0xFF64) return 1;
    return 0;
}

// ICU's rule status of a dictionary word of ideographs (UBRK_WORD_IDEO).
enum { CJK_WORD_STATUS = 400 };

// Appends ICU's own segmentation of text[start, end) to bd/ss (n segments so far).
static int32_t icu_piece(pf_breaker *b, const uint16_t *text, int32_t start, int32_t end, int32_t *bd, int32_t *ss, int32_t n) {
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(b->bi, (const UChar *)text + start, end - start, &st);
    if (U_FAILURE(st)) return -1;
    ubrk_first(b->bi);
    for (int32_t p = ubrk_next(b->bi); p != UBRK_DONE; p = ubrk_next(b->bi)) {
        ss[n] = ubrk_getRuleStatus(b->bi);
        bd[++n] = start + p;
    }
    return n;
}

// ---------------------------------------------------------------------------------------------
// ICU's word rules (UAX #29 as ICU's root rules tailor it) for the characters they treat
// plainly: letters, digits, the punctuation inside words and numbers, spaces, line ends and
// other symbols. Everything else (combining marks, format characters, ZWJ, kana, Hebrew,
// regional indicators, emoji modifiers, dictionary scripts, surrogates) is "unknown": around
// it ICU itself segments, from the last boundary where its rules cannot look across to the next.

enum {
    WB_UNKNOWN = 0, WB_OTHER, WB_CR, WB_LF, WB_NEWLINE, WB_SPACE, WB_ALETTER, WB_NUMERIC,
    WB_MIDLETTER, WB_MIDNUM, WB_MIDNUMLET, WB_SQUOTE, WB_DQUOTE, WB_EXTNUMLET
};

static uint8_t wb_table[0x10000];
static pthread_once_t wb_once = PTHREAD_ONCE_INIT;

static void wb_build(void) {
    for (int32_t c = 0; c < 0x10000; c++) {
        uint8_t k = WB_UNKNOWN;
        if (c >= 0xD800 && c < 0xE000) { wb_table[c] = k; continue; }
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &st);
        int dictionary = sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA
            || (c >= 0xAC00 && c <= 0xD7A3) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)
            || u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT;
        switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
        case U_WB_OTHER: k = dictionary ? WB_UNKNOWN : WB_OTHER; break;
        case U_WB_CR: k = WB_CR; break;
        case U_WB_LF: k = WB_LF; break;
        case U_WB_NEWLINE: k = WB_NEWLINE; break;
        case U_WB_WSEGSPACE: k = WB_SPACE; break;
        case U_WB_ALETTER: k = dictionary ? WB_UNKNOWN : WB_ALETTER; break;
        case U_WB_NUMERIC: k = WB_NUMERIC; break;
        // ICU's root rules take the colons out of MidLetter (a:b is three words).
        case U_WB_MIDLETTER: k = (c == 0x3A || c == 0xFE55 || c == 0xFF1A) ? WB_OTHER : WB_MIDLETTER; break;
        case U_WB_MIDNUM: k = WB_MIDNUM; break;
        case U_WB_MIDNUMLET: k = WB_MIDNUMLET; break;
        case U_WB_SINGLE_QUOTE: k = WB_SQUOTE; break;
        case U_WB_DOUBLE_QUOTE: k = WB_DQUOTE; break;
        case U_WB_EXTENDNUMLET: k = WB_EXTNUMLET; break;
        default: k = WB_UNKNOWN; break;
        }
        wb_table[c] = k;
    }
    // ICU's root rules count the at sign as a letter (so e-mail addresses stay whole).
    wb_table[0x40] = WB_ALETTER;
}

// Characters after or before which ICU always breaks and whose own segment never grows.
static inline int wb_plain(uint8_t k) {
    return k == WB_OTHER || k == WB_SPACE || k == WB_CR || k == WB_LF || k == WB_NEWLINE;
}

// Whether ICU surely breaks between l and r and decides neither side by looking at the other.
static inline int wb_safe(uint8_t l, uint8_t r) {
    if (l == WB_UNKNOWN || r == WB_UNKNOWN) return 0;
    if (l == WB_CR && r == WB_LF) return 0;
    if (l == WB_SPACE && r == WB_SPACE) return 0;
    return wb_plain(l) || wb_plain(r);
}

// Rule status of one character alone (UBRK_WORD_NUMBER 100, UBRK_WORD_LETTER 200, else 0).
static inline int32_t wb_alone(uint8_t k) { return k == WB_ALETTER ? 200 : k == WB_NUMERIC ? 100 : 0; }

// Segments text[a, e), where a and e are boundaries where ICU restarts as at a text's ends
// (bd[n] == a). Returns the new segment count or -1.
static int32_t wb_piece(pf_breaker *b, const uint16_t *t, int32_t a, int32_t e, int32_t *bd, int32_t *ss, int32_t n) {
    int32_t safeN = n;  // bd[safeN]: the last boundary ICU could restart from
    int32_t i = a;
    while (i < e) {
        uint8_t c = wb_table[t[i]];
        int32_t j = i + 1, status = 0;
        if (c == WB_UNKNOWN) goto fallback;
        if (c == WB_CR) {
            if (j < e && wb_table[t[j]] == WB_LF) j++;
        } else if (c == WB_SPACE) {
            while (j < e && wb_table[t[j]] == WB_SPACE) j++;
        } else if (c == WB_ALETTER || c == WB_NUMERIC || c == WB_EXTNUMLET) {
            // Rules 5-13b chained: each step joins the last character to the next (or, over a
            // middle mark, to the one after). The status is that of the word's last character
            // alone (letter 200, number 100: ICU gives a1 100 and 1a 200), or the last step's
            // when that character is a connector (a_ 200, 1_ 100).
            uint8_t last = c;
            status = wb_alone(c);
            while (j < e) {
                if (last == WB_ALETTER && wb_table[t[j]] == WB_ALETTER) {
                    // Rule 5 over a run of letters, the common case, in a tight loop.
                    do j++; while (j < e && wb_table[t[j]] == WB_ALETTER);
                    status = 200;
                    continue;
                }
                uint8_t d = wb_table[t[j]];
                if (d == WB_UNKNOWN) goto fallback;
                int32_t step = -1, adv = 1;
                if (last == WB_ALETTER) {
                    if (d == WB_ALETTER || d == WB_NUMERIC || d == WB_EXTNUMLET) step = 200;
                } else if (last == WB_NUMERIC) {
                    if (d == WB_NUMERIC || d == WB_EXTNUMLET) step = 100;
                    else if (d == WB_ALETTER) step = 200;
                } else {  // ExtendNumLet
                    if (d == WB_ALETTER || d == WB_EXTNUMLET) step = 200;
                    else if (d == WB_NUMERIC) step = 100;
                }
                if (step < 0 && j + 1 < e) {
                    int letterMid = last == WB_ALETTER && (d == WB_MIDLETTER || d == WB_MIDNUMLET || d == WB_SQUOTE);
                    int numberMid = last == WB_NUMERIC && (d == WB_MIDNUM || d == WB_MIDNUMLET || d == WB_SQUOTE);
                    if (letterMid || numberMid) {
                        uint8_t f = wb_table[t[j + 1]];
                        if (f == WB_UNKNOWN) goto fallback;
                        if (letterMid && f == WB_ALETTER) { step = 200; adv = 2; }
                        if (numberMid && f == WB_NUMERIC) { step = 100; adv = 2; }
                    }
                }
                if (step < 0) break;
                j += adv;
                last = wb_table[t[j - 1]];
                status = wb_alone(last) ? wb_alone(last) : step;
            }
        }
        if (j < e && wb_table[t[j]] == WB_UNKNOWN) goto fallback;
        ss[n] = status;
        bd[++n] = j;
        if (j == e || wb_safe(wb_table[t[j - 1]], wb_table[t[j]])) safeN = n;
        i = j;
        continue;
    fallback:
        // ICU from the last safe boundary to the next one after i.
        n = safeN;
        {
            int32_t s = bd[n], p = i + 1;
            while (p < e && !wb_safe(wb_table[t[p - 1]], wb_table[t[p]])) p++;
            n = icu_piece(b, t, s, p, bd, ss, n);
            if (n < 0) return -1;
            safeN = n;
            i = p;
        }
    }
    return n;
}

enum { CJK_BUILD_AFTER = 4096 };
static long cjk_han_seen = 0;
static int cjk_wanted = 0;

void pf_cjk_prepare(void) {
    pf_cjk_words();
    __atomic_store_n(&cjk_wanted, 1, __ATOMIC_RELEASE);
}

int32_t pf_breaker_segment_fast(pf_breaker *b, const uint16_t *text, int32_t len, int32_t **bounds, int32_t **status) {
    pthread_once(&wb_once, wb_build);
    static const UChar empty[1] = {0};
    // A segment has at least one unit: len + 1 bounds at most. The buffers stay with the
    // breaker, so a document's chunks do not allocate (and the heap is not trimmed and refaulted).
    if (len + 2 > b->outCap) {
        int32_t cap = len + 2 > 2 * b->outCap ? len + 2 : 2 * b->outCap;
        free(b->bounds); free(b->status);
        b->bounds = malloc((size_t)cap * sizeof(int32_t));
        b->status = malloc((size_t)cap * sizeof(int32_t));
        b->outCap = b->bounds && b->status ? cap : 0;
        if (!b->outCap) { free(b->bounds); free(b->status); b->bounds = b->status = NULL; return -1; }
    }
    int32_t *bd = b->bounds, *ss = b->status;
    bd[0] = 0;
    int32_t n = 0, piece = 0, i = 0;
    while (i < len && n >= 0) {
        if (!cjk_fast_han(text[i])) { i++; continue; }
        int32_t s = i;
        while (i < len && cjk_fast_han(text[i])) i++;
        if ((s > 0 && !cjk_safe_neighbor(text[s - 1])) || (i < len && !cjk_safe_neighbor(text[i]))) continue;
        // The dictionary copy is built once CJK_BUILD_AFTER Han units have been seen in the
        // process (building it costs about as much as ICU segmenting ~100k Han units, so a few
        // lexicon forms or an English text quoting a Chinese name never pay for it); until
        // then, and without it, Han stays with ICU, which gives the same words.
        if (!__atomic_load_n(&cjk_wanted, __ATOMIC_ACQUIRE)) {
            if (__atomic_add_fetch(&cjk_han_seen, (long)(i - s), __ATOMIC_RELAXED) < CJK_BUILD_AFTER) continue;
            __atomic_store_n(&cjk_wanted, 1, __ATOMIC_RELEASE);
        }
        if (pf_cjk_words() < 0) continue;
        if (s > piece) n = wb_piece(b, text, piece, s, bd, ss, n);
        if (n < 0) break;
        int32_t runLen = i - s;
        if (runLen + 1 > b->scratchCap) {
            int32_t cap = runLen + 1 > 2 * b->scratchCap ? runLen + 1 : 2 * b->scratchCap;
            uint32_t *best = realloc(b->best, (size_t)cap * sizeof(uint32_t));
            if (best) b->best = best;
            int32_t *prev = realloc(b->prev, (size_t)cap * sizeof(int32_t));
            if (prev) b->prev = prev;
            if (!best || !prev) { n = -1; break; }
            b->scratchCap = cap;
        }
        int32_t k = pf_cjk_segment_run(text + s, runLen, s, b->best, b->prev, bd + n + 1);
        for (int32_t j = 0; j < k; j++) ss[n + j] = CJK_WORD_STATUS;
        n += k;
        piece = i;
    }
    if (n >= 0 && len > piece) n = wb_piece(b, text, piece, len, bd, ss, n);
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(b->bi, empty, 0, &st);
    if (n < 0) return -1;
    *bounds = bd; *status = ss;
    return n;
}
