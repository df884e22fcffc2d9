#!/usr/bin/env bash
# Every stage of a check run at several corpus sizes, and the real command
# end to end.
#
#   bench/stage_scaling.sh [DIR]
#
# For each size (SIZES, default "1000 5000 20000 100000") it generates a
# corpus with tools/gen_corpus.py (about half the rows shared by 2..8 units,
# as in a province; corpora already in DIR are reused), prints
# build/bench/stage_bench's table (each stage's wall and CPU seconds, units/s,
# MB/s, peak MB and the multiple of one plain read of the file), then times
# `jxaudit check --format json` and `jxaudit check --out` end to end with
# /usr/bin/time (wall seconds and peak RSS). Without DIR the corpora go to a
# temporary folder that is removed at the end.
#
# Environment: BUILD (default build), SIZES, SHARE (0.5), SEED (7), SOURCE
# (fixtures/corpus/junshan-2024.txt), OUT_REPORTS=0 to skip the --out runs.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
SIZES=${SIZES:-1000 5000 20000 100000}
SHARE=${SHARE:-0.5}
SEED=${SEED:-7}
SOURCE=${SOURCE:-fixtures/corpus/junshan-2024.txt}
OUT_REPORTS=${OUT_REPORTS:-1}
for bin in "$BUILD/bench/stage_bench" "$BUILD/jxaudit"; do
  [[ -x $bin ]] || { echo "build $bin first" >&2; exit 2; }
done
KEEP_WORK=0
if [[ $# -ge 1 ]]; then
  WORK=$1 KEEP_WORK=1
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d)
fi

# Reports go to a folder of their own (never beside the corpora).
REPORTS=$(mktemp -d)
trap 'rm -rf "$REPORTS"; ((KEEP_WORK)) || rm -rf "$WORK"' EXIT

for n in $SIZES; do
  corpus="$WORK/corpus-$n.txt"
  if [[ ! -s $corpus ]]; then
    python3 tools/gen_corpus.py --source "$SOURCE" --units "$n" \
      --shared-share "$SHARE" --seed "$SEED" --out "$corpus" >&2
  fi
  echo "== $n units ($(du -m "$corpus" | cut -f1) MB)"
  rm -rf "$REPORTS/stage-out"
  "$BUILD/bench/stage_bench" "$corpus" "$REPORTS/stage-out" 2>/dev/null
  /usr/bin/time -f "check --format json: %e s wall, %U s user, %M KB peak" \
    "$BUILD/jxaudit" check "$corpus" --format json --fail-on never \
    >/dev/null 2>"$REPORTS/time.txt" || true
  tail -1 "$REPORTS/time.txt"
  if [[ $OUT_REPORTS == 1 ]]; then
    rm -rf "$REPORTS/out"
    /usr/bin/time -f "check --out: %e s wall, %U s user, %M KB peak" \
      "$BUILD/jxaudit" check "$corpus" --out "$REPORTS/out" --fail-on never \
      >/dev/null 2>"$REPORTS/time.txt" || true
    tail -1 "$REPORTS/time.txt"
    echo "reports: $(find "$REPORTS/out" -type f | wc -l) files, $(du -sm "$REPORTS/out" | cut -f1) MB"
  fi
done
