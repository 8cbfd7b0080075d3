#!/usr/bin/env python3
"""ReservoirPy 0.4.2 side of the Weir-vs-ReservoirPy comparison (BENCHMARKS.md).

ReservoirPy is not vendored: it is imported from the directories listed in the environment variable
RESERVOIRPY_PATH (os.pathsep-separated, prepended to sys.path), or from PYTHONPATH / site-packages. See
BENCHMARKS.md for how to set it up without pip.

Sub-commands (each prints one JSON object on stdout):

  accuracy [--seeds 1-20] [--narma-seeds 1-5]
      The tasks of shared/peers/reservoirpy/README.md: Mackey-Glass one-step and 10-step NRMSE (N=500,
      sr 1.25, lr 0.3, input scaling 1, 10 % recurrent / input connectivity, bias 0, ridge 1e-6,
      warm-up 100, test continues from the training state) and NARMA-10 (N=500, sr 0.95, lr 1, input
      scaling 0.5, warm-up 200). Per seed, mean over seeds 1..5, mean / median / quartiles over all.

  speed [--reps 3] [--reps-large 1]
      Issue 7's rows: state harvesting (reservoir.run, T=20000, 1-D input, lr 0.3, sr 0.9, 10 %
      connectivity) at N=300/1000/3000, reservoir initialisation with spectral-radius scaling at N=3000,
      Ridge fit (ridge 1e-6) on the N=1000 states, fit end to end at N=1000 (build + harvest + ridge), and
      64 sequences x 1000 steps run through one reservoir (ReservoirPy's multi-series run). Best of reps.

  dump SEED DIR [--task mg1|mg10|narma]
      Writes ReservoirPy's W (COO csv), Win (csv) and its NRMSE for one seed of one task, so that Weir can
      run the very same matrices (org.weir.bench.PeerAccuracy rpy DIR).
"""
import argparse
import json
import os
import platform
import sys
import time

_extra = [p for p in os.environ.get("RESERVOIRPY_PATH", "").split(os.pathsep) if p]
for p in reversed(_extra):
    sys.path.insert(0, p)
if _extra:  # joblib's worker processes (run(..., workers=-1)) must find the same packages
    os.environ["PYTHONPATH"] = os.pathsep.join(_extra + [p for p in [os.environ.get("PYTHONPATH")] if p])

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import reservoirpy  # noqa: E402
from reservoirpy.nodes import Reservoir, Ridge  # noqa: E402


HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
# WEIR_PEERS_DIR, else ../shared/peers next to the repository (the main checkout), else ../../shared/peers
# (a worktree one level deeper).
PEERS = os.environ.get("WEIR_PEERS_DIR") or next(
    (p for p in (os.path.join(ROOT, "..", "shared", "peers"), os.path.join(ROOT, "..", "..", "shared", "peers"))
     if os.path.isdir(p)), os.path.join(ROOT, "..", "shared", "peers"))


def load_csv(name):
    return np.loadtxt(os.path.join(PEERS, "reservoirpy", name), delimiter=",", skiprows=1)


def nrmse(y, p):
    """RMSE divided by the (population) standard deviation of the targets, as in the peers README."""
    return float(np.sqrt(np.mean((p - y) ** 2)) / np.std(y))


def task_data(task):
    """(train inputs, train targets, test inputs, test targets, warm-up, reservoir kwargs)."""
    if task in ("mg1", "mg10"):
        h = 1 if task == "mg1" else 10
        x = load_csv("mackey_glass.csv")[:, 2]
        col = lambda a: a.reshape(-1, 1)  # noqa: E731
        return (col(x[0:8000 - h]), col(x[h:8000]), col(x[8000 - h:10000 - h]), col(x[8000:10000]), 100,
                dict(lr=0.3, sr=1.25, input_scaling=1.0))
    if task == "narma":
        d = load_csv("narma10.csv")
        u = d[10:7010, 1].reshape(-1, 1)
        y = d[10:7010, 2].reshape(-1, 1)
        return u[:5000], y[:5000], u[5000:], y[5000:], 200, dict(lr=1.0, sr=0.95, input_scaling=0.5)
    raise ValueError(f"unknown task {task}")


def make_reservoir(seed, units=500, **kw):
    # bias=0.0 is ReservoirPy 0.4.2's default: a float bias is added as is (no bias_scaling / input_bias
    # arguments exist in this version; Reservoir.initialize draws a bias only when `bias` is callable).
    return Reservoir(units, rc_connectivity=0.1, input_connectivity=0.1, bias=0.0, seed=seed, **kw)


def run_task(task, seed, keep=False):
    xtr, ytr, xte, yte, warm, kw = task_data(task)
    r = make_reservoir(seed, **kw)
    states = r.run(xtr)
    ro = Ridge(ridge=1e-6)
    ro.fit(states, ytr, warmup=warm)
    pred = ro.run(r.run(xte))  # continues from the last training state
    e = nrmse(yte, pred)
    return (e, r) if keep else e


def parse_range(s):
    a, _, b = s.partition("-")
    return list(range(int(a), int(b or a) + 1))


def summary(v):
    v = np.asarray(v)
    return dict(mean=float(v.mean()), median=float(np.median(v)), q25=float(np.quantile(v, 0.25)),
                q75=float(np.quantile(v, 0.75)), min=float(v.min()), max=float(v.max()),
                count_above_0_003=int((v > 0.003).sum()), n=int(v.size))


def cmd_accuracy(args):
    out = {"library": f"reservoirpy {reservoirpy.__version__}"}
    for task, seeds in (("mg1", parse_range(args.seeds)), ("mg10", parse_range(args.seeds)),
                        ("narma", parse_range(args.narma_seeds))):
        per = {s: run_task(task, s) for s in seeds}
        v = list(per.values())
        out[task] = dict(per_seed={str(s): e for s, e in per.items()},
                         mean_seeds_1_5=float(np.mean([per[s] for s in range(1, 6) if s in per])),
                         **summary(v))
        print(f"{task}: " + " ".join(f"{s}:{e:.5f}" for s, e in per.items()), file=sys.stderr)
    return out


def sine_input(T, seed=5):
    rng = np.random.default_rng(seed)
    return (np.sin(0.05 * np.arange(T + 1)) + 0.1 * rng.uniform(-1, 1, T + 1)).reshape(-1, 1)


def timed(f, reps):
    best, val = float("inf"), None
    for _ in range(reps):
        t0 = time.perf_counter()
        val = f()
        best = min(best, time.perf_counter() - t0)
    return best, val


def speed_reservoir(units, seed=42):
    return Reservoir(units, lr=0.3, sr=0.9, input_scaling=1.0, rc_connectivity=0.1, input_connectivity=0.1,
                     bias=0.0, seed=seed)


def cmd_speed(args):
    T = 20000
    u = sine_input(T)
    x, y = u[:T], u[1:T + 1]
    out = {"library": f"reservoirpy {reservoirpy.__version__}", "T": T, "load_before": os.getloadavg()}
    harvest = {}
    states1000 = None
    for n in (300, 1000, 3000):
        r = speed_reservoir(n)
        t0 = time.perf_counter()
        r.initialize(x)  # draws W, Win and scales W to sr 0.9 (ARPACK eigs)
        init_s = time.perf_counter() - t0
        reps = args.reps_large if n >= 3000 else args.reps

        def run_once():
            r.reset()
            return r.run(x)
        best, states = timed(run_once, reps)
        harvest[str(n)] = {"seconds": best, "steps_per_s": T / best, "init_seconds": init_s, "reps": reps}
        if n == 1000:
            states1000 = states
        print(f"harvest N={n}: {best:.3f} s, {T / best:,.0f} steps/s (init {init_s:.2f} s)", file=sys.stderr)
    out["harvest"] = harvest
    out["init_3000_seconds"] = harvest["3000"]["init_seconds"]
    best, _ = timed(lambda: Ridge(ridge=1e-6).fit(states1000, y), args.reps)
    out["ridge_fit_1000_seconds"] = best
    print(f"ridge fit N=1000: {best:.3f} s", file=sys.stderr)

    def fit_e2e():
        r = speed_reservoir(1000)
        model = r >> Ridge(ridge=1e-6)
        return model.fit(x, y)
    best, _ = timed(fit_e2e, args.reps)
    out["fit_end_to_end_1000_seconds"] = best
    print(f"fit end to end N=1000: {best:.3f} s", file=sys.stderr)

    # 64 sequences x 1000 steps through one N=1000 reservoir: ReservoirPy's multi-series run (one
    # sequence after another with workers=1; joblib processes with workers=-1).
    rng = np.random.default_rng(1)
    batch = rng.uniform(-1, 1, (64, 1000, 1))
    r = speed_reservoir(1000)
    r.initialize(batch[0])
    for workers in (1, -1):
        best, _ = timed(lambda: r.run(batch, workers=workers), args.reps_large)
        out[f"batch64_workers{workers}"] = {"seconds": best, "aggregate_steps_per_s": 64 * 1000 / best}
        print(f"64 x 1000 steps, workers={workers}: {best:.3f} s, {64000 / best:,.0f} steps/s", file=sys.stderr)
    out["load_after"] = os.getloadavg()
    return out


def cmd_dump(args):
    e, r = run_task(args.task, args.seed, keep=True)
    os.makedirs(args.dir, exist_ok=True)
    base = os.path.join(args.dir, f"{args.task}_seed{args.seed}")
    W = r.W.tocoo()
    with open(base + "_W_coo.csv", "w") as f:
        f.write("row,col,value\n")
        for i, j, v in zip(W.row, W.col, W.data):
            f.write(f"{i},{j},{float(v)!r}\n")
    Win = np.asarray(r.Win.todense() if hasattr(r.Win, "todense") else r.Win)
    np.savetxt(base + "_Win.csv", Win, delimiter=",", fmt="%.17g")
    with open(base + "_nrmse.txt", "w") as f:
        f.write(repr(e) + "\n")
    return {"task": args.task, "seed": args.seed, "nrmse": e, "files": base + "_*"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("accuracy")
    a.add_argument("--seeds", default="1-20")
    a.add_argument("--narma-seeds", default="1-5")
    s = sub.add_parser("speed")
    s.add_argument("--reps", type=int, default=3)
    s.add_argument("--reps-large", type=int, default=1)
    d = sub.add_parser("dump")
    d.add_argument("seed", type=int)
    d.add_argument("dir")
    d.add_argument("--task", default="mg1", choices=["mg1", "mg10", "narma"])
    args = ap.parse_args()
    out = {"accuracy": cmd_accuracy, "speed": cmd_speed, "dump": cmd_dump}[args.cmd](args)
    out["env"] = {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                  "machine": platform.machine()}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
