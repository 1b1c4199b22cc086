"""numpy peer of `headtune sweep --preset paper` written plainly, as a researcher would: the HMM run token by
token, the min-norm head by Cholesky of the smaller Gram (pinv when that fails), B formed, and every risk through
Sx. Request and reply as sweep_peer.py (run by bench/sweep.ts as one process with OpenBLAS's default threads).
"""
import numpy as np
from scipy.linalg import LinAlgError, cho_factor, cho_solve

from sweep_peer import draw_model, serve, theory_excess

_LAST = {}


def prepare(cfg, p):
    A, W = draw_model(cfg, p)
    d = p
    S = np.eye(d)
    for _ in range(1, cfg["T"]):
        S = A.T @ S @ A + cfg["sEps"] ** 2 * np.eye(d)
    Sx = W.T @ S @ W + cfg["sU"] ** 2 * np.eye(p)
    Cxy = W.T @ S @ A
    Sy = A.T @ S @ A + (cfg["sEps"] ** 2 + cfg["sY"] ** 2) * np.eye(d)
    Bstar = np.linalg.solve(Sx, Cxy)
    Se = Sy - Bstar.T @ Sx @ Bstar
    noise = float(np.trace(Se))
    return {"A": A, "W": W, "Sx": Sx, "Bstar": Bstar, "noise": noise,
            "theory": theory_excess(Sx, Bstar, noise, cfg["n"])}


def sequences(cfg, m, rng, n):
    """n independent runs of the chain, token by token: z_1 ~ N(0, I), z_{t+1} = z_t A + eps; x = x_T, y from z_{T+1}."""
    A, W = m["A"], m["W"]
    z = rng.standard_normal((n, A.shape[0]))
    for _ in range(1, cfg["T"]):
        z = z @ A + cfg["sEps"] * rng.standard_normal(z.shape)
    x = z @ W + cfg["sU"] * rng.standard_normal((n, W.shape[1]))
    y = z @ A + cfg["sEps"] * rng.standard_normal(z.shape) + cfg["sY"] * rng.standard_normal(z.shape)
    return x, y


def min_norm(X, Y):
    n, p = X.shape
    try:
        if n >= p:
            return cho_solve(cho_factor(X.T @ X), X.T @ Y)
        return X.T @ cho_solve(cho_factor(X @ X.T), Y)
    except LinAlgError:
        return np.linalg.pinv(X) @ Y


def replicate(cfg, p, r):
    if _LAST.get("p") != p:
        _LAST.update(p=p, model=prepare(cfg, p))
    m = _LAST["model"]
    rng = np.random.default_rng([cfg["seed"], p, r + 1])
    X, Y = sequences(cfg, m, rng, cfg["n"])
    Xt, Yt = sequences(cfg, m, rng, cfg["nTest"])
    Sx, Bstar = m["Sx"], m["Bstar"]
    B = min_norm(X, Y)
    D = B - Bstar
    excess = np.trace(D.T @ Sx @ D)
    # bias_X = tr(E^T Sx E) with E = (I - X^+ X) B*, var_X = tr(Se) tr(Sx (X^T X)^+), by the smaller Gram.
    n, p = X.shape
    if n >= p:
        bias_x = 0.0
        var_x = m["noise"] * np.sum(Sx * np.linalg.inv(X.T @ X))
    else:
        K = X @ X.T
        E = Bstar - X.T @ np.linalg.solve(K, X @ Bstar)
        bias_x = np.trace(E.T @ Sx @ E)
        Q = np.linalg.solve(K, X)
        var_x = m["noise"] * np.sum((Q @ Sx) * Q)
    test = np.sum((Yt - Xt @ B) ** 2) / cfg["nTest"]
    return {"excess": float(excess), "oracle": m["noise"] + float(excess), "test": float(test),
            "biasX": float(bias_x), "varX": float(var_x), "theory": m["theory"]}


if __name__ == "__main__":
    serve(replicate)
