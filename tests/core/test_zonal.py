"""core.zonal: raster totals per polygon, exact whole cells and area-split boundary cells.

Expected values are computed here cell by cell (plain loops / numpy + pyproj.Geod), independently
of the rasterise-and-split method of the module.
"""

import threading

import numpy as np
import pytest
import shapely
from pyproj import Geod

from resilience_plugin.core import population, zonal
from resilience_plugin.core.errors import InputError
from tests import helpers
from tests.conftest import SAMPLE
from tests.helpers import read_gdf, read_raster

POP = SAMPLE / "population.tif"  # persons per km² (density): POPULATION_UNIT 0 (the default) in these tests
JAKARTA = SAMPLE / "jakarta.gpkg"


def write_raster(path, values, x0, y0, cell, epsg=32748, nodata=-9999.0):
    return helpers.write_raster(path, values, (x0, cell, 0, y0, 0, -cell), epsg, nodata)

def brute_force(values, gt, polygon, cell_area_km2=None):
    """Sum over every cell of value x (area of cell inside polygon / cell area), cell by cell."""
    total = 0.0
    h, w = values.shape
    for r in range(h):
        for c in range(w):
            v = values[r, c]
            if not np.isfinite(v):
                continue
            x0, y1 = gt[0] + c * gt[1], gt[3] + r * gt[5]
            cell = shapely.box(x0, y1 + gt[5], x0 + gt[1], y1)
            frac = shapely.area(shapely.intersection(cell, polygon)) / shapely.area(cell)
            if frac > 0:
                total += v * frac * (cell_area_km2[r] if cell_area_km2 is not None else 1.0)
    return total


@pytest.fixture()
def small_raster(tmp_path):
    values = np.arange(100, dtype=float).reshape(10, 10)
    values[0, 0] = -9999.0  # nodata counts 0
    return write_raster(tmp_path / "counts.tif", values, 500000.0, 9300100.0, 10.0)


def test_whole_and_split_cells_persons_per_cell(small_raster):
    a, gt, _ = read_raster(small_raster)
    polys = np.array([
        shapely.box(500015.0, 9300015.0, 500045.0, 9300035.0),  # splits cells in half on every side
        shapely.Polygon([(500000, 9300100), (500100, 9300000), (500000, 9300000)]),  # diagonal
        shapely.box(499990.0, 9300090.0, 500012.0, 9300110.0),  # partly outside the raster, on nodata
        shapely.box(500020.0, 9300020.0, 500060.0, 9300060.0).difference(shapely.box(500030, 9300030, 500050, 9300050)),
    ], dtype=object)
    res = zonal.zonal_sums(polys, "EPSG:32748", small_raster, mode=zonal.PERSONS_PER_CELL)
    for i, p in enumerate(polys):
        assert res.sums[i, 0] == pytest.approx(brute_force(a, gt, p), rel=1e-9, abs=1e-9)
    # first polygon by hand: rows 6..8 (y 9300015..35), cols 1..4 (x 15..45), halves on the rim
    w = np.zeros((10, 10))
    w[6:9, 1:5] = 1.0
    w[6:9, 1] *= 0.5
    w[6:9, 4] *= 0.5
    w[6, 1:5] *= 0.5
    w[8, 1:5] *= 0.5
    assert res.sums[0, 0] == pytest.approx(float((w * np.nan_to_num(a)).sum()))


def test_overlapping_polygons_each_get_their_share(small_raster):
    a, gt, _ = read_raster(small_raster)
    big = shapely.box(500000.0, 9300000.0, 500100.0, 9300100.0)
    inner = shapely.box(500025.0, 9300025.0, 500075.0, 9300075.0)
    res = zonal.zonal_sums(np.array([big, inner], dtype=object), "EPSG:32748", small_raster, mode=zonal.PERSONS_PER_CELL)
    assert res.sums[0, 0] == pytest.approx(np.nansum(a))
    assert res.sums[1, 0] == pytest.approx(brute_force(a, gt, inner))


def test_classes_split_the_sums(small_raster):
    a, gt, _ = read_raster(small_raster)
    classes = np.zeros((10, 10), dtype=np.int64)
    classes[:, 5:] = 1
    classes[9, :] = -1  # not counted
    p = shapely.box(500015.0, 9300005.0, 500085.0, 9300045.0)
    res = zonal.zonal_sums(np.array([p], dtype=object), "EPSG:32748", small_raster, mode=zonal.PERSONS_PER_CELL, classes=classes, n_classes=2)
    left = np.where(classes == 0, np.nan_to_num(a), 0.0)
    right = np.where(classes == 1, np.nan_to_num(a), 0.0)
    assert res.sums[0, 0] == pytest.approx(brute_force(left, gt, p))
    assert res.sums[0, 1] == pytest.approx(brute_force(right, gt, p))


def test_density_mode_on_projected_raster(tmp_path):
    """A cell's true area is geodesic, also on projected rasters: 10 m UTM cells at the zone's central
    meridian are (10 / 0.9996)² m² on the ellipsoid (scale factor 0.9996)."""
    from pyproj import Transformer

    x0, y0 = 500000.0, 9300040.0
    path = write_raster(tmp_path / "dens.tif", np.full((4, 4), 10000.0), x0, y0, 10.0)
    p = shapely.box(x0 + 5.0, y0 - 35.0, x0 + 25.0, y0 - 5.0)  # 6 cells' worth of area
    res = zonal.zonal_sums(np.array([p], dtype=object), "EPSG:32748", path, mode=zonal.PERSONS_PER_KM2)
    lon, lat = Transformer.from_crs("EPSG:32748", "EPSG:4326", always_xy=True).transform(
        [x0, x0 + 10, x0 + 10, x0], [y0, y0, y0 - 10, y0 - 10])
    cell_km2 = abs(Geod(ellps="WGS84").polygon_area_perimeter(lon, lat)[0]) / 1e6
    assert cell_km2 == pytest.approx(1e-4 / 0.9996**2, rel=1e-5)
    assert res.sums[0, 0] == pytest.approx(6 * 10000.0 * cell_km2, rel=1e-6)


def test_jakarta_population_per_kelurahan_density_mode():
    """population.tif holds persons per km² (POPULATION_UNIT 0, the default): cell count = density x geodesic cell area."""
    kel = read_gdf(JAKARTA, "kelurahan").iloc[:4]
    a, gt, _ = read_raster(POP)
    geod = Geod(ellps="WGS84")
    res = zonal.zonal_sums(kel.geometry.values, "EPSG:4326", POP, mode=zonal.PERSONS_PER_KM2)
    for i, p in enumerate(kel.geometry.values):
        p = shapely.make_valid(p)
        x0, y0, x1, y1 = p.bounds
        c0, c1 = int((x0 - gt[0]) // gt[1]), int((x1 - gt[0]) // gt[1]) + 1
        r0, r1 = int((y1 - gt[3]) // gt[5]), int((y0 - gt[3]) // gt[5]) + 1
        sub = a[r0:r1, c0:c1]
        rows = np.arange(r0, r1)
        km2 = np.array([abs(geod.polygon_area_perimeter([0, gt[1], gt[1], 0],
                                                        [gt[3] + r * gt[5]] * 2 + [gt[3] + (r + 1) * gt[5]] * 2)[0])
                        for r in rows]) / 1e6
        sub_gt = (gt[0] + c0 * gt[1], gt[1], 0, gt[3] + r0 * gt[5], 0, gt[5])
        expected = brute_force(sub, sub_gt, p, km2)
        assert res.sums[i, 0] == pytest.approx(expected, rel=1e-9)
        assert expected > 100


def test_raster_total_density():
    a, gt, _ = read_raster(POP)
    geod = Geod(ellps="WGS84")
    km2 = np.array([abs(geod.polygon_area_perimeter([0, gt[1], gt[1], 0],
                                                    [gt[3] + r * gt[5]] * 2 + [gt[3] + (r + 1) * gt[5]] * 2)[0])
                    for r in range(a.shape[0])]) / 1e6
    assert zonal.raster_total(POP, mode=zonal.PERSONS_PER_KM2) == pytest.approx(float(np.nansum(a * km2[:, None])))


def test_bad_mode_and_negative_values(tmp_path, small_raster):
    p = np.array([shapely.box(500000.0, 9300000.0, 500050.0, 9300050.0)], dtype=object)
    with pytest.raises(InputError, match="Unknown population mode"):
        zonal.zonal_sums(p, "EPSG:32748", small_raster, mode=7)
    neg = write_raster(tmp_path / "neg.tif", np.full((3, 3), -5.0), 500000.0, 9300100.0, 10.0)
    with pytest.raises(InputError, match="negative values"):
        zonal.zonal_sums(np.array([shapely.box(500000.0, 9300070.0, 500030.0, 9300100.0)], dtype=object),
                         "EPSG:32748", neg, mode=zonal.PERSONS_PER_CELL)


def test_no_polygons_and_polygons_off_the_raster(small_raster):
    assert zonal.zonal_sums(np.zeros(0, dtype=object), "EPSG:32748", small_raster, mode=zonal.PERSONS_PER_CELL).sums.shape == (0, 1)
    far = np.array([shapely.box(0.0, 0.0, 10.0, 10.0)], dtype=object)
    assert zonal.zonal_sums(far, "EPSG:32748", small_raster, mode=zonal.PERSONS_PER_CELL).sums[0, 0] == 0.0


def test_boundary_coverage_exact_and_partition(small_raster):
    """Shares of boundary cells against shapely overlay; polygons sharing an edge on a grid line (one copy
    nudged by 1e-9 m, as after a reprojection) still add up to the whole raster."""
    from resilience_plugin.core.raster import open_raster

    _, info = open_raster(small_raster)
    gt = info.geotransform
    tri = shapely.Polygon([(500003.0, 9300003.0), (500097.0, 9300011.0), (500041.0, 9300093.0)])
    holed = shapely.box(500012.0, 9300012.0, 500088.0, 9300088.0).difference(shapely.box(500031.5, 9300033.3, 500066.6, 9300071.1))
    for poly in (tri, holed):
        p, r, c, f = zonal.boundary_coverage(np.array([poly], dtype=object), gt)
        cells = zonal.cell_boxes(info, r, c)
        exact = shapely.area(shapely.intersection(cells, poly)) / shapely.area(cells)
        assert f == pytest.approx(exact, abs=1e-8)  # coordinates near 1e7 m: float rounding only
    top = shapely.box(500000.0, 9300050.0 + 1e-9, 500100.0, 9300100.0)
    bottom = shapely.box(500000.0, 9300000.0, 500100.0, 9300050.0 - 1e-9)
    a, _, _ = read_raster(small_raster)
    res = zonal.zonal_sums(np.array([top, bottom], dtype=object), "EPSG:32748", small_raster, mode=zonal.PERSONS_PER_CELL, disjoint=True)
    assert res.sums[:, 0].sum() == pytest.approx(np.nansum(a))
    assert res.sums[0, 0] == pytest.approx(np.nansum(a[:5]))


def test_a_stream_started_early_gives_the_same_sums():
    """zonal.prefetch on the units, then zonal_sums of pieces inside them with that stream: the sums
    equal a cell-by-cell numpy sum (whole cells) and the stream's thread is stopped."""
    a, gt, _ = read_raster(POP)
    x0, y0 = gt[0] + 100 * gt[1], gt[3] + 300 * gt[5]  # cell edges: pieces of whole cells only
    units = np.array([shapely.box(x0, y0, x0 + 200 * gt[1], y0 - 150 * gt[5])], dtype=object)
    pieces = np.array([shapely.box(x0, y0, x0 + 80 * gt[1], y0 - 150 * gt[5]),
                       shapely.box(x0 + 80 * gt[1], y0, x0 + 200 * gt[1], y0 - 150 * gt[5])], dtype=object)
    crs = read_raster(POP)[2]
    stream = zonal.prefetch(units, crs, POP, mode=zonal.PERSONS_PER_CELL, report=True)
    res = zonal.zonal_sums(pieces, crs, POP, mode=zonal.PERSONS_PER_CELL, disjoint=True, report=True, stream=stream)
    assert not stream._thread.is_alive()
    v = np.where(np.isfinite(a), a, 0.0)
    rows = slice(150, 300)
    assert res.sums[0, 0] == pytest.approx(v[rows, 100:180].sum(), rel=1e-9)
    assert res.sums[1, 0] == pytest.approx(v[rows, 180:300].sum(), rel=1e-9)
    r0, r1, c0, c1 = stream.window  # the cells meeting the units' bounds (a rounding may add a rim)
    assert r0 in (149, 150) and r1 in (300, 301) and c0 in (99, 100) and c1 in (300, 301)
    assert res.report.persons == pytest.approx(v[r0:r1, c0:c1].sum(), rel=1e-9)


def test_streamed_classes_equal_the_label_grid_path(monkeypatch, tmp_path):
    """Population per kelurahan and class on the streamed path (classes as a full grid and as a
    block function asked strip by strip) equals the label-grid path to 1e-9, and each class equals
    the unclassed sum of a raster masked to that class (the classes split the sums exactly)."""
    kel = read_gdf(JAKARTA, "kelurahan")
    a, gt, _ = read_raster(POP)
    rr, cc = np.mgrid[0:a.shape[0], 0:a.shape[1]]
    classes = ((rr // 37 + cc // 23) % 4).astype(np.int64)  # 4 classes in blocks that cross the strips
    classes[(rr + cc) % 11 == 0] = -1  # not counted
    asked = []

    def blocks(r0, r1, c0, c1):
        asked.append(r1 - r0)
        return classes[r0:r1, c0:c1]

    monkeypatch.setattr(population, "MAX_BLOCK_CELLS", 60 * 638)  # several strips
    geoms = kel.geometry.values
    streamed = zonal.zonal_sums(geoms, "EPSG:4326", POP, classes=classes, n_classes=4).sums
    by_block = zonal.zonal_sums(geoms, "EPSG:4326", POP, classes=blocks, n_classes=4).sums
    assert len(asked) > 3 and max(asked) < a.shape[0]  # never the full grid
    monkeypatch.setattr(zonal, "STREAM_CLASSES", False)
    gridded = zonal.zonal_sums(geoms, "EPSG:4326", POP, classes=classes, n_classes=4).sums
    assert gridded.sum() > 1e5
    np.testing.assert_allclose(streamed, gridded, rtol=1e-9, atol=1e-9 * np.abs(gridded).max())
    np.testing.assert_array_equal(streamed, by_block)
    monkeypatch.setattr(zonal, "STREAM_CLASSES", True)
    for k in range(4):  # an independent check of one class: the raster masked to it, no classes
        masked = helpers.write_raster(tmp_path / f"class{k}.tif", np.where(classes == k, a, np.nan), gt,
                                      4326, nodata=-9999.0)
        one = zonal.zonal_sums(geoms, "EPSG:4326", masked).sums[:, 0]
        np.testing.assert_allclose(streamed[:, k], one, rtol=1e-9, atol=1e-9 * one.max())


@pytest.mark.parametrize("dtype", ["float32", "int16", "float64"])
def test_cells_cut_by_several_polygons_tiny_polygons_holes_and_multipolygons(tmp_path, monkeypatch, dtype):
    """The streamed path (float32 strips where that is exact, whole cells as horizontal runs, several
    strips, coverage batches in threads) against a cell-by-cell shapely overlay: polygons that cut the
    same cells, polygons smaller than a cell, a hole, a multipolygon, a polygon over nodata and NaN
    cells, and overlapping polygons (each summed on its own)."""
    from osgeo import gdal

    rng = np.random.default_rng(7)
    values = rng.integers(0, 500, (23, 31)).astype(float)
    values[3, 4] = -9999.0  # nodata inside the values' range: the slow check
    gdt = {"float32": gdal.GDT_Float32, "int16": gdal.GDT_Int16, "float64": gdal.GDT_Float64}[dtype]
    if dtype != "int16":
        values[10, 12] = np.nan
    x0, y0, cell = 500000.0, 9300230.0, 10.0
    path = helpers.write_raster(tmp_path / f"p_{dtype}.tif", values, (x0, cell, 0, y0, 0, -cell), 32748, -9999.0, gdt)
    clean = np.where(np.isfinite(values) & (values != -9999.0), values, 0.0)
    gt = (x0, cell, 0, y0, 0, -cell)
    # several polygons cut the cell (row 5, col 7): its corner is x0 + 70..80, y0 - 50..60
    cx, cy = x0 + 70.0, y0 - 60.0
    fan = [shapely.Polygon([(cx + 5, cy + 5), (cx + 5 + 30 * np.cos(a), cy + 5 + 30 * np.sin(a)),
                            (cx + 5 + 30 * np.cos(a + 1.2), cy + 5 + 30 * np.sin(a + 1.2))]) for a in (0.1, 1.35, 2.6, 3.85, 5.1)]
    tiny = [shapely.box(x0 + 101.3, y0 - 48.2, x0 + 103.9, y0 - 46.0),  # inside one cell
            shapely.box(x0 + 118.5, y0 - 81.0, x0 + 121.5, y0 - 79.0)]  # smaller than a cell, on a corner of four
    holed = shapely.box(x0 + 12.5, y0 - 200.5, x0 + 190.2, y0 - 90.7).difference(
        shapely.Point(x0 + 100.0, y0 - 150.0).buffer(33.3, quad_segs=16))
    multi = shapely.MultiPolygon([shapely.box(x0 + 200.5, y0 - 30.5, x0 + 240.5, y0 - 5.5),
                                  shapely.Point(x0 + 260.0, y0 - 180.0).buffer(27.0, quad_segs=8)])
    on_nodata = shapely.box(x0 + 35.5, y0 - 45.5, x0 + 130.5, y0 - 95.5)
    everything = shapely.box(x0 - 20.0, y0 - 260.0, x0 + 330.0, y0 + 15.0)  # beyond the raster on every side
    polys = np.array(fan + tiny + [holed, multi, on_nodata, everything], dtype=object)
    monkeypatch.setattr(population, "MAX_BLOCK_CELLS", 5 * 31)  # strips of 5 rows
    monkeypatch.setattr(zonal, "COVER_BATCH", 40)  # several coverage batches, shared by the threads
    monkeypatch.setattr(zonal, "COVER_THREADS", 2)
    res = zonal.zonal_sums(polys, "EPSG:32748", path, mode=zonal.PERSONS_PER_CELL)
    for i, p in enumerate(polys):
        assert res.sums[i, 0] == pytest.approx(brute_force(clean, gt, p), rel=1e-9, abs=1e-9), i
    assert res.sums[-1, 0] == pytest.approx(clean.sum(), rel=1e-12)
    # the fan's triangles (disjoint, one apex) share the cut cells exactly: together they equal their union
    union = zonal.zonal_sums(np.array([shapely.union_all(fan)], dtype=object), "EPSG:32748", path,
                             mode=zonal.PERSONS_PER_CELL).sums[0, 0]
    assert res.sums[:len(fan), 0].sum() == pytest.approx(union, rel=1e-9)


def test_compact_strips_are_the_same_numbers(tmp_path, monkeypatch):
    """A read-ahead stream with ``compact=True`` gives float32 strips of a float32 raster of persons
    per cell, equal to the float64 strips; densities stay float64; the report is summed in float64."""
    values = np.full((40, 50), 16777217.0 / 1024)  # not a float32 sum: 2^24 + 1 over 1024
    values[0, :5] = -9999.0
    path = helpers.write_raster(tmp_path / "f32.tif", values, (500000.0, 10, 0, 9300400.0, 0, -10), 32748, -9999.0,
                                __import__("osgeo.gdal", fromlist=["gdal"]).GDT_Float32)
    monkeypatch.setattr(population, "MAX_BLOCK_CELLS", 7 * 50)
    compact = population.Prefetch(path, unit=population.PERSONS_PER_CELL, compact=True, tally=True)
    plain = population.Prefetch(path, unit=population.PERSONS_PER_CELL, tally=True)
    a, b = list(compact), list(plain)
    assert {s[2].dtype for s in a} == {np.dtype(np.float32)} and {s[2].dtype for s in b} == {np.dtype(np.float64)}
    assert np.array_equal(np.concatenate([s[2] for s in a]), np.concatenate([s[2] for s in b]))
    want = float(np.float32(values[1, 1])) * (40 * 50 - 5)
    assert compact.report().persons == pytest.approx(want, rel=1e-15)
    assert plain.report().persons == pytest.approx(want, rel=1e-15)
    dens = population.Prefetch(path, unit=population.PERSONS_PER_KM2, compact=True)
    assert {s[2].dtype for s in dens} == {np.dtype(np.float64)}


def test_run_sums_of_overlapping_runs():
    flat = np.arange(1, 101, dtype=np.float32) / 7
    begin = np.array([0, 5, 5, 20, 90, 40])
    end = np.array([10, 30, 6, 25, 100, 41])
    want = [flat[a:b].astype(np.float64).sum() for a, b in zip(begin, end)]
    np.testing.assert_allclose(zonal._run_sums(flat, begin, end), want, rtol=1e-12)


def test_units_coverage_computed_ahead_gives_the_exact_sums(monkeypatch, tmp_path):
    """zonal.prefetch on the units also computes their boundary coverage in a thread of its own, and sums
    them as the strips go by; a later zonal_sums of the pieces followed by those units takes the units'
    coverage and totals from there and computes only the pieces' own. Every sum equals the cell-by-cell overlay (brute_force); a stream whose
    polygons are not the last ones given is not used for the coverage and the sums are the same."""
    rng = np.random.default_rng(5)
    values = rng.uniform(0, 50, (30, 30))
    values[4, 6] = -9999.0
    path = write_raster(tmp_path / "ahead.tif", values, 500000.0, 9300300.0, 10.0)
    a, gt, _ = read_raster(path)
    units = np.array([
        shapely.Polygon([(500003.3, 9300011.1), (500151.7, 9300002.9), (500120.2, 9300160.4), (500011.5, 9300140.8)]),
        shapely.Polygon([(500151.7, 9300002.9), (500296.1, 9300020.0), (500280.4, 9300290.6), (500120.2, 9300160.4)],
                        holes=[[(500200.5, 9300100.5), (500240.5, 9300100.5), (500220.5, 9300140.5)]]),
    ], dtype=object)
    zone = shapely.Polygon([(500050.5, 9300050.5), (500250.2, 9300070.7), (500230.3, 9300250.1), (500060.6, 9300200.2)])
    pieces = shapely.intersection(units, zone)
    polys = np.concatenate([pieces, units])
    calls = []
    cover = zonal._cover

    def spy(polygons, *args, **kwargs):
        calls.append((threading.current_thread().name, len(polygons)))
        return cover(polygons, *args, **kwargs)

    monkeypatch.setattr(zonal, "_cover", spy)
    summed_ahead = []
    unit_sums = zonal._Stream.unit_sums
    monkeypatch.setattr(zonal._Stream, "unit_sums", lambda self: summed_ahead.append(unit_sums(self)) or summed_ahead[-1])
    stream = zonal.prefetch(units, "EPSG:32748", path, mode=zonal.PERSONS_PER_CELL, report=True)
    res = zonal.zonal_sums(polys, "EPSG:32748", path, mode=zonal.PERSONS_PER_CELL, report=True, stream=stream)
    assert not stream._thread.is_alive() and not stream._ahead.is_alive()
    assert sorted(calls) == sorted([("zonal-cover", 2), (threading.current_thread().name, 2)])
    want = [brute_force(a, gt, p) for p in polys]
    np.testing.assert_allclose(res.sums[:, 0], want, rtol=1e-9)
    assert len(summed_ahead) == 1  # the units' totals were summed by the stream's thread, strip by strip
    np.testing.assert_allclose(summed_ahead[0][1], want[2:], rtol=1e-9)
    assert res.report.persons == pytest.approx(float(np.where(np.isfinite(a), a, 0.0).sum()), rel=1e-12)
    calls.clear()
    other = zonal.prefetch(units, "EPSG:32748", path, mode=zonal.PERSONS_PER_CELL)
    alone = zonal.zonal_sums(pieces, "EPSG:32748", path, mode=zonal.PERSONS_PER_CELL, stream=other)
    assert (threading.current_thread().name, 2) in calls  # the pieces' coverage computed here
    np.testing.assert_allclose(alone.sums[:, 0], want[:2], rtol=1e-9)


def test_a_read_error_reaches_the_caller_through_the_stream(tmp_path):
    """An error of the read (negative persons) passes the stream's second thread and is raised in the
    caller's zonal_sums; every thread of the stream ends."""
    path = write_raster(tmp_path / "neg.tif", np.full((20, 20), -1.0), 500000.0, 9300200.0, 10.0)
    units = np.array([shapely.box(500012.5, 9300012.5, 500187.5, 9300187.5)], dtype=object)
    stream = zonal.prefetch(units, "EPSG:32748", path, mode=zonal.PERSONS_PER_CELL)
    with pytest.raises(InputError, match="negative values"):
        zonal.zonal_sums(units, "EPSG:32748", path, mode=zonal.PERSONS_PER_CELL, stream=stream)
    assert not stream._thread.is_alive() and not stream._ahead.is_alive()
