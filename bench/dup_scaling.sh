#!/usr/bin/env bash
# How the duplication stage scales with the number of units.
#
#   bench/dup_scaling.sh [DIR]
#
# Generates corpora of 5,000, 10,000, 20,000 and 40,000 units in which about
# half the indicator rows are shared by small groups of 2..8 units and the
# rest are unique (tools/gen_corpus.py --shared-share 0.5), runs
# build/bench/dup_bench on each, and prints a table: units, indicator rows,
# the duplication stage's wall and CPU seconds, peak RSS, and the ratio of
# wall and CPU time to the previous size (the cost of doubling: 2.0 is
# linear, 4.0 quadratic). The corpora go to DIR when given (and are kept),
# else to a temporary directory that is removed at the end. Each run's full
# dup_bench output (with the per-rule finding counts) is printed as it goes.
#
# Each size runs REPEAT times (default 3), each in a fresh process, and the
# table keeps the fastest run: on a shared virtual machine the same run
# varies by up to 1.5x with the host's load, and the fastest is the one
# least disturbed. Peak RSS is the largest of the runs.
#
# Environment: BUILD (default build), DUP_BENCH (default
# $BUILD/bench/dup_bench), SIZES (default "5000 10000 20000 40000"),
# SHARE (default 0.5), SEED (default 7), REPEAT (default 3), SOURCE
# (default fixtures/corpus/junshan-2024.txt). Corpora already in DIR are
# reused.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
DUP_BENCH=${DUP_BENCH:-$BUILD/bench/dup_bench}
SIZES=${SIZES:-5000 10000 20000 40000}
SHARE=${SHARE:-0.5}
SEED=${SEED:-7}
REPEAT=${REPEAT:-3}
SOURCE=${SOURCE:-fixtures/corpus/junshan-2024.txt}
[[ -x $DUP_BENCH ]] || { echo "build dup_bench first ($DUP_BENCH)" >&2; exit 2; }

if [[ $# -ge 1 ]]; then
  WORK=$1
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi

RESULTS="$WORK/dup_scaling.tsv"
: >"$RESULTS"
: >"$RESULTS.runs"
for n in $SIZES; do
  corpus="$WORK/corpus-$n.txt"
  gen=0
  if [[ ! -s $corpus ]]; then
    echo "== $n units: generating $corpus" >&2
    start=$(date +%s.%N)
    python3 tools/gen_corpus.py --source "$SOURCE" --units "$n" \
      --shared-share "$SHARE" --seed "$SEED" --out "$corpus"
    gen=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  fi
  for ((run = 1; run <= REPEAT; ++run)); do
    echo "== $n units: run $run of $REPEAT: $DUP_BENCH" >&2
    out=$("$DUP_BENCH" "$corpus")
    printf '%s\n' "$out" >&2
    # "units N  indicators M  load …" and
    # "duplication stage X s wall, Y s CPU  peak RSS Z MB"
    printf '%s\n' "$out" | awk -v gen="$gen" '
      /^units / { units = $2; rows = $4 }
      /^duplication stage / { wall = $3; cpu = $6; peak = $(NF - 1) }
      END {
        if (wall == "" || units == "") { exit 1 }
        print units "\t" rows "\t" wall "\t" cpu "\t" peak "\t" gen
      }' >>"$RESULTS.runs" || { echo "cannot read dup_bench output for $n units" >&2; exit 1; }
  done
  # The fastest run of this size, with the largest peak.
  awk -F'\t' -v units="$n" '
    $1 == units {
      if (best == "" || $3 < best) { best = $3; line = $0 }
      if ($5 > peak) peak = $5
    }
    END { split(line, f, "\t"); print f[1] "\t" f[2] "\t" f[3] "\t" f[4] "\t" peak "\t" f[6] }
  ' "$RESULTS.runs" >>"$RESULTS"
done

echo
awk -F'\t' '
  BEGIN {
    printf "%8s %11s %9s %9s %9s %8s %8s %7s\n",
           "units", "indicators", "wall s", "CPU s", "peak MB",
           "wall x", "CPU x", "gen s"
  }
  {
    wx = (NR > 1 && pw > 0) ? sprintf("%.2f", $3 / pw) : "-"
    cx = (NR > 1 && pc > 0) ? sprintf("%.2f", $4 / pc) : "-"
    printf "%8d %11d %9.2f %9.2f %9.0f %8s %8s %7.1f\n",
           $1, $2, $3, $4, $5, wx, cx, $6
    pw = $3; pc = $4
  }' "$RESULTS"
