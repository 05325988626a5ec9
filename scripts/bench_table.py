#!/usr/bin/env python3
"""Turn the ``BENCH`` lines of ``make bench`` (scripts/bench.py) into the README's Markdown table.

Usage: ``.venv/bin/python scripts/bench.py | tee bench.txt; .venv/bin/python scripts/bench_table.py bench.txt``
(or read from standard input). A case measured several times (same case and size) is reported by the
median of its runs; the table says how many runs there were.
"""

import statistics
import sys


def parse(lines):
    """``{(case, n): [fields, ...]}`` from the ``BENCH key=value ...`` lines, in first-seen order."""
    runs = {}
    for line in lines:
        if not line.startswith("BENCH "):
            continue
        fields = dict(item.split("=", 1) for item in line.split()[1:])
        runs.setdefault((fields["case"], fields["n"]), []).append(fields)
    return runs


def _median(rows, key):
    values = [float(r[key]) for r in rows if r.get(key, "NA") != "NA"]
    return statistics.median(values) if values else None


def _fmt(value, digits=2):
    return "—" if value is None else f"{value:.{digits}f}"


def _same(rows, key):
    values = {r.get(key, "NA") for r in rows}
    return "/".join(sorted(values)) if values != {"NA"} else "—"


def table(runs):
    out = ["| case | size | ours (s) | QGIS native (s) | Python alternative (s) | native / ours | Python / ours "
           "| same numbers (native, Python) | peak MB | runs |",
           "|---|---|---:|---:|---:|---:|---:|---|---:|---:|"]
    for (case, n), rows in runs.items():
        ours, native, python = _median(rows, "ours_s"), _median(rows, "native_s"), _median(rows, "python_s")
        ratio = f"{native / ours:.1f}×" if native is not None and ours else "—"
        py_ratio = f"{python / ours:.1f}×" if python is not None and ours else "—"
        peak = max(float(r["peak_mb"]) for r in rows)
        out.append(f"| {case} | {n} | {_fmt(ours)} | {_fmt(native)} | {_fmt(python)} | {ratio} | {py_ratio} "
                   f"| {_same(rows, 'same')}, {_same(rows, 'python_same')} | {peak:.0f} | {len(rows)} |")
    return "\n".join(out)


def main(argv):
    lines = []
    for path in argv[1:] or ["-"]:
        lines += (sys.stdin if path == "-" else open(path, encoding="utf-8")).read().splitlines()
    print(table(parse(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
