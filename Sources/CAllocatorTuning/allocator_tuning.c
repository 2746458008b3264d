#include "CAllocatorTuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void prefaudit_tune_allocator(void) {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
}
