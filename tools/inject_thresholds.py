#!/usr/bin/env python3
"""Injects threshold contradictions into 指标解释 cells of a text export.

Picks indicator rows whose target is a number with a numeric operator
(≥ ≤ = and their glyph variants) and whose 指标解释 states that number once,
written with the row's unit ("要求达到95%以上" for "≥ 95 %", "完成3次" for
"≥ 3 次") or, for a percentage, bare after the rate's name ("成本超支率为0"
for "= 0 %"), and changes that number in the 指标解释 only, so that the
explanation contradicts the target. The target, the unit and the scoring rule
are left alone. Line numbers do not change.

With --findings (jxaudit's JSON output on the original corpus) rows that
already have a finding are skipped, so that only clean rows are injected.

Writes the injected corpus and a TSV of the injected rows (row line,
explanation line, target, old number, new number, the explanation before and
after). With --check (jxaudit's JSON output on the injected corpus) it prints
how many injected rows got score/threshold-mismatch and how many untouched
rows got findings they did not have before (needs --findings).

  build/jxaudit check fixtures/corpus/junshan-2024.txt --format json > /tmp/base.json
  tools/inject_thresholds.py fixtures/corpus/junshan-2024.txt \\
      --findings /tmp/base.json --out /tmp/injected.txt --list /tmp/injected.tsv
  build/jxaudit check /tmp/injected.txt --format json > /tmp/injected.json
  tools/inject_thresholds.py fixtures/corpus/junshan-2024.txt \\
      --findings /tmp/base.json --out /tmp/injected.txt --list /tmp/injected.tsv \\
      --check /tmp/injected.json
"""

import argparse
import json
import re
import sys
import unicodedata

OPERATORS = {"≥", "≤", "=", "＝", "﹦", "≧", "≦", ">", "<", "＞", "＜"}
NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def read_rows(lines):
    """Yields (first line number, [(line number, cell text)]) per row."""
    cells = []
    for number, line in enumerate(lines, 1):
        if line.startswith("\t") or line.startswith(" \t"):
            cells.append([number, line.split("\t", 1)[1]])
        elif line.strip() == "":
            if cells:
                yield cells[0][0], cells
            cells = []
        elif cells:
            cells[-1][1] += "\n" + line
    if cells:
        yield cells[0][0], cells


def fold(text):
    return unicodedata.normalize("NFKC", text).strip()


def findings_by_line(path):
    """Row-start and cell lines that carry a finding, with the rules."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    items = data["findings"] if isinstance(data, dict) else data
    out = {}
    for item in items:
        line = item.get("line") or item.get("source", {}).get("line")
        if line:
            out.setdefault(int(line), []).append(item.get("rule", ""))
    return out


def changed_number(text):
    """A different number written like `text` (same number of decimals)."""
    value = float(text)
    decimals = len(text.split(".")[1]) if "." in text else 0
    if value == 100:
        new = 90.0
    elif value == 0:
        new = 5.0
    elif value <= 2:
        new = value + 1
    else:
        new = round(value * 0.8, decimals)
        if new == value:
            new = value - 1
    return f"{new:.{decimals}f}"


class _Span:
    """The start of a number found by a pattern with a prefix."""

    def __init__(self, start):
        self._start = start

    def start(self):
        return self._start


def candidates(lines, skip_lines):
    for start, cells in read_rows(lines):
        if len(cells) != 9:
            continue
        op, value, unit = (fold(cells[i][1]) for i in (3, 4, 5))
        if op not in OPERATORS or not NUMBER.match(value) or not unit:
            continue
        rows_lines = {c[0] for c in cells}
        if rows_lines & skip_lines:
            continue
        expl_line, expl = cells[6]
        if "\n" in expl:
            continue  # one-line explanations only: the edit stays on its line
        # The target's number written with the row's unit, not inside a
        # longer number or a formula ("*100%").
        pattern = re.compile(r"(?<![\d.*×/])" + re.escape(value) + r"(?![\d.])"
                             r"(?=\s*" + re.escape(unit) + ")")
        matches = list(pattern.finditer(fold(expl)))
        if not matches and unit in ("%", "％"):
            # A percentage written bare after the rate's name ("成本超支率为0").
            bare = re.compile(r"(?<=率)(?:为|达到|达)?(" + re.escape(value) +
                              r")(?![\d.%])")
            matches = [m for m in bare.finditer(fold(expl))]
            matches = [_Span(m.start(1)) for m in matches]
        if len(matches) != 1 or fold(expl) != expl.strip():
            continue
        yield start, expl_line, op, value, unit, expl, matches[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--findings", help="jxaudit JSON on the original corpus")
    ap.add_argument("--out", required=True, help="injected corpus to write")
    ap.add_argument("--list", required=True, help="TSV of injected rows")
    ap.add_argument("--check", help="jxaudit JSON on the injected corpus")
    args = ap.parse_args()

    with open(args.corpus, encoding="utf-8") as f:
        lines = f.read().split("\n")
    base = findings_by_line(args.findings) if args.findings else {}
    injected = []
    for start, expl_line, op, value, unit, expl, m in candidates(
            lines, set(base)):
        new = changed_number(value)
        line = lines[expl_line - 1]
        offset = line.index(expl.strip())
        at = offset + m.start()
        lines[expl_line - 1] = line[:at] + new + line[at + len(value):]
        injected.append((start, expl_line, f"{op}{value}{unit}", value, new,
                         expl.strip(), lines[expl_line - 1].strip()))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    with open(args.list, "w", encoding="utf-8") as f:
        f.write("row_line\texplanation_line\ttarget\told\tnew\tbefore\tafter\n")
        for row in injected:
            f.write("\t".join(str(x) for x in row) + "\n")
    print(f"injected {len(injected)} rows -> {args.out} ({args.list})")
    if not args.check:
        return 0
    after = findings_by_line(args.check)
    row_lines = {}
    for start, cells in read_rows(lines):
        for c in cells:
            row_lines[c[0]] = start
    hit_rows = {row_lines.get(l, l) for l, rules in after.items()
                if "score/threshold-mismatch" in rules}
    caught = sum(1 for row in injected if row[0] in hit_rows)
    injected_rows = {row[0] for row in injected}
    new_elsewhere = 0
    for l, rules in after.items():
        if row_lines.get(l, l) in injected_rows:
            continue
        before = list(base.get(l, []))
        for rule in rules:
            if rule in before:
                before.remove(rule)
            else:
                new_elsewhere += 1
                print(f"new finding on untouched line {l}: {rule}")
    print(f"score/threshold-mismatch on {caught} of {len(injected)} injected "
          f"rows; {new_elsewhere} new findings on untouched rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
