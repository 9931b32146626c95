#!/usr/bin/env bash
# The README's speed table in one go: every workload warm and "as a cell runs it" (fresh JVM/process, one
# warm-up run, median of the next three; the median of that over 5 fresh processes), for jgrad with plain
# loops and with the Vector API, PyTorch (bench/pytorch_reference.py, with numpy's products beside it) and
# DJL (bench/djl). Prints a Markdown table, then the range of the cell measurements over their 5 processes;
# the raw lines go to target/bench/*.txt.
#
#   bench/table.sh [--no-build] [NAME...]     e.g. bench/table.sh xor matmul1024
#
# Builds with the Maven lock (/tmp/jgrad-mvn.lock) and takes the same lock while timing, so that no
# build on this machine runs meanwhile. Needs python3-torch for the PyTorch columns (skipped without it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/target/bench"
LOCK=${JGRAD_BENCH_LOCK:-/tmp/jgrad-mvn.lock}
PY=${PYTHON:-/usr/bin/python3}
mkdir -p "$OUT"
cd "$ROOT"

build=1
if [[ "${1:-}" == "--no-build" ]]; then build=0; shift; fi
if (( build )); then
  flock "$LOCK" ./mvnw -B -q -ntp -Pdjl -pl bench/djl -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime >"$OUT/build.log" 2>&1 \
    || { cat "$OUT/build.log" >&2; exit 1; }
fi
CP="${BENCH_CP:-bench/djl/target/jgrad-bench-djl-0.1.0-SNAPSHOT.jar:$(cat bench/djl/target/classpath.txt)}"
VEC=(--add-modules jdk.incubator.vector -Djgrad.vector=true)

timed() { # timed FILE COMMAND...: runs COMMAND under the lock, its output into target/bench/FILE.txt
  local file="$1"; shift
  printf 'bench: %-14s (load %s)\n' "$file" "$(cut -d' ' -f1-3 /proc/loadavg)" >&2
  flock "$LOCK" "$@" >"$OUT/$file.txt" 2> >(grep -v '^WARNING: Using incubator modules' >&2)
}

uptime >"$OUT/load.txt"
for mode in warm cell; do
  flag=(); [[ $mode == cell ]] && flag=(--cell)
  timed "plain-$mode" java -Djgrad.vector=false -cp "$CP" jgrad.bench.Main "${flag[@]}" "$@"
  timed "vector-$mode" java "${VEC[@]}" -cp "$CP" jgrad.bench.Main "${flag[@]}" "$@"
  if "$PY" -c 'import torch' 2>/dev/null; then
    # Debian's torch and numpy want OpenBLAS's own detection (see the env notes)
    timed "pytorch-$mode" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" bench/pytorch_reference.py "${flag[@]}" "$@"
  else
    : >"$OUT/pytorch-$mode.txt"
  fi
  timed "djl-$mode" java -cp "$CP" jgrad.bench.djl.DjlMain "${flag[@]}" "$@"
done
uptime >>"$OUT/load.txt"

# value FILE NAME: GFLOP/s for products, else milliseconds
value() {
  awk -v n="$2" '$1 == n { if ($5 == "GFLOP/s") print $4; else printf "%s ms\n", $2 }' "$OUT/$1.txt"
}
# spread FILE NAME: the range over the cell's fresh processes, e.g. "12.7–14.3 ms"
spread() {
  awk -v n="$2" '$1 == n && match($0, /\([0-9]+ (JVMs|processes): [^)]*\)/) {
    s = substr($0, RSTART + 1, RLENGTH - 2); sub(/^[^:]*: /, "", s); print s }' "$OUT/$1.txt"
}
workloads=$(java -cp "$CP" jgrad.bench.Main --list)
# rows FUNCTION FILE...: a table row per workload run (those named on the command line, or all), a column per file
rows() {
  local fn="$1"; shift
  for name in $workloads numpy256 numpy512 numpy1024; do
    [[ ${#chosen[@]} -gt 0 && ! " ${chosen[*]} " == *" $name "* ]] && continue
    local row="| $name" f v
    for f in "$@"; do
      v="$("$fn" "$f" "$name")"; row+=" | ${v:-–}"
    done
    [[ "$row" == *[0-9]* ]] && echo "$row |"
  done
  return 0
}
chosen=("$@")

echo
echo "| workload | jgrad plain loops, cell | jgrad Vector API, cell | PyTorch, cell | DJL, cell | jgrad plain, warm | jgrad Vector API, warm | PyTorch, warm | DJL, warm |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
rows value plain-cell vector-cell pytorch-cell djl-cell plain-warm vector-warm pytorch-warm djl-warm
echo
echo "(products in GFLOP/s, the rest in ms; load before and after: $(awk -F'load average: ' '{printf "%s; ", $2}' "$OUT/load.txt"))"
echo
echo "| workload, cell: slowest–fastest of 5 fresh processes | jgrad plain loops | jgrad Vector API | PyTorch | DJL |"
echo "|---|---:|---:|---:|---:|"
rows spread plain-cell vector-cell pytorch-cell djl-cell
