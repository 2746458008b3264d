#!/usr/bin/env python3
"""Reference values for LEACETests.swift: closed-form LEACE written independently in numpy.

Run from anywhere:  python3 Tests/InterventionsTests/Reference/leace_reference.py
Needs numpy (written with numpy 2.4). Prints Swift array literals that LEACETests.swift holds as
its golden values; the output is deterministic. The tests never run this script.

Formula (Belrose et al. 2023, EleutherAI concept-erasure `LeaceFitter`, method "leace", no shrinkage):
    r(x) = x - W^+ P W (x - mu),  W = Sigma_xx^{-1/2} (eigenvalues <= d * eps * max count as 0),
    P = U U^T, U = left singular vectors of W Sigma_xz D^{-1} (D = concept standard deviations)
    whose singular value exceeds max(0.01 * largest, 1e-12).
Covariances use divisor n (LEACE does not depend on it).

The data come from a SplitMix64 stream (the same integer arithmetic as the Swift tests'
`LEACETests.uniforms`): u = (next >> 11) * 2^-53 - 0.5.
"""
import numpy as np

MASK = (1 << 64) - 1


def uniforms(seed, count):
    state = seed & MASK
    out = []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        out.append((z >> 11) * 2.0**-53 - 0.5)
    return np.array(out)


def dataset(case):
    """The rows and concepts of each test case (mirrors LEACETests.dataset)."""
    n, d = 200, 6
    base = uniforms(11, n * d).reshape(n, d)
    mixing = uniforms(12, d * d).reshape(d, d) + 2 * np.eye(d)
    x = base @ mixing + np.arange(1, d + 1) * 0.25
    noise = uniforms(13, n * 3).reshape(n, 3)
    z1 = x[:, 0] - 0.5 * x[:, 3] + 0.3 * noise[:, 0]
    z2 = 0.7 * x[:, 2] + x[:, 4] + 0.3 * noise[:, 1]
    if case == "full":
        return x, np.stack([z1, z2], axis=1)
    if case == "deficient":
        x = x.copy()
        x[:, 5] = x[:, 0] + 2 * x[:, 1]
        return x, np.stack([z1, z2], axis=1)
    if case == "collinear":
        return x, np.stack([z1, z2, z1 + 1e-4 * noise[:, 2]], axis=1)
    raise ValueError(case)


def leace(x, z, svd_tol=0.01):
    n, d = x.shape
    mu = x.mean(axis=0)
    xc = x - mu
    zc = z - z.mean(axis=0)
    sxx = xc.T @ xc / n
    sxz = xc.T @ zc / n
    sd = np.sqrt((zc * zc).sum(axis=0) / n)
    lam, v = np.linalg.eigh(sxx)
    keep = lam > lam[-1] * d * np.finfo(float).eps
    inv_root = np.where(keep, 1 / np.sqrt(np.where(keep, lam, 1)), 0.0)
    root = np.where(keep, np.sqrt(np.clip(lam, 0, None)), 0.0)
    w = (v * inv_root) @ v.T
    w_plus = (v * root) @ v.T
    u, s, _ = np.linalg.svd(w @ sxz / sd, full_matrices=False)
    kept = s > max(svd_tol * s[0], 1e-12)
    u = u[:, kept]
    left = w_plus @ u
    right = u.T @ w
    return mu, left, right, s


def swift(values):
    return "[" + ", ".join(repr(float(v)) for v in np.ravel(values)) + "]"


for case in ["full", "deficient", "collinear"]:
    x, z = dataset(case)
    mu, left, right, s = leace(x, z)
    edit = left @ right
    erased = x - (x - mu) @ right.T @ left.T
    print(f"// {case}: rank {left.shape[1]}")
    print(f"  static let {case}Edit: [Double] = {swift(edit)}")
    print(f"  static let {case}Erased: [Double] = {swift(erased[:3])}")
    print(f"  static let {case}SingularValues: [Double] = {swift(s)}")
