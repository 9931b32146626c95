#!/usr/bin/env bash
# Times ./jgrad grade --class on a class of N honest copies of solutions/, sandboxed and with --no-sandbox.
# Usage: bench/grade_class.sh N [JOBS]   (default JOBS: 2). Prints both figures and the machine's load.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:?usage: bench/grade_class.sh N [JOBS]}"
JOBS="${2:-2}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "grade_class.sh: N must be a positive number, not '$N'" >&2; exit 2; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
for i in $(seq -w 1 "$N"); do
  mkdir -p "$TMP/class/student$i"
  cp "$ROOT"/solutions/*.ipynb "$TMP/class/student$i/"
done
"$ROOT/jgrad" help >/dev/null   # builds what is stale, outside the timing
run() {
  local label="$1"; shift
  local start end
  echo "load before $label: $(uptime | sed 's/.*load average: //')"
  start=$(date +%s.%N)
  "$ROOT/jgrad" grade --class "$TMP/class" --out "$TMP/out-$label" --jobs "$JOBS" "$@" >"$TMP/$label.log" 2>&1
  end=$(date +%s.%N)
  local full; full=$(awk -F, 'NR > 1 && $0 !~ /^points possible/ {print}' "$TMP/out-$label/gradebook.csv" | wc -l)
  printf '%s: %d students, --jobs %s: %.1f s (%.1f s a student); gradebook rows: %d\n' "$label" "$N" "$JOBS" \
    "$(echo "$end - $start" | bc)" "$(echo "($end - $start) / $N" | bc -l)" "$full"
  tail -n 1 "$TMP/$label.log"
}
run sandboxed
run no-sandbox --no-sandbox
echo "load after: $(uptime | sed 's/.*load average: //')"
