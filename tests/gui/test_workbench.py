"""The assessment workbench (韧性评估 panel) in real QGIS, on a small part of the Jakarta sample.

Expected numbers come from running the algorithms by hand here (processing.run with the parameters
written out in this file) and reading their outputs with GDAL/geopandas, never from the panel."""

import json
import subprocess
import time
from pathlib import Path

import pytest
from osgeo import ogr

from tests.gui.workbench_data import HOSPITAL_FILTER, SHELTER_FILTER, jakarta_study, load_layers, make_subset
from tests.helpers import read_gdf, settle

STEPS_1_TO_5 = ["hazards", "exposure", "loss", "facilities", "coverage", "lifelines"]


@pytest.fixture(scope="module")
def subset(tmp_path_factory):
    return make_subset(tmp_path_factory.mktemp("workbench_subset"))


@pytest.fixture()
def jakarta_layers(qgis_new_project, subset):
    from qgis.core import QgsProject

    layers = load_layers(subset, QgsProject.instance())
    yield layers
    settle()  # nothing deleted later or left to the collector may still follow the project's layers
    QgsProject.instance().clear()


@pytest.fixture()
def dock(qgis_iface, provider, jakarta_layers, tmp_path):
    from resilience_plugin.gui.workbench.dock import WorkbenchDock
    from resilience_plugin.gui.workbench.project_store import save_study

    save_study(jakarta_study(jakarta_layers, tmp_path / "results"))
    widget = WorkbenchDock(qgis_iface)
    yield widget
    close(widget)


def close(widget):
    from qgis.PyQt import sip

    widget.cancel()
    wait_idle(widget)
    widget.disconnect_project()
    sip.delete(widget)


def wait_idle(dock, timeout=600):
    """Process events until the panel's queue and task are done."""
    from qgis.core import QgsApplication

    end = time.time() + timeout
    while (dock.task is not None or dock.queue) and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert dock.task is None, "the steps did not finish in time"


def run_by_hand(alg, params):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return processing.run(alg, params, context=context, feedback=QgsProcessingFeedback(), is_child_algorithm=True)


def criticality_by_hand(hand, network, hospitals, pop, units, demand):
    """networkcriticality as the panel's step 5 runs it, on files in ``hand``: links with p_fail >= 0.5 fail."""
    run_by_hand(
        "resilience:networkcriticality",
        {
            "NETWORK": str(hand / network),
            "FAILED": '"p_fail" >= 0.5',
            "DEMAND": pop,
            "POPULATION_UNIT": 0,
            "DESTINATIONS": [str(hand / hospitals)],
            "MAX_SNAP": 300,
            "MAX_DETOUR_LINKS": 2000,
            **units,
            "OUTPUT_DEMAND": str(hand / demand),
            "OUTPUT_TABLE": str(hand / "access_table.gpkg"),
            "OUTPUT_LINKS": str(hand / "links.gpkg"),
        },
    )


def pdf_text(runs, key):
    """The text of the plan map ``key`` of the last maps run (pdftotext)."""
    path = runs["maps"]["outputs"][key]["OUTPUT"]
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout


def tagged_layers(step=None):
    from qgis.core import QgsProject

    out = []
    for lyr in QgsProject.instance().mapLayers().values():
        tag = lyr.customProperty("resilience_workbench/step")
        if tag and (step is None or tag.endswith("/" + step)):
            out.append(lyr)
    return out


# --- the study definition ------------------------------------------------------------------------
def test_study_round_trips_through_a_saved_project(qgis_iface, provider, jakarta_layers, tmp_path):
    from qgis.core import QgsProject

    from resilience_plugin.gui.workbench.dock import WorkbenchDock
    from resilience_plugin.gui.workbench.project_store import load_study, save_study
    from resilience_plugin.gui.workbench.study import CascadeSettings, Lifeline, Study
    from resilience_plugin.paths import resource_path

    study = jakarta_study(jakarta_layers, tmp_path / "results")
    study.units.parent_field = "KAB_NAME"
    study.lifelines = [Lifeline(layer=jakarta_layers["roads"].id(), asset_type="road_major", cascade_class="road")]
    deps = str(resource_path("standards", "dependencies.json"))
    study.cascade = CascadeSettings(enabled=True, dependencies=deps, runs=250, seed=3)
    study.params.walk_minutes = 12.5
    study.scenarios[0].overlay_method = 2
    assert Study.from_json(study.to_json()) == study
    assert save_study(study)
    qgs = tmp_path / "study.qgs"
    assert QgsProject.instance().write(str(qgs))
    QgsProject.instance().clear()
    assert load_study() == Study()  # nothing left in the cleared project
    assert QgsProject.instance().read(str(qgs))
    loaded = load_study()
    assert loaded == study
    assert QgsProject.instance().mapLayer(loaded.units.layer).name() == "kecamatan"
    # The panel shows it: the combo boxes hold the saved layers and fields.
    dock = WorkbenchDock(qgis_iface)
    try:
        assert dock.units_layer.currentLayer().name() == "kecamatan"
        assert dock.units_id.currentField() == "KEC_NAME" and dock.units_parent.currentField() == "KAB_NAME"
        assert [r.get() for r in dock.hazard_rows] == loaded.scenarios[0].hazards
        assert dock.walk_minutes.value() == pytest.approx(12.5)
        assert dock.cascade_enabled.isChecked() and dock.cascade_runs.value() == 250
        assert dock.life_class.currentText() == "road" and dock.cascade_file.filePath() == deps
        assert dock.read_widgets() == loaded  # reading the widgets back changes nothing
    finally:
        close(dock)


def test_unknown_and_missing_keys_load(qgis_app):
    from resilience_plugin.gui.workbench.study import Study

    s = Study.from_dict(
        {
            "units": {"layer": "x", "future_key": 1},
            "params": {"walk_minutes": "15"},
            "scenarios": [{"name": "a"}],
            "something_new": True,
        }
    )
    assert (
        s.units.layer == "x"
        and s.params.walk_minutes == 15.0
        and s.scenarios[0].name == "a"
        and s.scenarios[0].hazards == []
    )


def test_new_study_parts_round_trip_through_json(qgis_app):
    from resilience_plugin.gui.workbench.study import Depots, Lifeline, PowerLines, Service, Study

    s = Study(
        lifelines=[Lifeline(layer="a", asset_type="road"), Lifeline(layer="b", asset_type="substation")],
        depots=Depots(layer="d", id_field="no", stock_fields="water=w"),
        services=[Service(layer="s", filter='"TYPE" = 1', name="school", minutes=10.0)],
        power=PowerLines(towers="t", lines="l"),
        ahp_matrix=["1", "3", "1/3", "1"],
        ahp_criteria="safety,access",
        typology_file="/x/types.json",
    )
    back = Study.from_json(s.to_json())
    assert back == s and back.services[0].minutes == 10.0 and back.power.tower_type == "transmission_tower"
    assert {"a", "b", "d", "s", "t", "l"} <= set(back.layer_ids())


def test_layer_combos_offer_only_fitting_layers(dock, jakarta_layers):
    def names(combo):
        return {combo.layer(i).name() for i in range(combo.count()) if combo.layer(i) is not None}

    assert names(dock.road_layer) == {"roads"}
    assert names(dock.units_layer) == {"buildings", "kecamatan", "flood_2007_rw"}
    assert names(dock.pop_layer) >= {"population", "flood_current_depth"} and "roads" not in names(dock.pop_layer)
    assert names(dock.hazard_rows[0].layer) == {
        "population",
        "flood_current_depth",
        "buildings",
        "kecamatan",
        "flood_2007_rw",
    }


def test_problems_are_shown_next_to_the_layer(dock, jakarta_layers):
    from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

    memory = QgsVectorLayer("Polygon?crs=EPSG:4326", "scratch", "memory")
    QgsProject.instance().addMapLayer(memory)
    dock.bld_layer.setLayer(memory)
    QgsApplication.processEvents()
    _combo, label = dock.problem_labels["buildings"]
    assert not label.isHidden()
    assert "save it to a file first" in label.text() and "no features" in label.text()
    assert dock.run_steps(["exposure"]) is None  # nothing runs while a chosen layer has an error
    assert "Fix the problems" in dock.progress_label.text()
    # A polygon hazard without its value field, and a threshold classification without thresholds.
    row = dock.hazard_rows[1]
    row.field.setField("")
    QgsApplication.processEvents()
    assert "Choose the field" in row.problems.text()
    dock.hazard_rows[0].text.setText("")
    dock.hazard_rows[0].text.editingFinished.emit()
    assert "Give the thresholds" in dock.hazard_rows[0].problems.text()


# --- status ---------------------------------------------------------------------------------------
def test_a_step_turns_out_of_date_when_an_input_or_parameter_changes(dock, jakarta_layers):
    from resilience_plugin.gui.workbench.runner import NOT_RUN, OUT_OF_DATE, UP_TO_DATE

    assert dock.statuses["hazards"] == NOT_RUN
    dock.run_steps(["hazards", "exposure"])
    wait_idle(dock)
    assert dock.statuses["hazards"] == UP_TO_DATE and dock.statuses["exposure"] == UP_TO_DATE
    assert dock.step_rows["hazards"].status.property("status") == UP_TO_DATE
    # A parameter of step 1: step 1 and everything built on it are out of date, then up to date again.
    row = dock.hazard_rows[0]
    row.text.setText("0.1,0.5,1.0,3.0")
    row.text.editingFinished.emit()
    assert dock.statuses["hazards"] == OUT_OF_DATE and dock.statuses["exposure"] == OUT_OF_DATE
    row.text.setText("0.1,0.5,1.0,2.0")
    row.text.editingFinished.emit()
    assert dock.statuses["hazards"] == UP_TO_DATE and dock.statuses["exposure"] == UP_TO_DATE
    # An input of step 2 only (the buildings are filtered): step 2 is out of date, step 1 is not.
    jakarta_layers["buildings"].setSubsetString('"TYPE" IS NOT NULL')
    dock.refresh()
    assert dock.statuses["hazards"] == UP_TO_DATE and dock.statuses["exposure"] == OUT_OF_DATE
    # A shared parameter of step 4 (walking minutes) leaves steps 1 and 2 alone.
    dock.walk_minutes.setValue(15)
    assert dock.statuses["hazards"] == UP_TO_DATE and dock.statuses["coverage"] == NOT_RUN


# --- running --------------------------------------------------------------------------------------
def test_run_all_gives_the_numbers_of_the_algorithms_run_by_hand(dock, jakarta_layers, subset, tmp_path):
    from qgis.core import QgsLayerTreeGroup, QgsProject

    dock.run_all()
    wait_idle(dock)
    sc = dock.scenario().name
    runs = dock.runs[sc]
    assert set(runs) == set(STEPS_1_TO_5) | {"maps"}, [r.message.text() for r in dock.step_rows.values()]

    # The same chain by hand.
    hand = tmp_path / "hand"
    hand.mkdir()
    units = {"UNITS": str(subset / "kecamatan.gpkg"), "UNIT_ID_FIELD": "KEC_NAME"}
    pop = str(subset / "population.tif")
    depth = str(subset / "flood_current_depth.tif")
    run_by_hand(
        "resilience:classifyhazard",
        {"INPUT": depth, "HAZARD_NAME": "flood", "THRESHOLDS": "0.1,0.5,1.0,2.0", "OUTPUT": str(hand / "flood.gpkg")},
    )
    run_by_hand(
        "resilience:classifyhazard",
        {
            "INPUT": str(subset / "flood_2007_rw.gpkg"),
            "FIELD": "FLOODPRONE",
            "HAZARD_NAME": "historic_flood",
            "VALUE_MAP": "YES:1;NO:0",
            "OUTPUT": str(hand / "historic.gpkg"),
        },
    )
    zones = str(hand / "composite.gpkg")
    run_by_hand(
        "resilience:hazardoverlay",
        {
            "HAZARDS": [str(hand / "flood.gpkg"), str(hand / "historic.gpkg")],
            "METHOD": 0,
            **units,
            "POPULATION": pop,
            "POPULATION_UNIT": 0,
            "OUTPUT": zones,
            "OUTPUT_TABLE": str(hand / "hazard_table.gpkg"),
        },
    )
    buildings = str(subset / "buildings.gpkg")
    run_by_hand(
        "resilience:exposuresummary",
        {
            "HAZARD": zones,
            "EXPOSURE": buildings,
            "CLASS_FIELD": "TYPE",
            "RULE": 0,
            **units,
            "EXPOSURE_RASTER": pop,
            "POPULATION_UNIT": 0,
            "OUTPUT": str(hand / "exposed.gpkg"),
            "OUTPUT_TABLE": str(hand / "exposure_table.gpkg"),
        },
    )
    run_by_hand(
        "native:extractbyexpression",
        {"INPUT": buildings, "EXPRESSION": SHELTER_FILTER, "OUTPUT": str(hand / "cand.gpkg")},
    )
    run_by_hand(
        "native:extractbyexpression",
        {"INPUT": buildings, "EXPRESSION": HOSPITAL_FILTER, "OUTPUT": str(hand / "hosp.gpkg")},
    )
    roads = str(subset / "roads.gpkg")
    run_by_hand(
        "resilience:facilitysuitability",
        {
            "CANDIDATES": str(hand / "cand.gpkg"),
            "TYPE_FIELD": "TYPE",
            "NAME_FIELD": "NAME",
            "FLOORS_FIELD": "LEVELS",
            "SHELTER_CLASS": 1,
            "EFFECTIVE_RATIO": 0.6,
            "HAZARD": zones,
            "EXCLUDE_LEVEL": 2,
            "ROADS": roads,
            "ROAD_CLASS_FIELD": "TYPE",
            "POPULATION": pop,
            "POPULATION_UNIT": 0,
            "HOSPITALS": str(hand / "hosp.gpkg"),
            "OUTPUT": str(hand / "suit.gpkg"),
        },
    )
    run_by_hand(
        "native:extractbyexpression",
        {"INPUT": str(hand / "suit.gpkg"), "EXPRESSION": '"eligible"', "OUTPUT": str(hand / "eligible.gpkg")},
    )
    run_by_hand(
        "resilience:sheltercoverage",
        {
            "FACILITIES": str(hand / "eligible.gpkg"),
            "CAPACITY_FIELD": "capacity_persons",
            "FACILITY_ID_FIELD": "site_id",
            "DEMAND": pop,
            "POPULATION_UNIT": 0,
            "ROADS": roads,
            "ROAD_CLASS_FIELD": "TYPE",
            "MAX_MINUTES": 10,
            "WALK_KMH": 4.0,
            "HAZARD": zones,
            "BLOCK_LEVEL": 2,
            "MODE": 1,
            **units,
            "OUTPUT_DEMAND": str(hand / "demand.gpkg"),
            "OUTPUT_FACILITIES": str(hand / "load.gpkg"),
        },
    )
    run_by_hand(
        "resilience:economicloss",
        {
            "INPUT": buildings,
            "DEPTH": [depth],
            "CLASS_FIELD": "TYPE",
            "FLOORS_FIELD": "LEVELS",
            "DEFAULT_FLOORS": 1.0,
            **units,
            "OUTPUT": str(hand / "loss.gpkg"),
            "OUTPUT_TABLE": str(hand / "loss_table.gpkg"),
        },
    )
    run_by_hand(
        "resilience:evacuationplan",
        {
            "SHELTERS": str(hand / "eligible.gpkg"),
            "CAPACITY_FIELD": "capacity_persons",
            "SHELTER_ID_FIELD": "site_id",
            "DEMAND": pop,
            "POPULATION_UNIT": 0,
            "ROADS": roads,
            "ROAD_CLASS_FIELD": "TYPE",
            "HAZARD": zones,
            "BLOCK_LEVEL": 2,
            "EVACUATE_LEVEL": 2,
            "WALK_KMH": 4.0,
            "MAX_DISTANCE_M": 1000.0,
            **units,
            "OUTPUT_ORIGINS": str(hand / "evac_origins.gpkg"),
            "OUTPUT_SHELTERS": str(hand / "evac_shelters.gpkg"),
            "OUTPUT_FLOWS": str(hand / "evac_flows.gpkg"),
        },
    )
    run_by_hand(
        "resilience:lifelineexposure",
        {
            "LIFELINES": roads,
            "ASSET_TYPE": "road",
            "HAZARD": zones,
            "INTENSITY": depth,
            "INTENSITY_MEASURE": 0,
            **units,
            "OUTPUT": str(hand / "lifeline.gpkg"),
            "OUTPUT_TABLE": str(hand / "lifeline_table.gpkg"),
        },
    )
    criticality_by_hand(hand, "lifeline.gpkg", "hosp.gpkg", pop, units, "access.gpkg")

    # Step 1: persons (and area) per hazard level.
    table = read_gdf(hand / "hazard_table.gpkg")
    by_level = table.groupby("level")["population"].sum()
    got = runs["hazards"]["numbers"]["population_by_level"]
    assert {int(k) for k in got} == set(by_level.index) and by_level.loc[1:].sum() > 0
    for level, persons in by_level.items():
        assert got[str(level)] == pytest.approx(persons, rel=1e-9)
    # Step 2: buildings and persons per level.
    table = read_gdf(hand / "exposure_table.gpkg")
    b = table[table["class"] != "population"].groupby("level")["count"].sum()
    p = table[table["class"] == "population"].groupby("level")["value"].sum()
    got = runs["exposure"]["numbers"]
    assert {int(k): v for k, v in got["buildings_by_level"].items()} == {int(k): float(v) for k, v in b.items()}
    for level, persons in p.items():
        assert got["persons_by_level"][str(level)] == pytest.approx(persons, rel=1e-9)
    # Step 2b: direct economic loss of the scenario's flood depth (one scenario: no comparison).
    loss = read_gdf(hand / "loss.gpkg")
    got = runs["loss"]["numbers"]
    assert got["total_loss"] == pytest.approx(loss["loss"].sum(), rel=1e-9) and got["total_loss"] > 0
    assert got["damaged_buildings"] == int((loss["loss"] > 0).sum()) > 0
    assert got["buildings"] == len(loss) and "baseline_loss" not in got
    # Step 3: eligible sites and their capacity.
    suit = read_gdf(hand / "suit.gpkg")
    eligible = suit[suit["eligible"].astype(bool)]
    got = runs["facilities"]["numbers"]
    assert got["candidates"] == len(suit) > got["eligible"] == len(eligible) > 0
    assert got["eligible_capacity"] == pytest.approx(eligible["capacity_persons"].sum())
    # Step 4: the share of people within the walking limit; capacity against demand.
    demand = read_gdf(hand / "demand.gpkg")
    load = read_gdf(hand / "load.gpkg")
    got = runs["coverage"]["numbers"]
    pct = 100 * demand.loc[demand["covered"].astype(bool), "persons"].sum() / demand["persons"].sum()
    assert got["covered_pct"] == pytest.approx(pct, rel=1e-9)
    assert 0 < pct < 100
    assert got["persons"] == pytest.approx(demand["persons"].sum(), rel=1e-9)
    assert got["capacity_in_service"] == pytest.approx(load.loc[load["in_service"].astype(bool), "capacity"].sum())
    # Step 4: evacuation (人口转移安置) from level >= 2 to the eligible sites.
    origins = read_gdf(hand / "evac_origins.gpkg")
    assert got["evacuees"] == pytest.approx(origins["persons"].sum(), rel=1e-9) and got["evacuees"] > 0
    assert got["evacuees_placed"] == pytest.approx(origins["placed"].sum(), rel=1e-9)
    assert got["evacuees_unplaced"] == pytest.approx(origins["unplaced"].sum(), rel=1e-9)
    placed = origins[origins["placed"] > 0]
    mean_walk = (placed["placed"] * placed["walk_m"]).sum() / placed["placed"].sum()
    assert got["evacuation_mean_walk_m"] == pytest.approx(mean_walk, rel=1e-9)
    assert f"{got['evacuees_placed']:,.0f}" in dock.step_rows["coverage"].numbers.text()
    # Step 5: persons cut off from hospitals.
    access = read_gdf(hand / "access.gpkg")
    got = runs["lifelines"]["numbers"]
    assert got["isolated_persons"] == pytest.approx(
        access.loc[access["isolated"].astype(bool), "persons"].sum(), rel=1e-9
    )
    assert 0 < got["isolated_persons"] < got["persons"]

    # The panel shows them, and the layer tree holds one group for the scenario with a subgroup per step.
    assert f"{got['isolated_persons']:,.0f}" in dock.step_rows["lifelines"].numbers.text()
    root = QgsProject.instance().layerTreeRoot()
    groups = [g for g in root.children() if isinstance(g, QgsLayerTreeGroup)]
    assert len(groups) == 1 and sc in groups[0].name()
    assert [g.customProperty("resilience_workbench/group") for g in groups[0].children()] == STEPS_1_TO_5
    names = {lyr.name() for lyr in tagged_layers("hazards")}
    assert names == {
        "Composite hazard zones",
        "Area and population per unit and hazard level",
        "Hazard zones: flood",
        "Hazard zones: historic_flood",
    }
    composite = next(lyr for lyr in tagged_layers("hazards") if lyr.name() == "Composite hazard zones")
    assert composite.renderer().type() == "categorizedSymbol"  # styled by hazard level
    # The plan maps of every output that has one (no second scenario, depots, services, towers or cascade here).
    assert sorted(Path(p["OUTPUT"]).name for p in runs["maps"]["outputs"].values()) == [
        "map_coverage_output.pdf",
        "map_evacuation_output.pdf",
        "map_exposure_output.pdf",
        "map_hazard_output.pdf",
        "map_lifelines_output.pdf",
        "map_loss_output.pdf",
        "map_suitability_output.pdf",
    ]
    assert "建筑直接经济损失图" in pdf_text(runs, "map_loss") and "人口转移安置图" in pdf_text(runs, "map_evacuation")
    assert all(Path(p["OUTPUT"]).stat().st_size > 10000 for p in runs["maps"]["outputs"].values())
    # In the study's language (Chinese by default): the title and the fixed texts.
    text = subprocess.run(
        ["pdftotext", runs["maps"]["outputs"]["map_hazard"]["OUTPUT"], "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "综合灾害风险分区图" in text and "图例" in text and "Composite hazard zoning" not in text

    # A number is a link that selects the features behind it.
    link = next(i for i, item in enumerate(dock.step_rows["lifelines"].items) if item[2][0] == "criticality")
    lyr = dock.select_behind("lifelines", link)
    assert lyr.selectedFeatureCount() == int(access["isolated"].astype(bool).sum()) > 0

    # Running step 1 again replaces its layers (and only those of step 1; the user's layers stay).
    before = {lyr.id() for lyr in tagged_layers("hazards")}
    others = {lyr.id() for lyr in tagged_layers() if lyr.id() not in before}
    old_dir = Path(runs["hazards"]["run_dir"])
    dock.run_steps(["hazards"])
    wait_idle(dock)
    after = {lyr.id() for lyr in tagged_layers("hazards")}
    assert len(after) == len(before) and not (after & before)
    assert {lyr.id() for lyr in tagged_layers() if lyr.id() not in after} == others
    assert all(QgsProject.instance().mapLayer(lyr.id()) for lyr in jakarta_layers.values())
    assert not old_dir.exists()
    # Same inputs, same parameters: what was built on step 1 stays up to date.
    assert dock.statuses["hazards"] == dock.statuses["exposure"] == "up_to_date"

    # Export tables: one workbook, a sheet per statistic, Chinese headers.
    xlsx = tmp_path / "tables.xlsx"
    sheets = dock.export_tables(str(xlsx))
    ds = ogr.Open(str(xlsx))
    assert [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())] == sheets
    assert len(sheets) == 10 and sheets[0] == "关键指标" and {"直接经济损失", "人口转移安置"} <= set(sheets)
    hazard_sheet = ds.GetLayerByName("灾害等级面积与人口")
    defn = hazard_sheet.GetLayerDefn()
    headers = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    assert headers[:3] == ["行政单元", "灾害等级", "面积（平方米）"]
    total = sum(f.GetField("人口（人）") for f in hazard_sheet)
    assert total == pytest.approx(read_gdf(hand / "hazard_table.gpkg")["population"].sum(), rel=1e-6)
    dock.language.setCurrentIndex(1)
    sheets = dock.export_tables(str(tmp_path / "tables_en.xlsx"))
    assert sheets[0] == "Key numbers" and "Shelter coverage" in sheets
    # The language is part of the study: the maps are now out of date (they are in Chinese).
    assert dock.study.language == "en" and dock.statuses["maps"] == "out_of_date"
    assert json.loads(QgsProject.instance().readEntry("resilience_workbench", "study")[0])["language"] == "en"

    # The steps as a model: it loads, validates and has one child per call.
    from qgis.core import QgsProcessingModelAlgorithm

    model_path = tmp_path / "assessment.model3"
    assert dock.export_model(str(model_path))
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(model_path))
    ok, issues = model.validate()
    assert ok, issues
    ids = {c.algorithmId() for c in model.childAlgorithms().values()}
    assert {
        "resilience:classifyhazard",
        "resilience:hazardoverlay",
        "resilience:sheltercoverage",
        "resilience:networkcriticality",
        "resilience:exportplanmap",
    } <= ids
    overlay = model.childAlgorithms()["hazards_overlay"]
    assert {s.outputChildId() for s in overlay.parameterSources()["HAZARDS"]} == {
        "hazards_classify_0",
        "hazards_classify_1",
    }


def test_loss_step_compares_with_the_baseline_scenario(qgis_iface, provider, jakarta_layers, subset, tmp_path):
    """Two scenarios with a flood-depth raster each: the second one's loss step gives its loss, the
    baseline's and the comparison per kecamatan, as economicloss + comparescenarios run by hand."""
    from osgeo import gdal
    from qgis.core import QgsProject, QgsRasterLayer

    from resilience_plugin.gui.workbench.dock import WorkbenchDock
    from resilience_plugin.gui.workbench.project_store import save_study
    from resilience_plugin.gui.workbench.study import Scenario
    from tests.conftest import SAMPLE
    from tests.gui.workbench_data import BOX

    design = str(tmp_path / "flood_design_depth.tif")
    gdal.Translate(design, str(SAMPLE / "flood_design_depth.tif"), projWin=[BOX[0], BOX[3], BOX[2], BOX[1]])
    design_layer = QgsRasterLayer(design, "flood_design_depth")
    QgsProject.instance().addMapLayer(design_layer)
    study = jakarta_study(jakarta_layers, tmp_path / "results")
    first = study.scenarios[0]
    study.scenarios.append(Scenario(name="design flood", hazards=first.hazards, intensity_layer=design_layer.id()))
    save_study(study)
    dock = WorkbenchDock(qgis_iface)
    try:
        dock.scenario_box.setCurrentIndex(1)
        assert dock.scenario().name == "design flood"
        assert dock.statuses["loss"] == "not_run"
        dock.run_steps(["loss"])
        wait_idle(dock)
        got = dock.runs["design flood"]["loss"]["numbers"]
    finally:
        close(dock)
    hand = tmp_path / "hand"
    hand.mkdir()
    units = {"UNITS": str(subset / "kecamatan.gpkg"), "UNIT_ID_FIELD": "KEC_NAME"}
    tables = []
    for name, raster in (("base", str(subset / "flood_current_depth.tif")), ("design", design)):
        run_by_hand(
            "resilience:economicloss",
            {
                "INPUT": str(subset / "buildings.gpkg"),
                "DEPTH": [raster],
                "CLASS_FIELD": "TYPE",
                "FLOORS_FIELD": "LEVELS",
                "DEFAULT_FLOORS": 1.0,
                **units,
                "OUTPUT": str(hand / f"{name}.gpkg"),
                "OUTPUT_TABLE": str(hand / f"{name}_table.gpkg"),
            },
        )
        tables.append(str(hand / f"{name}_table.gpkg"))
    run_by_hand(
        "resilience:comparescenarios",
        {
            "INPUTS": tables,
            "NAMES": "flood_2007,design_flood",
            "VALUE_FIELD": "loss",
            **units,
            "OUTPUT_TABLE": str(hand / "cmp.gpkg"),
            "OUTPUT_MAP": str(hand / "cmp_map.gpkg"),
        },
    )
    base, design_loss = read_gdf(hand / "base.gpkg")["loss"].sum(), read_gdf(hand / "design.gpkg")["loss"].sum()
    assert got["total_loss"] == pytest.approx(design_loss, rel=1e-9)
    assert got["baseline_loss"] == pytest.approx(base, rel=1e-9)
    assert got["loss_change"] == pytest.approx(design_loss - base, rel=1e-9)
    assert base != pytest.approx(design_loss)  # two different floods
    cmap = read_gdf(hand / "cmp_map.gpkg")
    assert got["units_better"] == int((cmap["change_class"] > 0).sum())
    assert got["units_worse"] == int((cmap["change_class"] < 0).sum())
    assert got["units_same"] == int((cmap["change_class"] == 0).sum())
    assert got["units_better"] + got["units_worse"] > 0


def test_cancel_leaves_no_half_written_layer_in_the_tree(dock, jakarta_layers, tmp_path):
    from qgis.core import QgsApplication, QgsProject

    tree_before = [n.name() for n in QgsProject.instance().layerTreeRoot().children()]
    # Cancel the first step before it can finish.
    task = dock.run_steps(["hazards", "exposure"])
    task.cancel()
    wait_idle(dock)
    assert tagged_layers() == []
    assert [n.name() for n in QgsProject.instance().layerTreeRoot().children()] == tree_before
    assert dock.runs.get(dock.scenario().name, {}) == {}
    assert dock.statuses["hazards"] == "not_run"
    assert (
        "Cancel" in dock.step_rows["hazards"].message.text()
        or "cancel" in dock.step_rows["hazards"].message.text().lower()
    )
    results = tmp_path / "results"
    assert not results.exists() or not any(p.is_file() for p in results.rglob("*"))

    # Cancel step 2 while it runs: step 1's layers are there, nothing of step 2.
    def cancel_when_running(step, ok, _message):
        # step 2's task is queued now; cancel it before events run it
        if step == "hazards" and ok and dock.task is not None:
            dock.task.cancel()
            QgsApplication.processEvents()

    dock.run_steps(["hazards", "exposure"])
    dock.task.stepFinished.connect(cancel_when_running)
    wait_idle(dock)
    assert tagged_layers("hazards") and tagged_layers("exposure") == []
    assert set(dock.runs[dock.scenario().name]) == {"hazards"}
    exposure_dirs = [p for p in results.rglob("exposure_*") if p.is_dir()]
    assert exposure_dirs == []


def _background_or_skip():
    from resilience_plugin import compat

    if not compat.WORKBENCH_IN_BACKGROUND:
        pytest.skip("the workbench runs its steps on the main thread here (compat.WORKBENCH_IN_BACKGROUND)")


def test_steps_run_in_the_background_while_qgis_goes_on(dock, jakarta_layers):
    """Several steps in a row, each in a background task: the main thread's event loop keeps running
    (a timer fires) while a step's algorithms run, and every step's layers arrive."""
    from qgis.core import QgsTask
    from qgis.PyQt.QtCore import QTimer

    _background_or_skip()
    ticks = {"running": 0, "all": 0}

    def tick():
        ticks["all"] += 1
        if dock.task is not None and dock.task.status() == QgsTask.TaskStatus.Running:
            ticks["running"] += 1

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(20)
    steps = ["hazards", "exposure", "facilities", "coverage"]
    dock.run_steps(steps)
    wait_idle(dock)
    timer.stop()
    assert set(dock.runs[dock.scenario().name]) == set(steps), [r.message.text() for r in dock.step_rows.values()]
    assert all(tagged_layers(step) for step in steps)
    # on the main thread no event would be handled while a step runs: nothing would count here
    assert ticks["running"] >= 5, ticks


def test_cancel_while_a_background_step_runs_leaves_nothing(dock, jakarta_layers, tmp_path):
    from qgis.core import QgsProject

    _background_or_skip()
    tree_before = [n.name() for n in QgsProject.instance().layerTreeRoot().children()]
    task = dock.run_steps(["hazards", "exposure"])
    cancelled = []

    def cancel_at_first_progress(progress):
        # the progress comes from the worker while step 1's algorithms run there
        if not cancelled:
            cancelled.append(progress)
            dock.cancel()

    task.progressChanged.connect(cancel_at_first_progress)
    wait_idle(dock)
    assert cancelled, "step 1 reported no progress"
    assert tagged_layers() == []
    assert [n.name() for n in QgsProject.instance().layerTreeRoot().children()] == tree_before
    assert dock.runs.get(dock.scenario().name, {}) == {}
    assert dock.statuses["hazards"] == "not_run" and dock.statuses["exposure"] == "not_run"
    assert "cancel" in dock.step_rows["hazards"].message.text().lower()
    results = tmp_path / "results"
    assert not results.exists() or not any(p.is_file() for p in results.rglob("*"))


def test_the_menu_opens_the_panel_once(qgis_iface, qgis_processing, qgis_new_project):
    from qgis.core import QgsApplication

    import resilience_plugin
    from tests.conftest import register_provider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("resilience") is not None:  # registered for other tests: take it out first
        registry.removeProvider(registry.providerById("resilience"))
    if not hasattr(qgis_iface, "removeDockWidget"):  # pytest-qgis's interface stub lacks it (QGIS has it)
        qgis_iface.removeDockWidget = qgis_iface.mainWindow().removeDockWidget
    plugin = resilience_plugin.classFactory(qgis_iface)
    plugin.initProcessing()
    plugin.initGui()
    try:
        action = next(a for a in plugin.actions if a.objectName() == "mResilienceAction_workbench")
        action.trigger()
        dock = plugin.workbench
        assert dock is not None and dock.objectName() == "ResilienceWorkbenchDock"
        action.trigger()
        assert plugin.workbench is dock  # the same panel is raised, not a second one
        assert [r.step for r in dock.step_rows.values()] == [
            "hazards",
            "exposure",
            "loss",
            "facilities",
            "coverage",
            "lifelines",
            "maps",
        ]
    finally:
        plugin.unload()
        register_provider()
    assert plugin.workbench is None


def test_point_per_cell_layers_come_unticked(dock, jakarta_layers):
    from qgis.core import QgsProject

    dock.run_steps(["hazards", "facilities", "coverage"])
    wait_idle(dock)
    root = QgsProject.instance().layerTreeRoot()
    ticked = {
        lyr.customProperty("resilience_workbench/output"): root.findLayer(lyr.id()).itemVisibilityChecked()
        for lyr in tagged_layers()
    }
    assert ticked["coverage:OUTPUT_DEMAND"] is False and ticked["classify_0:OUTPUT"] is False
    assert ticked["overlay:OUTPUT"] and ticked["coverage:OUTPUT_FACILITIES"] and ticked["suitability:OUTPUT"]


def test_delete_a_scenario_removes_its_results_only(dock, jakarta_layers):
    from qgis.core import QgsProject

    from resilience_plugin.gui.workbench.project_store import load_study

    first = dock.scenario().name
    dock.run_steps(["hazards"])
    wait_idle(dock)
    second = dock.add_scenario(name="second")
    dock.study.scenario(second).hazards = list(dock.study.scenario(first).hazards)
    dock._fill_scenarios(second)
    dock.refresh()
    dock.run_steps(["hazards"])
    wait_idle(dock)
    run_dir = Path(dock.runs[second]["hazards"]["run_dir"])
    kept_dir = Path(dock.runs[first]["hazards"]["run_dir"])
    mine = [
        lyr.id() for lyr in tagged_layers() if lyr.customProperty("resilience_workbench/step").startswith("second/")
    ]
    theirs = [
        lyr.id() for lyr in tagged_layers() if lyr.customProperty("resilience_workbench/step").startswith(first + "/")
    ]
    assert mine and theirs and run_dir.exists()
    assert dock.delete_scenario(second)
    project = QgsProject.instance()
    assert not any(project.mapLayer(i) for i in mine)
    assert all(project.mapLayer(i) for i in theirs) and kept_dir.exists()
    assert all(project.mapLayer(lyr.id()) for lyr in jakarta_layers.values())  # the user's layers stay
    assert not run_dir.exists() and second not in dock.runs
    assert [s.name for s in load_study(project).scenarios] == [first]  # saved in the project
    assert [dock.scenario_box.itemText(i) for i in range(dock.scenario_box.count())] == [first]
    groups = [g.customProperty("resilience_workbench/group") for g in project.layerTreeRoot().children()]
    assert "second" not in groups and first in groups
    # the last scenario can go too: an empty one takes its place
    assert dock.delete_scenario(first)
    assert len(dock.study.scenarios) == 1 and not dock.study.scenarios[0].hazards
    assert not tagged_layers()


def test_two_lifeline_layers_from_the_panel(dock, jakarta_layers, subset, tmp_path):
    from qgis.core import QgsProject, QgsVectorLayer

    from resilience_plugin.gui.workbench.study import Lifeline

    hand = tmp_path / "hand"
    hand.mkdir()
    run_by_hand(
        "native:extractbyexpression",
        {"INPUT": str(subset / "buildings.gpkg"), "EXPRESSION": HOSPITAL_FILTER, "OUTPUT": str(hand / "hosp.gpkg")},
    )
    run_by_hand("native:centroids", {"INPUT": str(hand / "hosp.gpkg"), "OUTPUT": str(hand / "substations.gpkg")})
    points = QgsVectorLayer(str(hand / "substations.gpkg"), "substations", "ogr")
    assert points.isValid() and points.featureCount() > 0
    QgsProject.instance().addMapLayer(points)
    # the first lifeline row: the roads; a second row added in the panel: the points as substations
    dock.life_layer.setLayer(jakarta_layers["roads"])
    dock.life_type.setText("road")
    row = dock._add_lifeline_row(Lifeline())
    row.layer.setLayer(points)
    row.asset_type.setText("substation")
    dock._changed()
    assert [(ll.layer, ll.asset_type) for ll in dock.study.lifelines] == [
        (jakarta_layers["roads"].id(), "road"),
        (points.id(), "substation"),
    ]
    dock.run_steps(["hazards", "lifelines"])
    wait_idle(dock)
    run = dock.runs[dock.scenario().name]["lifelines"]
    assert {"lifeline_0", "lifeline_1"} <= set(run["outputs"]), dock.step_rows["lifelines"].message.text()
    # by hand: each layer through lifelineexposure with the panel's composite zones and the flood depth
    zones = dock.runs[dock.scenario().name]["hazards"]["outputs"]["overlay"]["OUTPUT"]
    units = {"UNITS": str(subset / "kecamatan.gpkg"), "UNIT_ID_FIELD": "KEC_NAME"}
    common = {"HAZARD": zones, "INTENSITY": str(subset / "flood_current_depth.tif"), "INTENSITY_MEASURE": 0, **units}
    run_by_hand(
        "resilience:lifelineexposure",
        {
            "LIFELINES": str(subset / "roads.gpkg"),
            "ASSET_TYPE": "road",
            **common,
            "OUTPUT": str(hand / "roads_ll.gpkg"),
            "OUTPUT_TABLE": str(hand / "t0.gpkg"),
        },
    )
    run_by_hand(
        "resilience:lifelineexposure",
        {
            "LIFELINES": str(hand / "substations.gpkg"),
            "ASSET_TYPE": "substation",
            **common,
            "OUTPUT": str(hand / "subs_ll.gpkg"),
            "OUTPUT_TABLE": str(hand / "t1.gpkg"),
        },
    )
    roads_ll, subs_ll = read_gdf(hand / "roads_ll.gpkg"), read_gdf(hand / "subs_ll.gpkg")
    got = run["numbers"]
    assert got["lifeline_layers"] == 2
    assert got["lifeline_m"] == pytest.approx(roads_ll["length_m"].sum(), rel=1e-9)
    assert got["failed_m"] == pytest.approx(roads_ll.loc[roads_ll["p_fail"] >= 0.5, "length_m"].sum(), rel=1e-9)
    panel_subs = read_gdf(run["outputs"]["lifeline_1"]["OUTPUT"])
    assert sorted(panel_subs["p_fail"].round(12)) == sorted(subs_ll["p_fail"].round(12))
    names = {lyr.name() for lyr in tagged_layers("lifelines")}
    assert "Lifeline exposure and failure (substation)" in names and "Lifeline exposure and failure" in names
    # Export tables: a sheet per lifeline layer, named by its asset type, each the table run by hand.
    for language, road, subs, count in (
        ("zh", "生命线暴露（road）", "生命线暴露（substation）", "数量"),
        ("en", "Lifeline exposure (road)", "Lifeline exposure (substation)", "Count"),
    ):
        dock.language.setCurrentIndex(dock.language.findData(language))
        xlsx = tmp_path / f"tables_{language}.xlsx"
        sheets = dock.export_tables(str(xlsx))
        assert {road, subs} <= set(sheets) and len(set(sheets)) == len(sheets), sheets
        ds = ogr.Open(str(xlsx))
        for sheet, table in ((road, "t0.gpkg"), (subs, "t1.gpkg")):
            want = read_gdf(hand / table)
            rows = list(ds.GetLayerByName(sheet))
            assert len(rows) == len(want) > 0
            assert sum(f.GetField(count) for f in rows) == want["count"].sum() > 0
        ds = None


def test_sheet_names_are_unique_and_short(qgis_app):
    from resilience_plugin.gui.workbench.export import sheet_name

    long = "Lifeline exposure (transmission_tower, distribution_pole)"
    first = sheet_name(long)
    second = sheet_name(long, [first])
    third = sheet_name(long, [first, second])
    assert first == long[:31] and len(second) <= 31 and len(third) <= 31
    assert second.endswith(" 2") and third.endswith(" 3") and len({first, second, third}) == 3
    assert sheet_name("a/b:c", ["A B C"]) == "a b c 2"  # Excel compares sheet names without case


def test_ahp_weights_inside_step_3(dock, jakarta_layers, tmp_path):
    import numpy as np

    criteria = ["safety", "access", "capacity", "population", "hospital", "lifeline"]
    dialog = dock.ahp_dialog()
    assert dialog.matrix.criteria == criteria
    # safety 3x access and capacity, 5x the rest; the others equal
    for j in (1, 2):
        dialog.matrix.set_judgement(0, j, "3")
    for j in (3, 4, 5):
        dialog.matrix.set_judgement(0, j, "5")
    assert dock.apply_ahp(dialog, 1)
    assert dock.study.ahp_matrix and "CR =" in dock.ahp_label.text()
    assert dock.statuses["facilities"] == "not_run"
    dock.run_steps(["hazards", "facilities"])
    wait_idle(dock)
    run = dock.runs[dock.scenario().name]["facilities"]
    got = run["numbers"]
    # by hand (numpy): the principal eigenvector and Saaty's CR with RI(6) = 1.24
    a = np.ones((6, 6))
    a[0, 1:3], a[0, 3:] = 3, 5
    a[1:3, 0], a[3:, 0] = 1 / 3, 1 / 5
    vals, vecs = np.linalg.eig(a)
    k = int(np.argmax(vals.real))
    w = np.abs(vecs[:, k].real)
    w /= w.sum()
    cr = (vals[k].real - 6) / 5 / 1.24
    assert [got["ahp_weights"][c] for c in criteria] == pytest.approx(list(w), rel=1e-6)
    assert got["ahp_cr"] == pytest.approx(cr, abs=1e-6) and got["ahp_consistent"] is bool(cr < 0.1)
    # the suitability ran with those weights: its scores are those of a run with the weights typed in
    # (hospital and lifeline have no layer here and are dropped; the others renormalised)
    suit = read_gdf(run["outputs"]["suitability"]["OUTPUT"]).sort_values("site_id")
    hand = run_by_hand(
        "resilience:facilitysuitability",
        {
            **{k: v for k, v in run_params(dock, "facilities", "suitability").items() if k != "WEIGHTS_TABLE"},
            "WEIGHTS": ",".join(f"{c}:{x:.12f}" for c, x in zip(criteria, w)),
            "OUTPUT": str(tmp_path / "hand_suit.gpkg"),
        },
    )
    want = read_gdf(hand["OUTPUT"]).sort_values("site_id")
    assert list(suit["score"].round(6)) == list(want["score"].round(6))
    assert suit["score"].nunique() > 1
    assert "AHP" in dock.step_rows["facilities"].numbers.text() or "层次" in dock.step_rows["facilities"].numbers.text()
    # "Default weights" drops the matrix: step 3 is out of date again
    assert dock.apply_ahp(dock.ahp_dialog(), 2) and dock.study.ahp_matrix == []
    assert dock.statuses["facilities"] == "out_of_date"


def run_params(dock, step, call):
    """The parameters the panel's last run of ``step`` gave ``call`` (layers as their sources)."""
    from resilience_plugin.gui.workbench import runner

    prepared = runner.prepare_step(dock.study, dock.scenario(), step, dock.runs, reuse_outputs=True)
    return dict(prepared.resolved[call])


def test_supply_plan_and_life_circle_in_step_4(dock, jakarta_layers, subset, tmp_path):
    from osgeo import gdal
    from qgis.core import QgsProject, QgsVectorLayer

    from resilience_plugin.gui.workbench.study import Service

    hand = tmp_path / "hand"
    hand.mkdir()
    depots_path = str(hand / "depots.gpkg")
    gdal.VectorTranslate(
        depots_path,
        str(subset / "buildings.gpkg"),
        SQLStatement="SELECT ST_Centroid(geom) AS geom, fid AS depot_no, 20000 AS water, 1000 AS food, "
        "300 AS bedding, 300 AS hygiene_kit FROM buildings WHERE lower(TYPE) = 'government'",
        SQLDialect="SQLite",
        layerName="depots",
    )
    depots = QgsVectorLayer(depots_path, "depots", "ogr")
    assert depots.isValid() and depots.featureCount() > 0
    QgsProject.instance().addMapLayer(depots)
    buildings = jakarta_layers["buildings"]
    dock.depot_layer.setLayer(depots)
    dock.depot_id.setField("depot_no")
    school = dock._add_service_row(Service(layer=buildings.id(), filter="lower(\"TYPE\") = 'school'", name="school"))
    school.minutes.setValue(10)
    dock._add_service_row(Service(layer=buildings.id(), filter=HOSPITAL_FILTER, name="clinic"))
    dock._changed()
    assert dock.study.depots.layer == depots.id() and [sv.name for sv in dock.study.services] == ["school", "clinic"]
    dock.run_steps(["hazards", "facilities", "coverage"])
    wait_idle(dock)
    run = dock.runs[dock.scenario().name]["coverage"]
    assert {"supply", "lifecircle"} <= set(run["outputs"]), dock.step_rows["coverage"].message.text()
    got = run["numbers"]
    zones = dock.runs[dock.scenario().name]["hazards"]["outputs"]["overlay"]["OUTPUT"]
    shelters = run["outputs"]["evacuation"]["OUTPUT_SHELTERS"]
    # by hand: the supply plan from the panel's evacuation shelters, the life circle from the filtered buildings
    run_by_hand(
        "resilience:supplyplan",
        {
            "SHELTERS": shelters,
            "PERSONS_FIELD": "load",
            "SHELTER_ID_FIELD": "shelter_id",
            "DEPOTS": depots_path,
            "DEPOT_ID_FIELD": "depot_no",
            "ROADS": str(subset / "roads.gpkg"),
            "ROAD_CLASS_FIELD": "TYPE",
            "HAZARD": zones,
            "BLOCK_LEVEL": 2,
            "OUTPUT_FLOWS": str(hand / "flows.gpkg"),
            "OUTPUT_TABLE": str(hand / "supply.gpkg"),
        },
    )
    table = read_gdf(hand / "supply.gpkg")
    assert set(got["supply_items"]) == set(table["item"])
    for item, rows in table.groupby("item"):
        for k in ("need", "delivered", "shortfall"):
            assert got["supply_items"][item][k] == pytest.approx(rows[k].sum(), rel=1e-9, abs=1e-9)
    assert sum(v["need"] for v in got["supply_items"].values()) > 0
    for name, expr in (("school", "lower(\"TYPE\") = 'school'"), ("clinic", HOSPITAL_FILTER)):
        run_by_hand(
            "native:extractbyexpression",
            {"INPUT": str(subset / "buildings.gpkg"), "EXPRESSION": expr, "OUTPUT": str(hand / f"{name}.gpkg")},
        )
    run_by_hand(
        "resilience:lifecircle",
        {
            "SERVICES": [str(hand / "school.gpkg"), str(hand / "clinic.gpkg")],
            "SERVICE_NAMES": "school,clinic",
            "SERVICE_MINUTES": "10,",
            "DEMAND": str(subset / "population.tif"),
            "POPULATION_UNIT": 0,
            "ROADS": str(subset / "roads.gpkg"),
            "ROAD_CLASS_FIELD": "TYPE",
            "WALK_KMH": 4.0,
            "HAZARD": zones,
            "BLOCK_LEVEL": 2,
            "UNITS": str(subset / "kecamatan.gpkg"),
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT_DEMAND": str(hand / "lc.gpkg"),
        },
    )
    lc = read_gdf(hand / "lc.gpkg")
    pct = 100 * lc.loc[lc["all_reached"].astype(bool), "persons"].sum() / lc["persons"].sum()
    assert got["life_circle_all_pct"] == pytest.approx(pct, rel=1e-9) and 0 < pct < 100
    text = dock.step_rows["coverage"].numbers.text()
    assert f"{pct:.1f}%" in text and "water" in text
    # their plan maps, in Chinese
    dock.run_steps(["maps"])
    wait_idle(dock)
    runs = dock.runs[dock.scenario().name]
    assert {"map_supply", "map_life_circle", "map_evacuation"} <= set(runs["maps"]["outputs"])
    assert "应急物资调配图" in pdf_text(runs, "map_supply") and "15分钟生活圈图" in pdf_text(runs, "map_life_circle")
    # the panel's layers (named in the interface language, English here) titled in the map's language,
    # and the depots the flows start from on the supply map
    supply = pdf_text(runs, "map_supply")
    assert "物资流向" in supply and "Supply flows" not in supply and "depots" in supply
    assert "可达服务" in pdf_text(runs, "map_life_circle")


def test_the_steps_calls_appear_in_the_processing_history(dock, jakarta_layers):
    from resilience_plugin.compat import HISTORY_IN_REGISTRY, QGIS_VERSION_INT, history_commands

    assert HISTORY_IN_REGISTRY == (QGIS_VERSION_INT >= 32400)
    before = len(history_commands())
    dock.run_steps(["hazards"])
    wait_idle(dock)
    new = history_commands()[before:]
    run = dock.runs[dock.scenario().name]["hazards"]
    # one entry per call, each naming the algorithm and the file the step wrote
    assert [c.split("(")[1].split(",")[0].strip("'\"") for c in new] == [
        "resilience:classifyhazard",
        "resilience:classifyhazard",
        "resilience:hazardoverlay",
    ], new
    assert run["outputs"]["overlay"]["OUTPUT"] in new[2] and run["outputs"]["classify_0"]["OUTPUT"] in new[0]
    assert "'THRESHOLDS':'0.1,0.5,1.0,2.0'" in new[0].replace(" ", "")


def test_power_lines_from_their_towers_in_step_5(dock, jakarta_layers, subset, tmp_path):
    from qgis.core import QgsProject, QgsVectorLayer

    hand = tmp_path / "hand"
    hand.mkdir()
    # main roads as power lines, a tower every 0.002° (about 220 m) along them
    run_by_hand(
        "native:extractbyexpression",
        {
            "INPUT": str(subset / "roads.gpkg"),
            "EXPRESSION": "\"TYPE\" IN ('primary', 'secondary', 'trunk')",
            "OUTPUT": str(hand / "lines.gpkg"),
        },
    )
    run_by_hand(
        "native:pointsalonglines",
        {"INPUT": str(hand / "lines.gpkg"), "DISTANCE": 0.002, "OUTPUT": str(hand / "towers.gpkg")},
    )
    lines = QgsVectorLayer(str(hand / "lines.gpkg"), "power lines", "ogr")
    towers = QgsVectorLayer(str(hand / "towers.gpkg"), "towers", "ogr")
    assert lines.featureCount() > 0 and towers.featureCount() > lines.featureCount()
    QgsProject.instance().addMapLayers([lines, towers])
    dock.tower_layer.setLayer(towers)
    dock.power_lines.setLayer(lines)
    dock._changed()
    assert dock.study.power.towers == towers.id() and dock.study.power.tower_type == "transmission_tower"
    dock.run_steps(["hazards", "lifelines"])
    wait_idle(dock)
    run = dock.runs[dock.scenario().name]["lifelines"]
    assert "towers" in run["outputs"], dock.step_rows["lifelines"].message.text()
    run_by_hand(
        "resilience:towerfailure",
        {
            "TOWERS": str(hand / "towers.gpkg"),
            "TOWER_TYPE": "transmission_tower",
            "LINES": str(hand / "lines.gpkg"),
            "INTENSITY": str(subset / "flood_current_depth.tif"),
            "INTENSITY_MEASURE": 0,
            "UNITS": str(subset / "kecamatan.gpkg"),
            "UNIT_ID_FIELD": "KEC_NAME",
            "OUTPUT": str(hand / "weak.gpkg"),
            "OUTPUT_TOWERS": str(hand / "tw.gpkg"),
            "OUTPUT_TABLE": str(hand / "tt.gpkg"),
        },
    )
    weak, tw = read_gdf(hand / "weak.gpkg"), read_gdf(hand / "tw.gpkg")
    got = run["numbers"]
    assert got["towers"] == len(tw) and got["power_lines"] == len(weak)
    assert (
        got["expected_failed_towers"] == pytest.approx(tw["p_fail"].sum(), rel=1e-9)
        and got["expected_failed_towers"] > 0
    )
    assert got["power_lines_down"] == int((weak["p_line"] >= 0.5).sum())
    assert got["expected_failed_lines"] == pytest.approx(weak["p_line"].sum(), rel=1e-9)
    # their plan map, in English; the lines styled as weak links
    names = {lyr.name(): lyr for lyr in tagged_layers("lifelines")}
    assert names["Power lines: failure from their towers"].renderer().classAttribute() == "p_line"
    dock.language.setCurrentIndex(dock.language.findData("en"))
    dock.run_steps(["maps"])
    wait_idle(dock)
    text = pdf_text(dock.runs[dock.scenario().name], "map_towers")
    assert "Power lines from their towers" in text and "Legend" in text and "输电线路" not in text
    # the legend labels of the panel's layers (bilingual in the project) in the map's language
    assert "Very low" in text and "很低" not in text


def test_cascade_in_step_5(dock, jakarta_layers, subset, tmp_path):
    """Cascading failures as part of step 5: the roads (failing with their p_fail of the flood depth), the
    hospitals and the population points of the hospital-access run, as Cascade run by hand on files named
    after their class of the dependency table."""
    import shutil

    from qgis.core import QgsApplication, QgsProject

    from resilience_plugin.paths import resource_path

    table_file = tmp_path / "dependencies.json"
    shutil.copy(resource_path("standards", "dependencies.json"), table_file)
    dock.cascade_enabled.setChecked(True)
    dock.cascade_runs.setValue(300)
    dock.cascade_file.setFilePath(str(table_file))
    dock._changed()
    assert dock.study.cascade.enabled and dock.study.cascade.runs == 300
    assert "no persons" not in dock.cascade_problems.text()  # hospitals and population chosen: people counted
    hospitals = dock.hosp_layer.currentLayer()
    dock.hosp_layer.setLayer(None)
    dock._changed()
    assert "counts no persons without service" in dock.cascade_problems.text()
    dock.hosp_layer.setLayer(hospitals)
    dock._changed()
    assert dock.study.hospitals.layer == hospitals.id()
    dock.run_steps(["hazards", "lifelines"])
    wait_idle(dock)
    sc = dock.scenario().name
    run = dock.runs[sc]["lifelines"]
    assert "cascade" in run["outputs"], dock.step_rows["lifelines"].message.text()

    hand = tmp_path / "hand"
    hand.mkdir()
    zones = dock.runs[sc]["hazards"]["outputs"]["overlay"]["OUTPUT"]
    units = {"UNITS": str(subset / "kecamatan.gpkg"), "UNIT_ID_FIELD": "KEC_NAME"}
    pop = str(subset / "population.tif")
    run_by_hand(
        "resilience:lifelineexposure",
        {
            "LIFELINES": str(subset / "roads.gpkg"),
            "ASSET_TYPE": "road",
            "HAZARD": zones,
            "INTENSITY": str(subset / "flood_current_depth.tif"),
            "INTENSITY_MEASURE": 0,
            **units,
            "OUTPUT": str(hand / "road.gpkg"),
            "OUTPUT_TABLE": str(hand / "t.gpkg"),
        },
    )
    run_by_hand(
        "native:extractbyexpression",
        {"INPUT": str(subset / "buildings.gpkg"), "EXPRESSION": HOSPITAL_FILTER, "OUTPUT": str(hand / "hospital.gpkg")},
    )
    criticality_by_hand(hand, "road.gpkg", "hospital.gpkg", pop, units, "people.gpkg")
    # the layers carry no class field: each one's name ("road", "hospital", "people") is its class
    run_by_hand(
        "resilience:cascade",
        {
            "ASSETS": [str(hand / n) for n in ("road.gpkg", "hospital.gpkg", "people.gpkg")],
            "POPULATION_FIELD": "persons",
            "MODE": 0,
            "P_FIELD": "p_fail",
            "RUNS": 300,
            "SEED": 1,
            **units,
            "OUTPUT_POINTS": str(hand / "c_points.gpkg"),
            "OUTPUT_LINES": str(hand / "c_lines.gpkg"),
            "OUTPUT_POLYGONS": str(hand / "c_polygons.gpkg"),
            "OUTPUT_TABLE": str(hand / "c_table.gpkg"),
        },
    )
    import pandas as pd

    assets = pd.concat([read_gdf(hand / f"c_{k}.gpkg") for k in ("points", "lines", "polygons")])
    lifeline = assets[assets["system"].fillna("") != ""]
    hospitals = assets[assets["asset_class"] == "hospital"]
    table = read_gdf(hand / "c_table.gpkg")
    got = run["numbers"]
    assert got["cascade_assets"] == len(lifeline) > 0
    assert got["cascade_expected_out"] == pytest.approx(lifeline["out_of_service"].sum(), rel=1e-9)
    assert got["cascade_expected_out"] > 0
    assert got["cascade_expected_spread"] == pytest.approx(lifeline["failed_cascade"].sum(), rel=1e-9, abs=1e-12)
    assert got["cascade_hospitals"] == len(hospitals) > 0
    assert got["cascade_hospitals_out"] == pytest.approx(hospitals["out_of_service"].sum(), rel=1e-9, abs=1e-12)
    # only the systems among the inputs (here the roads: no substation, pump station or telecom site)
    without = table[table["system"].isin(set(lifeline["system"]))].groupby("system")["without_mean"].sum()
    assert set(without.index) == {"roads"} and without["roads"] > 0
    assert got["cascade_without"] == pytest.approx(without.to_dict(), rel=1e-9)
    people = assets[assets["asset_class"] == "people"]
    assert got["cascade_persons"] == pytest.approx(table[table["system"] == "roads"]["persons"].sum(), rel=1e-9)
    assert 0 < got["cascade_persons"] <= people["persons"].sum() * (1 + 1e-9)
    # on the panel, and its layers in the scenario's group, styled
    text = dock.step_rows["lifelines"].numbers.text()
    assert "Cascading failures" in text and f"{got['cascade_expected_out']:,.1f}" in text
    assert f"{without['roads']:,.0f} of {got['cascade_persons']:,.0f} persons" in text and "Power" not in text
    names = {lyr.name(): lyr for lyr in tagged_layers("lifelines")}
    assert {"Cascade: point assets", "Cascade: line assets", "Persons without service"} <= set(names), sorted(names)
    assert names["Cascade: line assets"].renderer().type() == "graduatedSymbol"
    assert names["Cascade: line assets"].renderer().classAttribute() == "out_of_service"
    # the points (with one per population cell) come unticked: they would hide the map
    root = QgsProject.instance().layerTreeRoot()
    assert not root.findLayer(names["Cascade: point assets"].id()).itemVisibilityChecked()
    assert root.findLayer(names["Cascade: line assets"].id()).itemVisibilityChecked()
    # a number selects the features behind it
    link = next(i for i, item in enumerate(dock.step_rows["lifelines"].items) if item[2] and item[2][0] == "cascade")
    lyr = dock.select_behind("lifelines", link)
    assert lyr.selectedFeatureCount() == int((lifeline["out_of_service"] >= 0.5).sum())
    # its table in Export tables, with Chinese headers
    xlsx = tmp_path / "cascade.xlsx"
    assert "级联失效断供人口" in dock.export_tables(str(xlsx))
    ds = ogr.Open(str(xlsx))
    rows = list(ds.GetLayerByName("级联失效断供人口"))
    assert sum(f.GetField("断供人口均值（人）") for f in rows) == pytest.approx(table["without_mean"].sum(), rel=1e-9)
    ds = None
    # up to date; out of date when the runs or the dependency table change
    assert dock.statuses["lifelines"] == "up_to_date"
    dock.cascade_runs.setValue(200)
    assert dock.statuses["lifelines"] == "out_of_date"
    dock.cascade_runs.setValue(300)
    assert dock.statuses["lifelines"] == "up_to_date"
    time.sleep(0.01)
    table_file.write_text(table_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    dock.refresh()
    assert dock.statuses["lifelines"] == "out_of_date"
    # re-run: the cascade's layers are replaced, not added
    before = {lyr.id() for lyr in tagged_layers("lifelines")}
    dock.run_steps(["lifelines"])
    wait_idle(dock)
    after = {lyr.id() for lyr in tagged_layers("lifelines")}
    assert len(after) == len(before) and not (after & before)
    # its plan map shows the point assets and, apart (drawn as cells), the people out of service, not
    # every population cell
    points = read_gdf(hand / "c_points.gpkg")
    outputs = dock.runs[sc]["lifelines"]["outputs"]
    assets = points[points["asset_class"] != "people"]
    out_of_service = points[(points["asset_class"] == "people") & (points["out_of_service"] >= 0.5)]
    assert len(read_gdf(outputs["cascade_map_points"]["OUTPUT"])) == len(assets)
    assert len(read_gdf(outputs["cascade_map_people"]["OUTPUT"])) == len(out_of_service)
    assert 0 < len(out_of_service) < (points["asset_class"] == "people").sum()
    # its plan map, in Chinese then in English
    dock.run_steps(["maps"])
    wait_idle(dock)
    assert "生命线级联失效图" in pdf_text(dock.runs[sc], "map_cascade")
    dock.language.setCurrentIndex(dock.language.findData("en"))
    assert dock.statuses["maps"] == "out_of_date"
    dock.run_steps(["maps"])
    wait_idle(dock)
    text = pdf_text(dock.runs[sc], "map_cascade")
    assert "Cascading lifeline failures" in text and "生命线级联失效图" not in text
    # a lifeline whose class is not in the table is refused next to the layer, before anything runs
    dock.life_layer.setLayer(jakarta_layers["roads"])
    dock.life_type.setText("road")
    dock.life_class.setCurrentText("tram")
    dock._changed()
    QgsApplication.processEvents()
    assert "'tram' is not a lifeline class" in dock.cascade_problems.text() and dock.run_steps(["lifelines"]) is None
