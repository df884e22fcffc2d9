#!/usr/bin/env python3
"""Generates a large corpus for the duplication benchmark.

Clones the real units of a text export (fixtures/corpus/junshan-2024.txt)
round-robin until N units exist. Every clone gets a unique unit name (in the
title and the 部门（单位）名称 cell) and perturbed indicator targets: the
target number is scaled by a random factor and the same number is replaced
in that row's explanation and rule, so rows stay internally consistent and
only the copies across clones remain (as in a province where counties share
templates).

  python3 tools/gen_corpus.py --units 20000 --out /tmp/corpus-20k.txt
"""
import argparse
import random
import re

TITLE = "整体支出绩效目标表"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def split_units(lines):
    """Returns (prefix_lines, [unit_lines...]) split at title lines."""
    starts = [i for i, l in enumerate(lines) if TITLE in l]
    units = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(lines)
        units.append(lines[s:e])
    return lines[: starts[0]] if starts else lines, units


def unit_name(unit):
    for i, l in enumerate(unit):
        if l.strip() == "部门（单位）名称" and i + 1 < len(unit):
            return unit[i + 1].strip()
    return None


def perturb_rows(unit, rng):
    """Scales each indicator row's numeric target (the 5th cell of a row of
    nine TAB cells) and rewrites the same number in the row's text."""
    out = list(unit)
    i = 0
    while i < len(out):
        # A row: consecutive cells after a blank line.
        if out[i].startswith("\t") and (i == 0 or out[i - 1].strip() == ""):
            j = i
            cells = []
            while j < len(out) and out[j] != "":
                if out[j].startswith("\t"):
                    cells.append(j)
                j += 1
            if len(cells) == 9:
                vi = cells[4]
                value = out[vi].strip()
                if re.fullmatch(r"\d+(?:\.\d+)?", value) and value not in ("0", "100"):
                    factor = rng.choice([0.5, 0.8, 1.2, 1.5, 2, 3])
                    new = float(value) * factor
                    text = ("%d" % round(new)) if "." not in value else ("%.2f" % new)
                    # The target where it is written, not points ("4分")
                    # nor parts of other numbers; the weight cell is kept.
                    pattern = re.compile(
                        r"(?<![\d.])" + re.escape(value) + r"(?![\d.]|分)")
                    for k in range(vi, cells[8]):
                        out[k] = pattern.sub(text, out[k])
            i = max(j, i + 1)
        else:
            i += 1
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default="fixtures/corpus/junshan-2024.txt")
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with open(args.source, encoding="utf-8") as f:
        lines = f.read().split("\n")
    _, units = split_units(lines)
    units = [u for u in units if unit_name(u)]
    with open(args.out, "w", encoding="utf-8") as out:
        for k in range(args.units):
            src = units[k % len(units)]
            name = unit_name(src)
            new_name = "%s第%d分支" % (name, k // len(units) + 1)
            clone = [l.replace(name, new_name) for l in src]
            if new_name not in clone[0]:
                clone[0] = clone[0].replace(TITLE, new_name + TITLE)
            clone = perturb_rows(clone, rng)
            out.write("\n".join(clone).rstrip("\n") + "\n\n")


if __name__ == "__main__":
    main()
