#!/usr/bin/env python3
"""Check a plugin zip the way plugins.qgis.org does, and a little more.

Exit 0 when it passes; otherwise print every problem and exit 1. Importable: ``validate(path)``
returns the list of problems.
"""

import configparser
import sys
import zipfile
from pathlib import PurePosixPath

REQUIRED = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about", "tracker", "repository")
MAX_BYTES = 25 * 1024 * 1024
BINARY_SUFFIXES = {".so", ".dll", ".dylib", ".pyd", ".exe", ".o", ".a", ".lib", ".class", ".jar", ".bin", ".pyc", ".pyo"}
BINARY_MAGIC = (b"\x7fELF", b"MZ", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")


def validate(path):
    problems = []
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as err:
        return [f"not a zip file: {err}"]
    import os

    if os.path.getsize(path) > MAX_BYTES:
        problems.append(f"zip is larger than 25 MB ({os.path.getsize(path) / 1e6:.1f} MB)")
    names = zf.namelist()
    tops = {PurePosixPath(n).parts[0] for n in names if n.strip("/")}
    if len(tops) != 1:
        problems.append(f"the zip must hold exactly one top folder, found: {sorted(tops)}")
        return problems
    top = tops.pop()
    if top != "resilience_plugin":
        problems.append(f"the top folder must be resilience_plugin, found {top}")
    for required in ("__init__.py", "metadata.txt", "LICENSE"):
        if f"{top}/{required}" not in names:
            problems.append(f"{required} is missing from {top}/")
    if not any(n.endswith(".qm") for n in names):
        problems.append("no compiled translation (.qm) inside")
    for n in names:
        parts = PurePosixPath(n).parts
        if any(p == "__pycache__" for p in parts):
            problems.append(f"__pycache__ inside: {n}")
        if any(p.startswith(".") for p in parts):
            problems.append(f"hidden file or folder inside: {n}")
        suffix = PurePosixPath(n).suffix.lower()
        if suffix in BINARY_SUFFIXES:
            problems.append(f"binary or compiled file inside: {n}")
        elif not n.endswith("/"):
            head = zf.read(n)[:4]
            if any(head.startswith(m) for m in BINARY_MAGIC):
                problems.append(f"executable binary inside: {n}")
    meta_name = f"{top}/metadata.txt"
    if meta_name in names:
        cp = configparser.ConfigParser(interpolation=None)
        cp.optionxform = str
        try:
            cp.read_string(zf.read(meta_name).decode("utf-8"))
        except (configparser.Error, UnicodeDecodeError) as err:
            problems.append(f"metadata.txt cannot be parsed: {err}")
        else:
            if not cp.has_section("general"):
                problems.append("metadata.txt has no [general] section")
            else:
                general = cp["general"]
                for key in REQUIRED:
                    if not general.get(key, "").strip():
                        problems.append(f"metadata.txt lacks the required key '{key}'")
                if general.get("supportsQt6") is not None:
                    problems.append("metadata.txt must not have a supportsQt6 key")
                icon = general.get("icon", "").strip()
                if icon and f"{top}/{icon}" not in names:
                    problems.append(f"the icon {icon} named in metadata.txt is not in the zip")
    return problems


def main():
    problems = validate(sys.argv[1])
    for p in problems:
        print("INVALID:", p)
    if not problems:
        print(f"{sys.argv[1]}: valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
