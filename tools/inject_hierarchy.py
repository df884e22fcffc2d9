#!/usr/bin/env python3
"""Injects misplaced rows for structure/hierarchy (by content) and scores it.

In each unit one clean indicator row (no finding in --findings) whose
一级/二级指标 cells are blank (it sits under a merged category cell), whose
name does not speak of satisfaction and whose 计量单位 is a count, money,
area, length or weight unit is moved to just after the unit's last
满意度指标 row, its category cells still blank: it now sits under the
merged 满意度指标 block, as a row does when a merged cell spans it. Moving a
row whose category cells are blank changes no other row's categories.

  tools/inject_hierarchy.py CORPUS --findings base.json --out injected.txt \
      --list injected.tsv [--seed N]
  jxaudit check injected.txt --format json --fail-on never > injected.json
  tools/inject_hierarchy.py --check injected.json --list injected.tsv \
      --findings base.json

--check prints how many injected rows structure/hierarchy reported and
whether any finding of an untouched row appeared that the base run did not
have.
"""
import argparse
import json
import random
import sys

UNITS = {"万元", "元", "个", "次", "人", "人次", "项", "场", "户", "件", "家",
         "亩", "公里", "米", "吨", "平方米", "篇", "期", "份", "台", "辆", "所"}
BLANK = {"", "\u3000"}


def blocks(lines):
    """Cell blocks: runs of lines separated by blank lines, with offsets."""
    start = None
    for i, line in enumerate(lines + [""]):
        if line.strip(" \t\u3000\n") == "" and not line.startswith("\t"):
            if start is not None:
                yield start, i
                start = None
        elif start is None:
            start = i


def cells(lines, begin, end):
    """The block's cells: a line starting with TAB opens one."""
    out = []
    for line in lines[begin:end]:
        if line.lstrip(" ").startswith("\t"):
            out.append(line.lstrip(" ")[1:].rstrip("\n"))
        elif out:
            out[-1] += "\n" + line.rstrip("\n")
    return out


def units_of(lines):
    """Per unit: its indicator rows as (begin, end, cells, level1)."""
    units, current, level1 = [], None, ""
    for begin, end in blocks(lines):
        c = cells(lines, begin, end)
        # A title cell may follow the last row without a blank line (as the
        # text reader sees it: a short cell naming the table).
        titles = [x for x in c if "整体支出绩效目标表" in x and len(x) <= 80]
        if titles:
            current, level1 = [], ""
            units.append((titles[0].strip(), current))
            continue
        if current is None or len(c) != 9 or c[0].strip() == "一级指标":
            continue
        if c[0].strip() not in BLANK:
            level1 = c[0].strip()
        current.append((begin, end, c, level1))
    return units


def finding_keys(report):
    return {(f["unit_name"], f["indicator"], f["rule"])
            for f in report["findings"]}


def inject(args):
    lines = open(args.corpus, encoding="utf-8").read().split("\n")
    lines = [line + "\n" for line in lines]
    flagged = {(f["unit_name"], f["indicator"])
               for f in json.load(open(args.findings))["findings"]}
    name_of = {u["title"].strip(): u["name"]
               for u in json.load(open(args.findings))["units"]}
    rng = random.Random(args.seed)
    moves = []  # (row begin, row end, insert before line, unit, name)
    for title, rows in units_of(lines):
        satisfied = [r for r in rows if r[3] == "满意度指标"]
        if not satisfied or title not in name_of:
            continue
        unit = name_of[title]
        last = satisfied[-1]
        candidates = [
            r for r in rows
            if r[3] in ("产出指标", "成本指标") and r[2][0].strip() in BLANK
            and r[2][1].strip() in BLANK and "满意" not in r[2][2]
            and r[2][5].strip() in UNITS and r[1] < last[0]
            and (unit, r[2][2].strip()) not in flagged
        ]
        if candidates:
            row = rng.choice(candidates)
            moves.append((row[0], row[1], last[1], unit,
                          row[2][2].strip(), row[2][5].strip()))
    moved = {}
    skip = set()
    for begin, end, before, *_ in moves:
        moved[before] = lines[begin:end] + ["\n"]
        skip.update(range(begin, end + 1))  # the row and the blank after it
    out = []
    for i, line in enumerate(lines):
        if i in moved:
            out.append("\n")
            out.extend(moved[i][:-1])
        if i not in skip:
            out.append(line)
    text = "".join(out)
    open(args.out, "w", encoding="utf-8").write(text.rstrip("\n") + "\n")
    with open(args.list, "w", encoding="utf-8") as f:
        for *_, unit, name, measure in moves:
            f.write(f"{unit}\t{name}\t{measure}\n")
    print(f"moved {len(moves)} rows under 满意度指标", file=sys.stderr)


def check(args):
    injected = [line.rstrip("\n").split("\t")
                for line in open(args.list, encoding="utf-8")]
    report = json.load(open(args.check))
    hits = {(f["unit_name"], f["indicator"]) for f in report["findings"]
            if f["rule"] == "structure/hierarchy"}
    caught = [row for row in injected if (row[0], row[1]) in hits]
    print(f"structure/hierarchy caught {len(caught)} of {len(injected)}")
    for row in injected:
        if (row[0], row[1]) not in hits:
            print("  missed:", "\t".join(row))
    sys.stdout.flush()
    touched = {(row[0], row[1]) for row in injected}
    before = finding_keys(json.load(open(args.findings)))
    new = [k for k in finding_keys(report) - before
           if (k[0], k[1]) not in touched]
    print(f"new findings on untouched rows: {len(new)}")
    for key in sorted(new, key=str)[:20]:
        print("  ", key)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--findings", required=True)
    parser.add_argument("--out")
    parser.add_argument("--list", required=True)
    parser.add_argument("--check")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    check(args) if args.check else inject(args)


if __name__ == "__main__":
    main()
