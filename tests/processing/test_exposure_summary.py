"""resilience:exposuresummary through processing.run, on the Jakarta sample.

The population raster holds persons per km² (POPULATION_UNIT 0, the default, given here). Expected numbers are
computed in the tests with geopandas / shapely / numpy, GDAL's own polygonize and pyproj.Geod.
"""

import numpy as np
import pandas as pd
import pytest
import shapely
from osgeo import gdal
from pyproj import Geod
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from tests.conftest import SAMPLE
from tests.helpers import polygonise_levels, read_gdf, read_raster

GPKG = SAMPLE / "jakarta.gpkg"
POP = SAMPLE / "population.tif"
DEPTH = SAMPLE / "flood_current_depth.tif"
BOX = (106.80, -6.17, 106.86, -6.12)  # central / north Jakarta keeps the tests fast


def subset(tmp_path, layer, name, bbox=BOX, epsg=None, clip=False):
    out = str(tmp_path / f"{name}.gpkg")
    opts = ["-spat", *map(str, bbox), "-nln", name]
    if clip:
        opts += ["-clipsrc", *map(str, bbox)]
    if epsg:
        opts += ["-t_srs", f"EPSG:{epsg}"]
    gdal.VectorTranslate(out, str(GPKG), options=opts + [layer])
    return out


def depth_level_polygons(thresholds=(0.1, 0.5, 1.0)):
    """The flood depth classified with numpy and polygonised by GDAL here, independently of the plugin."""
    import geopandas as gpd

    geoms, levels = polygonise_levels(DEPTH, thresholds)
    return gpd.GeoDataFrame({"lv": levels}, geometry=geoms, crs="EPSG:4326").dissolve("lv").reset_index()


@pytest.fixture()
def flood_2007_zones(tmp_path, run_alg):
    out = str(tmp_path / "flood_2007_zones.gpkg")
    run_alg("classifyhazard", {"INPUT": f"{GPKG}|layername=flood_2007_rw", "FIELD": "FLOODPRONE",
                               "HAZARD_NAME": "flood_2007", "VALUE_MAP": "YES:1;NO:0", "OUTPUT": out})
    return out


def test_buildings_by_2007_flood_per_kecamatan(tmp_path, run_alg, flood_2007_zones):
    buildings = subset(tmp_path, "buildings", "bld")
    out, table = str(tmp_path / "exp.gpkg"), str(tmp_path / "tab.gpkg")
    run_alg("exposuresummary", {"HAZARD": flood_2007_zones, "EXPOSURE": buildings, "CLASS_FIELD": "TYPE", "RULE": 0,
                                "UNITS": f"{GPKG}|layername=kecamatan", "UNIT_ID_FIELD": "KEC_NAME",
                                "OUTPUT": out, "OUTPUT_TABLE": table})
    b = read_gdf(buildings).to_crs(32748)
    z = read_gdf(flood_2007_zones).to_crs(32748)
    k = read_gdf(GPKG, "kecamatan")
    k["geometry"] = shapely.make_valid(k.geometry.values)
    k = k.to_crs(32748)
    hit = b.sjoin(z[["geometry"]], predicate="intersects").index.unique()
    level = pd.Series(0, index=b.index)
    level[hit] = 1
    ov = b[["TYPE", "geometry"]].reset_index().overlay(k[["KEC_NAME", "geometry"]], keep_geom_type=True)
    ov["a"] = ov.area
    best = ov.sort_values("a", ascending=False).drop_duplicates("index").set_index("index")
    exp = pd.DataFrame({"unit": best.KEC_NAME, "level": level[best.index],
                        "cls": best.TYPE.fillna("").str.strip().str.lower()})
    expected = exp.groupby(["unit", "level"]).size()
    tab = read_gdf(table)
    got = tab.groupby(["unit_id", "level"])["count"].sum()
    assert got.to_dict() == expected.to_dict()
    # classes grouped case-insensitively
    got_cls = tab.assign(c=tab["class"].fillna("")).groupby(["c", "level"])["count"].sum()
    assert got_cls.to_dict() == exp.groupby(["cls", "level"]).size().to_dict()
    feats = read_gdf(out)
    assert len(feats) == len(b) and {"level", "unit_id", "TYPE"} <= set(feats.columns)
    assert (feats.sort_values("fid")["level"].to_numpy() == level.sort_index().to_numpy()).all()


def test_roads_by_flood_depth_raster_per_kecamatan(tmp_path, run_alg):
    roads = subset(tmp_path, "roads", "rd", clip=True)
    kec = subset(tmp_path, "kecamatan", "kec", bbox=BOX)
    out, table = str(tmp_path / "roads.gpkg"), str(tmp_path / "tab.gpkg")
    run_alg("exposuresummary", {"HAZARD": str(DEPTH), "THRESHOLDS": "0.1,0.5,1.0", "EXPOSURE": roads,
                                "UNITS": kec, "UNIT_ID_FIELD": "KEC_NAME", "OUTPUT": out, "OUTPUT_TABLE": table})
    r = read_gdf(roads)
    k = read_gdf(kec)
    k["geometry"] = shapely.make_valid(k.geometry.values)
    zones = depth_level_polygons()
    zones = zones.cx[BOX[0] - 0.01:BOX[2] + 0.01, BOX[1] - 0.01:BOX[3] + 0.01]
    zones["geometry"] = shapely.make_valid(shapely.intersection(zones.geometry.values, shapely.box(*BOX).buffer(0.005)))
    parts = r[["geometry"]].overlay(k[["KEC_NAME", "geometry"]], keep_geom_type=True)
    parts = parts.overlay(zones[["lv", "geometry"]], how="identity", keep_geom_type=True)
    parts["lv"] = parts["lv"].fillna(0).astype(int)
    parts["len"] = parts.to_crs(32748).length
    expected = parts.groupby(["KEC_NAME", "lv"])["len"].sum()
    tab = read_gdf(table).set_index(["unit_id", "level"])["length_m"]
    for key, val in expected.items():
        if val > 50:
            assert tab[key] == pytest.approx(val, rel=5e-3), key
    feats = read_gdf(out)
    assert {"len_l0", "len_l1", "len_l2", "len_l3", "level"} <= set(feats.columns)
    total = feats[["len_l0", "len_l1", "len_l2", "len_l3"]].sum(axis=1)
    assert total.to_numpy() == pytest.approx(r.to_crs(32748).length.to_numpy(), rel=1e-6)



def _persons_in(poly, density, gt):
    """Cells (rows, cols) meeting ``poly`` and the persons each contributes: density x geodesic cell area
    x the share of the cell inside the polygon, computed cell by cell (independent of the plugin)."""
    geod = Geod(ellps="WGS84")
    x0, y0, x1, y1 = poly.bounds
    c0, c1 = int((x0 - gt[0]) // gt[1]), int((x1 - gt[0]) // gt[1]) + 1
    r0, r1 = int((y1 - gt[3]) // gt[5]), int((y0 - gt[3]) // gt[5]) + 1
    rr, cc = np.meshgrid(np.arange(r0, r1), np.arange(c0, c1), indexing="ij")
    rr, cc = rr.ravel(), cc.ravel()
    cells = shapely.box(gt[0] + cc * gt[1], gt[3] + (rr + 1) * gt[5], gt[0] + (cc + 1) * gt[1], gt[3] + rr * gt[5])
    share = shapely.area(shapely.intersection(cells, poly)) / shapely.area(cells)
    km2 = np.array([abs(geod.polygon_area_perimeter([0, gt[1], gt[1], 0],
                                                    [gt[3] + r * gt[5]] * 2 + [gt[3] + (r + 1) * gt[5]] * 2)[0])
                    for r in rr]) / 1e6
    return rr, cc, np.nan_to_num(density[rr, cc]) * km2 * share

def test_population_per_kelurahan_and_level(tmp_path, run_alg):
    """population.tif is persons per km² (POPULATION_UNIT 0); levels from the flood depth on the same grid."""
    kel = subset(tmp_path, "kelurahan", "kel", bbox=(106.82, -6.15, 106.84, -6.13))
    table = str(tmp_path / "pop.gpkg")
    run_alg("exposuresummary", {"HAZARD": str(DEPTH), "THRESHOLDS": "0.1,0.5,1.0", "EXPOSURE_RASTER": str(POP),
                                "POPULATION_UNIT": 0, "UNITS": kel, "UNIT_ID_FIELD": "KEL_NAME_1", "OUTPUT_TABLE": table})
    tab = read_gdf(table)
    assert set(tab["class"]) == {"population"}
    a, gt, _ = read_raster(POP)
    d, _, _ = read_raster(DEPTH)
    lv = np.where(np.isnan(d), 0, np.searchsorted(np.array([0.1, 0.5, 1.0]), d, side="right"))
    k = read_gdf(kel)
    for name, poly in zip(k.KEL_NAME_1, shapely.make_valid(k.geometry.values)):
        rr, cc, persons = _persons_in(poly, a, gt)
        for level in range(4):
            expected = persons[lv[rr, cc] == level].sum()
            got = tab[(tab.unit_id == name) & (tab.level == level)]["value"].sum()
            assert got == pytest.approx(expected, rel=1e-6, abs=1e-6)


def test_population_with_zones_totals(tmp_path, run_alg, flood_2007_zones):
    kel = subset(tmp_path, "kelurahan", "kel", bbox=(106.82, -6.15, 106.84, -6.13))
    table = str(tmp_path / "pop.gpkg")
    run_alg("exposuresummary", {"HAZARD": flood_2007_zones, "EXPOSURE_RASTER": str(POP), "POPULATION_UNIT": 0,
                                "UNITS": kel, "UNIT_ID_FIELD": "KEL_NAME_1", "OUTPUT_TABLE": table})
    tab = read_gdf(table)
    a, gt, _ = read_raster(POP)
    k = read_gdf(kel)
    # totals per unit over both levels equal the unit's population
    expected = float(_persons_in(shapely.make_valid(k.geometry.iloc[0]), a, gt)[2].sum())
    assert tab[tab.unit_id == k.KEL_NAME_1.iloc[0]]["value"].sum() == pytest.approx(expected, rel=1e-5)


def test_crs_mix_gives_the_same_table(tmp_path, run_alg, flood_2007_zones):
    """Units in EPSG:3857, hazard zones and roads in EPSG:4326: the numbers of the all-4326 run within 0.5 %."""
    roads = subset(tmp_path, "roads", "rd", bbox=(106.80, -6.16, 106.84, -6.12))
    tabs = []
    for epsg in (None, 3857):
        units = subset(tmp_path, "kecamatan", f"kec{epsg}", bbox=(106.80, -6.16, 106.84, -6.12), epsg=epsg)
        t = str(tmp_path / f"t{epsg}.gpkg")
        run_alg("exposuresummary", {"HAZARD": flood_2007_zones, "EXPOSURE": roads, "UNITS": units, "UNIT_ID_FIELD": "KEC_NAME",
                                    "OUTPUT_TABLE": t})
        tabs.append(read_gdf(t).set_index(["unit_id", "class", "level"])["length_m"].sort_index())
    a, b = tabs
    big = a[a > 100]
    assert np.allclose(b[big.index], big, rtol=5e-3)
    assert b.sum() == pytest.approx(a.sum(), rel=5e-3)


# --- bad input -----------------------------------------------------------------------------------
@pytest.fixture()
def null_geometry_layer():
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=TYPE:string", "pts", "memory")
    feats = []
    for wkt, t in (("POINT(106.83 -6.14)", "school"), (None, "hospital"), ("POINT EMPTY", "x")):
        f = QgsFeature(layer.fields())
        if wkt:
            f.setGeometry(QgsGeometry.fromWkt(wkt))
        f.setAttributes([t])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


@pytest.fixture()
def far_layer():
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=TYPE:string", "far", "memory")
    f = QgsFeature(layer.fields())
    f.setGeometry(QgsGeometry.fromWkt("POINT(110.0 -7.0)"))
    f.setAttributes(["school"])
    layer.dataProvider().addFeatures([f])
    return layer


def test_null_and_empty_geometries_skipped(run_alg, null_geometry_layer, tmp_path):
    fb = QgsProcessingFeedback()
    table = str(tmp_path / "t.gpkg")
    run_alg("exposuresummary", {"HAZARD": str(DEPTH), "THRESHOLDS": "0.1", "EXPOSURE": null_geometry_layer,
                                "OUTPUT": str(tmp_path / "o.gpkg"), "OUTPUT_TABLE": table}, feedback=fb)
    assert "2 feature(s) without geometry were skipped" in fb.textLog()
    assert len(read_gdf(str(tmp_path / "o.gpkg"))) == 1


def test_no_overlap_is_a_warning_with_zero_rows(run_alg, far_layer, flood_2007_zones, tmp_path):
    fb = QgsProcessingFeedback()
    table = str(tmp_path / "t.gpkg")
    run_alg("exposuresummary", {"HAZARD": flood_2007_zones, "EXPOSURE": far_layer, "OUTPUT_TABLE": table,
                                "OUTPUT": str(tmp_path / "o.gpkg")}, feedback=fb)
    assert "do not overlap" in fb.textLog()
    assert len(read_gdf(table)) == 0


def test_raster_hazard_in_another_crs(run_alg, tmp_path):
    roads = subset(tmp_path, "roads", "rd3857", bbox=(106.82, -6.14, 106.83, -6.13), epsg=3857)
    with pytest.raises(QgsProcessingException, match="Warp the hazard raster"):
        run_alg("exposuresummary", {"HAZARD": str(DEPTH), "THRESHOLDS": "0.1,0.5", "EXPOSURE": roads,
                                    "OUTPUT_TABLE": str(tmp_path / "t.gpkg")})


def test_missing_level_field_and_text_levels(run_alg, flood_2007_zones, tmp_path):
    with pytest.raises(QgsProcessingException, match="has no field 'grade'"):
        run_alg("exposuresummary", {"HAZARD": flood_2007_zones, "LEVEL_FIELD": "grade",
                                    "EXPOSURE": f"{GPKG}|layername=buildings", "OUTPUT_TABLE": str(tmp_path / "t.gpkg")})
    with pytest.raises(QgsProcessingException, match="'YES', which is not a whole number"):
        run_alg("exposuresummary", {"HAZARD": f"{GPKG}|layername=flood_2007_rw", "LEVEL_FIELD": "FLOODPRONE",
                                    "EXPOSURE": f"{GPKG}|layername=buildings", "OUTPUT_TABLE": str(tmp_path / "t.gpkg")})


def test_raster_without_thresholds_and_no_exposure(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="needs THRESHOLDS"):
        run_alg("exposuresummary", {"HAZARD": str(DEPTH), "EXPOSURE": f"{GPKG}|layername=buildings",
                                    "OUTPUT_TABLE": str(tmp_path / "t.gpkg")})
    with pytest.raises(QgsProcessingException, match="Give EXPOSURE features"):
        run_alg("exposuresummary", {"HAZARD": str(DEPTH), "THRESHOLDS": "0.1", "OUTPUT_TABLE": str(tmp_path / "t.gpkg")})


def test_units_bad_ids(run_alg, flood_2007_zones, tmp_path):
    base = {"HAZARD": flood_2007_zones, "EXPOSURE": subset(tmp_path, "buildings", "b"),
            "UNITS": f"{GPKG}|layername=kecamatan", "OUTPUT_TABLE": str(tmp_path / "t.gpkg")}
    with pytest.raises(QgsProcessingException, match="Choose the UNIT_ID_FIELD"):
        run_alg("exposuresummary", base)
    with pytest.raises(QgsProcessingException, match="is not unique"):
        run_alg("exposuresummary", dict(base, UNIT_ID_FIELD="KAB_NAME"))


def test_cancel_writes_nothing(run_alg, flood_2007_zones, tmp_path):
    fb = QgsProcessingFeedback()
    fb.cancel()
    out = tmp_path / "t.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled by the user"):
        run_alg("exposuresummary", {"HAZARD": flood_2007_zones, "EXPOSURE": f"{GPKG}|layername=buildings",
                                    "OUTPUT_TABLE": str(out)}, feedback=fb)
    assert not out.exists()


class CancelAfterStart(QgsProcessingFeedback):
    """Cancels as soon as the algorithm reports its first progress, i.e. during the run."""

    def setProgress(self, progress):  # noqa: N802 - QGIS API
        super().setProgress(progress)
        self.cancel()


def test_cancel_during_the_run(run_alg, flood_2007_zones, tmp_path):
    out = tmp_path / "mid.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled by the user"):
        run_alg("exposuresummary", {"HAZARD": flood_2007_zones, "EXPOSURE": f"{GPKG}|layername=buildings",
                                    "OUTPUT": str(tmp_path / "o.gpkg"), "OUTPUT_TABLE": str(out)}, feedback=CancelAfterStart())
    assert not out.exists()
