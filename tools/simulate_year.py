#!/usr/bin/env python3
"""Build a simulated next-year corpus from a real one, driven by an edit list.

    python3 tools/simulate_year.py --edits fixtures/years/junshan-2025-sim.edits.yaml \
        [--in fixtures/corpus/junshan-2024.txt] [--out fixtures/corpus/junshan-2025-sim.txt] [--check]

The edit list (YAML) is both the documentation of the simulated year and the
input of this script; docs/simulated-years.md describes it. --in and --out
default to the list's `from` and `to`. With --check nothing is written: the
script exits 1 when the generated text differs from the file at --out, so a
test can prove that the committed fixture is exactly what the list produces.

What the script does, in this order:
  1. splits the text export into a preamble and one block per unit. A block
     starts at the unit's title line (a TAB cell containing 整体支出绩效目标表,
     as the analyzer's reader defines it) and takes with it the bookmark,
     stray and blank lines just above the title;
  2. applies every `ops` find/replace of `edits`, `renamed` and `text_shift`
     (op: rewrap) inside the block of the unit it names. `find` is text of the
     SOURCE year and must occur exactly once in that block (or `count` times);
     `replace` is the final text of the NEW year and is written verbatim (the
     year shift does not touch it);
  3. renames units: the 部门（单位）名称 cell `old` becomes `new`;
  4. drops the `removed` units and adds the `added` ones (read from `file`,
     already written in the new year);
  5. shifts every year 2020–2029 by `year_shift` (outside verbatim text);
  6. shuffles the blocks with random.Random(seed) when `reorder` is true;
  7. applies the remaining `text_shift` ops (op: blank_lines).
Everything is deterministic: the same list and input give the same bytes.
"""
import argparse
import os
import random
import re
import sys

import yaml

TITLE_MARKER = "整体支出绩效目标表"
MAX_TITLE_CODE_POINTS = 80
NAME_LABEL = "部门（单位）名称"
YEAR_RE = re.compile(r"(?<![0-9])(202[0-9])(?![0-9])")
# Private-use code points mark verbatim replacements while the year shift runs.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


def is_cell(line):
    tab = line.find("\t")
    return tab >= 0 and line[:tab].strip(" ") == ""


def is_title(line):
    if not is_cell(line):
        return False
    text = line[line.find("\t") + 1:]
    return TITLE_MARKER in text and len(text.strip()) <= MAX_TITLE_CODE_POINTS


def lines_of(text, keepends):
    """Split at "\n" only, as the analyzer's reader does (str.splitlines would
    also split at U+2028, form feeds and other separators)."""
    parts = text.split("\n")
    if keepends:
        lines = [p + "\n" for p in parts[:-1]]
        if parts[-1]:
            lines.append(parts[-1])
        return lines
    return parts


def split_blocks(text):
    """Returns (preamble, [block, ...]); blocks keep their bytes exactly."""
    lines = lines_of(text, keepends=True)
    starts = []
    for i, line in enumerate(lines):
        if not is_title(line):
            continue
        start = i
        # Take the bookmark / stray / blank lines above the title along.
        while start > 0 and not is_cell(lines[start - 1]):
            start -= 1
        if starts and start <= starts[-1]:
            start = i
        starts.append(start)
    if not starts:
        sys.exit("no unit title (整体支出绩效目标表) found")
    preamble = "".join(lines[:starts[0]])
    blocks = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        blocks.append("".join(lines[start:end]))
    return preamble, blocks


def unit_name(block):
    """The 单位名称 cell, or the title when the table has none (as the analyzer)."""
    lines = lines_of(block, keepends=False)
    title = None
    for i, line in enumerate(lines):
        if title is None and is_title(line):
            title = line[line.find("\t") + 1:].strip()
        if is_cell(line) and line.split("\t", 1)[1].strip().replace(" ", "") == NAME_LABEL:
            if i + 1 < len(lines) and is_cell(lines[i + 1]):
                return lines[i + 1].split("\t", 1)[1].strip()
    return title


def shift_years(text, shift):
    if not shift:
        return text
    out = []
    for k, part in enumerate(re.split("(%s[^%s]*%s)" % (MARK_OPEN, MARK_CLOSE, MARK_CLOSE), text)):
        if k % 2 == 1:
            out.append(part)
        else:
            out.append(YEAR_RE.sub(lambda m: str(int(m.group(1)) + shift), part))
    return "".join(out)


def unmark(text):
    return text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


class Simulator:
    def __init__(self, spec, root):
        self.spec = spec
        self.root = root
        self.errors = []

    def fail(self, message):
        self.errors.append(message)

    def apply_op(self, blocks, where, unit, op):
        if unit not in blocks:
            self.fail("%s: unit %r not in the source year" % (where, unit))
            return
        find, replace = op["find"], op["replace"]
        count = op.get("count", 1)
        found = blocks[unit].count(find)
        if found != count:
            self.fail("%s: %r occurs %d times in %r, expected %d"
                      % (where, find, found, unit, count))
            return
        blocks[unit] = blocks[unit].replace(find, MARK_OPEN + replace + MARK_CLOSE)

    def run(self, text):
        spec = self.spec
        preamble, block_list = split_blocks(text)
        blocks = {}
        order = []
        for block in block_list:
            name = unit_name(block)
            if name in blocks:
                sys.exit("two units named %r in the source year" % name)
            blocks[name] = block
            order.append(name)

        for edit in spec.get("edits") or []:
            for op in edit.get("ops") or []:
                self.apply_op(blocks, edit["id"], edit["unit"], op)
        for shift in spec.get("text_shift") or []:
            if shift.get("op") == "rewrap":
                for op in shift.get("ops") or []:
                    self.apply_op(blocks, shift["id"], shift["unit"], op)

        renamed = {}
        for rename in spec.get("renamed") or []:
            old, new = rename["old"], rename["new"]
            if old not in blocks:
                self.fail("renamed: unit %r not in the source year" % old)
                continue
            cell = "\t%s\n\t%s\n" % (NAME_LABEL, old)
            self.apply_op(blocks, "renamed " + old, old,
                          {"find": cell, "replace": "\t%s\n\t%s\n" % (NAME_LABEL, new)})
            for op in rename.get("ops") or []:
                self.apply_op(blocks, "renamed " + old, old, op)
            renamed[old] = new

        for removed in spec.get("removed") or []:
            name = removed["name"]
            if name not in blocks:
                self.fail("removed: unit %r not in the source year" % name)
                continue
            del blocks[name]
            order.remove(name)

        shift = int(spec.get("year_shift") or 0)
        out_blocks = [unmark(shift_years(blocks[name], shift)) for name in order]
        for added in spec.get("added") or []:
            with open(os.path.join(self.root, added["file"]), encoding="utf-8") as f:
                block = f.read()
            if not block.endswith("\n"):
                block += "\n"
            if unit_name(block) != added["name"]:
                self.fail("added: %s names its unit %r, not %r"
                          % (added["file"], unit_name(block), added["name"]))
            out_blocks.append(block)

        if spec.get("reorder"):
            random.Random(spec["seed"]).shuffle(out_blocks)

        for shift_op in spec.get("text_shift") or []:
            if shift_op.get("op") == "blank_lines":
                every, lines = int(shift_op["every"]), int(shift_op["lines"])
                for k in range(every - 1, len(out_blocks), every):
                    out_blocks[k] = "\n" * lines + out_blocks[k]
            elif shift_op.get("op") != "rewrap":
                self.fail("text_shift: unknown op %r" % shift_op.get("op"))

        # Only the source's last block may lack a final newline; once moved
        # it needs one, or its last line would run into the next title.
        for k in range(len(out_blocks) - 1):
            if not out_blocks[k].endswith("\n"):
                out_blocks[k] += "\n"
        return unmark(shift_years(preamble, shift)) + "".join(out_blocks)


def find_root(path):
    """The repository root: the folder holding fixtures/ above the edit list."""
    d = os.path.dirname(os.path.abspath(path))
    while d != os.path.dirname(d):
        if os.path.isdir(os.path.join(d, "fixtures")):
            return d
        d = os.path.dirname(d)
    return os.getcwd()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", required=True)
    parser.add_argument("--in", dest="input")
    parser.add_argument("--out")
    parser.add_argument("--check", action="store_true",
                        help="compare with --out instead of writing it")
    args = parser.parse_args()
    with open(args.edits, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    root = find_root(args.edits)
    src = args.input or os.path.join(root, spec["from"])
    dst = args.out or os.path.join(root, spec["to"])
    with open(src, encoding="utf-8") as f:
        text = f.read()
    sim = Simulator(spec, root)
    result = sim.run(text)
    if sim.errors:
        for e in sim.errors:
            print("error:", e, file=sys.stderr)
        return 2
    if args.check:
        try:
            with open(dst, encoding="utf-8", newline="") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != result:
            print("%s is not what %s produces; regenerate it" % (dst, args.edits),
                  file=sys.stderr)
            return 1
        print("%s: up to date" % dst)
        return 0
    with open(dst, "w", encoding="utf-8", newline="") as f:
        f.write(result)
    print("wrote %s (%d units)" % (dst, len(split_blocks(result)[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
