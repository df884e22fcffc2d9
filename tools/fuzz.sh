#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, README "Fuzzing") and runs each for a
# bounded time, one after the other, at the lowest priority.
#   tools/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60, all)
# Seeds come from the fixtures (build-fuzz/seeds/<target>/); what a fuzzer
# finds lands in build-fuzz/findings/<target>/ (crash-*, timeout-*, slow-*,
# oom-*). Keep each, after its fix, in fixtures/fuzz/<target>/: the normal
# suite replays those (tests/reliability_test.cc). The summary line of each
# run (execs, cov, exec/s) is in build-fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(text_export scoring_rule config waivers findings_json history docx xlsx csv html)
fi

CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJXAUDIT_FUZZ=ON \
  -DJXAUDIT_BUILD_TESTS=OFF -DJXAUDIT_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]/#/fuzz_}"

seeds=build-fuzz/seeds
python3 tools/fuzz_seeds.py "$seeds"
# findings_json and history seeds need a jxaudit run: the normal build's.
if [ -x build/jxaudit ]; then
  mkdir -p "$seeds/findings_json" "$seeds/history"
  for f in fixtures/rules/score-tiers.txt fixtures/rules/unit-mismatch.txt \
           fixtures/rules/duplication-cross-unit.txt; do
    name=$(basename "$f" .txt)
    build/jxaudit check "$f" --format json --fail-on never \
      >"$seeds/findings_json/$name.json" 2>/dev/null || true
    rm -f "$seeds/history/$name.sqlite"
    build/jxaudit check "$f" --history "$seeds/history/$name.sqlite" \
      --fail-on never >/dev/null 2>&1 || true
  done
fi

for target in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$target" "build-fuzz/findings/$target" \
    build-fuzz/logs "$seeds/$target"
  regressions="fixtures/fuzz/$target"
  [ -d "$regressions" ] || regressions=""
  echo "== $target: $seconds s"
  # -rss_limit_mb: the 2 GB default is the machine's; -timeout: an input
  # slower than 10 s is a finding (slow-unit-*). FUZZ_TIMEOUT raises it when
  # the machine is busy: at nice 19 beside a build, a fuzzer gets a few per
  # cent of a core and a 0.2 s input would pass for a 10 s one. Office packages are bigger
  # than text: their seeds must not be cut.
  max_len=65536
  case $target in docx | xlsx) max_len=262144 ;; esac
  ASAN_OPTIONS=detect_leaks=0 nice -n 19 "build-fuzz/fuzz/fuzz_$target" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout="${FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb=2048 -report_slow_units=10 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/findings/$target/" \
    "build-fuzz/corpus/$target" "$seeds/$target" $regressions \
    >"build-fuzz/logs/$target.log" 2>&1 || echo "   $target stopped: see build-fuzz/logs/$target.log"
  grep -E "^#[0-9]+.*(DONE|pulse|NEW)" "build-fuzz/logs/$target.log" | tail -1
  grep -E "stat::number_of_executed_units|stat::average_exec_per_sec" \
    "build-fuzz/logs/$target.log" || true
  ls "build-fuzz/findings/$target"
done
