"""Run inside QGIS by scripts/make_screenshots.py (``qgis --code``): loads the sample through the plugin,
expands our toolbox provider and saves the main window, the menu and two algorithm dialogs as PNG.

Environment: SHOT_DIR (output folder), SHOT_LANG (suffix of the file names).
"""

import os
import traceback

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QTreeView
from qgis.utils import iface, plugins

OUT = os.environ["SHOT_DIR"]
LANG = os.environ["SHOT_LANG"]
STATE = {}


def _save(widget, name):
    QApplication.processEvents()
    widget.grab().save(os.path.join(OUT, f"{name}_{LANG}.png"))


def _guarded(step):
    def run():
        try:
            step()
        except Exception:  # noqa: BLE001 - reported in the log file, then QGIS exits
            with open(os.path.join(OUT, f"log_{LANG}.txt"), "a", encoding="utf-8") as log:
                log.write(traceback.format_exc())
            QgsApplication.instance().exit(1)
    return run


@_guarded
def open_sample():
    window = iface.mainWindow()
    window.resize(1600, 1000)  # no window manager under Xvfb: maximising does nothing
    window.showMaximized()
    STATE["plugin"] = plugins["resilience_plugin"]
    STATE["plugin"].load_sample_data()
    toolbox = window.findChild(QDockWidget, "ProcessingToolbox")
    if toolbox is not None:
        toolbox.show()
        tree = toolbox.findChild(QTreeView)
        model = tree.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if model.data(index) == QgsApplication.processingRegistry().providerById("resilience").name():
                tree.expand(index)
                for r in range(model.rowCount(index)):
                    tree.expand(model.index(r, 0, index))
                tree.scrollTo(index, QTreeView.ScrollHint.PositionAtTop)
    QTimer.singleShot(6000, shoot_window)


@_guarded
def shoot_window():
    window = iface.mainWindow()
    _save(window, "qgis_sample")
    menu = STATE["plugin"].menu
    menu.popup(window.mapToGlobal(window.rect().center()))
    _save(menu, "qgis_menu")
    submenu = menu.actions()[0].menu()
    submenu.popup(menu.mapToGlobal(menu.rect().topRight()))
    _save(submenu, "qgis_submenu")
    submenu.hide()
    menu.hide()
    STATE["dialog"] = STATE["plugin"].open_algorithm("resilience:classifyhazard")
    STATE["dialog"].resize(1100, 760)
    QTimer.singleShot(3000, shoot_dialogs)


@_guarded
def shoot_dialogs():
    _save(STATE["dialog"], "qgis_dialog")
    STATE["dialog"].close()
    STATE["dialog"] = STATE["plugin"].open_algorithm("resilience:exportplanmap")
    STATE["dialog"].resize(1100, 760)
    QTimer.singleShot(3000, finish)


@_guarded
def finish():
    _save(STATE["dialog"], "qgis_export_dialog")
    STATE["dialog"].close()
    QgsApplication.instance().exit(0)


QTimer.singleShot(8000, open_sample)
