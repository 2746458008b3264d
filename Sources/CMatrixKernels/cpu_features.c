//===----------------------------------------------------------------------===//
// Run-time detection of the instruction-set tiers.
//===----------------------------------------------------------------------===//

#include "CMatrixKernels.h"

#if defined(__x86_64__) || defined(__i386__)

static int mck_detect_avx2(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
         __builtin_cpu_supports("f16c");
}

static int mck_detect_avx512(void) {
  __builtin_cpu_init();
  return mck_detect_avx2() && __builtin_cpu_supports("avx512f") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
         __builtin_cpu_supports("avx512bw");
}

int mck_isa_supported(int isa) {
  // The answers never change, so a benign race on first use only repeats work.
  static volatile int cached_avx2 = -1, cached_avx512 = -1;
  switch (isa) {
    case MCK_ISA_PORTABLE:
      return 1;
    case MCK_ISA_AVX2:
      if (cached_avx2 < 0) cached_avx2 = mck_detect_avx2();
      return cached_avx2;
    case MCK_ISA_AVX512:
      if (cached_avx512 < 0) cached_avx512 = mck_detect_avx512();
      return cached_avx512;
    default:
      return 0;
  }
}

#else

int mck_isa_supported(int isa) { return isa == MCK_ISA_PORTABLE; }

#endif

int mck_best_isa(void) {
  if (mck_isa_supported(MCK_ISA_AVX512)) return MCK_ISA_AVX512;
  if (mck_isa_supported(MCK_ISA_AVX2)) return MCK_ISA_AVX2;
  return MCK_ISA_PORTABLE;
}

int mck_effective_isa(int isa) {
  if (isa > MCK_ISA_AVX512) isa = MCK_ISA_AVX512;
  for (int t = isa; t > MCK_ISA_PORTABLE; --t) {
    if (mck_isa_supported(t)) return t;
  }
  return MCK_ISA_PORTABLE;
}
