#!/usr/bin/env python3
"""Refresh i18n/resilience_plugin_zh_CN.ts from the sources and fill in translations.

1. ``pylupdate5`` extracts every ``tr("...")`` / ``QT_TRANSLATE_NOOP`` string of the package into the
   .ts (keeping translations already there, dropping obsolete ones).
2. Messages still unfinished are filled from ``i18n/zh_CN/*.json`` ({"English source": "中文"}),
   the easy-to-review place where translations are written.
3. It prints what is still untranslated and exits 1 if anything is.
"""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "i18n" / "resilience_plugin_zh_CN.ts"


def load_dictionary():
    table = {}
    for path in sorted((ROOT / "i18n" / "zh_CN").glob("*.json")):
        table.update(json.loads(path.read_text(encoding="utf-8")))
    return table


def main():
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "resilience_plugin").rglob("*.py"))
    subprocess.run(["pylupdate5", "-noobsolete", *sources, "-ts", str(TS.relative_to(ROOT))], cwd=ROOT, check=True,
                   stderr=subprocess.DEVNULL)
    table = load_dictionary()
    tree = ET.parse(TS)
    tree.getroot().set("language", "zh_CN")
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        tr_el = message.find("translation")
        if source in table and table[source]:
            tr_el.text = table[source]
            tr_el.attrib.pop("type", None)
        elif tr_el.get("type") == "unfinished" or not (tr_el.text or "").strip():
            missing.append(source)
    ET.indent(tree, space="    ")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(tree.getroot(), encoding="unicode") + "\n",
                  encoding="utf-8")
    for source in missing:
        print("untranslated:", source.replace("\n", "\\n")[:120])
    print(f"{TS.relative_to(ROOT)}: {sum(1 for _ in tree.getroot().iter('message'))} messages, {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
