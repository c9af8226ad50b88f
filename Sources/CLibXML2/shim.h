#ifndef POLFRAME_CLIBXML2_SHIM_H
#define POLFRAME_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so its encoding header pulls in <unicode/ucnv.h>. Foundation on
// Linux carries its own ICU as a clang module; seeing both breaks clean builds ("UErrorCode has
// different definitions"). The flag only hides two trailing fields of xmlCharEncodingHandler,
// which polframe never touches (it converts bytes with ICU itself before parsing).
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <stddef.h>

// xmlFree is a macro over a global function pointer on Debian: Swift cannot call it.
static inline void pf_xml_free(void *p) { xmlFree(p); }

// The generic error handler is variadic, which Swift cannot implement. A no-op one keeps libxml2
// from printing to stderr; errors are read back through xmlGetLastError / the parser context.
static inline void pf_xml_ignore_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void pf_xml_ignore_structured(void *ctx, xmlErrorPtr error) { (void)ctx; (void)error; }

// Refuse every external entity and DTD: a second wall behind XML_PARSE_NONET (which still lets
// file:// through when entities are substituted).
static inline xmlParserInputPtr pf_xml_refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

// Handlers are per thread in libxml2: call this on every thread that parses.
static inline void pf_xml_quiet_thread(void) {
    xmlSetGenericErrorFunc(NULL, pf_xml_ignore_generic);
    xmlSetStructuredErrorFunc(NULL, pf_xml_ignore_structured);
}

// xmlParserVersion is a macro over a per-thread accessor when libxml2 is built with threads.
static inline const char *pf_xml_version(void) { return xmlParserVersion; }

static inline void pf_xml_init(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(pf_xml_refuse_entity);
    pf_xml_quiet_thread();
}

// XML_PARSE_* and HTML_PARSE_* are C enums whose combination Swift imports awkwardly; one place
// states the safe option sets: never NOENT, DTDLOAD or HUGE; always NONET. IGNORE_ENC because
// polframe hands libxml2 bytes it has already converted to UTF-8 (libxml2 silently truncates
// GBK text labelled gb2312).
static inline int pf_xml_safe_options(void) {
    return XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC;
}
static inline int pf_html_safe_options(void) {
    // COMPACT stores short text nodes inside the node (fewer mallocs); NODEFDTD skips a DTD node
    // nobody reads. Neither changes the tree's text.
    return HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC
        | HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD;
}

#endif
