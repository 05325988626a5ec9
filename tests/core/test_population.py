"""core.population: the one population-raster reader (units, geodesic cell areas, windows, the report).

Expected values come from pyproj.Geod on each cell's corners and plain numpy, independently of the module.
"""

import numpy as np
import pytest
from osgeo import gdal, osr
from pyproj import Geod, Transformer

from resilience_plugin.core import population as pop
from resilience_plugin.core.errors import InputError
from tests.conftest import SAMPLE
from tests.helpers import read_raster, write_raster

POP = SAMPLE / "population.tif"  # persons per km²
GEOD = Geod(ellps="WGS84")


def geodesic_km2(lons, lats):
    return abs(GEOD.polygon_area_perimeter(lons, lats)[0]) / 1e6


def geographic_cell_km2(gt, r, c):
    x0, y0 = gt[0] + c * gt[1], gt[3] + r * gt[5]
    return geodesic_km2([x0, x0 + gt[1], x0 + gt[1], x0], [y0, y0, y0 + gt[5], y0 + gt[5]])


@pytest.fixture()
def lonlat_raster(tmp_path):
    dens = np.array([[1000.0, -9999.0, 3.0], [0.0, 2500.0, 7.0]])
    gt = (106.8, 0.01, 0.0, -6.1, 0.0, -0.01)
    return write_raster(tmp_path / "pop.tif", dens, gt, epsg=4326), dens, gt


def test_points_density_times_geodesic_cell_area(lonlat_raster):
    path, dens, gt = lonlat_raster
    pts = pop.population_points(path, unit=pop.PERSONS_PER_KM2, target_crs="EPSG:32748")
    expected = [
        1000 * geographic_cell_km2(gt, 0, 0),
        3 * geographic_cell_km2(gt, 0, 2),
        2500 * geographic_cell_km2(gt, 1, 1),
        7 * geographic_cell_km2(gt, 1, 2),
    ]
    assert pts.persons == pytest.approx(expected, rel=1e-9)  # nodata and 0 are left out
    assert pts.report.persons == pytest.approx(sum(expected), rel=1e-9)
    assert pts.report.cells == 4 and pts.report.unit == pop.PERSONS_PER_KM2
    # points at the cell centres, in the raster CRS and in the target CRS
    assert (pts.raster_points[0].x, pts.raster_points[0].y) == pytest.approx((106.805, -6.105))
    mx, my = Transformer.from_crs("EPSG:4326", "EPSG:32748", always_xy=True).transform(106.805, -6.105)
    assert (pts.points[0].x, pts.points[0].y) == pytest.approx((mx, my))
    per_cell = pop.population_points(path, unit=pop.PERSONS_PER_CELL)
    assert list(per_cell.persons) == [1000.0, 3.0, 2500.0, 7.0]


def test_projected_cells_are_measured_geodesically(tmp_path):
    """A 1 km UTM cell far from the central meridian is smaller than 1 km² on the ellipsoid."""
    gt = (800000.0, 1000.0, 0.0, 9300000.0, 0.0, -1000.0)
    path = write_raster(tmp_path / "utm.tif", np.full((2, 3), 500.0), gt, epsg=32748)
    to_ll = Transformer.from_crs("EPSG:32748", "EPSG:4326", always_xy=True)
    expected = 0.0
    for r in range(2):
        for c in range(3):
            x0, y0 = gt[0] + c * gt[1], gt[3] + r * gt[5]
            lon, lat = to_ll.transform([x0, x0 + 1000, x0 + 1000, x0], [y0, y0, y0 - 1000, y0 - 1000])
            expected += 500.0 * geodesic_km2(lon, lat)
    report = pop.population_report(path, unit=pop.PERSONS_PER_KM2)
    assert report.persons == pytest.approx(expected, rel=1e-5)
    assert report.persons < 0.999 * 3000.0  # the grid's nominal km² would overcount


def test_sample_raster_total_and_window():
    a, gt, _ = read_raster(POP)
    km2 = np.array([geographic_cell_km2(gt, r, 0) for r in range(a.shape[0])])
    total = float(np.nansum(a * km2[:, None]))
    assert pop.population_report(POP).persons == pytest.approx(total, rel=1e-9)  # per km² is the default
    # a window by bounds: rows 100..199, cols 50..149 (bounds in the raster CRS, cell edges)
    bounds = (gt[0] + 50 * gt[1], gt[3] + 200 * gt[5], gt[0] + 150 * gt[1], gt[3] + 100 * gt[5])
    sub = float(np.nansum((a * km2[:, None])[100:200, 50:150]))
    assert pop.population_report(POP, bounds=bounds).persons == pytest.approx(sub, rel=1e-9)
    counts, valid, _ = pop.cell_counts(POP, window=(100, 200, 50, 150))
    assert counts.sum() == pytest.approx(sub, rel=1e-9)
    assert valid.sum() == np.isfinite(a[100:200, 50:150]).sum()


def test_blocks_give_the_same_counts(monkeypatch):
    whole, _, _ = pop.cell_counts(POP)
    monkeypatch.setattr(pop, "MAX_BLOCK_CELLS", 1000)  # strips of one or two rows
    strips = list(pop.iter_counts(POP))
    assert len(strips) > 300
    assert np.concatenate([s[2] for s in strips]).sum() == pytest.approx(whole.sum(), rel=1e-12)


def test_the_report_flags_the_other_unit():
    """The sample densities (persons per km²) read as counts per 50 m cell give implausible densities."""
    as_cells = pop.population_report(POP, unit=pop.PERSONS_PER_CELL)
    as_density = pop.population_report(POP, unit=pop.PERSONS_PER_KM2)
    a, _, _ = read_raster(POP)
    assert as_cells.persons == pytest.approx(float(np.nansum(a)))
    assert as_cells.unit_suspect and as_cells.max_density_km2 > pop.MAX_PLAUSIBLE_DENSITY
    assert not as_density.unit_suspect
    assert as_density.max_density_km2 == pytest.approx(float(np.nanmax(a)), rel=1e-9)


def test_bad_unit_and_negative_values(tmp_path):
    with pytest.raises(InputError, match="Unknown population mode"):
        pop.population_report(POP, unit=5)
    neg = write_raster(tmp_path / "neg.tif", np.full((2, 2), -1.0), (0, 10, 0, 20, 0, -10))
    with pytest.raises(InputError, match="negative values"):
        pop.population_points(neg, unit=pop.PERSONS_PER_CELL)


def test_prefetch_reads_the_same_strips_in_a_thread(monkeypatch, tmp_path):
    """The read-ahead thread gives the raster's cells (numpy read), strip by strip, block-aligned."""
    a, gt, _ = read_raster(POP)
    monkeypatch.setattr(pop, "MAX_BLOCK_CELLS", 300 * 638)  # 300 rows a strip -> 256 (the file's block rows)
    stream = pop.Prefetch(POP, unit=pop.PERSONS_PER_CELL, window=(10, 600, 5, 630), tally=True)
    strips = list(stream)
    stream.close()
    assert [s[0] for s in strips] == [10, 256, 512]  # after the first, strips start on block rows
    assert stream.starts.tolist() == [10, 256, 512, 600]
    got = np.concatenate([s[2] for s in strips])
    want = np.where(np.isfinite(a), a, 0.0)[10:600, 5:630]
    assert got.shape == want.shape and np.array_equal(got, want)
    assert stream.report().persons == pytest.approx(float(want.sum()), rel=1e-12)
    assert stream.report().cells == int(np.count_nonzero(want > 0))
    # stopped early, the thread ends; errors of the read are raised in the caller's thread
    early = pop.Prefetch(POP, window=(0, 649, 0, 638), max_bytes=1)
    next(iter(early))
    early.close()
    assert not early._thread.is_alive()
    neg = write_raster(tmp_path / "neg.tif", np.full((2, 2), -1.0), (0, 10, 0, 20, 0, -10))
    with pytest.raises(InputError, match="negative values"):
        list(pop.Prefetch(neg, unit=pop.PERSONS_PER_CELL))


def _tiff(path, values, gdt, options):
    h, w = values.shape
    ds = gdal.GetDriverByName("GTiff").Create(str(path), w, h, 1, gdt, options)
    ds.SetGeoTransform((500000.0, 10.0, 0.0, 9300000.0, 0.0, -10.0))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32748)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-99)
    band.WriteArray(values)
    ds = None
    return str(path)


@pytest.mark.parametrize("block_reads", [True, False])
@pytest.mark.parametrize("layout", [["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"], ["BLOCKYSIZE=7"]],
                         ids=["tiled", "striped"])
@pytest.mark.parametrize("gdt", [gdal.GDT_Float32, gdal.GDT_Int16, gdal.GDT_Float64],
                         ids=["float32", "int16", "float64"])
def test_strips_read_block_by_block_hold_the_cells_gdal_reads(monkeypatch, tmp_path, block_reads, layout, gdt):
    """Strips read with GDAL's ReadBlock (partial blocks at the right and bottom edges, a window whose
    edges are not block edges, tiled and striped files, three types) hold the cells of one plain
    GDAL read of the window (nodata as 0), the same as the strips read with ReadRaster."""
    rng = np.random.default_rng(11)
    values = rng.integers(0, 500, (203, 150)).astype(np.float64) + (0.25 if gdt != gdal.GDT_Int16 else 0.0)
    values[5, 20] = -99  # nodata
    path = _tiff(tmp_path / "blocks.tif", values, gdt, ["COMPRESS=LZW"] + layout)
    monkeypatch.setattr(pop, "BLOCK_READS", block_reads)
    monkeypatch.setattr(pop, "MAX_BLOCK_CELLS", 40 * 130)  # strips of 40 rows (32 or 35 on block rows)
    used = []
    call = pop._BlockReader.__call__

    def spy(self, *args):
        used.append(call(self, *args))
        return used[-1]

    monkeypatch.setattr(pop._BlockReader, "__call__", spy)
    window = (3, 190, 11, 141)
    strips = list(pop.iter_counts(path, unit=pop.PERSONS_PER_CELL, window=window))
    got = np.concatenate([s[2] for s in strips])
    ds = gdal.Open(path)
    want = ds.GetRasterBand(1).ReadAsArray(11, 3, 130, 187).astype(np.float64)
    want[want == -99] = 0.0
    assert got.shape == want.shape and np.array_equal(got, want)
    assert [s[0] for s in strips] == pop.strip_starts(path, window=window)[:-1].tolist()
    assert used == ([True] * len(strips) if block_reads else [])  # the blocks were read one by one
    if block_reads:  # and with a helper thread reading half of the block columns
        used.clear()
        monkeypatch.setattr(pop, "DECODE_THREADS", 2)
        again = np.concatenate([s[2] for s in pop.iter_counts(path, unit=pop.PERSONS_PER_CELL, window=window)])
        assert np.array_equal(again, want) and used == [True] * len(strips)
    stream = pop.Prefetch(path, unit=pop.PERSONS_PER_CELL, window=window, compact=True)
    compact = list(stream)
    stream.close()
    assert np.array_equal(np.concatenate([s[2] for s in compact]), want)
    assert compact[0][2].dtype == (np.float64 if gdt == gdal.GDT_Float64 else np.float32)
