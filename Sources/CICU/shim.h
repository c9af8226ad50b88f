#ifndef POLFRAME_CICU_SHIM_H
#define POLFRAME_CICU_SHIM_H
// The ICU headers polframe uses. Only the C bridge (CICUBridge) includes ICU; no Swift module
// imports this one, because Foundation's private ICU copy clashes with these headers on a clean
// build. This target exists to carry ICU's pkg-config and link flags.
#include <unicode/utypes.h>
#include <unicode/uversion.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/ubrk.h>
#include <unicode/utrans.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#endif
