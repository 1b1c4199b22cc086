"""numpy peer of `headtune sweep --preset paper` with the spectral sampler (SPEC 8a and 8c): the same algorithm
vectorized in numpy, other random numbers. Request and reply as sweep_peer.py (run by bench/sweep.ts with one
single-threaded process per core).

Per size p (width scaling d = k = p): the r = min(d, p) squared singular values of W from the Laguerre
bidiagonal model (chi variates, the eigenvalues of the tridiagonal B^T B by scipy's eigvalsh_tridiagonal),
c = c_T, l_j = c s_j^2 + sU^2, b_j = rho c s_j / l_j, Se_jj, and the min-norm theory from (l, b^2). Per replicate:
X~ = G diag(sqrt l) (n x p), Y~ = X~ diag(b) + E diag(sqrt Se); on the dual side (p > n) K, K_L, Y~ Y~^T, the
weighted Grams of bias_X, R = K^{-1} Y~ by Cholesky, and the test risk through (X~t X~^T) R in blocks of rows; on
the primal side the p x p Gram with B formed, as src/risk/diagonal-risks.ts.
"""
import numpy as np
from scipy.linalg import cho_factor, cho_solve, eigvalsh_tridiagonal

from sweep_peer import serve, spectrum_theory_excess

_LAST = {}
TEST_BLOCK = 128


def prepare(cfg, p):
    d = r = p
    rng = np.random.default_rng([cfg["seed"], p, 0])
    a = np.sqrt(rng.chisquare(np.arange(d, d - r, -1)))
    b = np.sqrt(rng.chisquare(np.arange(r - 1, 0, -1))) if r > 1 else np.zeros(0)
    diag = a * a + np.concatenate(([0.0], b * b))
    s2 = np.maximum(eigvalsh_tridiagonal(diag, a[:-1] * b), 0.0)[::-1] / d
    c = 1.0
    for _ in range(1, cfg["T"]):
        c = cfg["rho"] ** 2 * c + cfg["sEps"] ** 2
    u2 = cfg["sU"] ** 2
    l = c * s2 + u2
    bstar = cfg["rho"] * c * np.sqrt(s2) / l
    se = cfg["rho"] ** 2 * c * u2 / l + cfg["sEps"] ** 2 + cfg["sY"] ** 2
    noise = float(se.sum())
    return {"l": l, "b": bstar, "se": se, "noise": noise,
            "theory": spectrum_theory_excess(l, bstar ** 2, noise, cfg["n"])}


def draw(m, rng, rows):
    X = rng.standard_normal((rows, m["l"].size)) * np.sqrt(m["l"])
    Y = X * m["b"] + rng.standard_normal(X.shape) * np.sqrt(m["se"])
    return X, Y


def replicate(cfg, p, r):
    if _LAST.get("p") != p:
        _LAST.update(p=p, model=prepare(cfg, p))
    m = _LAST["model"]
    rng = np.random.default_rng([cfg["seed"], p, r + 1])
    n, l, b = cfg["n"], m["l"], m["b"]
    X, Y = draw(m, rng, n)
    signal = float(np.sum(l * b * b))
    if p > n:
        K = X @ X.T
        KL = (X * l) @ X.T
        YY = Y @ Y.T
        G11 = (X * b) @ (X * b).T
        G21 = (X * (l * b)) @ (X * b).T
        f = cho_factor(K, lower=True)
        Kinv = cho_solve(f, np.eye(n))
        R = cho_solve(f, Y)
        P = Kinv @ KL @ Kinv
        excess = np.sum(P * YY) - 2 * np.sum((X * (l * b)) * R) + signal
        bias_x = np.sum(P * G11) - 2 * np.sum(Kinv * G21) + signal
        var_x = m["noise"] * np.trace(P)
        predict = lambda Xt: (Xt @ X.T) @ R
    else:
        G = X.T @ X
        f = cho_factor(G, lower=True)
        B = cho_solve(f, X.T @ Y)
        D = B - np.diag(b)
        excess = np.sum(l[:, None] * D * D)
        bias_x = 0.0
        var_x = m["noise"] * np.sum(l * np.diag(cho_solve(f, np.eye(p))))
        predict = lambda Xt: Xt @ B
    test = 0.0
    for t in range(0, cfg["nTest"], TEST_BLOCK):
        Xt, Yt = draw(m, rng, min(TEST_BLOCK, cfg["nTest"] - t))
        test += np.sum((Yt - predict(Xt)) ** 2)
    return {"excess": float(excess), "oracle": m["noise"] + float(excess), "test": test / cfg["nTest"],
            "biasX": float(bias_x), "varX": float(var_x), "theory": m["theory"]}


if __name__ == "__main__":
    serve(replicate)
