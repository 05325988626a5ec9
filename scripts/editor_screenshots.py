#!/usr/bin/env python3
"""Pictures of the hazard class editor and the fragility library editor (QGIS 3.22 offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/editor_screenshots.py zh   # or en -> /tmp/*_editor_<lang>.png
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(tag):
    sys.path.insert(0, str(ROOT))
    from qgis.core import QgsApplication, QgsRasterLayer

    app = QgsApplication([], True)
    app.initQgis()
    from resilience_plugin.gui.fragility_editor import FragilityEditor
    from resilience_plugin.gui.hazard_class_editor import HazardClassEditor
    from resilience_plugin.i18n import install_translator

    keep = install_translator("zh_CN" if tag == "zh" else "en_US")  # noqa: F841 - the translator must stay alive
    layer = QgsRasterLayer(str(ROOT / "resources" / "sample_data" / "flood_current_depth.tif"), "depth")
    dialog = HazardClassEditor(layer, thresholds="0.1,0.5,1.0,2.0")
    dialog.resize(620, 560)
    dialog.show()
    app.processEvents()
    dialog.grab().save(f"/tmp/class_editor_{tag}.png")
    editor = FragilityEditor()
    editor.resize(900, 520)
    editor.add_curve({"id": "road_flood_lognormal", "asset_type": "road", "intensity_measure": "flood_depth",
                      "unit": "m", "form": "lognormal", "theta": [0.15, 0.3, 0.6], "beta": [0.5, 0.45, 0.4],
                      "damage_states": ["slight", "moderate", "closed"], "fail_state": 2, "source": "example",
                      "verified": False})
    editor.add_curve({"id": "bad", "asset_type": "road", "intensity_measure": "pgd", "unit": "in", "form": "lognormal",
                      "theta": [6, -12], "beta": [0.7, 0.7], "source": "example", "verified": False})
    editor.table.setCurrentCell(0, 0)
    editor.show()
    app.processEvents()
    editor.grab().save(f"/tmp/fragility_editor_{tag}.png")
    editor.deleteLater()
    dialog.deleteLater()
    app.processEvents()
    del editor, dialog, layer
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "en"))
