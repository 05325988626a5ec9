#!/usr/bin/env python3
"""Assemble build/resilience_plugin/ (the installed layout) and zip it into dist/."""

import argparse
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".ts"}


def copy_tree(src, dst):
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        if path.is_dir() or path.suffix in SKIP_SUFFIXES:
            continue
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)


def build(build_dir):
    if build_dir.exists():
        shutil.rmtree(build_dir)
    copy_tree(ROOT / "resilience_plugin", build_dir)
    copy_tree(ROOT / "resources", build_dir / "resources")
    (build_dir / "i18n").mkdir(parents=True)
    qms = sorted((ROOT / "i18n").glob("*.qm"))
    if not qms:
        raise SystemExit("no compiled translations in i18n/: run `make qm` first")
    for qm in qms:
        shutil.copy2(qm, build_dir / "i18n" / qm.name)
    for name in ("metadata.txt", "LICENSE", "README.md"):
        shutil.copy2(ROOT / name, build_dir / name)


def make_zip(build_dir, out):
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    top = build_dir.name
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{top}/", "")
        for path in sorted(build_dir.rglob("*")):
            arc = f"{top}/{path.relative_to(build_dir).as_posix()}"
            if path.is_dir():
                zf.writestr(arc + "/", "")
            else:
                zf.write(path, arc)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--build", required=True, type=Path)
    args = ap.parse_args()
    build_dir = args.build if args.build.is_absolute() else ROOT / args.build
    out = args.out if args.out.is_absolute() else ROOT / args.out
    build(build_dir)
    make_zip(build_dir, out)
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
