//===----------------------------------------------------------------------===//
// Element-wise Float kernels, AVX2 + FMA tier.
//===----------------------------------------------------------------------===//

#include "CMatrixKernels.h"
#include "vector_types.h"
#include "vmath_internal.h"

#if defined(__x86_64__)

#define VN 8
#define VF mck_v8f
#define VFU mck_v8f_u
#define VI mck_v8i
#define TFN(x) mck_avx2_##x
#define VTARGET __attribute__((target("avx2,fma,f16c")))
#define VFMA(a, b, c) __builtin_elementwise_fma(a, b, c)
#define VHAS_FMA 1
#include "vmath_template.h"

#endif
