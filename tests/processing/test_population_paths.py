"""One population path: the Jakarta population raster through all five analyses that count people.

Over the same area every algorithm finds the same persons (within 0.5 %), equal to the sum of
density x geodesic cell area computed here cell by cell with pyproj.Geod. The old parameter names
(POPULATION_MODE, RASTER_DENSITY) still work, and the log states the unit and the persons read.
"""

import re

import numpy as np
import pytest
import shapely
from osgeo import gdal, ogr, osr
from pyproj import Geod

from tests.conftest import DATA, SAMPLE
from tests.helpers import read_gdf, read_raster
from tests.processing.test_models import check_hazard_outputs, hazard_params, subset  # noqa: F401 (a fixture)

# central Jakarta, about 4.4 km x 3.3 km; cut on the raster's cell edges
BOX = (106.83, -6.20, 106.87, -6.17)


class LogFeedback:
    """A QgsProcessingFeedback that keeps what the algorithm logs."""

    def __new__(cls):
        from qgis.core import QgsProcessingFeedback

        class _Feedback(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.lines = []

            def pushInfo(self, info):  # noqa: N802 - QGIS API
                self.lines.append(info)
                super().pushInfo(info)

            def pushWarning(self, warning):  # noqa: N802 - QGIS API
                self.lines.append("WARNING " + warning)
                super().pushWarning(warning)

        return _Feedback()


def persons_logged(feedback):
    found = [
        float(m.group(1))
        for line in feedback.lines
        if (m := re.search(r"read as persons per km²: (\d+) persons", line))
    ]
    assert len(found) == 1, feedback.lines
    return found[0]


def write_layer(path, geoms, fields=None):
    fields = fields or {}
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer("data", srs, {0: ogr.wkbPoint, 3: ogr.wkbPolygon}[int(shapely.get_type_id(geoms[0]))])
    for name in fields:
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTInteger if isinstance(fields[name][0], int) else ogr.OFTString))
    for i, g in enumerate(geoms):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(g)))
        for name, values in fields.items():
            f.SetField(name, values[i])
        lyr.CreateFeature(f)
    ds = None
    return f"{path}|layername=data"


@pytest.fixture()
def area(tmp_path):
    """The population raster cut to BOX (whole cells), the box as a unit, streets, a zone, a point."""
    _, gt, _ = read_raster(SAMPLE / "population.tif")
    c0, c1 = int(np.ceil((BOX[0] - gt[0]) / gt[1])), int(np.floor((BOX[2] - gt[0]) / gt[1]))
    r0, r1 = int(np.ceil((BOX[3] - gt[3]) / gt[5])), int(np.floor((BOX[1] - gt[3]) / gt[5]))
    raster = tmp_path / "pop.tif"
    gdal.Translate(str(raster), str(SAMPLE / "population.tif"), srcWin=[c0, r0, c1 - c0, r1 - r0])
    values, sub_gt, _ = read_raster(raster)
    h, w = values.shape
    extent = shapely.box(sub_gt[0], sub_gt[3] + h * sub_gt[5], sub_gt[0] + w * sub_gt[1], sub_gt[3])
    # the independent count: density x geodesic area of each cell
    geod = Geod(ellps="WGS84")
    expected = 0.0
    for r in range(h):
        y0, y1 = sub_gt[3] + r * sub_gt[5], sub_gt[3] + (r + 1) * sub_gt[5]
        km2 = abs(geod.polygon_area_perimeter([0, sub_gt[1], sub_gt[1], 0], [y0, y0, y1, y1])[0]) / 1e6
        expected += float(np.nansum(values[r])) * km2
    streets = tmp_path / "streets.gpkg"
    gdal.VectorTranslate(
        str(streets),
        str(SAMPLE / "jakarta.gpkg"),
        layers=["roads"],
        layerName="roads",
        spatFilter=extent.buffer(-0.004).bounds,
    )
    cx, cy = extent.centroid.x, extent.centroid.y
    west = shapely.box(extent.bounds[0], extent.bounds[1], cx, extent.bounds[3])
    return {
        "raster": str(raster),
        "expected": expected,
        "unit": write_layer(tmp_path / "unit.gpkg", [extent], {"uid": ["box"]}),
        "zone": write_layer(tmp_path / "zone.gpkg", [west], {"level": [2]}),
        "point": write_layer(tmp_path / "point.gpkg", [shapely.Point(cx, cy)], {"TYPE": ["school"], "cap": [1000]}),
        "streets": f"{streets}|layername=roads",
    }


def test_five_algorithms_count_the_same_people(run_alg, area, tmp_path):
    raster, expected = area["raster"], area["expected"]
    assert expected > 10_000
    totals, logged = {}, {}

    fb = LogFeedback()
    res = run_alg(
        "hazardoverlay",
        {
            "HAZARDS": [area["zone"]],
            "UNITS": area["unit"],
            "UNIT_ID_FIELD": "uid",
            "POPULATION": raster,
            "OUTPUT": "memory:",
            "OUTPUT_TABLE": str(tmp_path / "o.csv"),
        },
        fb,
    )
    totals["overlay"] = read_gdf(res["OUTPUT_TABLE"])["population"].astype(float).sum()
    logged["overlay"] = persons_logged(fb)

    fb = LogFeedback()
    res = run_alg(
        "exposuresummary",
        {
            "HAZARD": area["zone"],
            "EXPOSURE_RASTER": raster,
            "UNITS": area["unit"],
            "UNIT_ID_FIELD": "uid",
            "OUTPUT_TABLE": str(tmp_path / "e.csv"),
        },
        fb,
    )
    table = read_gdf(res["OUTPUT_TABLE"])
    totals["exposure"] = table.loc[table["class"] == "population", "value"].astype(float).sum()
    logged["exposure"] = persons_logged(fb)

    fb = LogFeedback()
    res = run_alg(
        "sheltercoverage",
        {
            "FACILITIES": area["point"],
            "DEMAND": raster,
            "ROADS": area["streets"],
            "MAX_SNAP_M": 0,
            "OUTPUT_DEMAND": str(tmp_path / "d.gpkg"),
            "OUTPUT_FACILITIES": "memory:",
        },
        fb,
    )
    totals["coverage"] = read_gdf(res["OUTPUT_DEMAND"])["persons"].sum()
    logged["coverage"] = persons_logged(fb)

    fb = LogFeedback()
    run_alg(
        "facilitysuitability",
        {
            "CANDIDATES": area["point"],
            "TYPE_FIELD": "TYPE",
            "POPULATION": raster,
            "ROADS": area["streets"],
            "OUTPUT": "memory:",
        },
        fb,
    )
    logged["suitability"] = persons_logged(fb)

    fb = LogFeedback()
    res = run_alg(
        "networkcriticality",
        {
            "NETWORK": area["streets"],
            "DEMAND": raster,
            "DESTINATIONS": [area["point"]],
            "MAX_SNAP": 2000,
            "OUTPUT_DEMAND": str(tmp_path / "c.gpkg"),
            "OUTPUT_TABLE": "memory:",
            "OUTPUT_LINKS": "memory:",
        },
        fb,
    )
    totals["criticality"] = read_gdf(res["OUTPUT_DEMAND"])["persons"].sum()
    logged["criticality"] = persons_logged(fb)

    for name, value in {**totals, **{f"{k} (log)": v for k, v in logged.items()}}.items():
        assert value == pytest.approx(expected, rel=0.005), name


def test_old_parameter_names_still_work(run_alg, area, tmp_path):
    """POPULATION_MODE (0 per cell, 1 per km²) and RASTER_DENSITY (True = per km²) map onto POPULATION_UNIT."""
    raster, expected = area["raster"], area["expected"]
    per_cell = float(np.nansum(read_raster(raster)[0]))

    def overlay(params):
        res = run_alg(
            "hazardoverlay",
            dict(
                {
                    "HAZARDS": [area["zone"]],
                    "UNITS": area["unit"],
                    "UNIT_ID_FIELD": "uid",
                    "POPULATION": raster,
                    "OUTPUT": "memory:",
                    "OUTPUT_TABLE": "memory:",
                },
                **params,
            ),
        )
        return sum(f["population"] for f in res["OUTPUT_TABLE"].getFeatures())

    assert overlay({"POPULATION_MODE": 1}) == pytest.approx(expected, rel=0.005)
    assert overlay({"POPULATION_MODE": 0}) == pytest.approx(per_cell, rel=0.005)
    assert overlay({"POPULATION_UNIT": 1}) == pytest.approx(per_cell, rel=0.005)

    def coverage(params):
        res = run_alg(
            "sheltercoverage",
            dict(
                {
                    "FACILITIES": area["point"],
                    "DEMAND": raster,
                    "ROADS": area["streets"],
                    "MAX_SNAP_M": 0,
                    "OUTPUT_DEMAND": "memory:",
                    "OUTPUT_FACILITIES": "memory:",
                },
                **params,
            ),
        )
        return sum(f["persons"] for f in res["OUTPUT_DEMAND"].getFeatures())

    assert coverage({"RASTER_DENSITY": True}) == pytest.approx(expected, rel=0.005)
    assert coverage({"RASTER_DENSITY": False}) == pytest.approx(per_cell, rel=1e-6)


def test_counts_read_as_the_wrong_unit_are_flagged(run_alg, area):
    """The sample holds persons per km²: read as persons per cell, the log warns and names the fix."""
    fb = LogFeedback()
    run_alg(
        "exposuresummary",
        {"HAZARD": area["zone"], "EXPOSURE_RASTER": area["raster"], "POPULATION_UNIT": 1, "OUTPUT_TABLE": "memory:"},
        fb,
    )
    warnings = [line for line in fb.lines if line.startswith("WARNING") and "POPULATION_UNIT" in line]
    assert len(warnings) == 1 and "probably holds persons per km²" in warnings[0]
    assert any("read as persons per cell" in line for line in fb.lines)


def test_the_unit_parameter_is_the_same_everywhere(provider):
    from qgis.core import QgsApplication

    from resilience_plugin.compat import PARAM_HIDDEN

    registry = QgsApplication.processingRegistry()
    for alg_id in ("hazardoverlay", "exposuresummary", "sheltercoverage", "facilitysuitability", "networkcriticality"):
        alg = registry.algorithmById(f"resilience:{alg_id}")
        unit = alg.parameterDefinition("POPULATION_UNIT")
        assert unit.defaultValue() == 0 and unit.options()[0].startswith("Persons per km²"), alg_id
        for old in ("POPULATION_MODE", "RASTER_DENSITY"):
            assert alg.parameterDefinition(old).flags() & PARAM_HIDDEN, (alg_id, old)


def test_a_model_saved_with_the_old_name_still_counts_densities(provider, subset, tmp_path):  # noqa: F811
    """tests/data/models_v1/hazard_zoning.model3 passes POPULATION_MODE 1 (per km²) to the overlay: it
    validates, runs, and every person of the raster is in the table (checked independently)."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProcessingModelAlgorithm, QgsProject

    path = DATA / "models_v1" / "hazard_zoning.model3"
    assert "POPULATION_MODE" in path.read_text(encoding="utf-8")
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(path))
    ok, issues = model.validate()
    assert ok, issues
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    processing.run(model, hazard_params(subset, tmp_path), context=context, feedback=QgsProcessingFeedback())
    check_hazard_outputs(subset, tmp_path)


def test_qgis_process_accepts_the_old_names(area, tmp_path):
    """qgis_process (the packaged plugin from a fresh folder) maps POPULATION_MODE=1 / =0 like the dialog would."""
    import os
    import subprocess
    import sys
    import sysconfig
    import zipfile

    from tests.conftest import REPO
    from tests.plugin.test_package import QGIS_PROCESS

    pkg = tmp_path / "pkg.zip"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "package.py"),
            "--out",
            str(pkg),
            "--build",
            str(tmp_path / "build" / "resilience_plugin"),
        ],
        check=True,
        capture_output=True,
    )
    with zipfile.ZipFile(pkg) as zf:
        zf.extractall(tmp_path / "plugins")
    env = dict(
        os.environ,
        QGIS_PLUGINPATH=str(tmp_path / "plugins"),
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join([sysconfig.get_paths()["purelib"], os.environ.get("PYTHONPATH", "")]),
    )
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "resilience_plugin"], env=env, check=True, capture_output=True)
    per_cell = float(np.nansum(read_raster(area["raster"])[0]))
    for mode, expected in (("1", area["expected"]), ("0", per_cell)):
        out = tmp_path / f"table_{mode}.csv"
        run = subprocess.run(
            [
                QGIS_PROCESS,
                "run",
                "resilience:exposuresummary",
                "--",
                f"HAZARD={area['zone']}",
                f"EXPOSURE_RASTER={area['raster']}",
                f"POPULATION_MODE={mode}",
                f"OUTPUT_TABLE={out}",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
        table = read_gdf(out)
        assert table.loc[table["class"] == "population", "value"].astype(float).sum() == pytest.approx(
            expected, rel=0.005
        )
