"""resilience:lifelineexposure on real data, checked against independent computations."""

import json

import numpy as np
import pytest
import shapely
from osgeo import gdal
from pyproj import Geod
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.conftest import DATA, SAMPLE
from tests.helpers import read_gdf, read_raster, write_raster

INASAFE = DATA / "inasafe_samples.gpkg"
JAKARTA = SAMPLE / "jakarta.gpkg"
FLOOD = SAMPLE / "flood_current_depth.tif"
GEOD = Geod(ellps="WGS84")


def _rows(layer):
    names = [f.name() for f in layer.fields()]
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def _layer(res, key):
    out = res[key]
    return out if isinstance(out, QgsVectorLayer) else QgsVectorLayer(out, key, "ogr")


def _write_tif(path, array, gt, epsg, nodata=-9999.0):
    return write_raster(path, array, gt, epsg, nodata, gdal.GDT_Float32)

def test_inasafe_roads_by_classified_hazard_match_geodesic_lengths(run_alg):
    zones = run_alg("classifyhazard", {"INPUT": f"{INASAFE}|layername=classified_vector", "FIELD": "hazard_value",
                                       "VALUE_MAP": "high:3;medium:2;low:1", "OUTPUT": "memory:"})["OUTPUT"]
    res = run_alg("lifelineexposure", {"LIFELINES": f"{INASAFE}|layername=roads", "ASSET_TYPE": "road",
                                       "HAZARD": zones, "LEVEL_FIELD": "level",
                                       "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})
    out = _rows(_layer(res, "OUTPUT"))
    roads = read_gdf(INASAFE, "roads")
    hz = read_gdf(INASAFE, "classified_vector")
    hz["lvl"] = hz["hazard_value"].map({"high": 3, "medium": 2, "low": 1})
    # independent: lon/lat intersections measured on the ellipsoid
    expected = {}
    for lv in (1, 2, 3):
        zone = shapely.union_all(shapely.make_valid(hz.geometry[hz["lvl"] == lv].to_numpy()))
        pieces = shapely.intersection(roads.geometry.to_numpy(), zone)
        expected[lv] = np.array([GEOD.geometry_length(g) for g in pieces])
    total = np.array([GEOD.geometry_length(g) for g in roads.geometry])
    expected[0] = total - expected[1] - expected[2] - expected[3]
    assert len(out) == len(roads) == 185
    for lv in range(4):
        got = np.array([r[f"len_l{lv}"] for r in out])
        assert got.sum() == pytest.approx(expected[lv].sum(), rel=0.005, abs=1.0)
        assert got == pytest.approx(expected[lv], rel=0.005, abs=0.5)  # road by road
    assert expected[2].sum() > 10_000  # the medium zone really holds roads
    assert [r["max_level"] for r in out] == [max([lv for lv in range(4) if expected[lv][i] > 0.5] or [0]) for i in range(len(out))]
    assert all(r["NAME"] == n for r, n in zip(out, roads["NAME"]))  # attributes kept
    table = _rows(_layer(res, "OUTPUT_TABLE"))
    by_level = {r["level"]: r for r in table}
    assert by_level[2]["length_km"] == pytest.approx(expected[2].sum() / 1000, rel=0.005)
    assert by_level[2]["count"] == int((expected[2] > 1e-3).sum())
    assert by_level[2]["unit_id"] is None or str(by_level[2]["unit_id"]) == "NULL"


def test_jakarta_roads_flood_depth_per_kecamatan(run_alg):
    res = run_alg("lifelineexposure", {"LIFELINES": f"{JAKARTA}|layername=roads", "ASSET_TYPE": "road",
                                       "INTENSITY": str(FLOOD), "INTENSITY_MEASURE": 0, "THRESHOLDS": "0.1,0.5,1.0,2.0",
                                       "UNITS": f"{JAKARTA}|layername=kecamatan", "UNIT_ID_FIELD": "KEC_NAME",
                                       "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})
    out = _rows(_layer(res, "OUTPUT"))
    table = _rows(_layer(res, "OUTPUT_TABLE"))
    roads = read_gdf(JAKARTA, "roads")
    kec = read_gdf(JAKARTA, "kecamatan")
    depth, gt, _ = read_raster(FLOOD)
    # independent: points every 2 m along each road (UTM 48S), raster cell looked up by numpy
    utm = roads.to_crs(32748)
    lens = utm.length.to_numpy()
    n_pts = np.maximum(np.ceil(lens / 2.0).astype(int), 1)
    owner = np.repeat(np.arange(len(utm)), n_pts)
    frac = (np.arange(n_pts.sum()) - np.repeat(np.cumsum(n_pts) - n_pts, n_pts) + 0.5) / np.repeat(n_pts, n_pts)
    pts = shapely.line_interpolate_point(utm.geometry.to_numpy()[owner], frac, normalized=True)
    step = lens[owner] / n_pts[owner]
    import geopandas as gpd

    ll = gpd.GeoSeries(pts, crs=32748).to_crs(4326)
    col = np.floor((ll.x.to_numpy() - gt[0]) / gt[1]).astype(int)
    row = np.floor((ll.y.to_numpy() - gt[3]) / gt[5]).astype(int)
    val = depth[row, col]
    assert np.isfinite(val).mean() > 0.99
    level = np.digitize(np.nan_to_num(val, nan=-1), [0.1, 0.5, 1.0, 2.0])
    level[~np.isfinite(val)] = -1
    # per road: lengths per level within 1 % of the road length
    got = np.array([[r[f"len_l{k}"] for k in range(5)] for r in out])
    exp = np.zeros((len(utm), 5))
    ok = level >= 0
    np.add.at(exp, (owner[ok], level[ok]), step[ok])
    assert got.sum(axis=0) == pytest.approx(exp.sum(axis=0), rel=0.01)
    assert np.abs(got - exp).sum() / lens.sum() < 0.01
    unc = np.array([r["len_uncovered"] for r in out])
    assert unc.sum() == pytest.approx(step[~ok].sum(), rel=0.2, abs=100)
    # per kecamatan: total length (exact overlay, geopandas) and level 3-4 length (points in kecamatan)
    inter = gpd.overlay(utm[["geometry"]], kec.to_crs(32748)[["KEC_NAME", "geometry"]], how="intersection", keep_geom_type=True)
    total_by_kec = inter.assign(m=inter.length).groupby("KEC_NAME")["m"].sum()
    got_total = {}
    got_deep = {}
    for r in table:
        got_total[r["unit_id"]] = got_total.get(r["unit_id"], 0.0) + r["length_km"] * 1000
        if r["level"] >= 3:
            got_deep[r["unit_id"]] = got_deep.get(r["unit_id"], 0.0) + r["length_km"] * 1000
        assert r["asset_type"] == "road"
        assert r["expected_repairs"] is None or str(r["expected_repairs"]) == "NULL"
    for name, length in total_by_kec.items():
        if length > 5000:
            assert got_total.get(name, 0.0) == pytest.approx(length, rel=0.02), name
    pt_kec = gpd.sjoin(gpd.GeoDataFrame(geometry=ll.values, crs=4326).assign(level=level, step=step),
                       kec[["KEC_NAME", "geometry"]], predicate="within")
    deep = pt_kec[pt_kec["level"] >= 3].groupby("KEC_NAME")["step"].sum()
    for name, length in deep.items():
        if length > 2000:
            assert got_deep.get(name, 0.0) == pytest.approx(length, rel=0.05), name
    # the 0.3 m road rule: p_fail = 1 exactly where the deepest water along the road is above 0.3 m
    maxd = np.array([r["max_intensity"] for r in out])
    pf = np.array([r["p_fail"] for r in out])
    assert np.array_equal(pf == 1.0, maxd > 0.3)
    exp_max = np.full(len(utm), -np.inf)
    np.maximum.at(exp_max, owner[ok], val[ok])
    close = np.isclose(maxd, exp_max, atol=1e-6)
    assert close.mean() > 0.97  # differences only where a 2 m point reaches a cell the 25 m pieces skip
    expected_failed = sum(r["expected_failed"] for r in table)
    assert expected_failed == pytest.approx(np.nansum(pf * (got.sum(axis=1) / lens)), rel=0.02)


@pytest.fixture()
def substations_layer():
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY

    layer = QgsVectorLayer("Point?crs=EPSG:32650&field=kind:string", "subs", "memory")
    feats = []
    for x, kind in ((500250.0, "substation_high"), (500750.0, "substation_low"), (501500.0, "substation_high")):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, 2499500.0)))
        f.setAttributes([kind])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


def test_substation_points_pga_by_hand(run_alg, tmp_path, substations_layer):
    # substations (points) under a synthetic PGA raster: P(DS >= ds) by the lognormal formula
    import math

    pga = np.full((10, 10), 0.25, dtype=np.float32)  # exact in float32
    pga[:, 5:] = 0.5
    tif = _write_tif(tmp_path / "pga.tif", pga, (500000.0, 100.0, 0.0, 2500000.0, 0.0, -100.0), 32650)
    layer = substations_layer
    res = run_alg("lifelineexposure", {"LIFELINES": layer, "ASSET_TYPE_FIELD": "kind", "INTENSITY": tif,
                                       "INTENSITY_MEASURE": 2, "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})
    out = _rows(_layer(res, "OUTPUT"))

    def phi(x):
        return 0.5 * (1 + math.erf(x / math.sqrt(2)))

    high = [(0.11, 0.50), (0.15, 0.45), (0.20, 0.35), (0.47, 0.40)]
    low = [(0.15, 0.70), (0.29, 0.55), (0.45, 0.45), (0.90, 0.45)]
    for r, im, curve in ((out[0], 0.25, high), (out[1], 0.5, low)):
        assert r["max_intensity"] == pytest.approx(im, rel=1e-6)
        for k, (theta, beta) in enumerate(curve):
            assert r[f"p_ds{k + 1}"] == pytest.approx(phi(math.log(im / theta) / beta), abs=1e-9)
        assert r["p_fail"] == pytest.approx(phi(math.log(im / curve[3][0]) / curve[3][1]), abs=1e-9)
        assert r["level"] == (3 if im == 0.25 else 4)  # bands 0.04/0.09/0.19/0.38/0.75 g
    assert out[2]["max_intensity"] is None or str(out[2]["max_intensity"]) == "NULL"  # off the raster
    assert str(out[2]["p_fail"]) in ("NULL", "None")


# --- bad input ------------------------------------------------------------------------------------
def test_points_given_for_a_line_type(run_alg):
    with pytest.raises(QgsProcessingException, match="line assets but the LIFELINES layer holds point"):
        run_alg("lifelineexposure", {"LIFELINES": f"{INASAFE}|layername=v4_building_points", "ASSET_TYPE": "water_pipe",
                                     "INTENSITY": str(FLOOD), "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})


def test_lines_given_for_a_point_type(run_alg):
    with pytest.raises(QgsProcessingException, match="point assets but the LIFELINES layer holds line"):
        run_alg("lifelineexposure", {"LIFELINES": f"{INASAFE}|layername=roads", "ASSET_TYPE": "substation_high",
                                     "INTENSITY": str(FLOOD), "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})


def test_polygons_are_refused(run_alg):
    with pytest.raises(QgsProcessingException, match="polygon"):
        run_alg("lifelineexposure", {"LIFELINES": f"{INASAFE}|layername=buildings", "ASSET_TYPE": "road",
                                     "INTENSITY": str(FLOOD), "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})


def test_type_absent_from_the_library_is_named(run_alg):
    with pytest.raises(QgsProcessingException, match=r"not in the fragility library: .*residential"):
        run_alg("lifelineexposure", {"LIFELINES": f"{INASAFE}|layername=roads", "ASSET_TYPE_FIELD": "TYPE",
                                     "INTENSITY": str(FLOOD), "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})


def test_raster_partly_covering_reports_uncovered_length(run_alg, tmp_path):
    depth, gt, _ = read_raster(FLOOD)
    half = depth[:, : depth.shape[1] // 2].astype(np.float32)  # western half only
    tif = _write_tif(tmp_path / "west.tif", np.nan_to_num(half, nan=-9999.0), gt, 4326)
    from qgis.core import QgsProcessingFeedback

    class Fb(QgsProcessingFeedback):
        warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)
            super().pushWarning(text)

    fb = Fb()
    res = run_alg("lifelineexposure", {"LIFELINES": f"{INASAFE}|layername=roads", "ASSET_TYPE": "road",
                                       "INTENSITY": tif, "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"}, feedback=fb)
    out = _rows(_layer(res, "OUTPUT"))
    roads = read_gdf(INASAFE, "roads").to_crs(32748)
    east_edge = gt[0] + gt[1] * half.shape[1]
    ll = roads.to_crs(4326)
    east = shapely.box(east_edge, -90, 180, 90)
    expected_unc = np.array([GEOD.geometry_length(shapely.intersection(g, east)) for g in ll.geometry])
    got_unc = np.array([r["len_uncovered"] for r in out])
    assert expected_unc.sum() > 1000
    assert got_unc.sum() == pytest.approx(expected_unc.sum(), rel=0.02)
    assert any("not as zero hazard" in w for w in fb.warnings)
    # and a raster that misses the lines entirely is an error
    far = _write_tif(tmp_path / "far.tif", np.ones((5, 5), np.float32), (0.0, 0.01, 0.0, 0.05, 0.0, -0.01), 4326)
    with pytest.raises(QgsProcessingException, match="does not cover the lifelines"):
        run_alg("lifelineexposure", {"LIFELINES": f"{INASAFE}|layername=roads", "ASSET_TYPE": "road",
                                     "INTENSITY": far, "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})


def test_pga_in_gal_is_detected(run_alg, tmp_path):
    gal = np.full((40, 40), 250.0, dtype=np.float32)  # 250 cm/s2 given as "PGA in g"
    tif = _write_tif(tmp_path / "pga_gal.tif", gal, (106.79, 0.002, 0.0, -6.16, 0.0, -0.002), 4326)
    with pytest.raises(QgsProcessingException, match=r"implausible for pga in g.*981"):
        run_alg("lifelineexposure", {"LIFELINES": f"{INASAFE}|layername=roads", "ASSET_TYPE": "road",
                                     "INTENSITY": tif, "INTENSITY_MEASURE": 2, "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})


def test_bad_fragility_file(run_alg, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"curves": [{"id": "mine", "asset_type": "road", "intensity_measure": "flood_depth", "unit": "m",
                                           "form": "lognormal", "theta": [0.0], "beta": [0.3], "source": "me", "verified": False}]}))
    with pytest.raises(QgsProcessingException, match="'mine': every median theta must be > 0"):
        run_alg("lifelineexposure", {"LIFELINES": f"{INASAFE}|layername=roads", "ASSET_TYPE": "road", "INTENSITY": str(FLOOD),
                                     "FRAGILITY_FILE": str(bad), "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})


def test_neither_hazard_nor_intensity(run_alg):
    with pytest.raises(QgsProcessingException, match="HAZARD zones and/or an INTENSITY raster"):
        run_alg("lifelineexposure", {"LIFELINES": f"{INASAFE}|layername=roads", "ASSET_TYPE": "road",
                                     "OUTPUT": "memory:", "OUTPUT_TABLE": "memory:"})
