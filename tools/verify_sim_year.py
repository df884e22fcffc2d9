#!/usr/bin/env python3
"""Check a simulated year's edit list against what the analyzer finds.

    python3 tools/verify_sim_year.py OLD.txt NEW.txt EDITS.yaml [--bin PATH] [--derive]

Runs `jxaudit check --format json` on both years and compares the findings
with the ground truth the edit list gives: which old unit is which new unit
(renamed, removed, added, the rest by name after the year shift). Findings
are keyed by (true unit, rule, indicator key, evidence kind/field) and
compared as multisets. The script checks that
  * expected.fixed / expected.new are exactly the findings that disappeared /
    appeared, and expected.persisting the count of the rest;
  * expected.fixed = the `fixed` lists of all edits + every finding of a
    removed unit, and expected.new = the `new` lists + every finding of an
    added unit, so that each entry is explained by an edit.
Exit 0 when everything agrees, 1 with the differences printed otherwise.
--derive prints the expected block that the edits imply (edit lists plus
removed/added units' findings) as YAML, for pasting after review.

This is a developer tool; the C++ tests check the compare command itself.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import unicodedata

import yaml

YEAR_RE = re.compile(r"(?<![0-9])(202[0-9])(?![0-9])")
ANY_YEAR_RE = re.compile(r"(19[9][0-9]|20[0-9][0-9])")
TRAILING_PUNCT = "。，、；：！？.,;:!?）)】」』"


def shift_years(text, shift):
    return YEAR_RE.sub(lambda m: str(int(m.group(1)) + shift), text)


def indicator_key(indicator):
    """Close to finding_key.h's IndicatorKey: NFKC, no blanks, years → #."""
    if indicator is None:
        return ""
    s = unicodedata.normalize("NFKC", indicator)
    s = "".join(ch for ch in s if not ch.isspace())
    s = ANY_YEAR_RE.sub("#", s)
    return s.rstrip(TRAILING_PUNCT)


def discriminator(evidence):
    evidence = evidence or {}
    return "/".join(str(evidence[k]) for k in ("kind", "field")
                    if isinstance(evidence.get(k), str))


def run(binary, path):
    out = subprocess.run([binary, "check", path, "--format", "json",
                          "--fail-on", "never"], capture_output=True, check=True)
    return json.loads(out.stdout)


def find_binary(explicit):
    if explicit:
        return explicit
    if os.environ.get("JXAUDIT"):
        return os.environ["JXAUDIT"]
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for candidate in (os.path.join(here, "build", "jxaudit"), "/work/main/build/jxaudit"):
        if os.access(candidate, os.X_OK):
            return candidate
    sys.exit("no jxaudit binary: pass --bin or set JXAUDIT")


def entry_key(entry):
    return (entry["unit"], entry["rule"], indicator_key(entry.get("indicator")))


def fmt(key):
    unit, rule, ind = key[:3]
    extra = (" [%s]" % key[3]) if len(key) > 3 and key[3] else ""
    return "%s | %s | %s%s" % (unit, rule, ind or "(unit)", extra)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("edits")
    parser.add_argument("--bin")
    parser.add_argument("--derive", action="store_true")
    args = parser.parse_args()
    with open(args.edits, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    binary = find_binary(args.bin)
    old, new = run(binary, args.old), run(binary, args.new)
    shift = int(spec.get("year_shift") or 0)
    problems = []

    renamed = {r["old"]: r["new"] for r in spec.get("renamed") or []}
    removed = {r["name"] for r in spec.get("removed") or []}
    added = {a["name"] for a in spec.get("added") or []}
    old_names = [u["name"] or u["title"] for u in old["units"]]
    new_names = {u["name"] or u["title"] for u in new["units"]}

    def true_name(old_name):  # old unit → its name in the new year (None: removed)
        if old_name in removed:
            return None
        return renamed.get(old_name, shift_years(old_name, shift))

    mapped = set()
    for name in old_names:
        t = true_name(name)
        if t is None:
            continue
        if t not in new_names:
            problems.append("old unit %r should be %r in the new year, which has no such unit" % (name, t))
        mapped.add(t)
    for name in new_names - mapped:
        if name not in added:
            problems.append("new unit %r is neither mapped from the old year nor listed under added" % name)
    for name in added - new_names:
        problems.append("added unit %r is not in the new year" % name)
    for name in removed:
        if name not in old_names:
            problems.append("removed unit %r is not in the old year" % name)

    def keyed(findings, to_new):
        c = collections.Counter()
        for f in findings:
            unit = f["unit_name"]
            if to_new:
                unit = true_name(unit)
                unit = ("<removed>" + f["unit_name"]) if unit is None else unit
            c[(unit, f["rule"], indicator_key(f["indicator"]), discriminator(f["evidence"]))] += 1
        return c

    old_k, new_k = keyed(old["findings"], True), keyed(new["findings"], False)
    fixed_k, new_only_k = old_k - new_k, new_k - old_k
    persisting = sum((old_k & new_k).values())

    # Back to (old name, rule, indicator) for fixed, (new name, …) for new.
    back = {true_name(n): n for n in old_names if true_name(n) is not None}
    def old_name_of(unit):
        return unit[len("<removed>"):] if unit.startswith("<removed>") else back.get(unit, unit)
    actual_fixed = collections.Counter()
    for (unit, rule, ind, disc), n in fixed_k.items():
        actual_fixed[(old_name_of(unit), rule, ind)] += n
    actual_new = collections.Counter()
    for (unit, rule, ind, disc), n in new_only_k.items():
        actual_new[(unit, rule, ind)] += n

    expected = spec.get("expected") or {}
    exp_fixed = collections.Counter(entry_key(e) for e in expected.get("fixed") or [])
    exp_new = collections.Counter(entry_key(e) for e in expected.get("new") or [])

    # What the edits imply.
    implied_fixed, implied_new = collections.Counter(), collections.Counter()
    for edit in spec.get("edits") or []:
        for e in edit.get("fixed") or []:
            implied_fixed[entry_key(e)] += 1
        for e in edit.get("new") or []:
            implied_new[entry_key(e)] += 1
    for f in old["findings"]:
        if f["unit_name"] in removed:
            implied_fixed[(f["unit_name"], f["rule"], indicator_key(f["indicator"]))] += 1
    for f in new["findings"]:
        if f["unit_name"] in added:
            implied_new[(f["unit_name"], f["rule"], indicator_key(f["indicator"]))] += 1

    if args.derive:
        def dump(counter, findings_by_key):
            lines = []
            for key in sorted(counter.elements()):
                ind = findings_by_key.get(key)
                lines.append("    - {unit: %s, rule: %s, indicator: %s}" % (
                    json.dumps(key[0], ensure_ascii=False), json.dumps(key[1]),
                    "null" if ind is None else json.dumps(ind, ensure_ascii=False)))
            return "\n".join(lines) if lines else "    []"
        raw = {}
        for e in (spec.get("edits") or []):
            for e2 in (e.get("fixed") or []) + (e.get("new") or []):
                raw[entry_key(e2)] = e2.get("indicator")
        for f in old["findings"] + new["findings"]:
            raw.setdefault((f["unit_name"], f["rule"], indicator_key(f["indicator"])), f["indicator"])
        print("expected:")
        print("  fixed:")
        print(dump(implied_fixed, raw))
        print("  new:")
        print(dump(implied_new, raw))
        print("  persisting: %d" % (len(old["findings"]) - sum(implied_fixed.values())))
        return 0

    def diff(label, want, got):
        for key in sorted((want - got).elements()):
            problems.append("%s: expected but did not happen: %s" % (label, fmt(key)))
        for key in sorted((got - want).elements()):
            problems.append("%s: happened but not expected: %s" % (label, fmt(key)))

    diff("fixed", exp_fixed, actual_fixed)
    diff("new", exp_new, actual_new)
    diff("fixed vs edits", implied_fixed, exp_fixed)
    diff("new vs edits", implied_new, exp_new)
    want_persisting = expected.get("persisting")
    if want_persisting != persisting:
        problems.append("persisting: expected %s, actual %d" % (want_persisting, persisting))
    if len(old["findings"]) - sum(exp_fixed.values()) != want_persisting:
        problems.append("persisting %s != old findings %d − fixed %d"
                        % (want_persisting, len(old["findings"]), sum(exp_fixed.values())))
    if len(new["findings"]) - sum(exp_new.values()) != want_persisting:
        problems.append("persisting %s != new findings %d − new %d"
                        % (want_persisting, len(new["findings"]), sum(exp_new.values())))

    print("old findings %d, new findings %d; actual: fixed %d, new %d, persisting %d"
          % (len(old["findings"]), len(new["findings"]), sum(fixed_k.values()),
             sum(new_only_k.values()), persisting))
    if problems:
        for p in problems:
            print("  " + p)
        # Full detail of the actual difference, to explain it.
        print("actual difference (true unit | rule | indicator [kind/field]):")
        for key in sorted(fixed_k.elements()):
            print("  - " + fmt(key))
        for key in sorted(new_only_k.elements()):
            print("  + " + fmt(key))
        return 1
    print("OK: every difference is explained by an edit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
