"""Run inside QGIS (``qgis --code``) by scripts/gui_check.py: what a user meets first, checked in the
real QGIS of this machine. Opens the Jakarta sample, runs the hazards and exposure steps from the
Resilience assessment panel, checks that their calls are in the Processing history, and opens the
dialogs that carry our own widget wrappers:

- Classify hazard on the flood depth raster (our field chooser empty and disabled), then on a polygon
  layer (the chooser lists its fields), and the hazard class editor from its THRESHOLDS "Edit…";
- Lifeline exposure, "Edit…" on FRAGILITY_FILE (the fragility library editor);
- Dual-use facility suitability, "Edit…" on TYPOLOGY_FILE (the typology editor);
- the Processing history dialog.

With GC_MISSING=<module> (a package made unimportable by scripts/gui_check.py --missing), the first contact
instead: the message bar, the toolbox entry and the dependencies dialog that say what to install.

Each is saved as a picture (GC_OUT/<name>_<GC_TAG>.png); what was checked goes to
GC_OUT/report_<GC_TAG>.json, an exception to GC_OUT/error_<GC_TAG>.txt. QGIS exits at the end."""

import json
import os
import time
import traceback
from pathlib import Path

from qgis.core import Qgis, QgsProcessingContext, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QDialog, QTreeView
from qgis.utils import iface, plugins

OUT = Path(os.environ["GC_OUT"])
TAG = os.environ.get("GC_TAG", "en")
report = {"qgis": Qgis.QGIS_VERSION, "tag": TAG, "checks": {}, "pictures": []}
keep = []  # dialogs stay alive until QGIS exits


def check(name, ok, detail=""):
    report["checks"][name] = {"ok": bool(ok), "detail": detail}


def shoot(widget, name):
    QApplication.processEvents()
    path = OUT / f"{name}_{TAG}.png"
    widget.grab().save(str(path))
    report["pictures"].append(path.name)


def layer_by_source(part):
    return next(lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.source().endswith(part))


def later(ms, fn, *args):
    QTimer.singleShot(ms, lambda: guarded(fn, *args))


def guarded(fn, *args):
    try:
        fn(*args)
    except Exception:  # noqa: BLE001 - written down, then QGIS exits
        (OUT / f"error_{TAG}.txt").write_text(traceback.format_exc(), encoding="utf-8")
        leave()


def leave():
    (OUT / f"report_{TAG}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    QgsProject.instance().clear()
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(10000, lambda: os._exit(0))  # in case QGIS asks something on the way out
    iface.actionExit().trigger()


def setup():
    from resilience_plugin.gui.workbench.project_store import save_study
    from resilience_plugin.gui.workbench.study import AdminUnits, Buildings, HazardSource, Population, Scenario, Study

    plugin = plugins.get("resilience_plugin")
    check("plugin loaded", plugin is not None)
    plugin.load_sample_data()
    iface.mainWindow().resize(1600, 1000)
    ids = {
        name: layer_by_source(src).id()
        for name, src in (
            ("units", "layername=kecamatan"),
            ("depth", "flood_current_depth.tif"),
            ("historic", "layername=flood_2007_rw"),
            ("pop", "population.tif"),
            ("buildings", "layername=buildings"),
        )
    }
    report["ids"] = ids
    study = Study(
        units=AdminUnits(layer=ids["units"], id_field="KEC_NAME", level_name="kecamatan / 分区"),
        scenarios=[
            Scenario(
                name="2007 flood" if TAG == "en" else "2007年洪水",
                hazards=[HazardSource(layer=ids["depth"], name="flood", thresholds="0.1,0.5,1.0,2.0")],
                intensity_layer=ids["depth"],
            )
        ],
        population=Population(layer=ids["pop"], unit="per_km2"),
        buildings=Buildings(layer=ids["buildings"], type_field="TYPE", name_field="NAME", floors_field="LEVELS"),
        output_dir=str(OUT / f"results_{TAG}"),
    )
    save_study(study)
    dock = plugin.show_workbench()
    dock.reload()
    dock.setMinimumWidth(520)
    from resilience_plugin.compat import history_commands

    report["history_before"] = len(history_commands())
    dock.tabs.setCurrentIndex(1)
    report["t_start"] = time.time()
    dock.run_steps(["hazards", "exposure"])
    later(500, wait_steps, dock)


def wait_steps(dock):
    if dock.task is not None or dock.queue:
        if time.time() - report["t_start"] > 1800:
            check("steps finished", False, "timeout")
            return leave()
        return later(500, wait_steps, dock)
    from resilience_plugin.compat import HISTORY_IN_REGISTRY, history_commands

    report["steps_seconds"] = round(time.time() - report["t_start"], 1)
    runs = dock.runs.get(dock.scenario().name, {})
    check("steps finished", set(runs) >= {"hazards", "exposure"}, sorted(runs))
    new = history_commands()[report["history_before"] :]
    algs = [c.split("(", 1)[1].split(",")[0].strip("'\" ") for c in new]
    report["history_new"] = algs
    check(
        "history entries",
        algs[:2] == ["resilience:classifyhazard", "resilience:hazardoverlay"] and len(algs) >= 3,
        f"registry={HISTORY_IN_REGISTRY} {algs}",
    )
    later(3000, shoot_main, dock)


def shoot_main(dock):
    shoot(iface.mainWindow(), "gc_workbench")
    later(200, history_dialog)


def history_dialog():
    """Processing > History, as the menu opens it (modal on some versions: looked at from a timer)."""

    def look():
        # HistoryDialog (modal) up to 3.22, QgsProcessingHistoryDialog (shown, parented to the main window) later
        found = next(
            (w for w in QApplication.topLevelWidgets() if w.isVisible() and "History" in w.metaObject().className()),
            None,
        )
        check("history dialog opens", found is not None, f"{type(found).__name__} {found and found.windowTitle()}")
        if found is None:
            return later(200, classify_dialog)
        found.resize(1100, 650)
        texts = []
        for view in found.findChildren(QTreeView):
            view.expandAll()
            model = view.model()
            stack = [model.index(r, 0) for r in range(model.rowCount())] if model is not None else []
            while stack and len(texts) < 400:
                index = stack.pop(0)
                texts.append(str(model.data(index) or ""))
                stack += [model.index(r, 0, index) for r in range(model.rowCount(index))]
        ours = [t for t in texts if "classifyhazard" in t or "hazardoverlay" in t or "lassify" in t or "分级" in t]
        report["history_view_rows"] = texts[:12]
        check("history dialog shows the steps' runs", bool(ours), ours[:2])
        shoot(found, "gc_history")
        found.close()
        later(300, classify_dialog)

    QTimer.singleShot(2500, lambda: guarded(look))
    plugins["processing"].openHistory()


def context():
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    keep.append(ctx)
    return ctx


def open_dialog(alg_id, params):
    import processing

    dlg = processing.createAlgorithmDialog(alg_id, params)
    dlg.resize(900, 760)
    dlg.show()
    keep.append(dlg)
    return dlg


def classify_dialog():
    from resilience_plugin.gui.field_wrapper import LayerFieldWrapper

    dlg = open_dialog("resilience:classifyhazard", {"INPUT": report["ids"]["depth"]})
    field = dlg.mainWidget().wrappers["FIELD"]
    check("classify: our field chooser", isinstance(field, LayerFieldWrapper), type(field).__name__)
    later(1000, classify_raster, dlg, field)


def classify_raster(dlg, field):
    check(
        "classify on raster: field disabled and empty",
        not field.combo.isEnabled() and field.combo.count() <= 1 and field.value() is None,
        f"enabled={field.combo.isEnabled()} count={field.combo.count()}",
    )
    shoot(dlg, "gc_classify_raster")
    dlg.mainWidget().wrappers["INPUT"].setParameterValue(report["ids"]["historic"], context())
    later(1000, classify_vector, dlg, field)


def classify_vector(dlg, field):
    vec = QgsProject.instance().mapLayer(report["ids"]["historic"])
    names = [field.combo.itemText(i) for i in range(field.combo.count())]
    field.combo.setField("FLOODPRONE")
    check(
        "classify on polygons: fields listed",
        field.combo.isEnabled() and "FLOODPRONE" in names and field.value() == "FLOODPRONE",
        f"{names[:8]} of {len(vec.fields())} fields",
    )
    shoot(dlg, "gc_classify_vector")
    # THRESHOLDS "Edit…": the hazard class editor on the raster
    dlg.mainWidget().wrappers["INPUT"].setParameterValue(report["ids"]["depth"], context())
    thresholds = dlg.mainWidget().wrappers["THRESHOLDS"]
    later(800, click_edit, dlg, thresholds, "gc_hazard_class_editor", "classify: hazard class editor", lifeline_dialog)


def click_edit(dlg, wrapper, name, label, then):
    """Click the wrapper's Edit… button; the editor is modal, so look at it from a timer and close it."""
    seen = {}

    def look():
        editor = QApplication.activeModalWidget()
        seen["editor"] = type(editor).__name__ if editor is not None else None
        if isinstance(editor, QDialog):
            shoot(editor, name)
            editor.reject()

    QTimer.singleShot(2500, lambda: guarded(look))
    wrapper.edit_button.click()  # returns when the editor is closed
    check(label, seen.get("editor") not in (None, "NoneType"), seen.get("editor"))
    dlg.close()
    later(300, then)


def lifeline_dialog():
    dlg = open_dialog("resilience:lifelineexposure", {})
    wrapper = dlg.mainWidget().wrappers["FRAGILITY_FILE"]
    shoot(dlg, "gc_lifeline_dialog")
    later(800, click_edit, dlg, wrapper, "gc_fragility_editor", "lifeline: fragility editor", typology_dialog)


def typology_dialog():
    dlg = open_dialog("resilience:facilitysuitability", {})
    wrapper = dlg.mainWidget().wrappers["TYPOLOGY_FILE"]
    shoot(dlg, "gc_suitability_dialog")
    later(800, click_edit, dlg, wrapper, "gc_typology_editor", "suitability: typology editor", done)


def done():
    report["done"] = True
    leave()


def first_contact():
    """QGIS started with GC_MISSING (a package made unimportable): what the plugin says and offers."""
    from qgis.core import QgsApplication

    missing = os.environ["GC_MISSING"]
    iface.mainWindow().resize(1280, 800)
    plugin = plugins.get("resilience_plugin")
    check("plugin loaded", plugin is not None)
    found = [f.module for f in plugin.dependency_problems]
    check("missing package found", found == [missing], found)
    provider = QgsApplication.processingRegistry().providerById("resilience")
    algs = [a.id() for a in provider.algorithms()] if provider is not None else []
    check("toolbox explains", algs == ["resilience:missingdependencies"], algs)
    texts = [item.text() for item in iface.messageBar().items()]  # QGIS may have pushed its own since
    check("message bar names it", any(missing in t for t in texts), texts)
    shoot(iface.mainWindow(), "gc_first_contact")
    dialog = plugin.show_dependencies()
    later(1000, first_contact_dialog, dialog, missing)


def first_contact_dialog(dialog, missing):
    check("dependencies dialog gives a command", any(missing in c for c in dialog.commands), dialog.commands)
    shoot(dialog, "gc_dependencies")
    dialog.close()
    done()


QTimer.singleShot(3000, lambda: guarded(first_contact if os.environ.get("GC_MISSING") else setup))
