#!/usr/bin/env bash
# Side-by-side comparison of jscpd (npm package jscpd 5.x) and jxaudit's
# duplication rules on a corpus of 绩效目标表.
#
#   bench/jscpd_compare.sh [CORPUS.txt]
#
# Splits the corpus into one file per unit, runs jscpd on the folder and
# jxaudit on the corpus, and prints the clones each found, how they overlap
# (by pair of units and by indicator row), and the time and peak memory of
# each. jscpd is installed locally on first use:
#   npm install --prefix bench/.jscpd -E jscpd@5.3.2
# (5.3.2: later 5.x releases do not serve the linux-x64 platform package.)
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-fixtures/corpus/junshan-2024.txt}
BUILD=${BUILD:-build}
JXAUDIT=${JXAUDIT:-$BUILD/jxaudit}
JSCPD=bench/.jscpd/node_modules/.bin/jscpd
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [[ ! -x $JSCPD ]]; then
  npm install --prefix bench/.jscpd -E jscpd@5.3.2 >/dev/null
fi
[[ -x $JXAUDIT ]] || { echo "build jxaudit first ($JXAUDIT)"; exit 2; }

# 1. One file per unit, cut at the title lines jxaudit reads.
"$JXAUDIT" dump "$CORPUS" 2>/dev/null >"$WORK/model.json"
mkdir -p "$WORK/units"
python3 - "$CORPUS" "$WORK" <<'PY'
import json, sys
corpus, work = sys.argv[1], sys.argv[2]
units = json.load(open(work + "/model.json"))["units"]
lines = open(corpus, encoding="utf-8").read().split("\n")
for i, u in enumerate(units):
    s = u["source"]["line"]
    e = units[i + 1]["source"]["line"] - 1 if i + 1 < len(units) else len(lines)
    open("%s/units/%s.txt" % (work, u["id"]), "w", encoding="utf-8").write(
        "\n".join(lines[s - 1:e]) + "\n")
PY

# 2. jscpd on the folder (default settings), 3. jxaudit on the corpus.
/usr/bin/time -f "%e %M" -o "$WORK/jscpd.time" \
  "$JSCPD" "$WORK/units" -r json -o "$WORK/jscpd" --no-colors >/dev/null 2>&1 || true
/usr/bin/time -f "%e %M" -o "$WORK/jxaudit.time" \
  "$JXAUDIT" check "$CORPUS" --format json >"$WORK/jxaudit.json" 2>/dev/null || true
STAGE=""
if [[ -x $BUILD/bench/dup_bench ]]; then
  STAGE=$("$BUILD/bench/dup_bench" "$CORPUS" 2>/dev/null | grep "duplication stage" || true)
fi

# 4. Side by side.
python3 - "$WORK" "$STAGE" <<'PY'
import collections, json, re, sys, unicodedata
work, stage = sys.argv[1], sys.argv[2]
model = json.load(open(work + "/model.json"))
units = model["units"]
by_id = {u["id"]: u for u in units}
jscpd = json.load(open(work + "/jscpd/jscpd-report.json"))
jx = json.load(open(work + "/jxaudit.json"))
jt = open(work + "/jscpd.time").read().strip().split("\n")[-1].split()
xt = open(work + "/jxaudit.time").read().strip().split("\n")[-1].split()

def norm(s):
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\d+(?:\.\d+)?", "#", s)
    return re.sub(r"[\W_]+", "", s)

# Row spans (corpus lines) and a normalised key per real row.
rows = {}  # uid -> [(start, end, key, name)]
key_units = collections.defaultdict(set)
for u in units:
    real = [r for r in u["rows"] if r["kind"] == "indicator"]
    spans = []
    all_rows = u["rows"]
    for k, r in enumerate(all_rows):
        start = r["line"]
        end = all_rows[k + 1]["line"] - 1 if k + 1 < len(all_rows) else start + 9
        if r["kind"] != "indicator":
            continue
        c = r["cells"]
        key = "|".join(norm(c[f]["text"]) for f in ("name", "explanation", "rule"))
        spans.append((start, end, key, c["name"]["text"]))
        key_units[key].add(u["id"])
    rows[u["id"]] = spans

def rows_in(uid, first, last):
    """Real rows of a unit whose lines meet [first, last] (file lines)."""
    off = by_id[uid]["source"]["line"] - 1
    a, b = first + off, last + off
    return [r for r in rows[uid] if r[0] <= b and r[1] >= a]

# jscpd clones -> unit pairs and rows
j_pairs = collections.defaultdict(list)
j_rows = set()
for d in jscpd["duplicates"]:
    ua = d["firstFile"]["name"].split("/")[-1][:-4]
    ub = d["secondFile"]["name"].split("/")[-1][:-4]
    ra = rows_in(ua, d["firstFile"]["start"], d["firstFile"]["end"])
    rb = rows_in(ub, d["secondFile"]["start"], d["secondFile"]["end"])
    j_pairs[tuple(sorted((ua, ub)))].append((d, ra, rb))
    j_rows |= {(ua, r[0]) for r in ra} | {(ub, r[0]) for r in rb}

# jxaudit findings -> unit pairs and rows
x_pairs = collections.defaultdict(set)
x_rows = set()
counts = collections.Counter()
for f in jx["findings"]:
    if not f["rule"].startswith("duplication/"):
        continue
    counts[(f["rule"], f["severity"])] += 1
    for r in f["related"]:
        if r["unit"] != f["unit"]:
            x_pairs[tuple(sorted((f["unit"], r["unit"])))].add(f["rule"])
    if f["rule"] in ("duplication/cross-unit", "duplication/stale-copy"):
        x_rows.add((f["unit"], f["source"]["line"]))

both = set(j_pairs) & set(x_pairs)
only_j = sorted(set(j_pairs) - set(x_pairs))
only_x = sorted(set(x_pairs) - set(j_pairs))
print("                         %-22s %s" % ("jscpd 5.x", "jxaudit duplication/*"))
print("clones / findings        %-22s %s" % (
    "%d clones" % len(jscpd["duplicates"]),
    ", ".join("%s %s: %d" % (r.split("/")[1], s, n) for (r, s), n in sorted(counts.items()))))
print("unit pairs               %-22d %d" % (len(j_pairs), len(x_pairs)))
print("indicator rows covered   %-22d %d" % (len(j_rows), len(x_rows)))
print("time (whole run)         %-22s %s" % (jt[0] + " s", xt[0] + " s (all rules)"))
print("peak memory              %-22s %s" % (
    "%.0f MB" % (int(jt[1]) / 1024), "%.0f MB" % (int(xt[1]) / 1024)))
if stage:
    print("jxaudit " + stage.strip())
print()
print("unit pairs found by both: %d, only jscpd: %d, only jxaudit: %d" % (
    len(both), len(only_j), len(only_x)))
print("rows in both: %d, only in jscpd clones: %d, only jxaudit: %d" % (
    len(j_rows & x_rows), len(j_rows - x_rows), len(x_rows - j_rows)))
print()
print("jscpd clones jxaudit does not report, and why:")
def why(ra, rb):
    if not ra and not rb:
        return "table furniture (headers, category cells, weights), no indicator text"
    shared = [r for r in ra if any(r[2] == s[2] for s in rb)]
    if shared and all(len(key_units[r[2]]) > 6 for r in shared):
        return "template rows used by %d+ units (boilerplate)" % min(
            len(key_units[r[2]]) for r in shared)
    if not shared:
        return "only the tail/head of different indicators (cells around them match)"
    return "short generic text (too few specific shingles)"
reasons = collections.Counter()
for p in only_j:
    for d, ra, rb in j_pairs[p]:
        reasons[why(ra, rb)] += 1
for r, n in reasons.most_common():
    print("  %3d  %s" % (n, r))
print()
print("jxaudit pairs jscpd misses (examples):")
for p in only_x[:12]:
    print("  %s %s  %s  %s" % (p[0], p[1], ",".join(sorted(x_pairs[p])),
                              by_id[p[0]]["name"] + " / " + by_id[p[1]]["name"]))
PY
