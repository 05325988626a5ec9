"""core.lifeline: exact zone splits, raster reading along lines, Hazus repairs on a Futian pipe network."""

import numpy as np
import pytest
import shapely
from osgeo import gdal, osr

from resilience_plugin.core import fragility, lifeline
from resilience_plugin.core.errors import Cancelled, InputError
from tests.conftest import DATA
from tests.helpers import read_gdf

UTM = "EPSG:32650"


@pytest.fixture()
def lib():
    return fragility.load_library()


def _tif(path, array, gt, epsg, nodata=-9999.0):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), array.shape[1], array.shape[0], 1, gdal.GDT_Float64)
    ds.SetGeoTransform(gt)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).SetNoDataValue(nodata)
    ds.GetRasterBand(1).WriteArray(array)
    ds = None
    return str(path)


def test_segments_are_no_longer_than_the_step():
    lines = np.array([shapely.LineString([(0, 0), (100, 0), (100, 37)]),
                      shapely.MultiLineString([[(0, 10), (0, 60)], [(5, 5), (8, 9)]])])
    owner, length, mx, my = lifeline.line_segments(lines, 10.0)
    assert length.max() <= 10.0 + 1e-9
    assert np.bincount(owner, length) == pytest.approx([137.0, 55.0])
    assert not ((my > 10) & (my < 60) & (mx > 0.1) & (mx < 4.9)).any()  # no bogus piece between the two parts


def test_zones_split_lines_exactly_and_overlaps_take_the_higher_level(lib):
    line = np.array([shapely.LineString([(0, 0), (100, 0)]), shapely.LineString([(0, 50), (10, 50)])])
    zones = np.array([shapely.box(10, -5, 40, 5), shapely.box(30, -5, 70, 5), shapely.box(90, -1, 200, 1)])
    res = lifeline.line_exposure(line, ["road", "road"], lib, zones=zones, zone_levels=[1, 2, 1])
    a = res.assets
    # by hand: level 2 from 30 to 70 (40 m), level 1 from 10 to 30 and 90 to 100 (30 m), the rest level 0
    assert list(a.loc[0, ["len_l0", "len_l1", "len_l2"]]) == pytest.approx([30.0, 30.0, 40.0])
    assert list(a.loc[1, ["len_l0", "len_l1", "len_l2"]]) == pytest.approx([10.0, 0.0, 0.0])
    assert list(a["max_level"]) == [2, 0]
    assert res.report["overlaps_resolved"]
    t = res.table.set_index("level")
    assert t.loc[2, "length_km"] == pytest.approx(0.04) and t.loc[0, "count"] == 2


def test_raster_read_along_lines_with_uncovered_part(lib, tmp_path):
    # 3 x 1 cells of 100 m: depths 0.2, 0.4, nodata; the line runs from x=50 to x=450 (last 150 m off the raster)
    tif = _tif(tmp_path / "d.tif", np.array([[0.2, 0.4, -9999.0]]), (0.0, 100.0, 0.0, 100.0, 0.0, -100.0), 32650)
    sampler = lifeline.RasterSampler(tif, 1, UTM)
    assert sampler.cell_size_m() == pytest.approx(100.0)
    line = np.array([shapely.LineString([(50, 50), (450, 50)])])
    res = lifeline.line_exposure(line, ["road"], lib, intensity_measure="flood_depth", sampler=sampler,
                                 thresholds=np.array([0.3]))
    a = res.assets.iloc[0]
    assert a["len_l0"] == pytest.approx(50.0) and a["len_l1"] == pytest.approx(100.0)
    assert a["len_uncovered"] == pytest.approx(250.0)  # 100 m nodata + 150 m off the raster
    assert a["max_intensity"] == pytest.approx(0.4)
    assert a["p_fail"] == 1.0  # 0.4 m > 0.3 m: impassable
    assert res.report["step_m"] == pytest.approx(25.0)
    with pytest.raises(InputError, match="does not cover the lifelines at all"):
        lifeline.line_exposure(np.array([shapely.LineString([(1000, 50), (2000, 50)])]), ["road"], lib,
                               intensity_measure="flood_depth", sampler=sampler, thresholds=np.array([0.3]))


def test_cancel_is_honoured(lib):
    class Fb:
        def isCanceled(self):  # noqa: N802
            return True

        def setProgress(self, p):  # noqa: N802
            pass

    with pytest.raises(Cancelled):
        lifeline.line_exposure(np.array([shapely.LineString([(0, 0), (1, 0)])]), ["road"], lib,
                               zones=np.array([shapely.box(0, 0, 1, 1)]), zone_levels=[1], feedback=Fb())


def _futian_pipes():
    """A water network generated on the Shenzhen-Futian streets (no real pipe layer exists).

    One pipe per undirected street (the OSM edges deduplicated by their u-v pair), material and
    diameter by street class: trunk/primary DCIP 600 mm, secondary CIP 300 mm, tertiary PE 150 mm,
    other streets ACP 80 mm.
    """
    edges = read_gdf(DATA / "futian.gpkg", "road_edges")
    key = [tuple(sorted(p)) for p in zip(edges["u"], edges["v"])]
    edges = edges.assign(key=key).drop_duplicates("key").reset_index(drop=True)
    edges = edges.to_crs(4547)
    hw = edges["highway"].fillna("").str.replace(r"[\[\]' ]", "", regex=True).str.split(",").str[0]
    mat = np.select([hw.isin(["trunk", "primary"]), hw == "secondary", hw == "tertiary"], ["DCIP", "CIP", "PE"], "ACP")
    dia = np.select([hw.isin(["trunk", "primary"]), hw == "secondary", hw == "tertiary"], [600.0, 300.0, 150.0], 80.0)
    return edges, mat, dia


def test_futian_pipes_hazus_repairs_by_hand(lib, tmp_path):
    edges, mat, dia = _futian_pipes()
    x0, y0, x1, y1 = edges.total_bounds
    ox, oy = np.floor(x0 / 500) * 500 - 500, np.ceil(y1 / 500) * 500 + 500
    nbx, nby = int(np.ceil((x1 - ox) / 500)) + 1, int(np.ceil((oy - y0) / 500)) + 1
    # PGV (cm/s) constant on 500 m blocks, written on a 10 m grid
    bx, by = np.meshgrid(np.arange(nbx), np.arange(nby))
    block_pgv = 20.0 + 6.0 * bx + 4.0 * by
    grid = np.kron(block_pgv, np.ones((50, 50)))
    tif = _tif(tmp_path / "pgv.tif", grid, (ox, 10.0, 0.0, oy, 0.0, -10.0), 4547)
    sampler = lifeline.RasterSampler(tif, 1, "EPSG:4547")
    geoms = edges.geometry.to_numpy()
    res = lifeline.line_exposure(geoms, ["water_pipe"] * len(geoms), lib, intensity_measure="pgv", sampler=sampler,
                                 thresholds=np.array([30.0, 40.0]), materials=mat, diameters=dia)
    # by hand: sum over blocks of 0.0001 * PGV^2.25 repairs/km * km in the block * K_material * K_diameter
    k_mat = {"DCIP": 0.3, "CIP": 1.0, "PE": 0.8, "ACP": 1.2}
    k_dia = {600.0: 0.5, 300.0: 0.8, 150.0: 1.0, 80.0: 1.6}
    expected = np.zeros(len(geoms))
    for i in range(nby):
        for j in range(nbx):
            block = shapely.box(ox + 500 * j, oy - 500 * (i + 1), ox + 500 * (j + 1), oy - 500 * i)
            km = shapely.length(shapely.intersection(geoms, block)) / 1000.0
            expected += 0.0001 * block_pgv[i, j] ** 2.25 * km
    expected *= np.array([k_mat[m] for m in mat]) * np.array([k_dia[d] for d in dia])
    got = res.assets["expected_repairs"].to_numpy()
    assert len(geoms) > 1500
    assert got.sum() == pytest.approx(expected.sum(), rel=0.002)
    assert got == pytest.approx(expected, rel=0.02, abs=2e-4)
    assert res.assets["p_fail"].to_numpy() == pytest.approx(1 - np.exp(-expected), rel=0.02, abs=2e-4)
    length_km = shapely.length(geoms) / 1000.0
    assert res.assets["repair_rate"].to_numpy() == pytest.approx(expected / length_km, rel=0.02, abs=1e-3)
    assert res.assets["len_uncovered"].sum() == 0.0
    # the table splits the same repairs by level (PGV < 30, 30-40, >= 40 cm/s)
    t = res.table.set_index("level")
    lvl = np.digitize(block_pgv, [30.0, 40.0])
    for lv in range(3):
        exp_km = 0.0
        for i, j in zip(*np.nonzero(lvl == lv)):
            block = shapely.box(ox + 500 * j, oy - 500 * (i + 1), ox + 500 * (j + 1), oy - 500 * i)
            exp_km += shapely.length(shapely.intersection(geoms, block)).sum() / 1000.0
        if exp_km > 1.0:
            assert t.loc[lv, "length_km"] == pytest.approx(exp_km, rel=0.01)
    assert t["expected_repairs"].sum() == pytest.approx(expected.sum(), rel=0.002)
    assert t["expected_failed"].sum() == pytest.approx(res.assets["p_fail"].sum(), rel=1e-6)


def test_big_zones_are_tiled_without_changing_lengths(lib):
    # a zone with 20,000 vertices (a finely drawn ring) is cut into tiles; lengths stay exact
    ring = shapely.Point(0, 0).buffer(1000, quad_segs=5000).difference(shapely.Point(0, 0).buffer(400, quad_segs=5000))
    assert shapely.get_num_coordinates(ring) > 20000
    rng = np.random.default_rng(5)
    xy = rng.uniform(-1200, 1200, (400, 2))
    ang = rng.uniform(0, np.pi, 400)
    lines = shapely.linestrings(np.stack([xy, xy + 300 * np.c_[np.cos(ang), np.sin(ang)]], axis=1))
    res = lifeline.line_exposure(lines, ["road"] * 400, lib, zones=np.array([ring]), zone_levels=[2])
    expected = shapely.length(shapely.intersection(lines, ring))
    assert res.assets["len_l2"].to_numpy() == pytest.approx(expected, abs=1e-6)
    parts, _ = lifeline.tile_polygons(np.array([ring]), np.array([2]))
    assert len(parts) > 5 and shapely.area(parts).sum() == pytest.approx(ring.area, rel=1e-9)


def test_chunked_reading_gives_the_same_answer(lib, tmp_path, monkeypatch):
    grid = np.arange(100, dtype=float).reshape(10, 10) / 10.0
    tif = _tif(tmp_path / "g.tif", grid, (0.0, 10.0, 0.0, 100.0, 0.0, -10.0), 32650)
    rng = np.random.default_rng(2)
    xy = rng.uniform(0, 100, (300, 2))
    lines = shapely.linestrings(np.stack([xy, rng.uniform(0, 100, (300, 2))], axis=1))
    kw = dict(intensity_measure="flood_depth", thresholds=np.array([2.0, 5.0]))
    one = lifeline.line_exposure(lines, ["road"] * 300, lib, sampler=lifeline.RasterSampler(tif, 1, UTM), **kw)
    monkeypatch.setattr(lifeline, "MAX_SEGMENTS", 500)
    many = lifeline.line_exposure(lines, ["road"] * 300, lib, sampler=lifeline.RasterSampler(tif, 1, UTM), **kw)
    cols = ["len_l0", "len_l1", "len_l2", "max_intensity", "len_uncovered"]
    assert np.allclose(one.assets[cols].to_numpy(), many.assets[cols].to_numpy())


def test_points_take_the_highest_zone_and_their_unit(lib, tmp_path):
    pts = shapely.points([(5, 5), (15, 5), (25, 5), (35, 5)])
    zones = np.array([shapely.box(0, 0, 20, 10), shapely.box(10, 0, 30, 10)])  # overlap 10-20: level 3 wins
    units = np.array([shapely.box(0, 0, 12, 10), shapely.box(12, 0, 40, 10)])
    tif = _tif(tmp_path / "w.tif", np.array([[20.0, 40.0, 60.0, 80.0]]), (0.0, 10.0, 0.0, 10.0, 0.0, -10.0), 32650)
    res = lifeline.point_exposure(pts, ["transmission_tower"] * 4, lib, intensity_measure="wind",
                                  sampler=lifeline.RasterSampler(tif, 1, UTM), zones=zones, zone_levels=[1, 3],
                                  units=units, unit_ids=["west", "east"])
    a = res.assets
    assert list(a["level"]) == [1, 3, 3, 0]
    assert list(a["max_intensity"]) == [20.0, 40.0, 60.0, 80.0]
    import math

    expected = [0.5 * (1 + math.erf(math.log(w / 55.0) / 0.40 / math.sqrt(2))) for w in (20, 40, 60, 80)]
    assert list(a["p_fail"]) == pytest.approx(expected)
    t = res.table.set_index(["unit_id", "level"])
    assert t.loc[("west", 1), "count"] == 1 and t.loc[("east", 3), "count"] == 2 and t.loc[("east", 0), "count"] == 1
    assert t.loc[("east", 3), "expected_failed"] == pytest.approx(expected[1] + expected[2])
    with pytest.raises(InputError, match="line assets but the LIFELINES layer holds point"):
        lifeline.point_exposure(pts, ["gas_pipe"] * 4, lib, zones=zones, zone_levels=[1, 3])
