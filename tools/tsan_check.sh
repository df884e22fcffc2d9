#!/usr/bin/env bash
# Builds jxaudit with ThreadSanitizer (build-tsan/, -DJXAUDIT_TSAN=ON) and
# runs it where a run's threads meet: the real corpus, a generated province
# of 2,000 units in 40 counties (per-unit rules and copy detection side by
# side, --threads 4) and that province's --out (correction lists and review
# pages written on 3 threads). Exits 1 and prints the report when
# ThreadSanitizer finds a data race. Takes about 3.5 minutes on two cores;
# not part of .ci/run.
#   tools/tsan_check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DJXAUDIT_TSAN=ON -DJXAUDIT_BUILD_TESTS=OFF -DJXAUDIT_BUILD_BENCH=OFF \
  >/dev/null
cmake --build build-tsan --target jxaudit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 tools/gen_corpus.py --units 2000 --shared-share 0.5 \
  --jurisdictions 40 --out "$work/province.txt"
export TSAN_OPTIONS="halt_on_error=0 exitcode=66"
status=0
run() {
  echo "== jxaudit $*"
  if ! build-tsan/jxaudit "$@" >/dev/null 2>"$work/err"; then :; fi
  if grep -q "WARNING: ThreadSanitizer" "$work/err"; then
    grep -A40 "WARNING: ThreadSanitizer" "$work/err"
    status=1
  else
    echo "no data race"
  fi
}
run check fixtures/corpus/junshan-2024.txt --format json --fail-on never \
  --threads 2
run check "$work/province.txt" --format json --fail-on never --threads 4
run check "$work/province.txt" --out "$work/out" --fail-on never --threads 3
exit $status
