#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the fixtures (tools/fuzz.sh).

    tools/fuzz_seeds.py OUT_DIR

text_export: every rule fixture, the first 64 KB of each bundled year, and
one of them in GB18030 (the encoding detection); scoring_rule and
waivers/config: the 评（扣）分标准 and 指标解释 cells of the bundled corpus, the
waiver example, the default configuration; docx/xlsx/csv/html: the office
files of fixtures/office/.
"""
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def write(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def cells_of(text):
    """The indicator rows' cells (9 TAB lines ended by a blank line)."""
    row, rows = [], []
    for line in text.split("\n"):
        if line.startswith("\t"):
            row.append(line[1:])
        elif not line.strip():
            if len(row) == 9:
                rows.append(row)
            row = []
        elif row:
            row[-1] += "\n" + line
    return rows


def main():
    out = pathlib.Path(sys.argv[1])
    text_dir = out / "text_export"
    for path in sorted((ROOT / "fixtures/rules").glob("*.txt")):
        write(text_dir, path.name, path.read_bytes())
    for path in sorted((ROOT / "fixtures/corpus").glob("*.txt")):
        write(text_dir, path.name, path.read_bytes()[:65536])
    sample = (ROOT / "fixtures/rules/score-tiers.txt").read_text("utf-8")
    write(text_dir, "score-tiers.gb18030.txt", sample.encode("gb18030"))

    corpus = (ROOT / "fixtures/corpus/junshan-2024.txt").read_text("utf-8")
    seen = set()
    for row in cells_of(corpus):
        for cell in (row[7], row[6]):
            if cell not in seen and len(cell) > 3:
                seen.add(cell)
    for i, cell in enumerate(sorted(seen)[:600]):
        write(out / "scoring_rule", f"cell-{i:04d}.txt", cell.encode("utf-8"))

    write(out / "waivers", "example.yaml",
          (ROOT / "fixtures/waivers/example.yaml").read_bytes())
    write(out / "config", "default.yaml",
          (ROOT / "rules/default.yaml").read_bytes())
    write(out / "config", "small.yaml",
          b"rules:\n  weight/sum:\n    severity: warning\n    tolerance: 0.5\n")

    # The office readers: the LibreOffice-made files of fixtures/office/.
    office = ROOT / "fixtures/office"
    for target, patterns in (("docx", ["*.docx"]), ("xlsx", ["*.xlsx"]),
                             ("csv", ["*.csv", "*.tsv"]),
                             ("html", ["*.html", "*.htm"])):
        for pattern in patterns:
            for path in sorted(office.glob("*/" + pattern)):
                data = path.read_bytes()
                if len(data) <= 256 << 10:
                    write(out / target, path.name, data)
                elif target == "html":
                    # A web page over the fuzzer's 64 KB: its first rows,
                    # cut after a whole row, so that the seed still holds a
                    # table the reader turns into units.
                    cut = data.rfind(b"</tr>", 0, 60 << 10)
                    if cut > 0:
                        write(out / target, "head-" + path.name,
                              data[:cut + 5] + b"</table></body></html>")


if __name__ == "__main__":
    main()
