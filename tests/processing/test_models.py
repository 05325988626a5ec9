"""The example models in resources/models: they load as the graphical modeler loads them, and they run
end to end on a small part of the Jakarta sample with sensible numbers (checked independently here)."""

import subprocess
from pathlib import Path

import numpy as np
import pytest
import shapely
from osgeo import gdal
from pyproj import Geod

from tests import helpers
from tests.conftest import REPO, SAMPLE
from tests.helpers import hazard_zoning_params, load_model, read_gdf, read_raster

MODELS = REPO / "resources" / "models"
# A 4.4 km x 3.3 km part of central Jakarta with hospitals, schools and both kinds of flooding.
BOX = (106.83, -6.20, 106.87, -6.17)
UTM = "EPSG:32748"

EXPECTED_CHILDREN = {
    "hazard_zoning": {"resilience:classifyhazard", "resilience:hazardoverlay", "resilience:exportplanmap"},
    "resilience_assessment": {
        "resilience:classifyhazard", "resilience:hazardoverlay", "resilience:exposuresummary",
        "resilience:facilitysuitability", "resilience:sheltercoverage", "resilience:lifelineexposure",
        "resilience:networkcriticality", "resilience:exportplanmap", "native:extractbyexpression",
        "resilience:economicloss", "resilience:comparescenarios",
    },
}
A3_LANDSCAPE_PT = (420 / 25.4 * 72, 297 / 25.4 * 72)


@pytest.fixture(scope="module")
def subset(tmp_path_factory):
    """The sample clipped to BOX: rasters cut to the box, vector features touching it kept whole."""
    out = tmp_path_factory.mktemp("model_subset")
    for name in ("flood_current_depth", "flood_design_depth", "population"):
        gdal.Translate(str(out / f"{name}.tif"), str(SAMPLE / f"{name}.tif"),
                       projWin=[BOX[0], BOX[3], BOX[2], BOX[1]])
    for layer in ("roads", "buildings", "kecamatan", "flood_2007_rw"):
        gdal.VectorTranslate(str(out / f"{layer}.gpkg"), str(SAMPLE / "jakarta.gpkg"), layers=[layer],
                             spatFilter=BOX, layerName=layer)
    return out


def hazard_params(data, out):
    return hazard_zoning_params(data / "flood_current_depth.tif", data / "flood_2007_rw.gpkg", data / "kecamatan.gpkg",
                                data / "population.tif", out)


def run_model(name, params, feedback=None):
    return helpers.run_model(MODELS / f"{name}.model3", params, feedback)


# --- independent expectations ---------------------------------------------------------------------
def wet_cells(path, threshold):
    """Boxes of the raster cells at or above ``threshold`` (lon/lat)."""
    values, gt, _ = read_raster(path)
    rows, cols = np.nonzero(np.nan_to_num(values, nan=-1.0) >= threshold)
    x0 = gt[0] + cols * gt[1]
    y0 = gt[3] + rows * gt[5]
    return shapely.box(x0, y0 + gt[5], x0 + gt[1], y0)


def to_utm(geoms):
    import geopandas as gpd

    return gpd.GeoSeries(geoms, crs="EPSG:4326").to_crs(UTM)


def hazard_union(data):
    """The union of both hazards (depth >= first threshold, historic YES) in UTM metres."""
    hist = read_gdf(data / "flood_2007_rw.gpkg")
    hist = hist[hist["FLOODPRONE"].str.strip().str.upper() == "YES"]
    depth = wet_cells(data / "flood_current_depth.tif", 0.1)
    return shapely.union_all(to_utm(np.concatenate([np.asarray(hist.geometry.values), depth])).values)


def raster_persons(path):
    """Persons in a density raster (persons per km²), each cell's ellipsoidal area by pyproj.Geod."""
    values, gt, _ = read_raster(path)
    geod = Geod(ellps="WGS84")
    total = 0.0
    for r in range(values.shape[0]):
        y0 = gt[3] + r * gt[5]
        lons = [gt[0], gt[0] + gt[1], gt[0] + gt[1], gt[0]]
        lats = [y0, y0, y0 + gt[5], y0 + gt[5]]
        area_km2 = abs(geod.polygon_area_perimeter(lons, lats)[0]) / 1e6
        total += np.nansum(values[r]) * area_km2
    return total


def pdf_page_size(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    line = next(line for line in info.splitlines() if line.startswith("Page size:"))
    w, h = line.split(":", 1)[1].split("pts")[0].split("x")
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    return float(w), float(h), pages


def check_hazard_outputs(data, out):
    composite = read_gdf(out / "composite.gpkg")
    assert set(composite["level"]) <= {1, 2, 3, 4} and len(composite) > 0
    # The composite zones cover exactly the union of the two classified hazards.
    union = hazard_union(data)
    got = to_utm(composite.geometry.values).area.sum()
    assert got == pytest.approx(union.area, rel=0.005)
    # Zones do not overlap: the sum of the pieces equals the area of their union.
    assert got == pytest.approx(shapely.union_all(to_utm(composite.geometry.values).values).area, rel=1e-4)
    # Where the water is 2 m or deeper the composite level is 4 (maximum-level overlay).
    deep = shapely.union_all(to_utm(wet_cells(data / "flood_current_depth.tif", 2.0)).values)
    level4 = shapely.union_all(to_utm(composite[composite["level"] == 4].geometry.values).values)
    assert deep.area > 0
    assert level4.intersection(deep).area == pytest.approx(deep.area, rel=0.005)

    table = read_gdf(out / "hazard_by_unit.csv")
    table["area_m2"] = table["area_m2"].astype(float)
    units = read_gdf(data / "kecamatan.gpkg")
    unit_area = dict(zip(units["KEC_NAME"], to_utm(units.geometry.values).area))
    per_unit = table.groupby("unit_id")["area_m2"].sum()
    assert set(per_unit.index) == set(unit_area)
    for unit, area in per_unit.items():  # levels 0..4 of a unit add up to the unit's area
        assert area == pytest.approx(unit_area[unit], rel=0.005)
    # All persons of the (clipped) population raster lie in some unit and level.
    persons = raster_persons(data / "population.tif")
    assert table["population"].astype(float).sum() == pytest.approx(persons, rel=0.01)

    w, h, pages = pdf_page_size(out / "hazard_map.pdf")
    assert (w, h) == pytest.approx(A3_LANDSCAPE_PT, abs=1.0) and pages == 1
    text = subprocess.run(["pdftotext", str(out / "hazard_map.pdf"), "-"], capture_output=True, text=True).stdout
    assert "综合灾害风险分区图" in text
    from qgis.PyQt.QtGui import QImage

    png = QImage(str(out / "hazard_map.png"))
    assert png.width() == pytest.approx(420 / 25.4 * 150, abs=1) and png.height() == pytest.approx(297 / 25.4 * 150, abs=1)
    small = png.scaled(64, 45)
    assert len({small.pixel(x, y) for x in range(64) for y in range(45)}) > 5  # not blank
    return composite


# --- tests ----------------------------------------------------------------------------------------
def test_models_exist():
    assert {p.stem for p in MODELS.glob("*.model3")} >= set(EXPECTED_CHILDREN)


@pytest.mark.parametrize("path", sorted(MODELS.glob("*.model3")), ids=lambda p: p.stem)
def test_model_loads(provider, path):
    model = load_model(path)
    children = model.childAlgorithms()
    ids = {child.algorithmId() for child in children.values()}
    assert ids >= EXPECTED_CHILDREN.get(path.stem, set())
    for child_id, child in children.items():  # every step resolves to an installed algorithm
        assert child.algorithm() is not None, f"{path.name}: {child_id} ({child.algorithmId()}) is missing"
    ok, issues = model.validate()
    assert ok, issues
    assert model.destinationParameterDefinitions(), "a model without outputs"


def test_hazard_zoning_model(provider, subset, tmp_path):
    results = run_model("hazard_zoning", hazard_params(subset, tmp_path))
    assert Path(results["map_hazard_pdf:hazard_map_pdf"]).exists()
    check_hazard_outputs(subset, tmp_path)


def test_resilience_assessment_model(provider, subset, tmp_path):
    data, out = subset, tmp_path
    params = hazard_params(data, out)
    params.update({
        "BUILDINGS": str(data / "buildings.gpkg"),
        "BUILDING_TYPE_FIELD": "TYPE",
        "BUILDING_NAME_FIELD": "NAME",
        "BUILDING_FLOORS_FIELD": "LEVELS",
        "SHELTER_FILTER": "lower(\"TYPE\") IN ('school', 'sports facility', 'government')",
        "HOSPITAL_FILTER": "lower(\"TYPE\") = 'hospital'",
        "ROADS": str(data / "roads.gpkg"),
        "ROAD_CLASS_FIELD": "TYPE",
        "exposure_buildings:buildings_exposure": str(out / "buildings_exposure.gpkg"),
        "exposure_buildings:buildings_exposure_by_unit": str(out / "buildings_exposure_by_unit.csv"),
        "exposure_roads:roads_exposure_by_unit": str(out / "roads_exposure_by_unit.csv"),
        "suitability:facility_suitability": str(out / "suitability.gpkg"),
        "coverage:shelter_demand": str(out / "shelter_demand.gpkg"),
        "coverage:shelter_load": str(out / "shelter_load.gpkg"),
        "coverage:shelter_coverage_by_unit": str(out / "shelter_coverage_by_unit.csv"),
        "coverage:shelter_service_areas": str(out / "service_areas.gpkg"),
        "lifeline:lifeline_roads": str(out / "lifeline_roads.gpkg"),
        "lifeline:lifeline_by_unit": str(out / "lifeline_by_unit.csv"),
        "criticality:criticality_demand": str(out / "criticality_demand.gpkg"),
        "criticality:criticality_by_unit": str(out / "criticality_by_unit.csv"),
        "criticality:criticality_links": str(out / "criticality_links.gpkg"),
        "map_coverage_pdf:coverage_map_pdf": str(out / "coverage_map.pdf"),
        "map_lifeline_pdf:lifeline_map_pdf": str(out / "lifeline_map.pdf"),
        "DESIGN_FLOOD_DEPTH": str(data / "flood_design_depth.tif"),
        "loss_current:loss_current_by_unit": str(out / "loss_current.csv"),
        "loss_design:loss_design_by_unit": str(out / "loss_design.csv"),
        "compare_loss:loss_comparison": str(out / "loss_comparison.csv"),
        "compare_loss:loss_change": str(out / "loss_change.gpkg"),
        "map_loss_change_pdf:loss_change_map_pdf": str(out / "loss_change_map.pdf"),
    })
    run_model("resilience_assessment", params)
    composite = check_hazard_outputs(data, out)
    zones = to_utm(composite.geometry.values)
    union = shapely.union_all(zones.values)
    level2 = shapely.union_all(zones[composite["level"].to_numpy() >= 2].values)

    # Buildings: the exposed ones are those touching the hazard union (rule 0, highest level touched).
    buildings = read_gdf(data / "buildings.gpkg")
    bgeoms = to_utm(buildings.geometry.values).values
    exposed = read_gdf(out / "buildings_exposure.gpkg")
    assert len(exposed) == len(buildings)
    n_touching = int(shapely.intersects(bgeoms, union).sum())
    assert n_touching > 0
    assert int((exposed["level"] >= 1).sum()) == pytest.approx(n_touching, abs=max(2, 0.01 * n_touching))
    table = read_gdf(out / "buildings_exposure_by_unit.csv")
    bt = table[table["class"] != "population"]
    assert bt["count"].astype(int).sum() == pytest.approx(len(buildings), abs=0.01 * len(buildings))

    # Suitability: one row per candidate of the filter; no eligible site lies in a zone of level >= 2.
    types = buildings["TYPE"].str.lower()
    candidates = buildings[types.isin(["school", "sports facility", "government"])]
    suit = read_gdf(out / "suitability.gpkg")
    assert len(suit) == len(candidates) > 0
    eligible = suit[suit["eligible"].astype(bool)]
    assert 0 < len(eligible) < len(suit)
    inside = shapely.intersects(shapely.point_on_surface(to_utm(eligible.geometry.values).values), level2)
    assert not inside.any()

    # Coverage: the people are those of the raster; no shelter takes more than its capacity.
    demand = read_gdf(out / "shelter_demand.gpkg")
    persons = raster_persons(data / "population.tif")
    assert demand["persons"].sum() == pytest.approx(persons, rel=0.01)
    assigned = demand["persons_assigned"].fillna(0).sum()
    assert 0 < assigned <= persons
    assert assigned + demand["persons_unserved"].fillna(0).sum() == pytest.approx(demand["persons"].sum(), rel=1e-6)
    load = read_gdf(out / "shelter_load.gpkg")
    assert len(load) == len(eligible)
    assert (load["assigned_persons"] <= load["capacity"] * (1 + 1e-9) + 1e-6).all()
    assert load["assigned_persons"].sum() == pytest.approx(assigned, rel=1e-6)

    # Lifelines: every road, with its length in metres; the road flood rule (> 0.3 m fails).
    roads = read_gdf(data / "roads.gpkg")
    lines = read_gdf(out / "lifeline_roads.gpkg")
    assert len(lines) == len(roads)
    assert lines["length_m"].sum() == pytest.approx(to_utm(roads.geometry.values).length.sum(), rel=0.005)
    assert set(lines["p_fail"].dropna().round(6)) <= {0.0, 1.0}
    failed = lines[lines["p_fail"] >= 0.5]
    assert len(failed) > 0 and (failed["max_intensity"] > 0.3).all()

    # Criticality: isolated people are a part of everyone, and only where something failed.
    access = read_gdf(out / "criticality_demand.gpkg")
    assert access["persons"].sum() == pytest.approx(persons, rel=0.01)
    isolated = access[access["isolated"].astype(bool)]
    assert isolated["persons"].sum() < access["persons"].sum()
    links = read_gdf(out / "criticality_links.gpkg")
    assert len(links) == len(roads)
    assert int(links["failed"].astype(bool).sum()) == len(failed)

    # Scenarios: the loss of both floods per unit (hazard level >= 1, as the change map sums them) and the
    # change design - current, summed here with pandas from the two loss tables.
    kec = read_gdf(data / "kecamatan.gpkg")
    per_unit = {}
    for name in ("current", "design"):
        t = read_gdf(out / f"loss_{name}.csv")
        t = t[t["level"].astype(float) >= 1]
        per_unit[name] = t.assign(loss=t["loss"].astype(float)).groupby("unit_id")["loss"].sum()
    assert per_unit["current"].sum() > 0 and per_unit["design"].sum() != pytest.approx(per_unit["current"].sum())
    change = read_gdf(out / "loss_change.gpkg")
    assert sorted(change["unit_id"]) == sorted(kec["KEC_NAME"])
    n_checked = 0
    for _, row in change.iterrows():
        cur, des = (per_unit[s].get(row["unit_id"], 0.0) for s in ("current", "design"))
        if cur == 0 and des == 0:
            continue
        n_checked += 1
        assert row["value_current"] == pytest.approx(cur) and row["value_design"] == pytest.approx(des)
        assert row["change"] == pytest.approx(des - cur)
        if cur > 0 and abs(des - cur) > 0.05 * cur:  # lower loss is better; within 5 % is "same"
            assert row["change_class"] == (1 if des < cur else -1)
    assert n_checked > 0
    assert len(read_gdf(out / "loss_comparison.csv")) > 0

    for name in ("coverage_map.pdf", "lifeline_map.pdf", "loss_change_map.pdf"):
        w, h, pages = pdf_page_size(out / name)
        assert (w, h) == pytest.approx(A3_LANDSCAPE_PT, abs=1.0) and pages == 1


def test_models_match_their_script(provider, tmp_path):
    """The committed .model3 files are what scripts/make_models.py builds (regenerate them if not).

    Compared by what matters (inputs, steps, their algorithms, parameter values and connections,
    outputs), not byte for byte: each QGIS version writes the XML in its own way."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_models", REPO / "scripts" / "make_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert set(module.BUILDERS) == {p.stem for p in MODELS.glob("*.model3")}
    for name, build in module.BUILDERS.items():
        built = build().save(tmp_path / f"{name}.model3")
        assert model_summary(built) == model_summary(MODELS / f"{name}.model3"), (
            f"{name}.model3 is out of date: run .venv/bin/python scripts/make_models.py")


def test_the_model_comparison_sees_a_change(provider, tmp_path):
    original = MODELS / "hazard_zoning.model3"
    for old, new in (('value="FLOOD_THRESHOLDS"/>', 'value="HISTORIC_VALUE_MAP"/>'),  # a connection
                     ('value="0.1,0.5,1.0,2.0"', 'value="0.1,0.5,1.0,3.0"')):  # a default
        changed = tmp_path / "changed.model3"
        text = original.read_text(encoding="utf-8")
        assert old in text
        changed.write_text(text.replace(old, new, 1), encoding="utf-8")
        assert model_summary(changed) != model_summary(original)


def model_summary(path):
    """Inputs, steps (algorithm, parameter sources, outputs, dependencies) and outputs of a model file."""
    from qgis.core import QgsProcessingModelAlgorithm

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(path)), path

    def source(src):
        return (str(src.source()), repr(src.staticValue()), src.parameterName(), src.outputChildId(), src.outputName(),
                src.expression())

    steps = {}
    for child_id, child in model.childAlgorithms().items():
        sources = {name: sorted(source(s) for s in srcs) for name, srcs in child.parameterSources().items()}
        outputs = {name: (out.name(), out.childOutputName()) for name, out in child.modelOutputs().items()}
        steps[child_id] = (child.algorithmId(), child.description(), sources, outputs,
                           sorted(d.childId for d in child.dependencies()))
    # destination parameters are derived from the steps' outputs (compared above) and named by version
    inputs = {p.name(): (p.type(), p.description(), repr(p.defaultValue()), int(p.flags()))
              for p in model.parameterDefinitions() if not p.isDestination()}
    return model.name(), model.group(), inputs, steps


def test_model_bad_input_names_the_problem(provider, subset, tmp_path):
    """A malformed value map stops the model at the classification, with the algorithm's message."""
    from qgis.core import QgsProcessingException

    params = hazard_params(subset, tmp_path)
    params["HISTORIC_VALUE_MAP"] = "not a map"

    from tests.feedback import Capture

    feedback = Capture()  # every channel a QGIS version may use for a child's error
    with pytest.raises(QgsProcessingException) as err:
        run_model("hazard_zoning", params, feedback)
    assert "Classify historic flood" in str(err.value)
    said = [*feedback.messages, str(err.value)]
    assert any("not a map" in m and "value:level" in m for m in said), said
    assert not (tmp_path / "hazard_map.pdf").exists()
