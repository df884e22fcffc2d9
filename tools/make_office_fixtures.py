#!/usr/bin/env python3
"""Writes real units of the bundled corpus as the files departments submit.

Takes UNITS (by 部门（单位）名称) from fixtures/corpus/junshan-2024.txt and
writes, under fixtures/office/:

  units.txt            the units' text exactly as in the corpus (the reference)
  same/units-gbk.txt   the same text in GB18030/GBK
  same/units.docx      one Word document, one table per unit (title in a
                       one-cell row on top, merged 一级/二级指标, multi-line
                       cells), made by LibreOffice Writer from HTML
  same/units.xlsx      one Excel workbook, one sheet per unit (merged
                       categories and title, weights as numbers, "98%" values
                       as 0.98 with a percent format), made by LibreOffice Calc
                       from a flat ODS file
  same/units.html      the Word document saved as a web page by LibreOffice
  same/units.csv       one CSV (UTF-8 with BOM, CRLF, categories filled down)
  variants/heading.docx   the first unit with its title as a heading above
                          the table and the 名称/职责/目标 block in a separate
                          two-column table
  variants/one-sheet.xlsx two units one under the other in one sheet
  variants/units-utf16.tsv  the units as Excel's "Unicode text" (UTF-16LE with
                            BOM, TAB-separated)

With --corpus it writes instead the whole corpus (120 units) as
corpus/junshan-2024.docx (one table per unit) and corpus/junshan-2024.xlsx
(one sheet per unit).

LibreOffice is needed only here (apt-get install libreoffice-writer
libreoffice-calc); the tests read the committed files.

Usage: tools/make_office_fixtures.py [--corpus] [SOURCE_ROOT]
"""
import html
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

UNITS = [
    "岳阳市君山区信访局",
    "岳阳市君山区退役军人事务局",
    "岳阳市君山区疾病预防控制中心",
    "岳阳市君山区计划生育协会本级",
    "岳阳市君山区自然资源局",
    "君山区卫生健康局",  # a value written "95%": a percent cell in Excel
]
TITLE_MARK = "整体支出绩效目标表"
BLANK = " \t\u3000\u00a0"


def read_units(corpus_path):
    """{name: (segment lines, rows)} for every unit of the corpus."""
    lines = corpus_path.read_text(encoding="utf-8").split("\n")
    starts = [i for i, l in enumerate(lines)
              if l.lstrip(" ").startswith("\t") and TITLE_MARK in l
              and len(l.strip(BLANK)) <= 80]
    units = {}
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        segment = lines[start:end]
        # A bookmark line before the next title belongs to that title.
        while segment and (segment[-1].strip() == "" or
                           segment[-1].startswith("[bookmark")):
            segment.pop()
        rows = parse_rows(segment)
        name = next((r[1] for r in rows if len(r) == 2 and "名称" in r[0]), "")
        units[name.strip(BLANK)] = (segment, rows)
    return units


def parse_rows(segment):
    rows, row = [], []
    for line in segment:
        if line.strip(" \t") == "" and "\t" not in line.strip(" "):
            if row:
                rows.append(row)
            row = []
        elif line.lstrip(" ").startswith("\t"):
            row.append(line.lstrip(" ")[1:])
        elif row:
            row[-1] += "\n" + line
    if row:
        rows.append(row)
    rows = [r for r in rows if not all(c.strip(BLANK) == "" for c in r)
            or len(r) >= 3]
    # A table's last row cut off after its category cells (the export ran
    # it into the next title): in the Word original it is a full row.
    header = next(i for i, r in enumerate(rows) if r[0].strip(BLANK) == "一级指标")
    return rows[:header] + [r + ["\u3000"] * (9 - len(r)) if len(r) < 9 else r
                            for r in rows[header:]]


def is_blank(text):
    return text.strip(BLANK) == ""


def cell_paragraphs(text):
    return [l for l in text.split("\n") if not is_blank(l)] or [text]


def spans(rows, col):
    """Row spans of a category column: a blank cell continues the one above."""
    out = [1] * len(rows)
    anchor = None
    for i, r in enumerate(rows):
        if len(r) != 9:
            anchor = None
            continue
        if is_blank(r[col]) and anchor is not None and not is_blank(rows[anchor][col]):
            out[anchor] += 1
            out[i] = 0
        else:
            anchor = i
    return out


# ---------------------------------------------------------------- HTML/Word

def html_cell(text, colspan=1, rowspan=1):
    attrs = ""
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    body = "".join(f"<p>{html.escape(p)}</p>" for p in cell_paragraphs(text))
    return f"<td{attrs}>{body}</td>"


def html_table(rows, with_title=True, info=True, indicators=True):
    out = ['<table border="1" cellspacing="0">']
    l1, l2 = spans(rows, 0), spans(rows, 1)
    for i, r in enumerate(rows):
        if len(r) == 1:
            if TITLE_MARK in r[0] and not with_title:
                continue
            if TITLE_MARK not in r[0] and not indicators:
                continue
            out.append("<tr>" + html_cell(r[0], 9) + "</tr>")
        elif len(r) == 2:
            if info:
                out.append("<tr>" + html_cell(r[0]) + html_cell(r[1], 8) + "</tr>")
        elif indicators:
            cells = []
            for c, text in enumerate(r):
                span = (l1 if c == 0 else l2 if c == 1 else [1] * len(rows))[i]
                if span == 0:
                    continue
                cells.append(html_cell(text, 1, span))
            out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def html_document(body):
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            "<title>绩效目标表</title></head><body>\n" + body +
            "\n</body></html>\n")


# ---------------------------------------------------------------- Calc (FODS)

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
PERCENT = re.compile(r"^(\d+(\.\d+)?)%$")


def ods_text(text):
    paragraphs = []
    for p in text.split("\n"):
        escaped = html.escape(p, quote=False)
        escaped = re.sub(r"  +", lambda m: f' <text:s text:c="{len(m.group()) - 1}"/>', escaped)
        paragraphs.append(f"<text:p>{escaped}</text:p>")
    return "".join(paragraphs)


def ods_cell(text, colspan=1, rowspan=1, column=None):
    attrs = ""
    if colspan > 1:
        attrs += f' table:number-columns-spanned="{colspan}"'
    if rowspan > 1:
        attrs += f' table:number-rows-spanned="{rowspan}"'
    stripped = text.strip(BLANK)
    # Weights and plain numeric values as numbers; "98%" as a percentage —
    # as a department's workbook holds them.
    if column in (4, 8) and NUMBER.match(stripped) and stripped == text:
        return (f'<table:table-cell{attrs} office:value-type="float" '
                f'office:value="{stripped}"><text:p>{stripped}</text:p>'
                "</table:table-cell>")
    m = PERCENT.match(stripped)
    if column == 4 and m and stripped == text:
        value = float(m.group(1)) / 100
        style = "P2" if m.group(2) else "P0"
        decimals = len(m.group(2)) - 1 if m.group(2) else 0
        style = f"pct{decimals}"
        return (f'<table:table-cell{attrs} table:style-name="{style}" '
                f'office:value-type="percentage" office:value="{value!r}">'
                f"<text:p>{stripped}</text:p></table:table-cell>")
    return (f'<table:table-cell{attrs} office:value-type="string">'
            f"{ods_text(text)}</table:table-cell>")


def ods_rows(rows):
    out = []
    l1, l2 = spans(rows, 0), spans(rows, 1)
    for i, r in enumerate(rows):
        cells = []
        if len(r) == 1:
            cells.append(ods_cell(r[0], 9))
            cells.append('<table:covered-table-cell table:number-columns-repeated="8"/>')
        elif len(r) == 2:
            cells.append(ods_cell(r[0]))
            cells.append(ods_cell(r[1], 8))
            cells.append('<table:covered-table-cell table:number-columns-repeated="7"/>')
        else:
            for c, text in enumerate(r):
                span = (l1 if c == 0 else l2 if c == 1 else [1] * len(rows))[i]
                if span == 0:
                    cells.append("<table:covered-table-cell/>")
                else:
                    cells.append(ods_cell(text, 1, span, c))
        out.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    return out


def fods(sheets):
    styles = "".join(
        f'<number:percentage-style style:name="N{d}"><number:number '
        f'number:decimal-places="{d}" number:min-integer-digits="1"/>'
        f"<number:text>%</number:text></number:percentage-style>"
        f'<style:style style:name="pct{d}" style:family="table-cell" '
        f'style:data-style-name="N{d}"/>' for d in range(4))
    body = []
    for name, rows in sheets:
        body.append(f'<table:table table:name="{html.escape(name)}">'
                    '<table:table-column table:number-columns-repeated="9"/>'
                    + "".join(rows) + "</table:table>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
            'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
            'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
            f"<office:automatic-styles>{styles}</office:automatic-styles>"
            "<office:body><office:spreadsheet>" + "".join(body) +
            "</office:spreadsheet></office:body></office:document>\n")


# ---------------------------------------------------------------- CSV

def csv_field(text, delimiter):
    if any(c in text for c in ('"', delimiter, "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_rows(units, delimiter):
    """Every unit: title, label rows, header and indicators (categories
    written again on every row, as a flat export does)."""
    out = []
    for _, rows in units:
        last1 = last2 = ""
        for r in rows:
            if len(r) == 9 and r[0].strip(BLANK) != "一级指标":
                r = list(r)
                if is_blank(r[0]) and not is_blank(r[2]):
                    r[0] = last1
                else:
                    last1 = r[0]
                if is_blank(r[1]) and not is_blank(r[2]):
                    r[1] = last2
                else:
                    last2 = r[1]
            out.append(delimiter.join(csv_field(c, delimiter) for c in r))
        out.append("")
    return "\r\n".join(out) + "\r\n"


# ---------------------------------------------------------------- LibreOffice

def soffice(src, target, out_dir, infilter=None):
    cmd = ["soffice", "--headless", "--norestore"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", target, "--outdir", str(out_dir), str(src)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def write_corpus(corpus, out):
    """Every unit of the corpus as one Word document and one workbook."""
    out.mkdir(parents=True, exist_ok=True)
    units = [(name, rows) for name, (_, rows) in corpus.items() if name]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        body = "\n<p></p>\n".join(html_table(rows) for _, rows in units)
        (tmp / "junshan-2024.html").write_text(html_document(body), encoding="utf-8")
        soffice(tmp / "junshan-2024.html", "docx:MS Word 2007 XML", tmp, "HTML (StarWriter)")
        shutil.copy(tmp / "junshan-2024.docx", out / "junshan-2024.docx")
        sheets = [(f"{i + 1:03d}", ods_rows(rows)) for i, (_, rows) in enumerate(units)]
        (tmp / "junshan-2024.fods").write_text(fods(sheets), encoding="utf-8")
        soffice(tmp / "junshan-2024.fods", "xlsx:Calc MS Excel 2007 XML", tmp)
        shutil.copy(tmp / "junshan-2024.xlsx", out / "junshan-2024.xlsx")


def main():
    args = [a for a in sys.argv[1:] if a != "--corpus"]
    root = pathlib.Path(args[0] if args else ".").resolve()
    if not shutil.which("soffice"):
        sys.exit("soffice not found: apt-get install libreoffice-writer libreoffice-calc")
    corpus = read_units(root / "fixtures/corpus/junshan-2024.txt")
    if "--corpus" in sys.argv[1:]:
        write_corpus(corpus, root / "fixtures/office/corpus")
        print(f"wrote {root / 'fixtures/office/corpus'}")
        return
    chosen = [(name, corpus[name]) for name in UNITS]
    office = root / "fixtures/office"
    same, variants = office / "same", office / "variants"
    for folder in (same, variants):
        folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join("\n".join(seg).rstrip("\n") + "\n" for _, (seg, _) in chosen)
    (office / "units.txt").write_text(text, encoding="utf-8")
    (same / "units-gbk.txt").write_bytes(text.encode("gb18030"))
    units = [(name, rows) for name, (_, rows) in chosen]
    (same / "units.csv").write_bytes(b"\xef\xbb\xbf" + csv_rows(units, ",").encode("utf-8"))
    (variants / "units-utf16.tsv").write_bytes(
        b"\xff\xfe" + csv_rows(units, "\t").encode("utf-16-le"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        # Word: one table per unit, a page break between units.
        body = '\n<p style="page-break-before: always"></p>\n'.join(
            html_table(rows) for _, rows in units)
        (tmp / "units.html").write_text(html_document(body), encoding="utf-8")
        soffice(tmp / "units.html", "docx:MS Word 2007 XML", tmp, "HTML (StarWriter)")
        shutil.copy(tmp / "units.docx", same / "units.docx")
        # The web page Word/Writer saves from that document.
        html_dir = tmp / "html"
        html_dir.mkdir()
        soffice(same / "units.docx", "html:HTML (StarWriter)", html_dir)
        shutil.copy(html_dir / "units.html", same / "units.html")
        # Title as a heading, the unit block in its own two-column table.
        first = units[0][1]
        title = first[0][0].strip(BLANK)
        body = (f"<h1>{html.escape(title)}</h1>\n"
                + html_table(first, with_title=False, indicators=False)
                + "\n<p></p>\n"
                + html_table(first, with_title=False, info=False))
        (tmp / "heading.html").write_text(html_document(body), encoding="utf-8")
        soffice(tmp / "heading.html", "docx:MS Word 2007 XML", tmp, "HTML (StarWriter)")
        shutil.copy(tmp / "heading.docx", variants / "heading.docx")
        # Excel: one sheet per unit; and two units in one sheet.
        sheets = [(name.replace("岳阳市君山区", "")[:31], ods_rows(rows))
                  for name, rows in units]
        (tmp / "units.fods").write_text(fods(sheets), encoding="utf-8")
        soffice(tmp / "units.fods", "xlsx:Calc MS Excel 2007 XML", tmp)
        shutil.copy(tmp / "units.xlsx", same / "units.xlsx")
        two = ods_rows(units[1][1]) + ["<table:table-row/>"] * 2 + ods_rows(units[2][1])
        (tmp / "one-sheet.fods").write_text(fods([("两个单位", two)]), encoding="utf-8")
        soffice(tmp / "one-sheet.fods", "xlsx:Calc MS Excel 2007 XML", tmp)
        shutil.copy(tmp / "one-sheet.xlsx", variants / "one-sheet.xlsx")
    print(f"wrote {office}")


if __name__ == "__main__":
    main()
