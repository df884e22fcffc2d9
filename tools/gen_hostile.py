#!/usr/bin/env python3
"""Writes a hostile corpus for jxaudit's limits (README "Reliability").

    tools/gen_hostile.py OUT_DIR [--rows N] [--cell-mb M] [--units K]
                                 [--text-rows T]

Three text exports (GUIDE.md format), each valid but extreme:
  rows.txt   one unit with N indicator rows of "指标 ≥ 1 次 … 得1分 1"
             (all the same indicator: the worst case for the duplicate and
             within-unit passes), default 100,000;
  cell.txt   one ordinary unit whose 指标解释 cell is M MB of text in one
             cell (continuation lines without a TAB), default 50;
  units.txt  K tiny units of one indicator each, default 10,000;
  texts.txt  one unit of T rows whose 指标解释 and 评（扣）分标准 are each
             1.1 MB of scoring-rule sentences, full of numbers (over the
             1 MB cell limit; the readers' and the copy rules' worst case),
             default 10.
The CTest `hostile_corpus` runs jxaudit on it; the ASan build scales it
down through JXAUDIT_HOSTILE_SCALE (a divisor, see tests/CMakeLists.txt).
"""
import argparse
import os

HEADER = ["一级指标", "二级指标", "三级指标", "指标值类型", "*指标值",
          "计量单位", "*指标解释", "*评（扣）分标准", "备注"]


def cells(values):
    return "".join(f"\t{v}\n" for v in values) + "\n"


def unit_head(name):
    return (f"\t2024年{name}整体支出绩效目标表\n\n"
            + cells(["部门（单位）名称", name])
            + cells(["绩效指标"]) + cells(HEADER))


def row(name, explanation="完成指标的次数"):
    return cells(["产出指标", "数量指标", name, "≥", "1", "次", explanation,
                  "达到1次得1分", "1"])


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8") as out:
        out.write(unit_head("压力测试局"))
        line = row("指标")
        for _ in range(rows):
            out.write(line)


def write_cell(path, megabytes):
    # One cell: a TAB line, then continuation lines of 100 characters each
    # (300 bytes of UTF-8) until the cell holds `megabytes` MB.
    text = "超长说明" * 25 + "\n"
    lines = megabytes * 1024 * 1024 // len(text.encode("utf-8"))
    with open(path, "w", encoding="utf-8") as out:
        out.write(unit_head("超长单元格局"))
        out.write("\t产出指标\n\t数量指标\n\t会议\n\t≥\n\t1\n\t次\n\t")
        for _ in range(lines):
            out.write(text)
        out.write("\t达到1次得1分\n\t1\n\n")


def write_units(path, units):
    with open(path, "w", encoding="utf-8") as out:
        for i in range(units):
            out.write(unit_head(f"第{i}号单位") + row(f"会议{i % 7}"))


def write_texts(path, rows):
    text = "达到95%得5分，每少1%扣1分，会议≥3次，" * 30000
    with open(path, "w", encoding="utf-8") as out:
        out.write(unit_head("长文本局"))
        for i in range(rows):
            out.write(cells(["产出指标", "数量指标", f"会议{i}", "≥", "1", "次",
                             text, text, "5"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cell-mb", type=int, default=50)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--text-rows", type=int, default=10)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    write_rows(os.path.join(args.out_dir, "rows.txt"), args.rows)
    write_cell(os.path.join(args.out_dir, "cell.txt"), args.cell_mb)
    write_units(os.path.join(args.out_dir, "units.txt"), args.units)
    write_texts(os.path.join(args.out_dir, "texts.txt"), args.text_rows)


if __name__ == "__main__":
    main()
