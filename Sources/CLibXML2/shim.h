// libxml2, as seen from Swift.
//
// Debian builds libxml2 with ICU, so <libxml/encoding.h> includes the system
// <unicode/ucnv.h>. Swift 6.3.0/6.3.1 Foundation bundles a different ICU
// (_FoundationICU) and a clean debug build then fails with "'UErrorCode' has
// different definitions in different modules". libxml2's public headers need
// only two ICU names, so keep the system ICU header out and declare just those.
#ifndef UCNV_H
#define UCNV_H
#include <stdint.h>
typedef struct UConverter UConverter;   // opaque, only used as a pointer
typedef uint16_t UChar;                 // ICU's C definition of UChar
#endif
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer, which Swift 6 refuses to read from
// concurrent code; this wrapper calls it.
static inline void CLibXML2_free(void *pointer) { xmlFree(pointer); }
