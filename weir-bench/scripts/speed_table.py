#!/usr/bin/env python3
"""Table of Weir vs ReservoirPy ratios from the files compare_with_reservoirpy.sh writes into OUTDIR.
Each side's figure is its best over rounds (ReservoirPy: best of its reps; Weir: fastest JMH iteration);
the range over rounds (ReservoirPy) or over all measured iterations (Weir) shows the noise."""
import glob
import json
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/weir-vs-rpy"
T = 20000
REF = {"harvest300": 44700, "harvest1000": 12200, "harvest3000": 1620, "ridge": 0.30, "init3000": 11.1,
       "fit1000": 2.96}


def jmh(pattern):
    """benchmark key -> list of raw ms/op values over all rounds."""
    res = {}
    for f in sorted(glob.glob(os.path.join(out, pattern))):
        for b in json.load(open(f)):
            name = b["benchmark"].rsplit(".", 2)[-2] + "." + b["benchmark"].rsplit(".", 1)[-1]
            if "units" in b.get("params", {}) and name.startswith("HarvestBench.single"):
                name += f"[{b['params']['units']}]"
            if b.get("params", {}).get("topology", "random") != "random":
                name += "{" + b["params"]["topology"] + "}"
            raw = [x for fork in b["primaryMetric"]["rawData"] for x in fork]
            assert b["primaryMetric"]["scoreUnit"] == "ms/op", b["primaryMetric"]["scoreUnit"]
            res.setdefault(name, []).extend(raw)
    return res


w = {}
for p in ("weir_harvest_*.json", "weir_batched_*.json", "weir_float_*.json", "weir_ridge_*.json", "weir_fit_*.json",
          "weir_fitblock_*.json"):
    w.update(jmh(p))
rp = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(out, "rpy_speed_*.json")))]


def rpy(get):
    v = [get(r) for r in rp]
    return min(v), max(v)


rows = []


def rate_row(label, weir_ms, rpy_steps, ref, steps):
    """Throughput row: steps/s, higher is better; ratio = Weir / ReservoirPy."""
    wb, ww = steps / (min(weir_ms) / 1e3), steps / (max(weir_ms) / 1e3)
    rb, rw = rpy_steps
    rows.append((label, f"{wb:,.0f} ({ww:,.0f}-{wb:,.0f})", f"{rw:,.0f} ({rb:,.0f}-{rw:,.0f})",
                 f"{wb / rw:.1f}x", ref))


def time_row(label, weir_ms, rpy_s, ref):
    """Time row: seconds, lower is better; ratio = ReservoirPy / Weir (how many times faster Weir is)."""
    wb, ww = min(weir_ms) / 1e3, max(weir_ms) / 1e3
    rb, rw = rpy_s
    rows.append((label, f"{wb:.3f} s ({wb:.3f}-{ww:.3f})", f"{rb:.3f} s ({rb:.3f}-{rw:.3f})", f"{rb / wb:.1f}x",
                 ref))


for n in (300, 1000, 3000):
    if f"HarvestBench.single[{n}]" not in w:
        continue  # a partial run (fewer -p units)
    lo, hi = rpy(lambda r: r["harvest"][str(n)]["steps_per_s"])
    rate_row(f"harvest N={n}, T=20000 (steps/s)", w[f"HarvestBench.single[{n}]"], (lo, hi), f"{REF[f'harvest{n}']:,}", T)
    block = "{block-random}"
    for name, suffix, label in (("singleFloat32", "", "same, precision(FLOAT32)"),
                                ("singleTwoThreads", "", "same, two threads per step (ParallelStepper)"),
                                ("singleFloat32TwoThreads", "", "same, FLOAT32 weights, two threads per step"),
                                ("single", block, "same, topology(BLOCK_RANDOM)"),
                                ("singleFloat32", block, "same, BLOCK_RANDOM, FLOAT32 weights"),
                                ("singleTwoThreads", block, "same, BLOCK_RANDOM, two threads per step"),
                                ("singleFloat32TwoThreads", block, "same, BLOCK_RANDOM, FLOAT32 weights, two threads")):
        key = f"HarvestBench.{name}[{n}]{suffix}"
        if key in w:
            rate_row(label, w[key], (lo, hi), f"{REF[f'harvest{n}']:,}", T)
lo, hi = rpy(lambda r: r["batch64_workers1"]["aggregate_steps_per_s"])
lo2, hi2 = rpy(lambda r: r["batch64_workers-1"]["aggregate_steps_per_s"])
best_rpy = (max(lo, lo2), max(hi, hi2))
for k in ("HarvestBench.batchedOneThread", "HarvestBench.batchedThreads", "HarvestBench.libraryBatchedOneThread",
          "HarvestBench.libraryBatchedThreads", "HarvestBench.floatBatchedOneThread",
          "HarvestBench.floatBatchedThreads", "HarvestBench.floatBatchedOneThread{block-random}",
          "HarvestBench.floatBatchedThreads{block-random}"):
    if k in w:
        rate_row(f"64 sequences x 1000 steps, N=1000, aggregate steps/s, Weir {k.split('.')[1]}"
                 " vs ReservoirPy's faster of workers=1/-1", w[k], best_rpy, "(no batching)", 64 * 1000)
time_row("ridge fit on N=1000 states, T=20000", w["RidgeBench.ridgeFit"],
         rpy(lambda r: r["ridge_fit_1000_seconds"]), "0.30 s")
time_row("build N=3000 with spectral radius", w["FitBench.buildWithSpectralRadius"],
         rpy(lambda r: r["init_3000_seconds"]), "11.1 s")
time_row("fit end to end N=1000 (build + harvest + ridge)", w["FitBench.fitEndToEnd"],
         rpy(lambda r: r["fit_end_to_end_1000_seconds"]), "2.96 s")
for k, label in (("FitBench.fitEndToEndSequential", "same, pipelined(false) (the ridge fit's own background Gram update)"),
                 ("FitBench.fitEndToEndFloat32", "same, precision(FLOAT32)"),
                 ("FitBench.fitEndToEnd{block-random}", "same, topology(BLOCK_RANDOM)"),
                 ("FitBench.fitEndToEndFloat32{block-random}", "same, BLOCK_RANDOM, FLOAT32 weights")):
    if k in w:
        time_row(label, w[k], rpy(lambda r: r["fit_end_to_end_1000_seconds"]), "2.96 s")

print(f"rounds: {len(rp)}; ReservoirPy 64-seq: workers=1 {hi:,.0f}, workers=-1 {hi2:,.0f} steps/s (best)")
print("| row | Weir best (range) | ReservoirPy same machine best (range over rounds) | Weir advantage | ReservoirPy reference machine |")
print("|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
loads = [(r.get("load_before"), r.get("load_after")) for r in rp]
print(f"\nload average (1, 5, 15 min) before/after each ReservoirPy run: {loads}")
