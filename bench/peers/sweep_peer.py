"""numpy peer of `headtune sweep --preset paper` (run by bench/sweep.ts): the same work, other random numbers.

Reads a JSON request on stdin: {"processes": int, "n", "nTest", "replicates", "T", "rho", "sEps", "sU",
"sY", "seed", "sizes": [p, ...]} (the paper preset: width scaling d = k = p, orthogonal A, V = I, fixed
model, sequential sampler, min-norm head). With processes > 1 the tasks run in a multiprocessing pool of
that many processes (the caller sets the BLAS thread count through the environment). Per size p, as
src/experiment/size.ts prepareSize: A = rho Q (Q Haar: sign-fixed QR of a Gaussian), W ~ N(0, 1/d), the
population (Lyapunov recursion, Sx, Cxy, Sy, Lx = chol(Sx), B*, Se) and the min-norm theory (eigh(Sx),
weights, zero snap, the fixed point of src/theory/overparameterized.ts by safeguarded Newton). Per
replicate, as runReplicate: n training and nTest test pairs by the sequential sampler, the min-norm head by
Cholesky of the smaller Gram (eigen pseudo-inverse when Cholesky fails or the pivots are ill conditioned,
as src/head/gram-pinv.ts), the excess and oracle risks, the test risk, bias_X and var_X (on the dual side
through X Lx without forming B, as src/risk/minnorm-risks.ts). Tasks are
(p, r) pairs, one per replicate, as in the sweep, largest p first; each process keeps the prepared size
of the last p it saw, as the sweep's workers do (src/experiment/task-runner.ts). Prints JSON: wall seconds, the per-size means and standard
errors of the excess risk (totals over k), the theory's excess (null where it is infinite), the peak RSS of the main process and of
each pool process (kB), and the BLAS thread count.
"""
import json
import os
import resource
import sys
import time

try:
    import numpy as np
    from scipy.linalg import cho_factor, cho_solve, solve_triangular
    IMPORT_ERROR = None
    EPS = np.finfo(float).eps
except ImportError as err:  # reported as absent by bench/sweep.ts
    IMPORT_ERROR = f"numpy or scipy is not importable: {err}"

MAX_ITERATIONS = 200
_LAST = {}


def haar(rng, d):
    q, r = np.linalg.qr(rng.standard_normal((d, d)))
    return q * np.where(np.diag(r) < 0, -1.0, 1.0)


def fixed_point(l, n):
    """s = t l_max solving sum_{l_i > 0} 1 / (1 + s u_i) = r - n (u = l / l_max): Newton in a bracket."""
    u = l[l > 0] / l.max()
    r = u.size
    target = r - n
    lo, hi = n / (target * u.mean()), n / (target * u.min())
    tail = n <= target
    s, step, before = lo, np.log(hi / lo), np.log(hi / lo)
    for _ in range(MAX_ITERATIONS):
        a = 1 / (1 + s * u)
        f = (n - np.sum(s * u * a)) if tail else (np.sum(a) - target)
        df = -np.sum(u * a * a)
        if f == 0:
            return s
        if f > 0:
            lo = s
        else:
            hi = s
        newton = s - f / df
        ok = lo < newton < hi and abs(np.log(newton / s)) <= 0.5 * abs(before)
        nxt = newton if ok else np.sqrt(lo) * np.sqrt(hi)
        before, step = step, np.log(nxt / s)
        if abs(nxt - s) <= 2 * EPS * nxt or hi - lo <= 4 * EPS * hi:
            return nxt
        s = nxt
    raise RuntimeError("fixed point did not converge")


def theory_excess(Sx, Bstar, noise, n):
    l, V = np.linalg.eigh(Sx)
    return spectrum_theory_excess(l, np.sum((V.T @ Bstar) ** 2, axis=1), noise, n)


def spectrum_theory_excess(l, w, noise, n):
    """The min-norm theory's excess (SPEC 6) from the eigenvalues l of Sx and the weights w of B* on them."""
    l = np.where(np.abs(l) <= l.size * EPS * np.abs(l).max(), 0.0, l)
    r = int(np.count_nonzero(l > 0))
    if r < n:
        return noise * r / (n - r)
    if r == n:
        return np.inf
    s = fixed_point(l, n)
    u = l[l > 0] / l.max()
    a = 1 / (1 + s * u)
    m1, m2 = np.sum(u * a * a), np.sum((u * a) ** 2)
    ratio = s * m2 / m1
    bias = (1 + ratio) * np.sum(w[l > 0] * u * a * a) * l.max()
    return bias + noise * ratio


def draw_model(cfg, p):
    """A = rho Q (Q Haar) and W ~ N(0, 1/d), d = p, from the size's own stream."""
    d = p
    rng = np.random.default_rng([cfg["seed"], p, 0])
    A = cfg["rho"] * haar(rng, d)
    W = rng.standard_normal((d, p)) / np.sqrt(d)
    return A, W


def population(cfg, A, W):
    """The Lyapunov recursion, Sx, Cxy, Sy, Lx = chol(Sx), B* and the noise tr(Se)."""
    d, p = W.shape
    S = np.eye(d)
    for _ in range(1, cfg["T"]):
        S = A.T @ S @ A
        S = (S + S.T) / 2 + cfg["sEps"] ** 2 * np.eye(d)
    SA = S @ A
    Sx = W.T @ (S @ W)
    Sx = (Sx + Sx.T) / 2 + cfg["sU"] ** 2 * np.eye(p)
    Snext = A.T @ SA
    Sy = (Snext + Snext.T) / 2 + (cfg["sEps"] ** 2 + cfg["sY"] ** 2) * np.eye(d)
    Cxy = W.T @ SA
    Lx = np.linalg.cholesky(Sx)
    F = solve_triangular(Lx, Cxy, lower=True)
    Bstar = solve_triangular(Lx, F, lower=True, trans="T")
    noise = max(float(np.trace(Sy) - np.sum(F * F)), 0.0)
    return {"A": A, "W": W, "Sx": Sx, "Lx": Lx, "Bstar": Bstar, "noise": noise}


def prepare(cfg, p):
    m = population(cfg, *draw_model(cfg, p))
    m["theory"] = theory_excess(m.pop("Sx"), m["Bstar"], m["noise"], cfg["n"])
    # Kept for the dual side (p > n), as src/experiment/size.ts keeps it in the size's context.
    m["LxtBstar"] = m["Lx"].T @ m["Bstar"] if p > cfg["n"] else None
    return m


def sample(cfg, m, rng, n):
    d, p = m["W"].shape
    Z = rng.standard_normal((n, d))
    for _ in range(1, cfg["T"]):
        Z = Z @ m["A"] + cfg["sEps"] * rng.standard_normal((n, d))
    X = Z @ m["W"] + cfg["sU"] * rng.standard_normal((n, p))
    Z = Z @ m["A"] + cfg["sEps"] * rng.standard_normal((n, d))
    Y = Z + cfg["sY"] * rng.standard_normal((n, d))
    return X, Y


def gram_pinv(G, max_dim):
    """(solve, whiten, exact) of G^+ = H H^T: Cholesky when well conditioned (exact: G^+ G = I), else eigen
    with numpy's pinv cut-off."""
    m = G.shape[0]
    try:
        c = cho_factor(G, lower=True)
        piv = np.diag(c[0]) ** 2
        if piv.min() > m * max_dim * EPS * piv.max():
            return (lambda R: cho_solve(c, R)), (lambda R: solve_triangular(c[0], R, lower=True)), True
    except np.linalg.LinAlgError:
        pass
    lam, V = np.linalg.eigh(G)
    keep = lam > max_dim * EPS * lam[-1]
    H = V[:, keep] / np.sqrt(lam[keep])
    return (lambda R: H @ (H.T @ R)), (lambda R: H.T @ R), False


def factor_min_norm(X):
    """The factored smaller Gram of X, as src/head/minnorm.ts factorMinNorm: (side, solve, whiten, exact)."""
    n, p = X.shape
    if n >= p:
        return ("primal", *gram_pinv(X.T @ X, n))
    solve, _, _ = gram_pinv(X @ X.T, p)
    return "dual", solve, None, False


def min_norm_risks(m, factor, X, Y, Xt, Yt):
    """The excess risk, bias_X, var_X and the test risk of B = X^+ Y, as src/risk/minnorm-risks.ts: B formed on
    the primal side; on the dual side B = X^T Z (Z = K^+ Y) folded through M = X Lx and C = Lx^T B*."""
    Lx, Bstar = m["Lx"], m["Bstar"]
    side, solve, whiten, exact = factor
    if side == "primal":
        B = solve(X.T @ Y)
        # On the Cholesky path P = I and bias_X is exactly 0, as in src/risk/conditional.ts.
        PB = Bstar if exact else solve(X.T @ (X @ Bstar))
        excess = np.sum((Lx.T @ (B - Bstar)) ** 2)
        bias_x = np.sum((Lx.T @ (Bstar - PB)) ** 2)
        trace = np.sum(whiten(Lx) ** 2)
        predictions = Xt @ B
    else:
        Z, M, C = solve(Y), X @ Lx, m["LxtBstar"]
        excess = np.sum((M.T @ Z - C) ** 2)
        bias_x = np.sum((C - M.T @ solve(X @ Bstar)) ** 2)
        trace = np.sum(solve(M) ** 2)
        predictions = (Xt @ X.T) @ Z
    test = np.sum((Yt - predictions) ** 2) / Xt.shape[0]
    return float(excess), float(bias_x), m["noise"] * float(trace), float(test)


def replicate(cfg, p, r):
    if _LAST.get("p") != p:
        _LAST.update(p=p, model=prepare(cfg, p))
    m = _LAST["model"]
    rng = np.random.default_rng([cfg["seed"], p, r + 1])
    X, Y = sample(cfg, m, rng, cfg["n"])
    Xt, Yt = sample(cfg, m, rng, cfg["nTest"])
    excess, bias_x, var_x, test = min_norm_risks(m, factor_min_norm(X), X, Y, Xt, Yt)
    return {"excess": excess, "oracle": m["noise"] + excess, "test": test,
            "biasX": bias_x, "varX": var_x, "theory": m["theory"]}


def serve(task):
    """Reads the request, runs task(cfg, p, r) for every (size, replicate), largest sizes first (as a pool balances
    best), in a pool of cfg["processes"] processes when > 1, and prints the reply (see the module's docstring)."""
    cfg = json.load(sys.stdin)
    if IMPORT_ERROR is not None:
        print(json.dumps({"absent": IMPORT_ERROR}))
        return
    tasks = [(task, cfg, p, r) for p in cfg["sizes"] for r in range(cfg["replicates"])]
    tasks.sort(key=lambda t: -t[2])
    t0 = time.perf_counter()
    if cfg["processes"] > 1:
        import multiprocessing
        with multiprocessing.get_context("fork").Pool(cfg["processes"]) as pool:
            results = pool.map(_call, tasks, chunksize=1)
    else:
        results = [_call(t) for t in tasks]
    seconds = time.perf_counter() - t0
    sizes = []
    for p in cfg["sizes"]:
        ex = np.array([x["excess"] for x in results if x["p"] == p])
        th = next(x["theory"] for x in results if x["p"] == p)
        sizes.append({"p": p, "excess_mean": ex.mean(), "excess_se": ex.std(ddof=1) / np.sqrt(ex.size),
                      "theory_excess": th if np.isfinite(th) else None})
    workers = {}
    for x in results:
        if x["pid"] != os.getpid():
            workers[x["pid"]] = max(workers.get(x["pid"], 0), x["maxrss"])
    print(json.dumps({"seconds": seconds, "sizes": sizes,
                      "mainMaxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "workerMaxRssKiB": sorted(workers.values()),
                      "blasThreads": os.environ.get("OPENBLAS_NUM_THREADS", "default")}))


def _call(args):
    task, cfg, p, r = args
    out = task(cfg, p, r)
    return {**out, "p": p, "pid": os.getpid(), "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


if __name__ == "__main__":
    serve(replicate)
