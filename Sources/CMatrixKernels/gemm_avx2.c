//===----------------------------------------------------------------------===//
// GEMM kernels, AVX2 + FMA tier.
//===----------------------------------------------------------------------===//

#include "CMatrixKernels.h"
#include "gemm_internal.h"
#include "vector_types.h"
#include "workspace.h"

#if defined(__x86_64__)

#define GTARGET __attribute__((target("avx2,fma,f16c")))
#define GFMA(a, b, c) __builtin_elementwise_fma(a, b, c)

// float: 6 x 16 register tile
#define GT float
#define GV mck_v8f
#define GVU mck_v8f_u
#define GVL 8
#define GMR 6
#define GNV 2
#define GKC 384
#define GMC 144
#define GNC 1024
#define GBPF 8
#define GPAD 16
#define GFN(x) mck_s_avx2_##x
#define GARGS mck_sgemm_args
#define GTB 8
#define GTRANSPOSE mck_transpose8x8_f32
#include "gemm_template.h"

int mck_sgemm_region_avx2(const mck_sgemm_args *args, long i0, long i1, long j0, long j1) {
  return mck_s_avx2_region(args, i0, i1, j0, j1);
}

mck_gemm_blocking mck_sgemm_blocking_avx2(void) { return mck_s_avx2_blocking(); }

// double: 6 x 8 register tile
#define GT double
#define GV mck_v4d
#define GVU mck_v4d_u
#define GVL 4
#define GMR 6
#define GNV 2
#define GKC 256
#define GMC 144
#define GNC 512
#define GBPF 8
#define GPAD 8
#define GFN(x) mck_d_avx2_##x
#define GARGS mck_dgemm_args
#define GTB 4
#define GTRANSPOSE mck_transpose4x4_f64
#include "gemm_template.h"

int mck_dgemm_region_avx2(const mck_dgemm_args *args, long i0, long i1, long j0, long j1) {
  return mck_d_avx2_region(args, i0, i1, j0, j1);
}

mck_gemm_blocking mck_dgemm_blocking_avx2(void) { return mck_d_avx2_blocking(); }

#endif
