//===----------------------------------------------------------------------===//
// GEMM kernels, AVX-512 tier.
//===----------------------------------------------------------------------===//

#include "CMatrixKernels.h"
#include "gemm_internal.h"
#include "vector_types.h"
#include "workspace.h"

#if defined(__x86_64__)

#define GTARGET __attribute__((target("avx512f,avx512vl,avx512dq,avx512bw,avx2,fma,f16c")))
#define GFMA(a, b, c) __builtin_elementwise_fma(a, b, c)

// float: 14 x 32 register tile
#define GT float
#define GV mck_v16f
#define GVU mck_v16f_u
#define GVL 16
#define GMR 14
#define GNV 2
// kc 768 halves the passes over C when K is large (the encoder's 4096x384x1536 FFN-down
// product had 4 passes with kc 384 and trailed OpenBLAS on 2 threads); mc 252 keeps the
// packed A block (252 x 768 floats, 774 KB) inside the 1 MB L2.
#define GKC 768
#define GMC 252
#define GNC 1024
#define GBPF 8
#define GPAD 16
#define GFN(x) mck_s_avx512_##x
#define GARGS mck_sgemm_args
#define GTB 8
#define GTRANSPOSE mck_transpose8x8_f32
#include "gemm_template.h"

int mck_sgemm_region_avx512(const mck_sgemm_args *args, long i0, long i1, long j0, long j1) {
  return mck_s_avx512_region(args, i0, i1, j0, j1);
}

mck_gemm_blocking mck_sgemm_blocking_avx512(void) { return mck_s_avx512_blocking(); }

// double: 14 x 16 register tile
#define GT double
#define GV mck_v8d
#define GVU mck_v8d_u
#define GVL 8
#define GMR 14
#define GNV 2
#define GKC 256
#define GMC 168
#define GNC 512
#define GBPF 8
#define GPAD 8
#define GFN(x) mck_d_avx512_##x
#define GARGS mck_dgemm_args
#define GTB 4
#define GTRANSPOSE mck_transpose4x4_f64
#include "gemm_template.h"

int mck_dgemm_region_avx512(const mck_dgemm_args *args, long i0, long i1, long j0, long j1) {
  return mck_d_avx512_region(args, i0, i1, j0, j1);
}

mck_gemm_blocking mck_dgemm_blocking_avx512(void) { return mck_d_avx512_blocking(); }

#endif
