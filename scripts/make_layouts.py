#!/usr/bin/env python3
"""Generate the plan-map layout templates resources/layouts/*.qpt (reproducibly).

    .venv/bin/python scripts/make_layouts.py

The layout is built in code by resilience_plugin.maps.layout.build_layout (A3/A4, landscape/portrait);
change it there, re-run this script and commit both.
"""

import os
import re
import sys
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_HASH_SEED"] = "0"  # fixed XML attribute order: the same files on every run
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication, QgsProject, QgsReadWriteContext  # noqa: E402

UUID = re.compile(r"\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}")


def stable_uuids(text, seed):
    ids = {}
    for found in UUID.findall(text):
        ids.setdefault(found, "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{seed}#{len(ids)}")) + "}")
    return UUID.sub(lambda m: ids[m.group(0)], text)


def main():
    app = QgsApplication([], False)
    app.initQgis()
    from resilience_plugin.maps.layout import TEMPLATES, build_layout, template_path

    project = QgsProject()
    for index, (paper, orientation, _) in enumerate(TEMPLATES):
        layout = build_layout(project, paper, orientation)
        path = template_path(index)
        if not layout.saveAsTemplate(str(path), QgsReadWriteContext()):
            raise RuntimeError(f"could not write {path}")
        # The north arrow is resolved at export time from the installed plugin: store no absolute path.
        text = path.read_text(encoding="utf-8").replace(str(ROOT), ".")
        # Random item UUIDs -> stable ones (same mapping for every reference), for reproducible files.
        text = stable_uuids(text, path.name)
        path.write_text(text, encoding="utf-8")
        print("wrote", path.relative_to(ROOT))
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
