#!/bin/sh
# The hostile corpus (README "Limits"): jxaudit reads a 100,000-row unit, a
# 50 MB cell, 10,000 tiny units and 10 rows of 1 MB number-rich texts, each
# within the ctest TIMEOUT (a generous bound, not a timing assertion).
# JXAUDIT_HOSTILE_SCALE divides the sizes (the sanitized build sets 20:
# 5,000 rows, a 2 MB cell — still over the 1 MB cell limit — 500 units and
# one row of long texts).
#   tests/hostile_corpus.sh JXAUDIT_BINARY SOURCE_DIR
set -eu
jxaudit=$1
source_dir=$2
scale=${JXAUDIT_HOSTILE_SCALE:-1}
rows=$((100000 / scale))
cell_mb=$((50 / scale))
units=$((10000 / scale))
text_rows=$((10 / scale + 1))
dir=$(mktemp -d "${TMPDIR:-/tmp}/jxaudit-hostile-XXXXXX")
trap 'rm -rf "$dir"' EXIT
python3 "$source_dir/tools/gen_hostile.py" "$dir/in" --rows "$rows" \
  --cell-mb "$cell_mb" --units "$units" --text-rows "$text_rows"

fail() { echo "hostile_corpus: $*" >&2; exit 1; }

# Runs `jxaudit check FILE ARGS...`; exit 0 expected (--fail-on never).
check() {
  file=$1
  shift
  start=$(date +%s)
  "$jxaudit" check "$dir/in/$file" --fail-on never "$@" >"$dir/out.txt" \
    2>"$dir/err.txt" || fail "$file: exit $? $(head -c 400 "$dir/err.txt")"
  echo "$file: $(($(date +%s) - start)) s"
}

check rows.txt
grep -q "1 个单位 · $rows 个指标" "$dir/out.txt" ||
  fail "rows.txt: $(grep 个单位 "$dir/out.txt")"

check cell.txt --out "$dir/out"
grep -q "cell.txt:24: 警告: 单元格超过 1 MB" "$dir/err.txt" ||
  fail "cell.txt: no warning for the cut cell: $(head -c 400 "$dir/err.txt")"
[ -s "$dir/out/findings.json" ] || fail "cell.txt: no findings.json"

check units.txt
grep -q "$units 个单位 · $units 个指标" "$dir/out.txt" ||
  fail "units.txt: $(grep 个单位 "$dir/out.txt")"
check texts.txt
[ "$(grep -c "警告: 单元格超过 1 MB" "$dir/err.txt")" = $((2 * text_rows)) ] ||
  fail "texts.txt: not every long cell was cut: $(head -c 400 "$dir/err.txt")"
grep -q "评分标准超过 16 KB" "$dir/out.txt" ||
  fail "texts.txt: the long rules are not reported as unread"
echo "hostile_corpus: ok (scale 1/$scale)"
