"""numpy peer of headtune's benchmark suite (run by bench/numpy.ts, one process per thread setting).

Reads a JSON request on stdin: {"budget": seconds, "maxReps": int, "tasks": [{"id", "op", "dims"}]},
times each task with the protocol of bench/timer.ts (warm-up until one call and budget/4; then timed calls
until the budget and 3 calls, 1 if the warm-up call took over 1 s, at most maxReps; median and min), and
prints one JSON object: the numpy and OpenBLAS build, the BLAS core and thread count this process runs
with, and a result per task id. Without numpy it prints {"absent": reason}.
"""
import ctypes
import json
import statistics
import sys
import time

SLOW_CALL_SECONDS = 1.0
MIN_REPS = 3


def openblas_info():
    """The OpenBLAS this process loaded: threadpoolctl when installed, else the library's own getters."""
    try:
        import threadpoolctl
    except ImportError:
        threadpoolctl = None
    if threadpoolctl is not None:
        for pool in threadpoolctl.threadpool_info():
            if pool.get("internal_api") == "openblas":
                return {"source": "threadpoolctl", "version": pool.get("version"),
                        "core": pool.get("architecture"), "threads": pool.get("num_threads")}
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line})
    for path in paths:
        lib = ctypes.CDLL(path)
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                if hasattr(lib, prefix + "get_corename" + suffix):
                    getter = lambda name, restype: _call(lib, prefix + name + suffix, restype)
                    return {"source": "openblas_get_corename (threadpoolctl not installed)",
                            "config": getter("get_config", ctypes.c_char_p),
                            "core": getter("get_corename", ctypes.c_char_p),
                            "threads": getter("get_num_threads", ctypes.c_int)}
    return {"source": "no OpenBLAS library found in this process"}


def _call(lib, name, restype):
    fn = getattr(lib, name)
    fn.restype = restype
    value = fn()
    return value.decode() if isinstance(value, bytes) else value


def measure(call, budget, max_reps):
    warm, warm_calls, first = 0.0, 0, 0.0
    while warm_calls == 0 or (warm < budget / 4 and warm_calls < max_reps):
        t0 = time.perf_counter()
        call()
        t = time.perf_counter() - t0
        if warm_calls == 0:
            first = t
        warm += t
        warm_calls += 1
    min_reps = 1 if first > SLOW_CALL_SECONDS else MIN_REPS
    times, spent = [], 0.0
    while (len(times) < min_reps or spent < budget) and len(times) < max_reps:
        t0 = time.perf_counter()
        call()
        t = time.perf_counter() - t0
        times.append(t)
        spent += t
    return {"median": statistics.median(times), "min": min(times), "count": len(times)}


def make_call(np, op, dims):
    """Inputs as in bench/inputs.ts (Gaussian X; S = X^T X / n + I), then the operation to time.
    minnorm is B = X^+ Y by the normal equations of the smaller Gram, as headtune's fitMinNorm."""
    rng = np.random.default_rng(1)
    if op in ("syrk_t", "syrk_n"):
        n, p = dims
        X = rng.standard_normal((n, p))
        return (lambda: X.T @ X) if op == "syrk_t" else (lambda: X @ X.T)
    if op == "gemm":
        m, n, k = dims
        A, B = rng.standard_normal((m, k)), rng.standard_normal((k, n))
        return lambda: A @ B
    if op in ("potrf", "syev"):
        (n,) = dims
        X = rng.standard_normal((n, n))
        S = X.T @ X / n + np.eye(n)
        return (lambda: np.linalg.cholesky(S)) if op == "potrf" else (lambda: np.linalg.eigh(S))
    if op == "minnorm":
        n, p, k = dims
        X, Y = rng.standard_normal((n, p)), rng.standard_normal((n, k))
        if n >= p:
            return lambda: np.linalg.solve(X.T @ X, X.T @ Y)
        return lambda: X.T @ np.linalg.solve(X @ X.T, Y)
    if op == "forward":
        n, T, H, V = dims
        P = rng.random((H, H))
        P /= P.sum(1, keepdims=True)
        E = rng.random((H, V))
        E /= E.sum(1, keepdims=True)
        Et = np.ascontiguousarray(E.T)
        pi = np.full(H, 1.0 / H)
        tokens = np.ascontiguousarray(rng.integers(0, V, (n, T)).T)
        # Preallocated outputs, as hmmForward works in place: numpy's temporaries of n x H (1 MB at n = 2500)
        # are fresh pages on every call, which costs more than the products and swings with the machine's load.
        alpha, a, e, s = np.empty((n, H)), np.empty((n, H)), np.empty((n, H)), np.empty((n, 1))

        def forward():
            """alpha_T of n strings by the scaled forward algorithm, batched as headtune's hmmForward."""
            np.take(Et, tokens[0], axis=0, out=e)
            np.multiply(pi, e, out=alpha)
            np.sum(alpha, axis=1, keepdims=True, out=s)
            np.divide(alpha, s, out=alpha)
            for t in range(1, T):
                np.matmul(alpha, P, out=a)
                np.take(Et, tokens[t], axis=0, out=e)
                np.multiply(a, e, out=a)
                np.sum(a, axis=1, keepdims=True, out=s)
                np.divide(a, s, out=alpha)
            return alpha
        return forward
    if op == "normal":
        (n,) = dims
        return lambda: rng.standard_normal(n)
    if op.startswith("task_"):
        return task_phase(np, op[len("task_"):], dims)
    raise ValueError(f"unknown op {op!r}")


def task_phase(np, phase, dims):
    """One phase of a sweep task of size p, by bench/peers/sweep_peer.py's own functions (bench/task.ts
    times ours). dims = [p, n, nTest, T, rho, sEps, sU, sY, seed]; the inputs of a phase (model, samples,
    factor) are computed once, untimed."""
    import sweep_peer as peer
    p, n, n_test, T, rho, s_eps, s_u, s_y, seed = dims
    cfg = {"n": int(n), "nTest": int(n_test), "T": int(T), "rho": rho, "sEps": s_eps, "sU": s_u, "sY": s_y,
           "seed": int(seed)}
    p = int(p)
    if phase == "model":
        return lambda: peer.draw_model(cfg, p)
    if phase == "prepare":
        return lambda: peer.prepare(cfg, p)
    A, W = peer.draw_model(cfg, p)
    if phase == "population":
        return lambda: peer.population(cfg, A, W)
    if phase == "theory":
        pop = peer.population(cfg, A, W)
        return lambda: peer.theory_excess(pop["Sx"], pop["Bstar"], pop["noise"], cfg["n"])
    m = peer.prepare(cfg, p)
    peer._LAST.update(p=p, model=m)
    if phase == "replicate":
        return lambda: peer.replicate(cfg, p, 0)
    rng = np.random.default_rng([cfg["seed"], p, 1])
    if phase == "sample":
        return lambda: (peer.sample(cfg, m, rng, cfg["n"]), peer.sample(cfg, m, rng, cfg["nTest"]))
    X, Y = peer.sample(cfg, m, rng, cfg["n"])
    Xt, Yt = peer.sample(cfg, m, rng, cfg["nTest"])
    if phase == "fit":
        return lambda: peer.factor_min_norm(X)
    factor = peer.factor_min_norm(X)
    if phase == "risks":
        return lambda: peer.min_norm_risks(m, factor, X, Y, Xt, Yt)
    raise ValueError(f"unknown task phase {phase!r}")


def main():
    request = json.load(sys.stdin)
    try:
        import numpy as np
    except ImportError as err:
        print(json.dumps({"absent": f"numpy is not importable: {err}"}))
        return
    results = {}
    for task in request["tasks"]:
        try:
            call = make_call(np, task["op"], task["dims"])
            results[task["id"]] = measure(call, request["budget"], request["maxReps"])
        except Exception as err:  # reported in the table, the other tasks go on
            results[task["id"]] = {"error": f"{type(err).__name__}: {err}"}
    print(json.dumps({"numpy": np.__version__, "openblas": openblas_info(), "results": results}))


if __name__ == "__main__":
    main()
