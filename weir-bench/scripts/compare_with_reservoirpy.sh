#!/usr/bin/env bash
# Weir vs ReservoirPy 0.4.2 on issue 7's rows, same machine, interleaved: each round runs ReservoirPy's
# timings (reservoirpy_peer.py speed) and then Weir's JMH benchmarks (HarvestBench, RidgeBench, FitBench);
# speed_table.py prints the table of ratios from all rounds (best of each side, and the spread).
#
#   RESERVOIRPY_PATH=/tmp/rpy:/tmp/pydeps/usr/lib/python3/dist-packages \
#     weir-bench/scripts/compare_with_reservoirpy.sh [ROUNDS=2] [OUTDIR=/tmp/weir-vs-rpy]
#
# Build first (or let the script do it): mvn -B -o -q -pl weir-bench -am package -DskipTests
set -euo pipefail
ROUNDS=${1:-2}
OUT=${2:-/tmp/weir-vs-rpy}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR="$ROOT/weir-bench/target/weir-benchmarks.jar"
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 2 -i 3 -w 1 -r 1"}
# FitBench is single-shot (one build or fit per iteration): eight warm-up shots let the JIT settle, as ReservoirPy's
# best of repetitions is its steady state (with two, the first measured fits still ran 10-30 % slower)
FIT_OPTS=${FIT_OPTS:-"-f 1 -wi 8 -i 5"}
mkdir -p "$OUT"
if [ ! -f "$JAR" ]; then (cd "$ROOT" && mvn -B -o -q -pl weir-bench -am package -DskipTests); fi
{
  echo "date: $(date -Is)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "java: $(java -version 2>&1 | head -1)"
  python3 -c 'import numpy, scipy, platform; print("python", platform.python_version(), "numpy", numpy.__version__, "scipy", scipy.__version__)'
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r: ReservoirPy ($(cut -d' ' -f1-3 /proc/loadavg))"
  python3 "$HERE/reservoirpy_peer.py" speed --reps 2 --reps-large 1 > "$OUT/rpy_speed_$r.json"
  echo "== round $r: Weir ($(cut -d' ' -f1-3 /proc/loadavg))"
  java -jar "$JAR" 'HarvestBench.single(Float32)?(TwoThreads)?$' -p units=300,1000,3000 -p topology=random,block-random $JMH_OPTS -rf json -rff "$OUT/weir_harvest_$r.json" > "$OUT/weir_harvest_$r.log"
  java -jar "$JAR" 'HarvestBench.(batched|libraryBatched)' $JMH_OPTS -rf json -rff "$OUT/weir_batched_$r.json" > "$OUT/weir_batched_$r.log"
  java -jar "$JAR" 'HarvestBench.floatBatched' -p topology=random,block-random $JMH_OPTS -rf json -rff "$OUT/weir_float_$r.json" > "$OUT/weir_float_$r.log"
  java -jar "$JAR" RidgeBench $JMH_OPTS -rf json -rff "$OUT/weir_ridge_$r.json" > "$OUT/weir_ridge_$r.log"
  java -jar "$JAR" 'FitBench.fitEndToEnd(Float32)?$' -p topology=block-random $FIT_OPTS -rf json -rff "$OUT/weir_fitblock_$r.json" > "$OUT/weir_fitblock_$r.log"
  java -jar "$JAR" FitBench $FIT_OPTS -rf json -rff "$OUT/weir_fit_$r.json" > "$OUT/weir_fit_$r.log"
  echo "   load after round $r: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
done
python3 "$HERE/speed_table.py" "$OUT" | tee "$OUT/table.md"
