#!/usr/bin/env python3
"""`make bench`: time our algorithms against the equivalent chain of QGIS native algorithms.

Cases live in bench/case_*.py; each module defines ``run(quick)`` that runs its cases and prints
one line per case:
``BENCH case=<name> n=<size> ours_s=<s> native_s=<s> ratio=<native/ours> same=<yes|no> peak_mb=<MB>``
(see bench/common.py). ``--quick`` runs only the smallest sizes. ``--case NAME`` runs one module.
"""

import argparse
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--case", default=None, help="run only bench/case_<CASE>.py")
    args = ap.parse_args()
    modules = sorted(p.stem for p in (ROOT / "bench").glob("case_*.py"))
    if args.case:
        modules = [m for m in modules if m == f"case_{args.case}"]
    if not modules:
        print("no benchmark cases found")
        return 1
    for name in modules:
        importlib.import_module(f"bench.{name}").run(args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
