#!/usr/bin/env python3
"""Generates golden.json, the reference values for PreferenceStatisticsTests.

Run from anywhere:  python3 Tests/PreferenceStatisticsTests/Golden/make_golden.py
Needs numpy and scipy (written with scipy 1.17.1, numpy 2.4). The output is deterministic.

Reference implementations used:
  * Wilcoxon signed-rank: scipy.stats.wilcoxon(d, zero_method="wilcox", method="auto",
    correction=...), two-sided.
  * Wilson interval: scipy.stats.binomtest(k, n).proportion_ci(method="wilson").
  * Benjamini-Hochberg: scipy.stats.false_discovery_control(p, method="bh").
  * Normal quantile: scipy.stats.norm.ppf.
  * AUC: scipy.stats.mannwhitneyu(pos, neg).statistic / (n_pos * n_neg).
  * Logistic models: an independent numpy Newton solver written below (no intercept; the
    length-controlled model unpenalized with model-based and cluster-robust Wald errors, the
    joint model with an L2 penalty lambda/2 * ||w||^2 on the summed log-loss).
The dataset section also needs the seeded hash of Sources/PreferenceStatistics/Support/PairHash.swift,
ported below, to reproduce orientations, split halves and cross-fitting folds.
"""
import json
import os

import numpy as np
from scipy import stats
from scipy.stats import rankdata

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
DEFAULT_SEED = 0x7072656661756469
ORIENTATION_SALT = 0x6F7269656E746174
HALF_SALT = 0x73706C697468616C
FOLD_SALT = 0x666F6C6473706C74


def splitmix64(state):
    state = (state + GOLDEN) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def mix(key, seed, salt):
    return splitmix64(key ^ (((seed ^ salt) * GOLDEN) & MASK))


def scipy_auto_method(d):
    d = np.asarray(d, dtype=float)
    nz = d[d != 0]
    has_ties = len(np.unique(np.abs(nz))) < len(nz)
    if len(d) > 50:
        return "normalApproximation"
    if not has_ties and (d == 0).sum() == 0:
        return "exact"
    if len(d) <= 13:
        return "signFlipEnumeration"
    return "normalApproximation"


def wilcoxon_case(name, d, correction=True):
    d = np.asarray(d, dtype=float)
    res = stats.wilcoxon(d, correction=correction)
    nz = d[d != 0]
    r = rankdata(np.abs(nz))
    return {
        "name": name,
        "differences": [float(x) for x in d],
        "continuityCorrection": correction,
        "pValue": float(res.pvalue),
        "statistic": float(res.statistic),
        "positiveRankSum": float(r[nz > 0].sum()),
        "method": scipy_auto_method(d),
    }


def wilcoxon_cases(rng):
    cases = []
    cases.append(wilcoxon_case("exact n=1", [2.5]))
    cases.append(wilcoxon_case("exact n=10", np.round(rng.normal(0.5, 1, 10), 4)))
    cases.append(wilcoxon_case("exact n=25 shifted", np.round(rng.normal(0.6, 1, 25), 5)))
    cases.append(wilcoxon_case("exact n=50", np.round(rng.normal(0.1, 1, 50), 6)))
    cases.append(wilcoxon_case("exact n=20 all positive", np.round(rng.uniform(0.1, 3, 20), 5)))
    cases.append(wilcoxon_case("approx n=51", np.round(rng.normal(0.2, 1, 51), 6)))
    cases.append(wilcoxon_case("enumeration n=12 ties", rng.choice([-3, -2, -1, 1, 2, 3], 12).astype(float)))
    cases.append(wilcoxon_case("enumeration n=13 zeros", rng.integers(-3, 4, 13).astype(float)))
    cases.append(wilcoxon_case("enumeration n=5 tie", [1.0, 1.0, 2.0, 3.0, 4.0]))
    cases.append(wilcoxon_case("enumeration n=8 half ranks", [0.5, -0.5, 1.0, 1.0, -1.5, 2.0, 0.0, 2.5]))
    cases.append(wilcoxon_case("approx n=14 zeros", rng.integers(-3, 4, 14).astype(float)))
    d = rng.integers(-4, 6, 40).astype(float)
    cases.append(wilcoxon_case("approx n=40 ties and zeros", d))
    cases.append(wilcoxon_case("approx n=40 ties and zeros, no correction", d, correction=False))
    d = (rng.poisson(2.3, 500) - rng.poisson(2.0, 500)).astype(float)
    cases.append(wilcoxon_case("approx n=500 counts", d))
    cases.append(wilcoxon_case("approx n=500 counts, no correction", d, correction=False))
    cases.append(wilcoxon_case("approx n=300 continuous", np.round(rng.normal(0.15, 1, 300), 6)))
    cases.append(wilcoxon_case("approx n=60 one magnitude", rng.choice([-1.0, 1.0, 1.0], 60)))
    cases.append(wilcoxon_case("approx n=30 halves", rng.integers(-6, 7, 30) / 2.0))
    cases.append(wilcoxon_case("approx n=2000 strong", (rng.poisson(3, 2000) - rng.poisson(2, 2000)).astype(float)))
    return cases


def wilson_cases():
    out = []
    for k, n, level in [(0, 10, 0.95), (10, 10, 0.95), (3, 10, 0.95), (50, 100, 0.95), (1, 1, 0.95),
                        (0, 1, 0.95), (7, 1000, 0.95), (993, 1000, 0.95), (123456, 250000, 0.95),
                        (17, 40, 0.90), (17, 40, 0.99)]:
        ci = stats.binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
        out.append({"successes": k, "trials": n, "level": level, "lower": float(ci.low), "upper": float(ci.high)})
    return out


def bh_cases(rng):
    out = []
    lists = [
        rng.uniform(0, 1, 20),
        np.concatenate([rng.uniform(0, 0.01, 5), rng.uniform(0, 1, 15)]),
        np.array([0.01, 0.01, 0.03, 0.04, 0.04, 0.2, 1.0, 1.0]),
        np.array([0.5]),
        np.array([1e-12, 0.9, 0.049, 0.051, 0.0001]),
    ]
    for p in lists:
        q = stats.false_discovery_control(p, method="bh")
        out.append({"pValues": [float(x) for x in p], "qValues": [float(x) for x in q]})
    return out


def quantile_cases():
    ps = [1e-300, 1e-10, 0.001, 0.02, 0.025, 0.3, 0.5, 0.7, 0.95, 0.975, 0.995, 0.999999, 1 - 1e-12]
    return [{"p": p, "z": float(stats.norm.ppf(p))} for p in ps]


def auc_cases(rng):
    out = []
    for pos, neg in [([3, 2, 2, 5, 1], [1, 2, 0, 0, 4, 2]),
                     (list(np.round(rng.normal(0.5, 1, 30), 1)), list(np.round(rng.normal(0, 1, 40), 1)))]:
        u = stats.mannwhitneyu(pos, neg).statistic
        out.append({"positive": [float(x) for x in pos], "negative": [float(x) for x in neg],
                    "auc": float(u / (len(pos) * len(neg)))})
    return out


def sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))


def newton_logistic(x, y, lam, weights=None):
    """Minimizes sum w*(softplus(z) - y*z) + lam/2 |beta|^2, z = x @ beta, by damped Newton."""
    n, p = x.shape
    w = np.ones(n) if weights is None else weights
    beta = np.zeros(p)

    def objective(b):
        z = x @ b
        return np.sum(w * (np.logaddexp(0, z) - y * z)) + 0.5 * lam * b @ b

    current = objective(beta)
    for _ in range(200):
        prob = sigmoid(x @ beta)
        grad = x.T @ (w * (prob - y)) + lam * beta
        hess = (x * (w * prob * (1 - prob))[:, None]).T @ x + lam * np.eye(p)
        step = np.linalg.solve(hess, grad)
        dec = grad @ step
        t = 1.0
        while objective(beta - t * step) > current - 1e-4 * t * dec and t > 1e-12:
            t /= 2
        beta = beta - t * step
        current = objective(beta)
        if dec < 1e-22:
            break
    return beta


def dataset(rng):
    """2000 pairs, 3 features (a counted one, a continuous one, a null one) and length."""
    n = 2000
    prompts = 1300
    high = rng.integers(0, 2**32, prompts, dtype=np.uint64)
    low = rng.integers(0, 2**32, prompts, dtype=np.uint64)
    prompt_keys = [(int(h) << 32) | int(lo) for h, lo in zip(high, low)]
    cluster = rng.integers(0, prompts, n)
    keys = [prompt_keys[c] for c in cluster]
    # Two candidate responses per pair; the preference depends on bullets and length.
    length_a = np.round(rng.lognormal(5, 0.6, n))
    length_b = np.round(rng.lognormal(5, 0.6, n))
    bullets_a = rng.poisson(1 + length_a / 200)
    bullets_b = rng.poisson(1 + length_b / 200)
    score_a = np.round(rng.normal(0, 1, n), 4)
    score_b = np.round(rng.normal(0, 1, n), 4)
    noise_a = rng.poisson(1.5, n).astype(float)
    noise_b = rng.poisson(1.5, n).astype(float)
    logit = 0.35 * (bullets_a - bullets_b) + 0.004 * (length_a - length_b) + 0.3 * (score_a - score_b)
    a_wins = rng.uniform(0, 1, n) < sigmoid(logit)

    def pick(a, b):
        return np.where(a_wins, a, b).astype(float), np.where(a_wins, b, a).astype(float)

    features = {
        "bullets": pick(bullets_a, bullets_b),
        "score": pick(score_a, score_b),
        "noise": pick(noise_a, noise_b),
    }
    length_c, length_r = pick(length_a, length_b)
    delta_length = length_c - length_r
    names = list(features)
    deltas = {k: v[0] - v[1] for k, v in features.items()}
    seed = DEFAULT_SEED
    orient = np.array([mix(i, seed, ORIENTATION_SALT) & 1 == 0 for i in range(n)])
    sign = np.where(orient, 1.0, -1.0)
    half = np.array([mix(k, seed, HALF_SALT) & 1 for k in keys])
    _, cluster_index = np.unique(np.array(keys, dtype=np.uint64), return_inverse=True)
    groups = cluster_index.max() + 1

    per_feature = []
    pvals = []
    for name in names:
        d = deltas[name]
        res = stats.wilcoxon(d, correction=True)
        wins, losses = int((d > 0).sum()), int((d < 0).sum())
        ci = stats.binomtest(wins, wins + losses).proportion_ci(method="wilson")
        # Length-controlled model: unoriented covariates with label 1 (equivalent to oriented).
        sf = np.sqrt(np.mean(d ** 2))
        sl = np.sqrt(np.mean(delta_length ** 2))
        u = np.column_stack([d / sf, delta_length / sl])
        beta = newton_logistic(u * sign[:, None], orient.astype(float), 0.0)
        prob = sigmoid(u @ beta)
        info = (u * (prob * (1 - prob))[:, None]).T @ u
        v = np.linalg.inv(info)
        se = np.sqrt(v[0, 0])
        scores = np.zeros((groups, 2))
        np.add.at(scores, cluster_index, (1 - prob)[:, None] * u)
        meat = scores.T @ scores * groups / (groups - 1)
        robust = v @ meat @ v
        rse = np.sqrt(robust[0, 0])
        pvals.append(res.pvalue)
        per_feature.append({
            "name": name,
            "chosen": [float(x) for x in features[name][0]],
            "rejected": [float(x) for x in features[name][1]],
            "meanChosen": float(features[name][0].mean()),
            "meanRejected": float(features[name][1].mean()),
            "meanDifference": float(d.mean()),
            "standardDeviation": float(d.std(ddof=1)),
            "effectSize": float(d.mean() / d.std(ddof=1)),
            "wins": wins, "losses": losses, "ties": int((d == 0).sum()),
            "wilsonLower": float(ci.low), "wilsonUpper": float(ci.high),
            "pValue": float(res.pvalue),
            "halfMeanA": float(d[half == 0].mean()), "halfMeanB": float(d[half == 1].mean()),
            "halfCountA": int((half == 0).sum()),
            "lengthControlled": {
                "coefficient": float(beta[0]), "lengthCoefficient": float(beta[1]),
                "standardError": float(se), "pValue": float(2 * stats.norm.sf(abs(beta[0] / se))),
                "clusterRobustStandardError": float(rse),
                "clusterRobustPValue": float(2 * stats.norm.sf(abs(beta[0] / rse))),
                "featureScale": float(sf), "lengthScale": float(sl),
            },
        })
    qvals = stats.false_discovery_control(np.array(pvals), method="bh")
    for entry, q in zip(per_feature, qvals):
        entry["qValue"] = float(q)

    # Joint model: standardized deltas (features then length), L2 = 1, 5 folds by prompt.
    lam = 1.0
    k_folds = 5
    columns = [deltas[name] for name in names] + [delta_length]
    scales = np.array([np.sqrt(np.mean(c ** 2)) for c in columns])
    z = np.column_stack(columns) / scales
    x = z * sign[:, None]
    y = orient.astype(float)
    coefficients = newton_logistic(x, y, lam)
    fold = np.array([mix(k, seed, FOLD_SALT) % k_folds for k in keys])
    logits = np.zeros(n)
    fold_coefficients = []
    for f in range(k_folds):
        wts = (fold != f).astype(float)
        b = newton_logistic(x, y, lam, wts)
        fold_coefficients.append([float(v) for v in b])
        logits[fold == f] = z[fold == f] @ b
    oriented = logits * sign
    auc = stats.mannwhitneyu(oriented[orient], oriented[~orient]).statistic / (orient.sum() * (~orient).sum())
    total = logits[:, None] + logits[None, :]
    sym = (np.sum(total > 0) + 0.5 * np.sum(total == 0)) / n ** 2
    accuracy = (np.sum(logits > 0) + 0.5 * np.sum(logits == 0)) / n
    contributions = z[:5] * np.array([fold_coefficients[f] for f in fold[:5]])
    return {
        "clusterKeys": [str(k) for k in keys],
        "lengthDifferences": [float(v) for v in delta_length],
        "features": per_feature,
        "joint": {
            "l2Penalty": lam, "foldCount": k_folds,
            "scales": [float(s) for s in scales],
            "coefficients": [float(v) for v in coefficients],
            "foldCoefficients": fold_coefficients,
            "folds": [int(f) for f in fold],
            "logits": [float(v) for v in logits],
            "auc": float(auc), "symmetrizedAUC": float(sym), "accuracy": float(accuracy),
            "firstContributions": [[float(v) for v in row] for row in contributions],
        },
    }


def main():
    rng = np.random.default_rng(20260601)
    golden = {
        "generator": "make_golden.py",
        "wilcoxon": wilcoxon_cases(rng),
        "wilson": wilson_cases(),
        "benjaminiHochberg": bh_cases(rng),
        "normalQuantile": quantile_cases(),
        "auc": auc_cases(rng),
        "dataset": dataset(rng),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden.json")
    with open(path, "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
