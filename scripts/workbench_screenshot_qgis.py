"""Run inside QGIS (``qgis --code``) by scripts/workbench_screenshots.py: opens the Jakarta sample,
fills in the Resilience assessment panel, runs every step and saves pictures of the main window
mid-run and afterwards. Settings come from the environment: WB_OUT (folder), WB_TAG (file suffix)."""

import os
from pathlib import Path

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

OUT = Path(os.environ["WB_OUT"])
TAG = os.environ.get("WB_TAG", "en")
state = {"mid": False, "ticks": 0}


def layer_by_source(part):
    return next(lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.source().endswith(part))


def setup():
    from resilience_plugin.gui.workbench.project_store import save_study
    from resilience_plugin.gui.workbench.study import (
        AdminUnits,
        Buildings,
        Candidates,
        CascadeSettings,
        HazardSource,
        Hospitals,
        Population,
        Roads,
        Scenario,
        Service,
        Study,
    )

    plugin = plugins["resilience_plugin"]
    plugin.load_sample_data()
    iface.mainWindow().showMaximized()
    ids = {
        name: layer_by_source(src).id()
        for name, src in (
            ("units", "layername=kecamatan"),
            ("depth", "flood_current_depth.tif"),
            ("historic", "layername=flood_2007_rw"),
            ("pop", "population.tif"),
            ("buildings", "layername=buildings"),
            ("roads", "layername=roads"),
        )
    }
    shelter = "lower(\"TYPE\") IN ('school', 'sports facility', 'government')"
    study = Study(
        units=AdminUnits(layer=ids["units"], id_field="KEC_NAME", level_name="kecamatan / 分区"),
        scenarios=[
            Scenario(
                name="2007 flood" if TAG == "en" else "2007年洪水",
                hazards=[
                    HazardSource(layer=ids["depth"], name="flood", thresholds="0.1,0.5,1.0,2.0"),
                    HazardSource(
                        layer=ids["historic"],
                        name="historic_flood",
                        field="FLOODPRONE",
                        classification="value_map",
                        value_map="YES:1;NO:0",
                    ),
                ],
                intensity_layer=ids["depth"],
            )
        ],
        population=Population(layer=ids["pop"], unit="per_km2"),
        buildings=Buildings(layer=ids["buildings"], type_field="TYPE", name_field="NAME", floors_field="LEVELS"),
        roads=Roads(layer=ids["roads"], class_field="TYPE"),
        candidates=Candidates(
            layer=ids["buildings"], type_field="TYPE", name_field="NAME", floors_field="LEVELS", filter=shelter
        ),
        hospitals=Hospitals(layer=ids["buildings"], filter="lower(\"TYPE\") = 'hospital'"),
        output_dir=str(OUT / f"results_{TAG}"),
        # step 3 with AHP weights (safety first), step 4 with the life circle of two everyday services
        ahp_matrix=[
            "1",
            "3",
            "3",
            "5",
            "5",
            "5",
            "1/3",
            "1",
            "1",
            "3",
            "3",
            "3",
            "1/3",
            "1",
            "1",
            "3",
            "3",
            "3",
            "1/5",
            "1/3",
            "1/3",
            "1",
            "1",
            "1",
            "1/5",
            "1/3",
            "1/3",
            "1",
            "1",
            "1",
            "1/5",
            "1/3",
            "1/3",
            "1",
            "1",
            "1",
        ],
        services=[
            Service(layer=ids["buildings"], filter="lower(\"TYPE\") = 'school'", name="school", minutes=10),
            Service(layer=ids["buildings"], filter="lower(\"TYPE\") = 'hospital'", name="clinic"),
        ],
        # step 5 with the cascade from the roads to the hospitals and the population points
        cascade=CascadeSettings(enabled=True, runs=200),
    )
    save_study(study)
    units = QgsProject.instance().mapLayer(ids["units"])
    canvas = iface.mapCanvas()
    canvas.setExtent(canvas.mapSettings().layerToMapCoordinates(units, units.extent()))
    canvas.refresh()
    dock = plugin.show_workbench()
    dock.reload()
    dock.setMinimumWidth(520)
    iface.mainWindow().resize(1600, 1000)
    dock.tabs.setCurrentIndex(0)
    QTimer.singleShot(1500, lambda: guarded(lambda: shoot("workbench_study") or start(dock)))


def shoot(name):
    iface.mainWindow().grab().save(str(OUT / f"{name}_{TAG}.png"))


def start(dock):
    dock.tabs.setCurrentIndex(1)
    dock.run_all()
    timer = QTimer(iface.mainWindow())
    timer.setInterval(250)
    timer.timeout.connect(lambda: guarded(tick, dock, timer))
    timer.start()
    state["timer"] = timer


def tick(dock, timer):
    state["ticks"] += 1
    running = dock.task.prepared.step if dock.task is not None else None
    if running == "coverage" and not state["mid"] and dock.progress.value() > 0:
        state["mid"] = True
        shoot("workbench_running")
    if dock.task is None and not dock.queue:
        timer.stop()
        for node in QgsProject.instance().layerTreeRoot().children():
            node.setExpanded(node.customProperty("resilience_workbench/group") is not None)
        iface.mapCanvas().refreshAllLayers()
        QTimer.singleShot(4000, lambda: guarded(finish))
    elif state["ticks"] > 4 * 1800:
        timer.stop()
        finish()


def finish():
    shoot("workbench_done")
    # the later steps (loss, evacuation, life circle, lifelines) further down the Steps tab
    area = plugins["resilience_plugin"].workbench.tabs.widget(1)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    QApplication.processEvents()
    shoot("workbench_steps")
    (OUT / f"done_{TAG}.txt").write_text("ok", encoding="utf-8")
    QgsProject.instance().clear()
    QgsProject.instance().setDirty(False)
    QTimer.singleShot(10000, lambda: os._exit(0))  # in case QGIS asks something on the way out
    iface.actionExit().trigger()


def guarded(fn, *args):
    """Run ``fn``; on an error write it to WB_OUT/error_<tag>.txt and leave QGIS (nothing waits forever)."""
    try:
        return fn(*args)
    except Exception:  # noqa: BLE001 - reported, then QGIS exits
        import traceback

        (OUT / f"error_{TAG}.txt").write_text(traceback.format_exc(), encoding="utf-8")
        iface.actionExit().trigger()
        return None


QTimer.singleShot(3000, lambda: guarded(setup))
