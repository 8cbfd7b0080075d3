#!/usr/bin/env bash
# Runs the kernel-level and harvest/ridge/fit JMH benchmarks briefly and writes JSON + logs to $1
# (default: weir-bench/target/bench-results). Build first: mvn -B -o -q -pl weir-bench -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-weir-bench/target/bench-results}"
mkdir -p "$out"
jar=weir-bench/target/weir-benchmarks.jar
run() { # name, regex, extra args...
  local name="$1" regex="$2"; shift 2
  { echo "== $name  $(date -u +%FT%TZ)  load: $(cut -d' ' -f1-3 /proc/loadavg)"; \
    java -jar "$jar" "$regex" -f 1 -rf json -rff "$out/$name.json" "$@"; } > "$out/$name.log" 2>&1
}
run tanh 'TanhBench' -wi 2 -i 5 -w 1 -r 1
run spmv 'SpmvBench' -wi 2 -i 5 -w 1 -r 1
run gram20000 'GramBench.(weirGramUpdate|weirGramUpdateBlocks256|openblasDsyrk|openblasDgemm|openblasDsyrkHeapArrays|ejmlMultInnerMT)$' -wi 1 -i 3 -w 1 -r 1
run gram2000 'GramBench.(naiveRank1|weirGramUpdate|ejmlMultInner|ejmlMultInnerMT|openblasDsyrk)$' -p rows=2000 -wi 1 -i 3 -w 1 -r 1
run harvest 'HarvestBench|RidgeBench' -wi 1 -i 3 -w 1 -r 1
run fit 'FitBench' -wi 1 -i 3
grep -h -E "^(Benchmark|[A-Za-z.]+Bench\.[A-Za-z0-9]+ )" "$out"/*.log
