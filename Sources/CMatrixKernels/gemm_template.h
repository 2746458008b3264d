//===----------------------------------------------------------------------===//
// GEMM template: packing, register-blocked micro-kernel and the blocked loops
// over one rectangular region of C. Included once per (scalar type, tier);
// deliberately without an include guard. It undefines its parameters at the end.
//
// The including file defines:
//   GT            scalar type (float or double)
//   GV, GVU       vector type with GVL lanes, and its element-aligned variant
//   GVL           lanes per vector
//   GMR, GNV      register tile: GMR rows x (GNV * GVL) columns
//   GKC, GMC, GNC cache blocking (depth, rows of an A block, columns of a B block)
//   GPAD          padding (elements) added to the packed A row pitch
//   GBPF          software prefetch distance for B, in k steps
//   GFN(x)        name mangling for this instantiation
//   GTARGET       function attributes (target features) of this tier
//   GFMA(a, b, c) vector a * b + c
//   GARGS         mck_sgemm_args or mck_dgemm_args
//   GTB           side of the in-register transpose block
//   GTRANSPOSE    transpose of one GTB x GTB block (src, lds, dst, ldd)
//
// Packed layouts:
// Loops: columns in GNC blocks -> depth in GKC blocks (pack B, kept in L2)
//   -> rows in GMC blocks (pack A) -> A micro-panel (L1) -> B micro-panel.
//
//   A block: panels of GMR rows; row r of a panel holds A(i, p0 ..< p0 + kc) at
//            a pitch of GLDA elements, so the micro-kernel broadcasts A(i, p)
//            from a constant displacement r * GLDA. Missing rows are zero.
//   B block: panels of GNR columns; element (p, j) of a panel sits at p * GNR + j.
//            Missing columns are zero.
//===----------------------------------------------------------------------===//

#define GNR (GNV * GVL)
#define GLDA (GKC + GPAD)

static inline long GFN(min)(long a, long b) { return a < b ? a : b; }
static inline long GFN(round_up)(long a, long b) { return (a + b - 1) / b * b; }

/// C tile (GMR x GNR, row pitch rsc, unit column stride) = alpha * A_panel * B_panel + beta * C.
static GTARGET void GFN(micro_kernel)(long kc, const GT *restrict a, const GT *restrict b,
                                      GT *restrict c, long rsc, GT alpha, GT beta) {
  GV acc[GMR][GNV];
#pragma clang loop unroll(full)
  for (int r = 0; r < GMR; ++r) {
#pragma clang loop unroll(full)
    for (int v = 0; v < GNV; ++v) acc[r][v] = (GV)(0);
  }
#pragma clang loop unroll(full)
  for (int r = 0; r < GMR; ++r) {
    __builtin_prefetch(c + r * rsc, 1, 3);
    __builtin_prefetch(c + r * rsc + GNR - 1, 1, 3);
  }
#pragma clang loop unroll_count(4)
  for (long p = 0; p < kc; ++p) {
    GV bv[GNV];
#pragma clang loop unroll(full)
    for (int line = 0; line < GNR * (int)sizeof(GT) / 64; ++line) {
      __builtin_prefetch(b + GBPF * GNR + line * (64 / (int)sizeof(GT)), 0, 3);
    }
#pragma clang loop unroll(full)
    for (int v = 0; v < GNV; ++v) bv[v] = *(const GV *)(b + v * GVL);
#pragma clang loop unroll(full)
    for (int r = 0; r < GMR; ++r) {
      GV av = (GV)(a[r * GLDA]);
#pragma clang loop unroll(full)
      for (int v = 0; v < GNV; ++v) acc[r][v] = GFMA(av, bv[v], acc[r][v]);
    }
    a += 1;
    b += GNR;
  }
  if (beta == (GT)0) {
#pragma clang loop unroll(full)
    for (int r = 0; r < GMR; ++r) {
#pragma clang loop unroll(full)
      for (int v = 0; v < GNV; ++v) *(GVU *)(c + r * rsc + v * GVL) = acc[r][v] * alpha;
    }
  } else if (alpha == (GT)1 && beta == (GT)1) {
#pragma clang loop unroll(full)
    for (int r = 0; r < GMR; ++r) {
#pragma clang loop unroll(full)
      for (int v = 0; v < GNV; ++v) {
        GVU *cp = (GVU *)(c + r * rsc + v * GVL);
        *cp = *cp + acc[r][v];
      }
    }
  } else {
#pragma clang loop unroll(full)
    for (int r = 0; r < GMR; ++r) {
#pragma clang loop unroll(full)
      for (int v = 0; v < GNV; ++v) {
        GVU *cp = (GVU *)(c + r * rsc + v * GVL);
        *cp = acc[r][v] * alpha + *cp * beta;
      }
    }
  }
}

/// Packs rows [i0, i0 + mc) x depth [p0, p0 + kc) of A into GMR-row panels.
static GTARGET void GFN(pack_a)(const GARGS *P, long i0, long mc, long p0, long kc, GT *dst) {
  const long rsa = P->a_row_stride, csa = P->a_col_stride;
  for (long ir = 0; ir < mc; ir += GMR) {
    const long mr = GFN(min)(GMR, mc - ir);
    GT *d = dst + (ir / GMR) * GMR * GLDA;
    const GT *src = P->a + (i0 + ir) * rsa + p0 * csa;
    if (csa == 1) {
      for (long r = 0; r < mr; ++r) __builtin_memcpy(d + r * GLDA, src + r * rsa, (size_t)kc * sizeof(GT));
    } else if (rsa == 1) {
      // A is stored column-major: transpose GTB x GTB blocks into the panel rows.
      long r = 0;
      for (; r + GTB <= mr; r += GTB) {
        long p = 0;
        for (; p + GTB <= kc; p += GTB) GTRANSPOSE(src + r + p * csa, csa, d + r * GLDA + p, GLDA);
        for (; p < kc; ++p) {
          for (long t = 0; t < GTB; ++t) d[(r + t) * GLDA + p] = src[r + t + p * csa];
        }
      }
      for (; r < mr; ++r) {
        for (long p = 0; p < kc; ++p) d[r * GLDA + p] = src[r + p * csa];
      }
    } else {
      for (long r = 0; r < mr; ++r) {
        for (long p = 0; p < kc; ++p) d[r * GLDA + p] = src[r * rsa + p * csa];
      }
    }
    for (long r = mr; r < GMR; ++r) __builtin_memset(d + r * GLDA, 0, (size_t)kc * sizeof(GT));
  }
}

/// Packs depth [p0, p0 + kc) x columns [j0, j0 + nc) of B into GNR-column panels.
static GTARGET void GFN(pack_b)(const GARGS *P, long p0, long kc, long j0, long nc, GT *dst) {
  const long rsb = P->b_row_stride, csb = P->b_col_stride;
  for (long jr = 0; jr < nc; jr += GNR) {
    const long nr = GFN(min)(GNR, nc - jr);
    GT *d = dst + jr * kc;
    const GT *src = P->b + p0 * rsb + (j0 + jr) * csb;
    if (csb == 1 && nr == GNR) {
      for (long p = 0; p < kc; ++p) {
#pragma clang loop unroll(full)
        for (int v = 0; v < GNV; ++v) *(GV *)(d + p * GNR + v * GVL) = *(const GVU *)(src + p * rsb + v * GVL);
      }
      continue;
    }
    if (csb == 1) {
      for (long p = 0; p < kc; ++p) {
        for (long j = 0; j < nr; ++j) d[p * GNR + j] = src[p * rsb + j];
        for (long j = nr; j < GNR; ++j) d[p * GNR + j] = 0;
      }
      continue;
    }
    if (rsb == 1) {
      // B is stored column-major (e.g. a PyTorch [out, in] weight used as W^T).
      long j = 0;
      for (; j + GTB <= nr; j += GTB) {
        long p = 0;
        for (; p + GTB <= kc; p += GTB) GTRANSPOSE(src + j * csb + p, csb, d + p * GNR + j, GNR);
        for (; p < kc; ++p) {
          for (long t = 0; t < GTB; ++t) d[p * GNR + j + t] = src[(j + t) * csb + p];
        }
      }
      for (; j < nr; ++j) {
        for (long p = 0; p < kc; ++p) d[p * GNR + j] = src[j * csb + p];
      }
    } else {
      for (long p = 0; p < kc; ++p) {
        for (long j = 0; j < nr; ++j) d[p * GNR + j] = src[p * rsb + j * csb];
      }
    }
    if (nr < GNR) {
      for (long p = 0; p < kc; ++p) {
        for (long j = nr; j < GNR; ++j) d[p * GNR + j] = 0;
      }
    }
  }
}

/// C[0..<mr, 0..<nr] (strides rsc, csc) = alpha * tile + beta * C, never reading C when beta == 0.
static GTARGET void GFN(merge_tile)(const GT *tile, long mr, long nr, GT *c, long rsc, long csc,
                                    GT alpha, GT beta) {
  for (long r = 0; r < mr; ++r) {
    for (long j = 0; j < nr; ++j) {
      GT *cp = c + r * rsc + j * csc;
      GT value = alpha * tile[r * GNR + j];
      *cp = beta == (GT)0 ? value : value + beta * *cp;
    }
  }
}

/// C region = beta * C region (used when k == 0 or alpha == 0).
static void GFN(scale_region)(const GARGS *P, long i0, long i1, long j0, long j1) {
  for (long i = i0; i < i1; ++i) {
    for (long j = j0; j < j1; ++j) {
      GT *cp = P->c + i * P->c_row_stride + j * P->c_col_stride;
      *cp = P->beta == (GT)0 ? (GT)0 : P->beta * *cp;
    }
  }
}

/// Blocking of this instantiation.
static mck_gemm_blocking GFN(blocking)(void) {
  mck_gemm_blocking blocking = {GMR, GNR, GKC, GMC, GNC};
  return blocking;
}

/// Computes rows [i0, i1) x columns [j0, j1) of C = alpha * A * B + beta * C.
static GTARGET int GFN(region)(const GARGS *P, long i0, long i1, long j0, long j1) {
  if (i0 >= i1 || j0 >= j1) return 0;
  const long k = P->k;
  if (k <= 0 || P->alpha == (GT)0) {
    GFN(scale_region)(P, i0, i1, j0, j1);
    return 0;
  }
  const long m = i1 - i0, n = j1 - j0;
  const long blocks_k = (k + GKC - 1) / GKC;
  const long kcb = (k + blocks_k - 1) / blocks_k;
  const long blocks_m = (m + GMC - 1) / GMC;
  const long mcb = GFN(round_up)((m + blocks_m - 1) / blocks_m, GMR);
  const long blocks_n = (n + GNC - 1) / GNC;
  const long ncb = GFN(round_up)((n + blocks_n - 1) / blocks_n, GNR);

  const size_t b_elements = (size_t)GFN(round_up)(kcb * ncb, 64 / sizeof(GT));
  const size_t a_elements = (size_t)GFN(round_up)(mcb * GLDA, 64 / sizeof(GT));
  const size_t t_elements = (size_t)GMR * GNR;
  GT *b_pack = (GT *)mck_thread_workspace((b_elements + a_elements + t_elements) * sizeof(GT));
  if (!b_pack) return -1;
  GT *a_pack = b_pack + b_elements;
  GT *tile = a_pack + a_elements;

  const long rsc = P->c_row_stride, csc = P->c_col_stride;
  for (long jc = j0; jc < j1; jc += ncb) {
    const long nc = GFN(min)(ncb, j1 - jc);
    for (long pc = 0; pc < k; pc += kcb) {
      const long kc = GFN(min)(kcb, k - pc);
      const GT beta = pc == 0 ? P->beta : (GT)1;
      GFN(pack_b)(P, pc, kc, jc, nc, b_pack);
      for (long ic = i0; ic < i1; ic += mcb) {
        const long mc = GFN(min)(mcb, i1 - ic);
        GFN(pack_a)(P, ic, mc, pc, kc, a_pack);
        // One A micro-panel stays in L1 while the B panels stream from the
        // L2-resident B block (measured faster than the classic BLIS order
        // here, where a tile is wider than it is tall).
        for (long ir = 0; ir < mc; ir += GMR) {
          const long mr = GFN(min)(GMR, mc - ir);
          const GT *ap = a_pack + (ir / GMR) * GMR * GLDA;
          for (long jr = 0; jr < nc; jr += GNR) {
            const long nr = GFN(min)(GNR, nc - jr);
            const GT *bp = b_pack + jr * kc;
            GT *cp = P->c + (ic + ir) * rsc + (jc + jr) * csc;
            if (mr == GMR && nr == GNR && csc == 1) {
              GFN(micro_kernel)(kc, ap, bp, cp, rsc, P->alpha, beta);
            } else {
              GFN(micro_kernel)(kc, ap, bp, tile, GNR, (GT)1, (GT)0);
              GFN(merge_tile)(tile, mr, nr, cp, rsc, csc, P->alpha, beta);
            }
          }
        }
      }
    }
  }
  return 0;
}

#undef GNR
#undef GLDA
#undef GT
#undef GV
#undef GVU
#undef GVL
#undef GMR
#undef GNV
#undef GKC
#undef GMC
#undef GNC
#undef GPAD
#undef GBPF
#undef GFN
#undef GARGS
#undef GTB
#undef GTRANSPOSE
