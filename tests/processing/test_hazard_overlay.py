"""resilience:hazardoverlay through processing.run, on the Jakarta sample.

The population raster holds persons per km² (POPULATION_UNIT 0, the default, given here). Expected numbers are
computed in the tests with geopandas / shapely / numpy and pyproj.Geod.
"""

import numpy as np
import pytest
import shapely
from osgeo import gdal
from pyproj import Geod
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from tests.conftest import SAMPLE
from tests.helpers import read_gdf, read_raster

GPKG = SAMPLE / "jakarta.gpkg"
POP = SAMPLE / "population.tif"
NORTH = (106.80, -6.16, 106.86, -6.11)  # a few kelurahan of north/central Jakarta keep the tests fast


CLIP = (106.78, -6.20, 106.90, -6.10)  # central / north Jakarta


@pytest.fixture()
def zones(tmp_path, run_alg):
    """Hazard zones made by Classify hazard (current flood depth; 2007 flood neighbourhoods), clipped to CLIP."""
    out = []
    for name, params in (("flood", {"INPUT": str(SAMPLE / "flood_current_depth.tif"), "THRESHOLDS": "0.1,0.5,1.0"}),
                         ("flood_2007", {"INPUT": f"{GPKG}|layername=flood_2007_rw", "FIELD": "FLOODPRONE",
                                         "VALUE_MAP": "YES:1;NO:0"})):
        full = str(tmp_path / f"{name}_full.gpkg")
        run_alg("classifyhazard", dict(params, HAZARD_NAME=name, OUTPUT=full))
        clipped = str(tmp_path / f"{name}_zones.gpkg")
        gdal.VectorTranslate(clipped, full, options=["-clipsrc", *map(str, CLIP), "-makevalid", "-nln", f"{name}_zones"])
        out.append(clipped)
    return tuple(out)


def subset(tmp_path, layer, name, bbox=NORTH, epsg=None):
    """A copy of a sample layer limited to a box (and reprojected), written with the system GDAL."""
    out = str(tmp_path / f"{name}.gpkg")
    opts = dict(layers=[layer], spatFilter=bbox, layerName=name)
    if epsg:
        opts["dstSRS"] = f"EPSG:{epsg}"
    gdal.VectorTranslate(out, str(GPKG), **opts)
    return out


def geodesic_cell_km2(gt, rows):
    geod = Geod(ellps="WGS84")
    return np.array([abs(geod.polygon_area_perimeter([0, gt[1], gt[1], 0],
                                                     [gt[3] + r * gt[5]] * 2 + [gt[3] + (r + 1) * gt[5]] * 2)[0])
                     for r in rows]) / 1e6


def unit_population(polygon):
    """Persons in a polygon (lon/lat): density x geodesic cell area x share of the cell inside, cell by cell."""
    a, gt, _ = read_raster(POP)
    x0, y0, x1, y1 = polygon.bounds
    c0, c1 = int((x0 - gt[0]) // gt[1]), int((x1 - gt[0]) // gt[1]) + 1
    r0, r1 = int((y1 - gt[3]) // gt[5]), int((y0 - gt[3]) // gt[5]) + 1
    rr, cc = np.meshgrid(np.arange(r0, r1), np.arange(c0, c1), indexing="ij")
    rr, cc = rr.ravel(), cc.ravel()
    cells = shapely.box(gt[0] + cc * gt[1], gt[3] + (rr + 1) * gt[5], gt[0] + (cc + 1) * gt[1], gt[3] + rr * gt[5])
    share = shapely.area(shapely.intersection(cells, polygon)) / shapely.area(cells)
    return float(np.sum(np.nan_to_num(a[rr, cc]) * geodesic_cell_km2(gt, rr) * share))


def test_two_hazards_max_with_units_and_population(tmp_path, run_alg, zones):
    units = subset(tmp_path, "kelurahan", "kel_north")
    out, table = str(tmp_path / "composite.gpkg"), str(tmp_path / "table.gpkg")
    res = run_alg("hazardoverlay", {"HAZARDS": list(zones), "METHOD": 0, "UNITS": units, "UNIT_ID_FIELD": "KEL_NAME_1",
                                    "POPULATION": str(POP), "POPULATION_UNIT": 0, "OUTPUT": out, "OUTPUT_TABLE": table})
    assert res["OUTPUT"] and res["OUTPUT_TABLE"]
    comp = read_gdf(out)
    assert {"level", "score", "dominant", "lvl_flood", "lvl_flood_2007", "area_m2"} <= set(comp.columns)
    # area conserved: the union of both hazards' zones, measured here in UTM 48S
    z = [read_gdf(p).to_crs(32748) for p in zones]
    union = shapely.union_all([shapely.union_all(shapely.make_valid(g.geometry.values)) for g in z])
    assert comp["area_m2"].sum() == pytest.approx(union.area, rel=1e-3)
    # envelope: level >= 3 is exactly the flood's level 3 zone
    assert comp.loc[comp.level >= 3, "area_m2"].sum() == pytest.approx(z[0].loc[z[0].level == 3].area.sum(), rel=1e-3)
    assert not comp.duplicated(["lvl_flood", "lvl_flood_2007"]).any()
    tab = read_gdf(table)
    kel = read_gdf(units)
    assert set(tab.columns) >= {"unit_id", "level", "area_m2", "area_share", "population"}
    assert tab.groupby("unit_id")["area_share"].sum().to_numpy() == pytest.approx(1.0, rel=1e-6)
    kel_utm = kel.to_crs(32748)
    for i in range(3):
        name = kel.KEL_NAME_1.iloc[i]
        rows = tab[tab.unit_id == name]
        assert rows["area_m2"].sum() == pytest.approx(shapely.make_valid(kel_utm.geometry.iloc[i]).area, rel=1e-4)
        assert rows["population"].sum() == pytest.approx(unit_population(shapely.make_valid(kel.geometry.iloc[i])), rel=1e-4)
        # flood level 3 area in this unit, by shapely here
        lvl3 = shapely.union_all(comp.to_crs(32748).geometry.values[comp.level.values == 3])
        exp3 = shapely.intersection(shapely.make_valid(kel_utm.geometry.iloc[i]), lvl3).area
        assert rows.loc[rows.level == 3, "area_m2"].sum() == pytest.approx(exp3, rel=1e-3, abs=1.0)


@pytest.mark.parametrize("method", [1, 2, 3])
def test_other_methods_conserve_area(tmp_path, run_alg, zones, method):
    out = str(tmp_path / f"m{method}.gpkg")
    params = {"HAZARDS": list(zones), "METHOD": method, "WEIGHTS": "2,1", "COUNT_LEVEL": 1, "OUTPUT": out}
    if method == 3:
        params["VULNERABILITY"] = str(zones[1])  # the 2007 flood zones as a (level 1) vulnerability layer
    run_alg("hazardoverlay", params)
    comp = read_gdf(out)
    z = [read_gdf(p).to_crs(32748) for p in zones]
    union = shapely.union_all([shapely.union_all(shapely.make_valid(g.geometry.values)) for g in z])
    assert comp["area_m2"].sum() == pytest.approx(union.area, rel=1e-3)
    if method == 1:  # weights 2/3, 1/3: flood 3 alone scores 2.0 -> level 2
        row = comp[(comp.lvl_flood == 3) & (comp.lvl_flood_2007 == 0)].iloc[0]
        assert row.score == pytest.approx(2.0) and row.level == 2 and row.dominant == "flood"
    if method == 2:
        assert comp.loc[(comp.lvl_flood > 0) & (comp.lvl_flood_2007 > 0), "level"].eq(2).all()
        assert comp.loc[(comp.lvl_flood > 0) & (comp.lvl_flood_2007 > 0), "dominant"].eq("flood+flood_2007").all()
    if method == 3:  # hazard 3 x vulnerability 1 -> default matrix row 3, column 1 = 2
        row = comp[(comp.lvl_flood == 3) & (comp.vuln_level == 1)].iloc[0]
        assert row.level == 2 and row.score == 3
        assert comp.loc[comp.vuln_level == 0, "level"].eq(0).all()


def test_three_hazards_with_earthquake(tmp_path, run_alg, zones):
    mmi = str(tmp_path / "mmi.gpkg")
    # the scenario covers Jakarta with MMI 5.6-5.7: split it in two levels
    run_alg("classifyhazard", {"INPUT": str(SAMPLE / "earthquake_mmi_lembang.tif"), "HAZARD_NAME": "quake",
                               "THRESHOLDS": "5.6,5.65", "OUTPUT": mmi})
    out = str(tmp_path / "three.gpkg")
    run_alg("hazardoverlay", {"HAZARDS": list(zones) + [mmi], "METHOD": 0, "OUTPUT": out})
    comp = read_gdf(out)
    assert "lvl_quake" in comp.columns
    z = [read_gdf(p) for p in list(zones) + [mmi]]
    union = shapely.union_all([shapely.union_all(shapely.make_valid(g.to_crs(32748).geometry.values)) for g in z])
    assert comp["area_m2"].sum() == pytest.approx(union.area, rel=1e-3)


def test_crs_mix_gives_the_same_table(tmp_path, run_alg, zones):
    """Units in EPSG:3857 and hazards in EPSG:4326 give the numbers of the all-4326 run within 0.5 %."""
    u4326 = subset(tmp_path, "kecamatan", "kec4326", bbox=(106.78, -6.20, 106.90, -6.10))
    u3857 = subset(tmp_path, "kecamatan", "kec3857", bbox=(106.78, -6.20, 106.90, -6.10), epsg=3857)
    tabs = []
    for units in (u4326, u3857):
        t = str(tmp_path / f"t_{len(tabs)}.gpkg")
        run_alg("hazardoverlay", {"HAZARDS": list(zones), "UNITS": units, "UNIT_ID_FIELD": "KEC_NAME",
                                  "POPULATION": str(POP), "POPULATION_UNIT": 0, "OUTPUT": str(tmp_path / f"o{len(tabs)}.gpkg"),
                                  "OUTPUT_TABLE": t})
        tabs.append(read_gdf(t).set_index(["unit_id", "level"]).sort_index())
    a, b = tabs
    assert list(a.index) == list(b.index)
    big = a["area_m2"] > 1e4
    assert np.allclose(b.loc[big, "area_m2"], a.loc[big, "area_m2"], rtol=5e-3)
    pop = a["population"] > 10
    assert np.allclose(b.loc[pop, "population"], a.loc[pop, "population"], rtol=5e-3)


# --- bad input -----------------------------------------------------------------------------------
def memory_zones_layer(wkts_levels, crs="EPSG:32748", field="level", kind="integer"):
    layer = QgsVectorLayer(f"Polygon?crs={crs}&field={field}:{kind}", "zones", "memory")
    feats = []
    for wkt, lv in wkts_levels:
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes([lv])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


@pytest.fixture()
def overlapping_layer():
    return memory_zones_layer([("POLYGON((700000 9300000,700100 9300000,700100 9300100,700000 9300100,700000 9300000))", 1),
                               ("POLYGON((700050 9300000,700150 9300000,700150 9300100,700050 9300100,700050 9300000))", 2)])


@pytest.fixture()
def second_layer():
    return memory_zones_layer([("POLYGON((700000 9300050,700200 9300050,700200 9300150,700000 9300150,700000 9300050))", 3)])


def run_expect_error(run_alg, params, message):
    with pytest.raises(QgsProcessingException, match=message):
        run_alg("hazardoverlay", params)


def test_missing_level_field(run_alg, zones, tmp_path):
    run_expect_error(run_alg, {"HAZARDS": list(zones), "LEVEL_FIELD": "grade", "OUTPUT": str(tmp_path / "x.gpkg")},
                     "has no field 'grade'")


def test_non_integer_levels(run_alg, zones, tmp_path):
    rw = f"{GPKG}|layername=flood_2007_rw"
    run_expect_error(run_alg, {"HAZARDS": [rw, rw], "LEVEL_FIELD": "FLOODPRONE", "OUTPUT": str(tmp_path / "x.gpkg")},
                     "not a whole number")


def test_overlapping_zones_resolve_to_highest(run_alg, overlapping_layer, second_layer, tmp_path):
    fb = QgsProcessingFeedback()
    out = str(tmp_path / "ov.gpkg")
    run_alg("hazardoverlay", {"HAZARDS": [overlapping_layer, second_layer], "OUTPUT": out}, feedback=fb)
    assert "overlap in zones on 0.50 ha: the highest level was kept" in fb.textLog()
    comp = read_gdf(out)
    # union 150x100 + 200x100 - 150x50 = 27,500 m²; hazard 1 level 2 covers x 50..150
    assert comp["area_m2"].sum() == pytest.approx(27500.0)
    assert comp.loc[comp.lvl_zones == 2, "area_m2"].sum() == pytest.approx(10000.0)


@pytest.mark.parametrize("weights,message", [("1", "1 weight\\(s\\) were given for 2 hazard layer"),
                                             ("1,-2", "must not be negative"),
                                             ("0,0", "All weights are zero")])
def test_bad_weights(run_alg, zones, tmp_path, weights, message):
    run_expect_error(run_alg, {"HAZARDS": list(zones), "METHOD": 1, "WEIGHTS": weights, "OUTPUT": str(tmp_path / "x.gpkg")},
                     message)


def test_units_without_id_field(run_alg, zones, tmp_path):
    run_expect_error(run_alg, {"HAZARDS": list(zones), "UNITS": f"{GPKG}|layername=kecamatan",
                               "OUTPUT": str(tmp_path / "x.gpkg")}, "Choose the UNIT_ID_FIELD")


def test_units_with_duplicate_ids(run_alg, zones, tmp_path):
    run_expect_error(run_alg, {"HAZARDS": list(zones), "UNITS": f"{GPKG}|layername=kecamatan", "UNIT_ID_FIELD": "KAB_NAME",
                               "OUTPUT": str(tmp_path / "x.gpkg")}, "is not unique")


def test_risk_matrix_needs_vulnerability(run_alg, zones, tmp_path):
    run_expect_error(run_alg, {"HAZARDS": list(zones), "METHOD": 3, "OUTPUT": str(tmp_path / "x.gpkg")},
                     "needs VULNERABILITY zones")


def test_cancel_writes_nothing(run_alg, zones, tmp_path):
    fb = QgsProcessingFeedback()
    fb.cancel()
    out = tmp_path / "cancelled.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled by the user"):
        run_alg("hazardoverlay", {"HAZARDS": list(zones), "OUTPUT": str(out)}, feedback=fb)
    assert not out.exists()


class CancelAfterStart(QgsProcessingFeedback):
    """Cancels as soon as the algorithm reports its first progress, i.e. during the run."""

    def setProgress(self, progress):  # noqa: N802 - QGIS API
        super().setProgress(progress)
        self.cancel()


def test_cancel_during_the_run(run_alg, zones, tmp_path):
    out = tmp_path / "mid.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled by the user"):
        run_alg("hazardoverlay", {"HAZARDS": list(zones), "OUTPUT": str(out)}, feedback=CancelAfterStart())
    assert not out.exists()
