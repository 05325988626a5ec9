"""core.overlay: composite hazard zones and unit x level tables.

Hand-made squares give numbers checkable by hand; the Jakarta hazards check area conservation and
the envelope areas against geopandas/shapely unions computed here.
"""

import numpy as np
import pytest
import shapely
from pyproj import CRS

from resilience_plugin.core import classify, overlay, zonal
from resilience_plugin.core import geometry as geo
from resilience_plugin.core.errors import InputError
from tests.conftest import SAMPLE
from tests.helpers import read_gdf

UTM = CRS.from_epsg(32748)
box = shapely.box


def square_hazards():
    # hazard A: level 1 on [0,10]x[0,10], level 2 on [5,15]x[0,10] (overlap 50 m² -> level 2)
    a, ov = overlay.resolve_levels(np.array([box(0, 0, 10, 10), box(5, 0, 15, 10)], dtype=object), [1, 2])
    # hazard B: level 3 on [0,20]x[5,15]
    b, _ = overlay.resolve_levels(np.array([box(0, 5, 20, 15)], dtype=object), [3])
    return a, b, ov


def areas_by(df, key):
    return {k: v for k, v in df.groupby(key)["area_m2"].sum().items()}


def test_resolve_levels_keeps_the_highest():
    a, _, ov = square_hazards()
    assert ov == pytest.approx(50.0)
    assert shapely.area(a[2]) == pytest.approx(100.0)
    assert shapely.area(a[1]) == pytest.approx(50.0)  # [0,5]x[0,10]


def test_maximum_envelope_by_hand():
    a, b, _ = square_hazards()
    df = overlay.hazard_overlay([a, b], ["a", "b"], overlay.METHOD_MAX)
    # union 150 + 200 - 75 = 275; level 3 = B (200), level 2 = [5,15]x[0,5] (50), level 1 = [0,5]x[0,5] (25)
    assert df["area_m2"].sum() == pytest.approx(275.0)
    assert areas_by(df, "level") == pytest.approx({1: 25.0, 2: 50.0, 3: 200.0})
    row = df[(df.lvl_a == 2) & (df.lvl_b == 3)].iloc[0]
    assert row.level == 3 and row.dominant == "b" and row.area_m2 == pytest.approx(50.0)
    row = df[(df.lvl_a == 2) & (df.lvl_b == 0)].iloc[0]
    assert row.dominant == "a" and row.score == 2
    # non-overlapping pieces
    assert shapely.area(shapely.union_all(df.geometry.values)) == pytest.approx(275.0)


def test_weighted_sum_by_hand():
    a, b, _ = square_hazards()
    df = overlay.hazard_overlay([a, b], ["a", "b"], overlay.METHOD_WEIGHTED, weights=overlay.parse_weights("1,1", 2),
                                score_breaks=np.array([0.5, 1.5, 2.5, 3.5]))
    # scores: (1,0) .5 -> 1 [25]; (2,0) 1 -> 1 [50]; (1,3) 2 -> 2 [25]; (0,3) 1.5 -> 2 [125]; (2,3) 2.5 -> 3 [50]
    assert areas_by(df, "level") == pytest.approx({1: 75.0, 2: 150.0, 3: 50.0})
    assert set(np.round(df["score"], 6)) == {0.5, 1.0, 2.0, 1.5, 2.5}
    w = overlay.parse_weights("3,1", 2)
    df = overlay.hazard_overlay([a, b], ["a", "b"], overlay.METHOD_WEIGHTED, weights=w,
                                score_breaks=np.array([0.5, 1.5, 2.5, 3.5]))
    # (0,3): 0.25*3 = 0.75 -> level 1, dominated by b; (2,0): 0.75*2 = 1.5 -> level 2
    row = df[(df.lvl_a == 0) & (df.lvl_b == 3)].iloc[0]
    assert row.score == pytest.approx(0.75) and row.level == 1 and row.dominant == "b"
    assert df[(df.lvl_a == 2) & (df.lvl_b == 0)].iloc[0].level == 2


def test_count_by_hand():
    a, b, _ = square_hazards()
    df = overlay.hazard_overlay([a, b], ["a", "b"], overlay.METHOD_COUNT, count_level=2)
    # at or above 2: (1,0)->0 [25], (2,0)->1 [50], (1,3)->1 [25], (0,3)->1 [125], (2,3)->2 [50]
    assert areas_by(df, "level") == pytest.approx({0: 25.0, 1: 200.0, 2: 50.0})
    assert df[df.level == 2].iloc[0].dominant == "a+b"


def test_risk_matrix_by_hand():
    a, b, _ = square_hazards()
    vul, _ = overlay.resolve_levels(np.array([box(0, 0, 10, 15)], dtype=object), [4])
    m = overlay.parse_matrix("1,1,2,2;1,2,3,3;2,3,3,4;2,3,4,4")
    df = overlay.hazard_overlay([a, b], ["a", "b"], overlay.METHOD_MATRIX, vulnerability=vul, matrix=m)
    assert df["area_m2"].sum() == pytest.approx(275.0)  # still covers the union of the hazards
    # inside vulnerability 4: hazard 1 [0,5]x[0,5] -> m[0][3]=2; hazard 2 [5,10]x[0,5] -> 3; hazard 3 [0,10]x[5,15] -> 4
    # outside: vulnerability 0 -> risk 0 ([10,15]x[0,5] = 25 and [10,20]x[5,15] = 100)
    assert areas_by(df, "level") == pytest.approx({0: 125.0, 2: 25.0, 3: 25.0, 4: 100.0})
    assert set(df.loc[df.level == 4, "vuln_level"]) == {4}
    assert df.loc[df.level == 4, "score"].iloc[0] == 12  # hazard 3 x vulnerability 4


def jakarta_hazards():
    flood, _ = classify.classify_raster(SAMPLE / "flood_current_depth.tif", thresholds=[0.1, 0.5, 1.0])
    rw = read_gdf(SAMPLE / "jakarta.gpkg", "flood_2007_rw")
    mmi, _ = classify.classify_raster(SAMPLE / "earthquake_mmi_lembang.tif", thresholds=[5.6, 5.65, 5.7])
    clip = box(106.78, -6.20, 106.90, -6.10)  # central / north Jakarta keeps the test fast
    rw_levels = np.where(rw.FLOODPRONE.str.strip().str.upper() == "YES", 1, 0)
    inputs = []
    for g, lv in ((flood.geometry.values, flood.level.values), (shapely.make_valid(rw.geometry.values), rw_levels),
                  (mmi.geometry.values, mmi.level.values)):
        inputs.append((geo.transform(shapely.intersection(g, clip), "EPSG:4326", UTM), lv))
    return inputs


@pytest.fixture(scope="module")
def jakarta():
    inputs = jakarta_hazards()
    sets = [overlay.resolve_levels(g, lv)[0] for g, lv in inputs]
    return inputs, sets


@pytest.mark.parametrize("method", [0, 1, 2])
@pytest.mark.parametrize("n_hazards", [2, 3])
def test_jakarta_area_conserved(jakarta, method, n_hazards):
    inputs, sets = jakarta
    union = shapely.union_all([shapely.union_all(shapely.make_valid(g[lv > 0])) for g, lv in inputs[:n_hazards]])
    df = overlay.hazard_overlay(sets[:n_hazards], ["flood", "f2007", "mmi"][:n_hazards], method,
                                weights=np.full(n_hazards, 1.0 / n_hazards), score_breaks=np.array([0.5, 1.5, 2.5, 3.5]),
                                count_level=1)
    assert df["area_m2"].sum() == pytest.approx(shapely.area(union), rel=1e-3)
    assert not df.duplicated([c for c in df.columns if c.startswith("lvl_")]).any()


def test_jakarta_envelope_areas(jakarta):
    """Area at composite level >= L equals the area of the union of every zone of level >= L."""
    inputs, sets = jakarta
    df = overlay.hazard_overlay(sets, ["flood", "f2007", "mmi"], overlay.METHOD_MAX)
    for low in (1, 2, 3):
        expected = shapely.area(shapely.union_all([shapely.union_all(shapely.make_valid(g[lv >= low])) for g, lv in inputs]))
        assert df.loc[df.level >= low, "area_m2"].sum() == pytest.approx(expected, rel=1e-3)


def test_jakarta_risk_matrix_area_conserved(jakarta):
    inputs, sets = jakarta
    kec = read_gdf(SAMPLE / "jakarta.gpkg", "kecamatan")
    vul, _ = overlay.resolve_levels(geo.transform(kec.geometry.values, "EPSG:4326", UTM), (np.arange(len(kec)) % 4) + 1)
    df = overlay.hazard_overlay(sets[:2], ["flood", "f2007"], overlay.METHOD_MATRIX, vulnerability=vul,
                                matrix=overlay.parse_matrix("1,1,2,2;1,2,3,3;2,3,3,4;2,3,4,4"))
    union = shapely.union_all([shapely.union_all(shapely.make_valid(g[lv > 0])) for g, lv in inputs[:2]])
    assert df["area_m2"].sum() == pytest.approx(shapely.area(union), rel=1e-3)


def test_unit_level_table_population_totals(jakarta):
    """Per kelurahan and level; the population raster is persons per km² (POPULATION_UNIT 0)."""
    inputs, sets = jakarta
    kel = read_gdf(SAMPLE / "jakarta.gpkg", "kelurahan")
    kel = kel.cx[106.80:106.84, -6.16:-6.12]
    ug = geo.transform(shapely.make_valid(kel.geometry.values), "EPSG:4326", UTM)
    df = overlay.hazard_overlay(sets[:2], ["flood", "f2007"], overlay.METHOD_MAX)
    pop = lambda g: zonal.zonal_sums(g, UTM, SAMPLE / "population.tif", 1, zonal.PERSONS_PER_KM2,  # noqa: E731
                                     disjoint=True).sums[:, 0]
    table, _ = overlay.unit_level_table(ug, kel.ID.values, df.geometry.values, df.level.values, pop)
    unit_pop = zonal.zonal_sums(ug, UTM, SAMPLE / "population.tif", 1, zonal.PERSONS_PER_KM2).sums[:, 0]
    by_unit = table.groupby("unit_id")["population"].sum()
    for uid, p in zip(kel.ID.values, unit_pop):
        assert by_unit[uid] == pytest.approx(p, rel=1e-6)
    assert table.groupby("unit_id")["area_share"].sum().to_numpy() == pytest.approx(1.0, rel=1e-6)
    # areas per unit and level against shapely, computed here
    u0 = ug[0]
    for lv in (1, 2, 3):
        expected = shapely.area(shapely.intersection(u0, shapely.union_all(df.geometry.values[df.level.values == lv])))
        got = table[(table.unit_id == kel.ID.values[0]) & (table.level == lv)]["area_m2"].sum()
        assert got == pytest.approx(expected, rel=1e-6, abs=1e-3)


# --- bad input -----------------------------------------------------------------------------------
def test_levels_must_be_integers():
    with pytest.raises(InputError, match="'YES', which is not a whole number"):
        overlay.check_levels(["YES", "NO"], "flood_2007_rw")
    with pytest.raises(InputError, match="'1.5', which is not a whole number"):
        overlay.check_levels([1, 1.5], "zones")
    with pytest.raises(InputError, match="not a whole number"):
        overlay.check_levels([1, -2], "zones")
    levels, n_null = overlay.check_levels([1, None, "3"], "zones")
    assert levels.tolist() == [1, -1, 3] and n_null == 1


def test_weights_bad_input():
    with pytest.raises(InputError, match="2 weight\\(s\\) were given for 3 hazard layer"):
        overlay.parse_weights("1,2", 3)
    with pytest.raises(InputError, match="must not be negative"):
        overlay.parse_weights("1,-1", 2)
    with pytest.raises(InputError, match="All weights are zero"):
        overlay.parse_weights("0,0", 2)
    with pytest.raises(InputError, match="must be numbers"):
        overlay.parse_weights("a,b", 2)
    assert overlay.parse_weights("", 4).tolist() == [0.25] * 4
    assert overlay.parse_weights("1,3", 2).tolist() == [0.25, 0.75]


def test_matrix_and_ids_bad_input():
    with pytest.raises(InputError, match="cannot be read"):
        overlay.parse_matrix("1,x;2,3")
    with pytest.raises(InputError, match="rectangular"):
        overlay.parse_matrix("[[1, 2], [3]]")
    with pytest.raises(InputError, match="not unique \\('A'"):
        overlay.check_unit_ids(["A", "B", "A"], "units")
    with pytest.raises(InputError, match="1 unit\\(s\\) of units have no id"):
        overlay.check_unit_ids(["A", None], "units")
    with pytest.raises(InputError, match="SCORE_BREAKS holds no numbers"):
        overlay.parse_score_breaks("")


@pytest.mark.parametrize("by_difference", [False, True])
def test_unit_level_table_level_zero_by_difference(tmp_path, by_difference):
    """Level 0 (the part of a unit outside every zone) built as a geometry or as the unit's totals minus
    its other pieces': the same areas and persons as shapely pieces summed cell by cell here, for a unit
    wholly in a zone (no level-0 row), one partly in two levels and one outside every zone."""
    from tests import helpers

    rng = np.random.default_rng(3)
    values = rng.uniform(0, 50, (20, 30))
    x0, y0 = 500000.0, 9300200.0
    gt = (x0, 10.0, 0, y0, 0, -10.0)
    raster = helpers.write_raster(tmp_path / "pop.tif", values, gt, 32748)
    zones = np.array([box(x0 + 12.5, y0 - 187.5, x0 + 140.5, y0 - 13.3),
                      shapely.Point(x0 + 200.0, y0 - 100.0).buffer(45.0, quad_segs=8)], dtype=object)
    levels = np.array([1, 2])
    units = np.array([box(x0 + 20.0, y0 - 120.0, x0 + 90.0, y0 - 50.0),  # wholly in level 1
                      box(x0 + 100.5, y0 - 170.2, x0 + 230.7, y0 - 31.1),  # levels 1, 2 and 0
                      box(x0 + 250.0, y0 - 190.0, x0 + 295.0, y0 - 5.0)], dtype=object)  # outside every zone

    def cells(poly):  # persons in ``poly``: every cell's value x its covered share (shapely, cell by cell)
        total = 0.0
        for r in range(values.shape[0]):
            for c in range(values.shape[1]):
                cell = box(x0 + 10 * c, y0 - 10 * (r + 1), x0 + 10 * (c + 1), y0 - 10 * r)
                total += values[r, c] * shapely.area(shapely.intersection(cell, poly)) / 100.0
        return total

    pop = lambda g: zonal.zonal_sums(g, UTM, raster, 1, zonal.PERSONS_PER_CELL).sums[:, 0]  # noqa: E731
    table, pieces = overlay.unit_level_table(units, ["a", "b", "c"], zones, levels, pop, rest_by_difference=by_difference)
    got = {(r.unit_id, r.level): (r.area_m2, r.population) for r in table.itertuples()}
    rest = shapely.difference(units, shapely.union_all(zones))
    expected = {}
    for uid, u, rst in zip("abc", units, rest):
        for lv, z in zip(levels, zones):
            part = shapely.intersection(u, z)
            if shapely.area(part) > 0:
                expected[(uid, int(lv))] = (shapely.area(part), cells(part))
        if shapely.area(rst) > 0:
            expected[(uid, 0)] = (shapely.area(rst), cells(rst))
    assert set(got) == set(expected) and ("a", 0) not in got and ("b", 0) in got and ("c", 0) in got
    for key, (area, persons) in expected.items():
        assert got[key][0] == pytest.approx(area, rel=1e-9), key
        assert got[key][1] == pytest.approx(persons, rel=1e-9), key
    assert table.groupby("unit_id")["area_share"].sum().to_numpy() == pytest.approx(1.0, rel=1e-12)
    assert (0 in pieces[1]) != by_difference  # the level-0 geometries are only built without the difference


def test_resolve_levels_keeps_disjoint_zones_and_cuts_only_where_higher_zones_lie():
    """Disjoint zones of a level are kept as they are, touching ones are merged, a lower zone loses
    what higher zones cover (and nothing elsewhere); the areas by hand."""
    geoms = np.array([box(0, 0, 10, 10), box(20, 0, 30, 10),  # level 2, disjoint
                      box(5, 5, 25, 15),  # level 1, overlaps both level-2 squares on 5 x 5 each
                      box(100, 100, 110, 110),  # level 1, far from everything
                      box(40, 0, 50, 10), box(50, 0, 60, 10)], dtype=object)  # level 1, sharing an edge
    zones, ov = overlay.resolve_levels(geoms, [2, 2, 1, 1, 1, 1])
    assert ov == pytest.approx(50.0)
    assert shapely.area(zones[2]) == pytest.approx(200.0)
    assert shapely.area(zones[1]) == pytest.approx(200.0 - 50.0 + 100.0 + 200.0)
    assert shapely.is_valid(zones[1]) and shapely.is_valid(zones[2])
    assert shapely.get_num_geometries(zones[1]) == 3  # the cut rectangle, the far square, the merged pair
    assert shapely.area(shapely.intersection(zones[1], zones[2])) == pytest.approx(0.0, abs=1e-9)
    assert shapely.equals(shapely.union(zones[1], zones[2]), shapely.union_all(geoms))


def test_overlay_of_multipart_zones_piece_by_piece():
    """Zones of several polygons: each polygon meets only some polygons of the other hazard. The pieces
    by key (level of A, level of B) have the areas worked out by hand, are valid and do not overlap."""
    a, _ = overlay.resolve_levels(np.array([box(0, 0, 10, 10), box(20, 0, 30, 10)], dtype=object), [1, 1])
    b, _ = overlay.resolve_levels(np.array([box(5, 5, 25, 8), box(8, -5, 22, 2)], dtype=object), [2, 3])
    keys, geoms = overlay.overlay_zones([a, b])
    got = {}
    for k, g in zip(map(tuple, keys.tolist()), geoms):
        got[k] = got.get(k, 0.0) + shapely.area(g)
    # (1, 2): [5,10]x[5,8] + [20,25]x[5,8]; (1, 3): [8,10]x[0,2] + [20,22]x[0,2]; (0, 2): [10,20]x[5,8];
    # (0, 3): the level-3 box less the two (1, 3) pieces; (1, 0): the two squares less the four pieces
    want = {(1, 2): 30.0, (1, 3): 8.0, (0, 2): 30.0, (0, 3): 98.0 - 8.0, (1, 0): 200.0 - 38.0}
    assert set(got) == set(want)
    for k, v in want.items():
        assert got[k] == pytest.approx(v, abs=1e-9), k
    assert shapely.is_valid(geoms).all()
    assert sum(shapely.area(geoms)) == pytest.approx(shapely.area(shapely.union_all(geoms)), abs=1e-9)
    assert len(keys) == len(want)  # one (multi)polygon per key


def _holed_zoning(off, n=12, cell=10.0):
    """A level-1 polygon with n x n square holes, the holes the level-2 zones."""
    xs = np.arange(n) * cell * 3 + off
    holes = [box(x, y, x + cell, y + cell) for x in xs for y in xs]
    big = shapely.Polygon(box(off - 5, off - 5, xs[-1] + 2 * cell, xs[-1] + 2 * cell).exterior.coords,
                          holes=[h.exterior.coords for h in holes])
    return np.array([big] + holes, dtype=object), np.r_[1, np.full(len(holes), 2)]


def test_zones_with_many_holes_are_cut_in_tiles_with_the_same_pieces(monkeypatch):
    """A zone with many holes (a polygonised class around the higher classes) meets every small polygon
    in its box: it is cut into tiles first (LARGE_COORDS lowered so the tiles are used here). The pieces
    by key equal the intersections of the two zonings' level geometries taken whole with shapely."""
    monkeypatch.setattr(overlay, "LARGE_COORDS", 50)
    (ga, la), (gb, lb) = _holed_zoning(0.0), _holed_zoning(7.0)
    a, ov_a = overlay.resolve_levels(ga, la)
    b, _ = overlay.resolve_levels(gb, lb)
    assert ov_a == pytest.approx(0.0, abs=1e-9)
    keys, geoms = overlay.overlay_zones([a, b])
    assert shapely.is_valid(geoms).all()
    got = {}
    for k, g in zip(map(tuple, keys.tolist()), geoms):
        got[k] = got.get(k, 0.0) + shapely.area(g)
    whole_a = {1: ga[0], 2: shapely.union_all(ga[1:])}
    whole_b = {1: gb[0], 2: shapely.union_all(gb[1:])}
    all_a, all_b = shapely.union_all(ga), shapely.union_all(gb)
    want = {}
    for i, za in whole_a.items():
        for j, zb in whole_b.items():
            want[(i, j)] = shapely.area(shapely.intersection(za, zb))
        want[(i, 0)] = shapely.area(shapely.difference(za, all_b))
    for j, zb in whole_b.items():
        want[(0, j)] = shapely.area(shapely.difference(zb, all_a))
    want = {k: v for k, v in want.items() if v > 1e-6}
    assert set(got) == set(want)
    for k, v in want.items():
        assert got[k] == pytest.approx(v, rel=1e-9), k
