//===----------------------------------------------------------------------===//
// Element-wise Float kernels, AVX-512 tier.
//===----------------------------------------------------------------------===//

#include "CMatrixKernels.h"
#include "vector_types.h"
#include "vmath_internal.h"

#if defined(__x86_64__)

#define VN 16
#define VF mck_v16f
#define VFU mck_v16f_u
#define VI mck_v16i
#define TFN(x) mck_avx512_##x
#define VTARGET __attribute__((target("avx512f,avx512vl,avx512dq,avx512bw,avx2,fma,f16c")))
#define VFMA(a, b, c) __builtin_elementwise_fma(a, b, c)
#define VHAS_FMA 1
#include "vmath_template.h"

#endif
