//===----------------------------------------------------------------------===//
// Per-thread packing workspace shared by the GEMM kernels (internal).
//===----------------------------------------------------------------------===//

#ifndef CMATRIXKERNELS_WORKSPACE_H
#define CMATRIXKERNELS_WORKSPACE_H

#include <stddef.h>

/// Returns a 64-byte aligned buffer of at least `bytes` bytes owned by the
/// calling thread (grown on demand, freed when the thread exits), or NULL when
/// the allocation fails. The buffer is reused by the next call on the thread.
void *mck_thread_workspace(size_t bytes);

#endif
