#ifndef POLFRAME_CPOPPLER_SHIM_H
#define POLFRAME_CPOPPLER_SHIM_H

// poppler's GLib API: plain C functions over GObjects, so Swift imports nearly all of it as is.
// Only PDFReader.swift uses it; every object is unreferenced in the function that got it.
#include <poppler.h>

// g_object_unref takes a gpointer; PopplerDocument and PopplerPage are opaque structs that Swift
// sees as OpaquePointer, which it does not convert to gpointer by itself.
static inline void pf_poppler_unref(void *object) { if (object) g_object_unref(object); }

// POPPLER_ERROR is a macro over a function call (the error domain's quark).
static inline GQuark pf_poppler_error_domain(void) { return POPPLER_ERROR; }

#endif
