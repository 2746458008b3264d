//===----------------------------------------------------------------------===//
// Per-thread packing workspace shared by the GEMM kernels, and the atomic
// counter threads use to claim work.
//===----------------------------------------------------------------------===//

#include "workspace.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct {
  void *pointer;
  size_t capacity;
} mck_workspace;

static pthread_key_t mck_workspace_key;
static pthread_once_t mck_workspace_once = PTHREAD_ONCE_INIT;

static void mck_workspace_destroy(void *value) {
  mck_workspace *ws = (mck_workspace *)value;
  if (ws) {
    free(ws->pointer);
    free(ws);
  }
}

static void mck_workspace_make_key(void) {
  pthread_key_create(&mck_workspace_key, mck_workspace_destroy);
}

void *mck_thread_workspace(size_t bytes) {
  pthread_once(&mck_workspace_once, mck_workspace_make_key);
  mck_workspace *ws = (mck_workspace *)pthread_getspecific(mck_workspace_key);
  if (!ws) {
    ws = (mck_workspace *)calloc(1, sizeof(mck_workspace));
    if (!ws) return NULL;
    if (pthread_setspecific(mck_workspace_key, ws) != 0) {
      free(ws);
      return NULL;
    }
  }
  if (ws->capacity < bytes) {
    // Grow geometrically (rounded to 64 bytes) so alternating shapes settle quickly.
    size_t wanted = bytes + bytes / 4;
    wanted = (wanted + 63) & ~(size_t)63;
    void *fresh = NULL;
    if (posix_memalign(&fresh, 64, wanted) != 0) return NULL;
    free(ws->pointer);
    ws->pointer = fresh;
    ws->capacity = wanted;
  }
  return ws->pointer;
}

long mck_fetch_add(long *counter, long delta) {
  return __atomic_fetch_add(counter, delta, __ATOMIC_RELAXED);
}
