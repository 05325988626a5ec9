#!/usr/bin/env python3
"""Generate the plan-map layout templates resources/layouts/*.qpt (reproducibly).

    .venv/bin/python scripts/make_layouts.py

The layout is built in code by resilience_plugin.maps.layout.build_layout (A3/A4, landscape/portrait);
change it there, re-run this script and commit both.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication, QgsProject, QgsReadWriteContext  # noqa: E402


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
        path.write_text(text, encoding="utf-8")
        print("wrote", path.relative_to(ROOT))
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
