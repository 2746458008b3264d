//===----------------------------------------------------------------------===//
// Element-wise Float kernels, portable (baseline ISA) tier.
//===----------------------------------------------------------------------===//

#include "CMatrixKernels.h"
#include "vector_types.h"
#include "vmath_internal.h"

#define VN 4
#define VF mck_v4f
#define VFU mck_v4f_u
#define VI mck_v4i
#define TFN(x) mck_portable_##x
#define VTARGET 
#define VFMA(a, b, c) ((a) * (b) + (c))
#define VHAS_FMA 0
#include "vmath_template.h"
