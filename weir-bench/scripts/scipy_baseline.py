"""Same-machine baseline for HarvestBench/RidgeBench: the ReservoirPy update written directly in
numpy/scipy (what ReservoirPy 0.4.2 runs per step, without its node overhead), N=1000, 10 % density,
T=20000, leak 0.3, spectral radius 0.9 (scaled with scipy's eigs), 1-D input; then the ridge fit
(X^T X + ridge I) \\ X^T Y with numpy's BLAS. Prints steps/s and seconds; best of `reps` runs."""
import sys, time
import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as sla

n, T, reps = 1000, 20000, int(sys.argv[1]) if len(sys.argv) > 1 else 3
rng = np.random.default_rng(42)
W = sp.random(n, n, density=0.1, format="csr", random_state=rng, data_rvs=rng.standard_normal)
rho = abs(sla.eigs(W, k=1, which="LM", return_eigenvectors=False)[0])
W = (W * (0.9 / rho)).tocsr()
Win = rng.choice([-1.0, 1.0], size=n) * (rng.random(n) < 0.1)
u = np.sin(0.05 * np.arange(T + 1)) + 0.1 * rng.uniform(-1, 1, T + 1)
lr = 0.3
best = 1e9
for _ in range(reps):
    x = np.zeros(n)
    states = np.empty((T, n))
    t0 = time.perf_counter()
    for t in range(T):
        x = (1 - lr) * x + lr * np.tanh(W @ x + Win * u[t])
        states[t] = x
    best = min(best, time.perf_counter() - t0)
print(f"scipy harvest N={n} T={T}: {best:.3f} s, {T / best:,.0f} steps/s")
Y = u[1:T + 1, None]
best = 1e9
for _ in range(reps):
    t0 = time.perf_counter()
    Xm = states.mean(0); Ym = Y.mean(0)
    Xc = states - Xm; Yc = Y - Ym
    Wout = np.linalg.solve(Xc.T @ Xc + 1e-6 * np.eye(n), Xc.T @ Yc)
    best = min(best, time.perf_counter() - t0)
print(f"numpy ridge fit N={n} T={T}: {best:.3f} s")
t0 = time.perf_counter(); G = states.T @ states; g = time.perf_counter() - t0
print(f"numpy X^T X 20000x1000: {g:.3f} s ({2 * T * n * n / g / 1e9:.0f} GFLOP/s effective)")
