//===----------------------------------------------------------------------===//
// GEMM kernels, portable (vector extensions, baseline ISA) tier.
//===----------------------------------------------------------------------===//

#include "CMatrixKernels.h"
#include "gemm_internal.h"
#include "vector_types.h"
#include "workspace.h"

// No target features: SSE2 on x86-64, NEON on arm64. Plain multiply + add
// (a fused multiply-add without hardware FMA would become a libm call).
#define GTARGET
#define GFMA(a, b, c) ((a) * (b) + (c))

// float: 6 x 8 register tile
#define GT float
#define GV mck_v4f
#define GVU mck_v4f_u
#define GVL 4
#define GMR 6
#define GNV 2
#define GKC 256
#define GMC 96
#define GNC 1024
#define GBPF 8
#define GPAD 16
#define GFN(x) mck_s_portable_##x
#define GARGS mck_sgemm_args
#define GTB 8
#define GTRANSPOSE mck_transpose8x8_f32
#include "gemm_template.h"

int mck_sgemm_region_portable(const mck_sgemm_args *args, long i0, long i1, long j0, long j1) {
  return mck_s_portable_region(args, i0, i1, j0, j1);
}

mck_gemm_blocking mck_sgemm_blocking_portable(void) { return mck_s_portable_blocking(); }

// double: 6 x 4 register tile
#define GT double
#define GV mck_v2d
#define GVU mck_v2d_u
#define GVL 2
#define GMR 6
#define GNV 2
#define GKC 256
#define GMC 96
#define GNC 512
#define GBPF 8
#define GPAD 8
#define GFN(x) mck_d_portable_##x
#define GARGS mck_dgemm_args
#define GTB 4
#define GTRANSPOSE mck_transpose4x4_f64
#include "gemm_template.h"

int mck_dgemm_region_portable(const mck_dgemm_args *args, long i0, long i1, long j0, long j1) {
  return mck_d_portable_region(args, i0, i1, j0, j1);
}

mck_gemm_blocking mck_dgemm_blocking_portable(void) { return mck_d_portable_blocking(); }
