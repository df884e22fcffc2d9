#!/usr/bin/env python3
"""Generates a large corpus for the duplication benchmark.

Clones the real units of a text export (fixtures/corpus/junshan-2024.txt)
round-robin until N units exist. Every clone gets a unique unit name (in the
title and the 部门（单位）名称 cell) and perturbed indicator targets: the
target number is scaled by a random factor and the same number is replaced
in that row's explanation and rule, so rows stay internally consistent and
only the copies across clones remain (as in a province where counties share
templates). Every row of a clone is then shared by about N/120 units.

  python3 tools/gen_corpus.py --units 20000 --out /tmp/corpus-20k.txt

With --shared-share FRACTION the clones instead model a province where about
that fraction of the indicator rows are shared by a few units and the rest
are unique to their unit. Each indicator row of a clone (not a placeholder
row of a category without indicators) is, with probability FRACTION, shared:
for each (source unit, row), the clones that share it are cut in clone order
into groups of 2..--group-max (default 8) consecutive members, and each group
gets its own variant of the row (its own scaled target and its own inserted
phrase), written identically by every member. Every other row gets a phrase
of its own. The analyzer folds numbers to '#' and drops punctuation and
blanks before it compares rows, so a new number alone does not make a row
unique: the phrase is 4-8 CJK characters drawn from the source corpus
(leaving out numerals, scoring and measure words, and the characters of unit
names, so that it reads as no target, rule or place), put in front of the
row's 指标解释 cell. The output is deterministic for a given --seed. A one-line
summary goes to stderr: units, indicator rows, and the measured fraction of
rows whose normalised 三级指标+指标解释+评（扣）分标准 text (NFKC, numbers -> '#',
letters and digits only, as the analyzer keys rows) is shared by >= 2 units.

  python3 tools/gen_corpus.py --units 20000 --shared-share 0.5 \\
      --out /tmp/corpus-20k-s50.txt
  # stderr: gen_corpus: 20000 units, 285009 indicator rows, shared by >=2
  #   units: 0.500 (asked 0.500, groups of 2..8), 5.1 s

With --jurisdictions K (and --shared-share) the clones are spread over K
counties of one city, as in a province's input: clone round c of every
source unit belongs to county c mod K, whose made-up name ("X Y 县", or
"…区"/"…市" for some) replaces the source district's name (君山区) in every
cell of the unit, so that the analyzer finds K reviewing jurisdictions in the
titles.

  python3 tools/gen_corpus.py --units 20000 --shared-share 0.5 \\
      --jurisdictions 40 --out /tmp/province-20k.txt

Without --shared-share the output is byte-for-byte what it was before for the
same --seed.
"""
import argparse
import random
import re
import sys
import time
import unicodedata

TITLE = "整体支出绩效目标表"
DISTRICT = "君山区"  # the source corpus's district, replaced by --jurisdictions
COUNTY_FIRST = "安宝昌德丰富广和华嘉江金康乐临龙茂宁平庆瑞山顺泰通武祥新兴永云长"
COUNTY_SECOND = "安城川丰河湖江林陵宁平桥泉山水松阳源州"
COUNTY_LEVELS = "县县县区市"


def county_names(k):
    """k distinct made-up county names, deterministic."""
    names = []
    for i in range(k):
        a = COUNTY_FIRST[i % len(COUNTY_FIRST)]
        b = COUNTY_SECOND[(i // len(COUNTY_FIRST) + i) % len(COUNTY_SECOND)]
        level = COUNTY_LEVELS[i % len(COUNTY_LEVELS)]
        names.append(a + b + level)
    assert len(set(names)) == k, "too many --jurisdictions"
    return names
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


# --- The --shared-share mode ---------------------------------------------

BLANK = " \t\r\n\u3000"  # what the analyzer counts as no text
FACTORS = [0.5, 0.8, 1.2, 1.5, 2, 3]  # as perturb_rows
TARGET = re.compile(r"\d+(?:\.\d+)?")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Characters a phrase never uses, so that it reads as no number, score,
# deadline, unit of measure or self-reference ("我镇", "本单位"): Chinese
# numerals, the words of scoring rules and targets, pronouns.
AVOID = set(
    "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟半双几"
    "分扣得加减计满超低高少多达到至以上下内含不未无每次元年月日时天率度"
    "个项件份人户亩米吨台条座所栋家名公里季周期第"
    "我本该此其贵各全")
# The analyzer's row key (similarity.cc SimilarityText): NFKC, a run of
# ASCII digits (with inner dots) -> '#', letters and digits only, lower case.
KEY_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)*")
KEY_DROP = re.compile(r"[^\w#]|_")


def row_key(fields):
    """The normalised text the analyzer compares, for a row's 三级指标,
    指标解释 and 评（扣）分标准 cells."""
    return "\x1f".join(
        KEY_DROP.sub("", KEY_NUMBER.sub(
            "#", unicodedata.normalize("NFKC", f))).lower()
        for f in fields)


def scan_rows(unit):
    """The rows of nine TAB cells, found as perturb_rows finds them:
    [(start, end, cells)] with the row's lines unit[start:end] and the
    indexes of the lines on which its cells start."""
    rows = []
    i, n = 0, len(unit)
    while i < n:
        if unit[i].startswith("\t") and (i == 0 or unit[i - 1].strip() == ""):
            j = i
            cells = []
            while j < n and unit[j] != "":
                if unit[j].startswith("\t"):
                    cells.append(j)
                j += 1
            if len(cells) == 9:
                rows.append((i, j, cells))
            i = max(j, i + 1)
        else:
            i += 1
    return rows


def cell_text(unit, cells, end, c):
    stop = cells[c + 1] if c + 1 < len(cells) else end
    return "\n".join(unit[cells[c]:stop]).strip(BLANK)


def is_indicator(unit, cells, end):
    """A real indicator row as the analyzer classifies it (text_reader.cc
    ClassifyRow): not the header, and some cell past the two category cells
    holds text other than 不适用. The others are placeholders."""
    if cell_text(unit, cells, end, 0) == "一级指标":
        return False
    for c in range(2, 9):
        text = cell_text(unit, cells, end, c)
        if text and re.sub("[" + BLANK + "\u00a0]", "", text) != "不适用":
            return True
    return False


class SourceRow:
    """One indicator row of a source unit: its lines, where its cells start
    (relative to the row), and the target that perturbation scales."""

    def __init__(self, lines, cells, name):
        self.lines = lines
        self.cells = cells
        self.has_name = any(name in line for line in lines)
        self.pattern = None
        vi = cells[4]
        value = lines[vi].strip()
        if TARGET.fullmatch(value) and value not in ("0", "100"):
            self.value = value
            self.pattern = re.compile(
                r"(?<![\d.])" + re.escape(value) + r"(?![\d.]|分)")

    def variant(self, rng, chars):
        """The row with a scaled target and a phrase of 4-8 characters in
        front of its 指标解释 cell: (text, key fields)."""
        lines = list(self.lines)
        cells = self.cells
        if self.pattern is not None:
            factor = rng.choice(FACTORS)
            new = float(self.value) * factor
            text = (("%d" % round(new)) if "." not in self.value
                    else ("%.2f" % new))
            for k in range(cells[4], cells[8]):
                lines[k] = self.pattern.sub(text, lines[k])
        phrase = "".join(rng.choices(chars, k=rng.randint(4, 8)))
        # At the start of the cell: appended, the phrase would end a list of
        # amounts ("人员类730万元、公用经费65万元") that arithmetic/itemized-sum
        # reads as the row's value; in front it only lengthens a label.
        first = cells[6]
        if cells[7] == first + 1 and lines[first].strip(BLANK) == "":
            lines[first] = "\t" + phrase
        else:
            lines[first] = "\t" + phrase + lines[first][1:]
        return "\n".join(lines), self.fields(lines)

    def fields(self, lines):
        c = self.cells
        return ("\n".join(lines[c[2]:c[3]]), "\n".join(lines[c[6]:c[7]]),
                "\n".join(lines[c[7]:c[8]]))


class Source:
    """A source unit cut into fixed text and indicator rows: parts[0],
    row 0, parts[1], row 1, …, parts[-1] (each part a joined run of lines,
    None when the run is empty)."""

    def __init__(self, unit):
        self.name = unit_name(unit)
        self.rows = []
        self.parts = []
        at = 0
        for start, end, cells in scan_rows(unit):
            if not is_indicator(unit, cells, end):
                continue
            self.parts.append("\n".join(unit[at:start]) if start > at else None)
            self.rows.append(SourceRow(unit[start:end],
                                       [c - start for c in cells], self.name))
            at = end
        self.parts.append("\n".join(unit[at:]) if len(unit) > at else None)


def phrase_chars(lines, units):
    """CJK characters of the corpus usable in a phrase: not in AVOID, not in
    a unit's name or title (the analyzer's gazetteer of places and units),
    not in an 指标值类型 or 计量单位 cell."""
    used = set(CJK.findall("\n".join(lines)))
    avoid = set(AVOID)
    for unit in units:
        avoid.update(CJK.findall(unit_name(unit)))
        avoid.update(CJK.findall(unit[0]))
        for start, end, cells in scan_rows(unit):
            avoid.update(CJK.findall(cell_text(unit, cells, end, 3)))
            avoid.update(CJK.findall(cell_text(unit, cells, end, 5)))
    return sorted(used - avoid)


def plan_groups(clones, rows, share, group_max, rng):
    """For one source unit: plan[c][r] = the shared variant that clone c
    writes for row r, or -1 when its row r is its own. Each row is shared
    with probability `share`; a row's sharing clones are cut, in clone
    order, into groups of 2..group_max."""
    plan = [[-1] * rows for _ in range(clones)]
    for r in range(rows):
        members = [c for c in range(clones) if rng.random() < share]
        if len(members) == 1:
            # A group of one is not shared: drop it or give it a partner,
            # half and half, so that the expected share stays `share`.
            if clones >= 2 and rng.random() < 0.5:
                other = rng.randrange(clones - 1)
                members = sorted(members + [other + (other >= members[0])])
            else:
                members = []
        i, v, n = 0, 0, len(members)
        while n - i >= 2:
            g = rng.randint(2, group_max)
            rest = n - i - g
            if rest < 0:
                g = n - i
            elif rest == 1 and group_max > 2:  # never leave one alone
                g = g + 1 if g < group_max else g - 1
            for c in members[i:i + g]:
                plan[c][r] = v
            v += 1
            i += g
    return plan


def write_shared(args, units, lines, rng, out):
    """Writes args.units clones in the --shared-share mode; returns
    (indicator rows, rows whose key is shared by >= 2 units)."""
    chars = phrase_chars(lines, units)
    sources = [Source(u) for u in units]
    n = len(sources)
    plans = []
    for s, source in enumerate(sources):
        clones = args.units // n + (1 if s < args.units % n else 0)
        plans.append(plan_groups(clones, len(source.rows), args.shared_share,
                                 args.group_max, rng))
    # The variant each (source, row) is writing: [variant, text, fields].
    current = [[None] * len(source.rows) for source in sources]
    owners = {}  # hash of a row key -> units that have it
    row_keys = []  # per indicator row written
    counties = county_names(args.jurisdictions) if args.jurisdictions else []
    for k in range(args.units):
        s, c = k % n, k // n
        source = sources[s]
        name = source.name
        county = counties[c % len(counties)] if counties else DISTRICT
        new_name = ("%s第%d分支" % (name, c + 1)).replace(DISTRICT, county)
        plan = plans[s][c]
        pieces = []
        keys = set()
        for r, row in enumerate(source.rows):
            if source.parts[r] is not None:
                pieces.append(source.parts[r])
            v = plan[r]
            cur = current[s][r]
            if v >= 0 and cur is not None and cur[0] == v:
                text, fields = cur[1], cur[2]
            else:
                text, fields = row.variant(rng, chars)
                if v >= 0:
                    current[s][r] = [v, text, fields]
            pieces.append(text)
            if row.has_name:
                fields = tuple(f.replace(name, new_name) for f in fields)
            fields = tuple(f.replace(DISTRICT, county) for f in fields)
            key = hash(row_key(fields))
            keys.add(key)
            row_keys.append(key)
        if source.parts[-1] is not None:
            pieces.append(source.parts[-1])
        for key in keys:
            owners[key] = owners.get(key, 0) + 1
        text = "\n".join(pieces).replace(name, new_name)
        text = text.replace(DISTRICT, county)
        first, sep, rest = text.partition("\n")
        if new_name not in first:
            text = first.replace(TITLE, new_name + TITLE) + sep + rest
        out.write(text.rstrip("\n") + "\n\n")
    shared = sum(1 for key in row_keys if owners[key] >= 2)
    return len(row_keys), shared


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default="fixtures/corpus/junshan-2024.txt")
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--shared-share", type=float, metavar="FRACTION",
                    help="share of indicator rows shared by a small group "
                         "of units (the rest unique); default: the round-"
                         "robin clones of the source")
    ap.add_argument("--group-max", type=int, default=8,
                    help="with --shared-share: most units sharing a row "
                         "(at least 2; default 8)")
    ap.add_argument("--jurisdictions", type=int, default=0, metavar="K",
                    help="with --shared-share: spread the units over K "
                         "counties (default: all in the source's district)")
    args = ap.parse_args()
    if args.jurisdictions and args.shared_share is None:
        ap.error("--jurisdictions needs --shared-share")
    if args.shared_share is not None and not 0 <= args.shared_share <= 1:
        ap.error("--shared-share must be between 0 and 1")
    if args.group_max < 2:
        ap.error("--group-max must be at least 2")
    rng = random.Random(args.seed)
    with open(args.source, encoding="utf-8") as f:
        lines = f.read().split("\n")
    _, units = split_units(lines)
    units = [u for u in units if unit_name(u)]
    if args.shared_share is not None:
        started = time.monotonic()
        with open(args.out, "w", encoding="utf-8") as out:
            rows, shared = write_shared(args, units, lines, rng, out)
        print("gen_corpus: %d units, %d indicator rows, shared by >=2 units: "
              "%.3f (asked %.3f, groups of 2..%d), %.1f s"
              % (args.units, rows, shared / rows if rows else 0.0,
                 args.shared_share, args.group_max,
                 time.monotonic() - started), file=sys.stderr)
        return
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
