"""resilience:classifyhazard on the real Jakarta data, checked against independent computations."""

import hashlib

import numpy as np
import pytest
import shapely
from pyproj import Geod
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.conftest import SAMPLE
from tests.helpers import read_gdf, read_raster

FLOOD_TIF = SAMPLE / "flood_current_depth.tif"
GPKG = SAMPLE / "jakarta.gpkg"
GEOD = Geod(ellps="WGS84")


def _features(layer):
    return sorted((f.attributes() for f in layer.getFeatures()), key=lambda a: a[layer.fields().indexOf("level")])


def _by_name(layer, attrs, name):
    return attrs[layer.fields().indexOf(name)]


def _cell_area_per_row(gt, height):
    """Geodesic area of one cell in each raster row (all cells of a row have the same area)."""
    x0, dx, _, y0, _, dy = gt
    areas = np.empty(height)
    for r in range(height):
        top, bottom = y0 + r * dy, y0 + (r + 1) * dy
        areas[r] = abs(GEOD.polygon_area_perimeter([x0, x0 + dx, x0 + dx, x0], [top, top, bottom, bottom])[0])
    return areas


def test_flood_depth_area_per_level_matches_numpy(run_alg, tmp_path):
    out = str(tmp_path / "zones.gpkg")
    res = run_alg("classifyhazard", {"INPUT": str(FLOOD_TIF), "HAZARD_NAME": "flood",
                                     "THRESHOLDS": "0.1,0.5,1.0,2.0", "OUTPUT": out})
    layer = QgsVectorLayer(res["OUTPUT"], "zones", "ogr")
    assert layer.isValid()
    assert [f.name() for f in layer.fields()][1:] == ["hazard", "level", "label", "value_min", "value_max", "area_m2"]

    depth, gt, _ = read_raster(FLOOD_TIF)
    levels = np.full(depth.shape, -1)
    ok = np.isfinite(depth)
    levels[ok] = np.digitize(depth[ok], [0.1, 0.5, 1.0, 2.0])  # numpy's own binning, right-open
    row_area = _cell_area_per_row(gt, depth.shape[0])
    feats = _features(layer)
    assert [_by_name(layer, a, "level") for a in feats] == [1, 2, 3, 4]  # level 0 left out by default
    for attrs in feats:
        lv = _by_name(layer, attrs, "level")
        expected = (levels == lv).sum(axis=1) @ row_area  # cell count x geodesic cell area, row by row
        assert _by_name(layer, attrs, "area_m2") == pytest.approx(expected, rel=0.005)
        assert _by_name(layer, attrs, "value_min") == pytest.approx(depth[levels == lv].min(), rel=1e-6)
        assert _by_name(layer, attrs, "value_max") == pytest.approx(depth[levels == lv].max(), rel=1e-6)
        assert _by_name(layer, attrs, "hazard") == "flood"
    # the geometry itself measures the same (geodesic area of the output polygons)
    for f in layer.getFeatures():
        g = shapely.orient_polygons(shapely.from_wkb(bytes(f.geometry().asWkb())))  # CCW shells for Geod
        assert abs(GEOD.geometry_area_perimeter(g)[0]) == pytest.approx(f["area_m2"], rel=0.005)


def test_flood_2007_polygons_value_map_matches_geopandas(run_alg):
    res = run_alg("classifyhazard", {"INPUT": f"{GPKG}|layername=flood_2007_rw", "FIELD": "FLOODPRONE",
                                     "HAZARD_NAME": "flood_2007", "VALUE_MAP": "YES:1;NO:0", "KEEP_LEVEL_0": True,
                                     "OUTPUT": "memory:"})
    layer = res["OUTPUT"]
    gdf = read_gdf(GPKG, "flood_2007_rw")
    gdf["lvl"] = gdf["FLOODPRONE"].str.strip().str.upper().map({"YES": 1, "NO": 0})
    utm = gdf.to_crs(32748)
    utm["geometry"] = utm.geometry.make_valid()
    expected = utm.dissolve("lvl").area
    got = {f["level"]: f["area_m2"] for f in layer.getFeatures()}
    assert set(got) == set(expected.index)
    for lv, area in expected.items():
        assert got[lv] == pytest.approx(area, rel=0.005)
    assert {f["label"] for f in layer.getFeatures() if f["level"] == 1} == {"低 / Low"}
    assert "value_min" not in [f.name() for f in layer.fields()]  # categorical input: no value range


def test_preset_fills_thresholds_and_labels(run_alg):
    res = run_alg("classifyhazard", {"INPUT": str(FLOOD_TIF), "PRESET": 1, "HAZARD_NAME": "waterlogging",
                                     "OUTPUT": "memory:"})
    depth, _, _ = read_raster(FLOOD_TIF)
    layer = res["OUTPUT"]
    labels = {f["level"]: f["label"] for f in layer.getFeatures()}
    # waterlogging preset: 0.15 / 0.30 / 0.60 m
    present = set(np.unique(np.digitize(depth[np.isfinite(depth)], [0.15, 0.30, 0.60]))) - {0}
    assert set(labels) == present
    assert labels[2] == "中度积水 / Impassable for cars (>= 0.30 m)"


def _content_digest(gpkg, layer):
    """Digest of a layer's features (attributes and geometry). Not the file bytes: QGIS itself may switch
    a GeoPackage it opens to WAL journaling, which rewrites a header byte but no data."""
    gdf = read_gdf(gpkg, layer)
    h = hashlib.sha256(gdf.drop(columns="geometry").to_csv().encode())
    h.update(b"".join(shapely.to_wkb(gdf.geometry.values)))
    return h.hexdigest()


def test_input_is_not_modified(run_alg, sample_copy):
    gpkg = sample_copy / "jakarta.gpkg"
    tif = sample_copy / "flood_current_depth.tif"
    before = _content_digest(gpkg, "flood_2007_rw"), hashlib.sha256(tif.read_bytes()).hexdigest()
    run_alg("classifyhazard", {"INPUT": f"{gpkg}|layername=flood_2007_rw", "FIELD": "FLOODPRONE",
                               "VALUE_MAP": "YES:1;NO:0", "OUTPUT": "memory:"})
    run_alg("classifyhazard", {"INPUT": str(tif), "THRESHOLDS": "0.5", "OUTPUT": "memory:"})
    assert (_content_digest(gpkg, "flood_2007_rw"), hashlib.sha256(tif.read_bytes()).hexdigest()) == before


# --- bad input: each a clear message -------------------------------------------------------------
def _fails(run_alg, params, needle):
    base = {"INPUT": str(FLOOD_TIF), "OUTPUT": "memory:"}
    base.update(params)
    with pytest.raises(QgsProcessingException, match=needle):
        run_alg("classifyhazard", base)


def test_thresholds_not_ascending(run_alg):
    _fails(run_alg, {"THRESHOLDS": "1.0,0.5"}, "strictly ascending")


def test_thresholds_not_numbers(run_alg):
    _fails(run_alg, {"THRESHOLDS": "0.1,deep"}, "'deep' is not a number")


def test_value_map_matching_nothing(run_alg):
    _fails(run_alg, {"INPUT": f"{GPKG}|layername=flood_2007_rw", "FIELD": "FLOODPRONE", "VALUE_MAP": "WET:1;DRY:0"},
           "matches none of the field's values.*YES")


def test_field_that_does_not_exist(run_alg):
    _fails(run_alg, {"INPUT": f"{GPKG}|layername=flood_2007_rw", "FIELD": "DEPTH", "VALUE_MAP": "YES:1"},
           "DEPTH")


def test_line_layer_is_rejected(run_alg):
    _fails(run_alg, {"INPUT": f"{GPKG}|layername=roads", "FIELD": "TYPE", "VALUE_MAP": "primary:1"},
           "must contain polygons")


def test_empty_layer_is_rejected(run_alg, tmp_path):
    empty_layer = QgsVectorLayer("Polygon?crs=EPSG:4326&field=v:double", "empty", "memory")
    _fails(run_alg, {"INPUT": empty_layer, "FIELD": "v", "THRESHOLDS": "1"}, "has no features")


def test_band_that_does_not_exist(run_alg):
    _fails(run_alg, {"BAND": 2, "THRESHOLDS": "0.1"}, "band 2 does not exist")


def test_no_thresholds_and_no_value_map(run_alg):
    _fails(run_alg, {}, "Give THRESHOLDS")


def test_preset_and_own_thresholds(run_alg):
    _fails(run_alg, {"PRESET": 2, "THRESHOLDS": "0.1"}, "either a preset or your own")


def test_output_is_styled_by_level_when_loaded(provider, tmp_path):
    """The kept-alive post-processor styles the zones when Processing loads them (as the dialog does)."""
    import json

    import processing
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProcessingOutputLayerDefinition,
        QgsProject,
    )

    from resilience_plugin.paths import resource_path

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    out = QgsProcessingOutputLayerDefinition(str(tmp_path / "styled.gpkg"), QgsProject.instance())
    res = processing.run("resilience:classifyhazard", {"INPUT": str(FLOOD_TIF), "THRESHOLDS": "0.1,0.5,1.0,2.0",
                                                        "OUTPUT": out}, context=context, feedback=QgsProcessingFeedback())
    details = context.layersToLoadOnCompletion()
    assert res["OUTPUT"] in details
    processor = details[res["OUTPUT"]].postProcessor()
    assert processor is not None
    layer = QgsVectorLayer(res["OUTPUT"], "zones", "ogr")
    processor.postProcessLayer(layer, context, QgsProcessingFeedback())
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer) and renderer.classAttribute() == "level"
    palette = json.loads(resource_path("standards", "palettes.json").read_text(encoding="utf-8"))["palettes"]["default"]["levels"]
    colours = {str(c.value()): c.symbol().color().name() for c in renderer.categories()}
    for level in ("1", "2", "3", "4"):
        assert colours[level] == palette[level].lower()
    labels = {str(c.value()): c.label() for c in renderer.categories()}
    assert sorted(labels) == ["1", "2", "3", "4"]  # the legend lists only the levels on the map
    assert "/" in labels["4"] and any("\u4e00" <= ch <= "\u9fff" for ch in labels["4"])  # bilingual legend
