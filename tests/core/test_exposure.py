"""core.exposure: levels of points / lines / polygons, splits by zone and unit, population per level.

Hand-made cases are checked by hand; the Jakarta case (buildings x 2007 flood zones per kecamatan)
against geopandas computed here.
"""

import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import CRS

from resilience_plugin.core import exposure as ex
from resilience_plugin.core import overlay
from tests import helpers
from tests.conftest import SAMPLE
from tests.helpers import read_gdf

UTM = CRS.from_epsg(32748)
box = shapely.box
ZONES = {1: box(0, 0, 10, 10), 2: box(10, 0, 20, 10)}
UNITS = np.array([box(-5, -5, 9, 15), box(9, -5, 25, 15)], dtype=object)


def arr(*geoms):
    return np.array(list(geoms), dtype=object)


def test_polygon_rules_by_hand():
    b = arr(box(7, 2, 12, 4), box(1, 1, 2, 2), box(30, 30, 31, 31))
    r0 = ex.exposure_summary(b, "polygon", ZONES, rule=ex.RULE_HIGHEST)
    assert r0.level.tolist() == [2, 1, 0]
    r1 = ex.exposure_summary(b, "polygon", ZONES, rule=ex.RULE_POINT)
    assert r1.level.tolist()[1:] == [1, 0]
    rep = shapely.point_on_surface(b[0])
    assert r1.level[0] == (1 if rep.x < 10 else 2)
    r2 = ex.exposure_summary(b, "polygon", ZONES, rule=ex.RULE_SPLIT)
    assert r2.by_level[0].tolist() == pytest.approx([0.0, 6.0, 4.0])  # 3 x 2 in level 1, 2 x 2 in level 2
    assert r2.by_level[1].tolist() == pytest.approx([0.0, 1.0, 0.0])
    assert r2.by_level[2].tolist() == pytest.approx([1.0, 0.0, 0.0])


def test_indivisible_feature_counted_once_in_largest_unit():
    b = arr(box(7, 2, 12, 4))  # 2 x 2 in unit 0, 3 x 2 in unit 1
    r = ex.exposure_summary(b, "polygon", ZONES, rule=ex.RULE_HIGHEST, units=UNITS, unit_ids=np.array(["A", "B"], dtype=object),
                            values=np.array([100.0]))
    assert r.unit.tolist() == [1]
    t = r.table
    assert len(t) == 1 and t.iloc[0].unit_id == "B" and t.iloc[0]["count"] == 1 and t.iloc[0].level == 2
    assert t.iloc[0].area_m2 == pytest.approx(10.0) and t.iloc[0].value == pytest.approx(100.0)


def test_lines_split_by_zone_and_unit():
    lines = arr(shapely.LineString([(5, 5), (15, 5)]), shapely.LineString([(25, 5), (30, 5)]))
    r = ex.exposure_summary(lines, "line", ZONES, classes=ex.normalise_classes(["Primary ", "primary"]),
                            values=np.array([10.0, 4.0]))
    assert r.by_level[0].tolist() == pytest.approx([0.0, 5.0, 5.0])
    assert r.by_level[1].tolist() == pytest.approx([5.0, 0.0, 0.0])
    t = r.table.set_index("level")
    assert t.loc[1, "length_m"] == pytest.approx(5.0) and t.loc[2, "value"] == pytest.approx(5.0)
    assert t.loc[0, "count"] == 1 and set(r.table["class"]) == {"primary"}
    ru = ex.exposure_summary(lines, "line", ZONES, units=UNITS, unit_ids=np.array(["A", "B"], dtype=object))
    t = ru.table.set_index(["unit_id", "level"])["length_m"]
    # unit A holds x 5..9 (4 m, level 1); unit B x 9..15 (1 m level 1, 5 m level 2) and x 25 (0 m: outside)
    assert t[("A", 1)] == pytest.approx(4.0)
    assert t[("B", 1)] == pytest.approx(1.0)
    assert t[("B", 2)] == pytest.approx(5.0)
    assert ru.outside_units == 1  # the second line lies outside both units


def test_classes_trimmed_and_case_folded():
    assert ex.normalise_classes([" School", "SCHOOL ", None, "hospital"]).tolist() == ["school", "school", None, "hospital"]
    pts = arr(shapely.Point(1, 1), shapely.Point(11, 1), shapely.Point(50, 50))
    r = ex.exposure_summary(pts, "point", ZONES, classes=ex.normalise_classes([" School", "SCHOOL ", "x"]))
    t = r.table.set_index(["class", "level"])["count"]
    assert t[("school", 1)] == 1 and t[("school", 2)] == 1 and t[("x", 0)] == 1


def write_raster(path, values, x0, y0, cell, epsg=32748):
    return helpers.write_raster(path, values, (x0, cell, 0, y0, 0, -cell), epsg)

def test_raster_hazard_sampled_by_cells(tmp_path):
    # 10 m cells; depth columns 0.0 | 0.3 | 0.7 | 1.5 -> levels 0 1 2 3 with thresholds 0.1, 0.5, 1.0
    depth = np.tile(np.array([0.0, 0.3, 0.7, 1.5]), (2, 1))
    path = write_raster(tmp_path / "d.tif", depth, 500000.0, 9300020.0, 10.0)
    haz = ex.RasterHazard.read(path, np.array([0.1, 0.5, 1.0]))
    line = arr(shapely.LineString([(500005, 9300005), (500035, 9300005)]))  # 5 m, 10, 10, 5 m
    r = ex.exposure_summary(line, "line", haz, geoms_raster=line, metric_crs=UTM)
    assert r.by_level[0].tolist() == pytest.approx([5.0, 10.0, 10.0, 5.0])
    diag = arr(shapely.LineString([(500000, 9300000), (500040, 9300020)]))
    r = ex.exposure_summary(diag, "line", haz, geoms_raster=diag, metric_crs=UTM)
    assert r.by_level[0].tolist() == pytest.approx([np.hypot(40, 20) / 4] * 4)
    pts = arr(shapely.Point(500015, 9300015), shapely.Point(500039, 9300001), shapely.Point(1, 1))
    assert ex.exposure_summary(pts, "point", haz, geoms_raster=pts, metric_crs=UTM).level.tolist() == [1, 3, 0]
    polys = arr(box(500008, 9300002, 500012, 9300008), box(500022, 9300002, 500028, 9300008))
    r = ex.exposure_summary(polys, "polygon", haz, rule=ex.RULE_HIGHEST, geoms_raster=polys, metric_crs=UTM)
    assert r.level.tolist() == [1, 2]
    r = ex.exposure_summary(polys, "polygon", haz, rule=ex.RULE_SPLIT, geoms_raster=polys, metric_crs=UTM)
    assert r.by_level[0].tolist() == pytest.approx([12.0, 12.0, 0.0, 0.0])
    # population: 1 person per cell on the same grid, one unit covering the left half
    pop = write_raster(tmp_path / "p.tif", np.ones((2, 4)), 500000.0, 9300020.0, 10.0)
    t = ex.population_summary(pop, 1, 0, haz, np.array([box(500000, 9300000, 500015, 9300020)], dtype=object),
                              np.array(["L"], dtype=object), UTM)
    got = t.set_index("level")["value"]
    assert got[0] == pytest.approx(2.0) and got[1] == pytest.approx(1.0) and got.get(2, 0) == pytest.approx(0.0)


def test_jakarta_buildings_by_2007_flood_per_kecamatan():
    g = SAMPLE / "jakarta.gpkg"
    b = read_gdf(g, "buildings").cx[106.80:106.86, -6.17:-6.12]
    f = read_gdf(g, "flood_2007_rw")
    k = read_gdf(g, "kecamatan")
    f["geometry"] = shapely.make_valid(f.geometry.values)
    k["geometry"] = shapely.make_valid(k.geometry.values)
    bu, fu, ku = b.to_crs(32748), f.to_crs(32748), k.to_crs(32748)
    zones, _ = overlay.resolve_levels(fu.geometry.values, np.ones(len(fu), int))
    res = ex.exposure_summary(bu.geometry.values, "polygon", zones, rule=ex.RULE_HIGHEST,
                              classes=ex.normalise_classes(b.TYPE.values), units=ku.geometry.values,
                              unit_ids=k.KEC_NAME.values)
    # expected with geopandas: flooded if it meets any 2007 flood polygon; unit = largest overlap
    hit = bu.sjoin(fu[["geometry"]], predicate="intersects", how="inner").index.unique()
    level = pd.Series(0, index=bu.index)
    level[hit] = 1
    ov = bu[["geometry"]].reset_index().overlay(ku[["KEC_NAME", "geometry"]], how="intersection", keep_geom_type=True)
    ov["a"] = ov.area
    best = ov.sort_values("a", ascending=False).drop_duplicates("index").set_index("index")["KEC_NAME"]
    exp = pd.DataFrame({"unit": best, "level": level[best.index]}).groupby(["unit", "level"]).size()
    got = res.table.groupby(["unit_id", "level"])["count"].sum()
    assert got.to_dict() == exp.to_dict()
    assert int(got.sum()) == len(best) and len(best) > 300
    assert (res.level == level.to_numpy()).all()
    assert res.table["count"].sum() + res.outside_units == len(b)
