#!/usr/bin/python3
"""Reads a jxaudit workbook back with openpyxl and prints what the tests
check, as JSON: every sheet's cell values, frozen pane, print settings,
repeated rows, and per cell whether text wraps and its fill colour."""
import json
import sys

import openpyxl


def sheet_json(ws):
    rows = []
    fills = []
    wraps = []
    for row in ws.iter_rows():
        rows.append([c.value for c in row])
        fills.append([(c.fill.fgColor.rgb if c.fill and c.fill.fill_type else None)
                      for c in row])
        wraps.append([bool(c.alignment and c.alignment.wrap_text) for c in row])
    return {
        "title": ws.title,
        "rows": rows,
        "fills": fills,
        "wraps": wraps,
        "freeze": ws.freeze_panes,
        "orientation": ws.page_setup.orientation,
        "paper": ws.page_setup.paperSize,
        "fit_width": ws.page_setup.fitToWidth,
        "print_title_rows": ws.print_title_rows,
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        "merged": [str(r) for r in ws.merged_cells.ranges],
        # [row, column, target] of every hyperlink, 0-based.
        "links": [[c.row - 1, c.column - 1, c.hyperlink.target or c.hyperlink.location]
                  for row in ws.iter_rows() for c in row if c.hyperlink],
    }


def main():
    book = openpyxl.load_workbook(sys.argv[1])
    json.dump({"sheets": [sheet_json(ws) for ws in book.worksheets]},
              sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
