#!/usr/bin/env python3
"""Inject unit-family swaps into a text export and measure unit/mismatch.

    python3 tools/inject_units.py [--in fixtures/corpus/junshan-2024.txt]
        [--out /tmp/units-injected.txt] [--list /tmp/units-injected.lines]
        [--jxaudit build/jxaudit] [--seed 12]

The defect injected is the one a reviewer sees when a clerk picks the wrong
entry of the template's unit list: a count indicator ("≥ 20 次") whose
计量单位 becomes a unit of another family (公里, 亩, 万元, 吨…) while its
指标解释 and 评（扣）分标准 still count the original thing.

Steps:
  1. runs jxaudit on the input and keeps the numeric count rows (operator
     ≥ ≤ = > <, a plain number, a count unit) with no finding at all;
  2. replaces the 计量单位 cell of each of them with a unit of another family,
     chosen with random.Random(seed), and writes the injected text and the
     list of injected rows (line, indicator, old unit, new unit);
  3. runs jxaudit on the injected text and prints how many injected rows got
     unit/mismatch, how many got any unit/* finding, and how many untouched
     rows got a unit/* finding they did not have before.
Python 3 standard library only.
"""
import argparse
import json
import random
import re
import subprocess
import sys

COUNT_UNITS = {"次", "个", "人", "场", "项", "件", "家", "户", "篇", "份",
               "起", "期", "处", "座", "条", "笔", "人次", "所", "批", "批次",
               "名", "类", "种", "套", "台", "辆", "栋", "盏", "对", "户次"}
OTHER_UNITS = ["公里", "亩", "万元", "吨", "平方米", "元", "米", "公顷"]
OPERATORS = {"≥", "≤", "=", "＝", "﹦", "≧", ">", "<", "＞", "＜", "﹥"}
NUMBER_RE = re.compile(r"^[0-9０-９]+(?:[.．][0-9０-９]+)?$")
FIELDS = 9  # 一级 二级 三级 类型 指标值 计量单位 解释 评分标准 备注


def is_cell(line):
    tab = line.find("\t")
    return tab >= 0 and line[:tab].strip(" ") == ""


def cell_text(line):
    return line[line.find("\t") + 1:].strip(" \u3000\r")


def rows(lines):
    """Yields (first_line_index, last_line_index, [cell line indexes])."""
    start, cells = None, []
    for i, line in enumerate(lines + [""]):
        if line.strip(" \r") == "":
            if cells:
                yield start, i - 1, cells
            start, cells = None, []
            continue
        if is_cell(line):
            if start is None:
                start = i
            cells.append(i)
    # (the sentinel "" flushes the last row)


def count_rows(lines):
    for first, last, cells in rows(lines):
        if len(cells) != FIELDS:
            continue
        op = cell_text(lines[cells[3]])
        value = cell_text(lines[cells[4]])
        unit = cell_text(lines[cells[5]])
        if op in OPERATORS and NUMBER_RE.match(value) and unit in COUNT_UNITS:
            yield first, last, cells


def findings(jxaudit, path):
    out = subprocess.run([jxaudit, "check", path, "--format", "json"],
                         capture_output=True, text=True, check=False)
    data = json.loads(out.stdout)
    items = data["findings"] if isinstance(data, dict) else data
    return [(f["source"]["line"], f["rule"]) for f in items]


def rows_with(found, spans, prefix=""):
    """Indexes of spans (first, last) that hold a finding of `prefix`."""
    hit = set()
    for line, rule in found:
        if not rule.startswith(prefix):
            continue
        for k, (first, last) in enumerate(spans):
            if first + 1 <= line <= last + 1:
                hit.add(k)
                break
    return hit


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--in", dest="inp",
                    default="fixtures/corpus/junshan-2024.txt")
    ap.add_argument("--out", default="/tmp/units-injected.txt")
    ap.add_argument("--list", default="/tmp/units-injected.lines")
    ap.add_argument("--jxaudit", default="build/jxaudit")
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()

    with open(args.inp, encoding="utf-8") as f:
        lines = f.read().split("\n")
    all_rows = [(a, b) for a, b, _ in rows(lines)]
    before = findings(args.jxaudit, args.inp)
    dirty = rows_with(before, all_rows)
    before_unit = rows_with(before, all_rows, "unit/")

    rng = random.Random(args.seed)
    injected = {}  # row span index -> (line, name, old, new)
    for first, last, cells in count_rows(lines):
        k = all_rows.index((first, last))
        if k in dirty:
            continue
        ucell = cells[5]
        old = cell_text(lines[ucell])
        new = rng.choice(OTHER_UNITS)
        lines[ucell] = lines[ucell].replace(old, new, 1)
        injected[k] = (ucell + 1, cell_text(lines[cells[2]]), old, new)

    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    with open(args.list, "w", encoding="utf-8") as f:
        for line, name, old, new in sorted(injected.values()):
            f.write(f"{line}\t{name}\t{old}\t{new}\n")

    after = findings(args.jxaudit, args.out)
    mismatch = rows_with(after, all_rows, "unit/mismatch")
    any_unit = rows_with(after, all_rows, "unit/")
    caught = len(mismatch & injected.keys())
    caught_any = len(any_unit & injected.keys())
    new_untouched = sorted(all_rows[k][0] + 1 for k in any_unit
                           if k not in injected and k not in before_unit)
    print(f"injected rows: {len(injected)}")
    print(f"caught by unit/mismatch: {caught} "
          f"({100.0 * caught / max(1, len(injected)):.1f}%)")
    print(f"caught by any unit/* rule: {caught_any}")
    print(f"untouched rows with a new unit/* finding: {len(new_untouched)}"
          + (f" (lines {', '.join(map(str, new_untouched))})"
             if new_untouched else ""))
    missed = sorted(v for k, v in injected.items() if k not in mismatch)
    for line, name, old, new in missed[:40]:
        print(f"  missed: line {line} {name} {old} -> {new}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
