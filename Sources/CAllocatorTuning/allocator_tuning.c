#include "CAllocatorTuning.h"

// <stdlib.h> defines __GLIBC__ on glibc systems; test it only after including a libc header.
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void prefaudit_tune_allocator(void) {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
#endif
}
