#!/usr/bin/env python3
"""Fails when a source file includes a header of a stage above its own.

The stages and what each may include (README "Architecture"):

    model  <- config <- ingest <- engine <- rules
                                  engine <- yoy <- reports
    cli includes every stage; fuzz every stage but cli; tests, bench and
    tools are not checked.

Usage: tools/check_layers.py [SOURCE_ROOT]   (exit 1 and one line per
offending include when the layering is broken)
"""
import pathlib
import re
import sys

# stage -> folder (relative to the source root)
FOLDERS = {
    "model": "analyzer/model",
    "config": "analyzer/config",
    "ingest": "analyzer/ingest",
    "engine": "analyzer/engine",
    "rules": "rules",
    "yoy": "analyzer/yoy",
    "reports": "reports",
    "cli": "cli",
    "fuzz": "fuzz",
}
# stage -> the stages it may include (besides itself)
ALLOWED = {
    "model": set(),
    "config": {"model"},
    "ingest": {"model", "config"},
    "engine": {"model", "config", "ingest"},
    "rules": {"model", "config", "ingest", "engine"},
    "yoy": {"model", "config", "engine"},
    "reports": {"model", "config", "engine", "yoy"},
    "cli": set(FOLDERS),
    "fuzz": set(FOLDERS) - {"cli"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def stage_of(path):
    """The stage a project path (or include) belongs to, or None."""
    best = None
    for stage, folder in FOLDERS.items():
        if path.startswith(folder + "/"):
            if best is None or len(folder) > len(FOLDERS[best]):
                best = stage
    return best


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    problems = []
    checked = 0
    for stage, folder in FOLDERS.items():
        for source in sorted((root / folder).rglob("*")):
            if source.suffix not in (".h", ".cc", ".in"):
                continue
            checked += 1
            rel = source.relative_to(root).as_posix()
            if stage_of(rel) != stage:
                continue
            for number, line in enumerate(source.read_text("utf-8").splitlines(), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                target = stage_of(match.group(1))
                if target is None and match.group(1).startswith("analyzer/"):
                    problems.append(f"{rel}:{number}: {match.group(1)} is in no stage folder")
                elif target and target != stage and target not in ALLOWED[stage]:
                    problems.append(
                        f"{rel}:{number}: {stage} includes {match.group(1)} ({target}), "
                        f"a stage it may not use; allowed: {', '.join(sorted(ALLOWED[stage])) or 'none'}")
    if checked == 0:
        print(f"check_layers: no sources under {root}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem)
    print(f"check_layers: {checked} files, {len(problems)} layering violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
