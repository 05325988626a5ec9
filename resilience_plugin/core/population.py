"""The one way to read a population raster: persons per cell, whichever unit the raster holds.

Every analysis that counts people from a raster (overlay, exposure, coverage, suitability,
criticality) reads it here, so the same raster gives the same people everywhere.

Units
-----
:data:`PERSONS_PER_KM2` (a density, e.g. the sample ``population.tif``): each cell holds
``density x the cell's true area``. :data:`PERSONS_PER_CELL`: each cell holds its value.
A cell's true area is geodesic, on the raster's ellipsoid (:func:`cell_areas_km2`), for
geographic and projected rasters alike.

Public API
----------
``cell_areas_km2(info, rows)``
    Geodesic area (km²) of one cell of each row.
``iter_counts(path, *, band=1, unit=PERSONS_PER_KM2, window=None)``
    Persons per cell, strip by strip: ``(row0, col0, counts, valid)``.
``Prefetch(path, *, band=1, unit=PERSONS_PER_KM2, window=None, tally=False, compact=False)``
    :func:`iter_counts` read ahead in a background thread (GDAL and numpy release the GIL), so the
    reading overlaps the caller's work; ``strip_starts`` gives its strips (block-aligned);
    ``compact=True``: float32 where that holds the values exactly (the zonal sums).

GeoTIFFs are decoded in :data:`DECODE_THREADS` threads (GDAL's ``NUM_THREADS``); on two cores or fewer
(:data:`BLOCK_READS`) their blocks are read one by one instead (``ReadBlock`` into reused buffers, half
of each strip's block columns by a helper thread), which skips GDAL's block cache. A strip with no
nodata, no NaN and no mask is checked in two passes (its minimum and maximum).
``cell_counts(path, *, band=1, unit=PERSONS_PER_KM2, window=None, report=False)``
    The whole window at once: ``(counts, valid, info)`` (used by the zonal sums); with
    ``report=True`` a fourth item, the :class:`PopulationReport` of the window (same read).
``population_points(path, *, band=1, unit=PERSONS_PER_KM2, bounds=None, bounds_crs=None, target_crs=None)``
    One weighted point per populated cell (cell centre), with a :class:`PopulationReport`.
``population_report(path, *, band=1, unit=PERSONS_PER_KM2, bounds=None, bounds_crs=None)``
    Total persons, populated cells and the highest density read, and whether the numbers look like
    the other unit (:attr:`PopulationReport.unit_suspect`).

Example
-------
>>> from resilience_plugin.core import population as pop
>>> pts = pop.population_points("resources/sample_data/population.tif", unit=pop.PERSONS_PER_KM2,
...                             target_crs="EPSG:32748")
>>> round(pts.report.persons) == round(pts.persons.sum())
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterator, Optional

import numpy as np
import shapely
from osgeo import gdal
from pyproj import CRS, Geod, Transformer

from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel
from .raster import RasterInfo, cell_centres, open_raster

gdal.UseExceptions()

PERSONS_PER_CELL = 0
PERSONS_PER_KM2 = 1
UNITS = (PERSONS_PER_CELL, PERSONS_PER_KM2)
MAX_PLAUSIBLE_DENSITY = 100_000.0  # persons per km²: above this anywhere, the unit is probably wrong
MAX_BLOCK_CELLS = 4_000_000
DECODE_THREADS = min(4, os.cpu_count() or 1)  # GDAL threads decoding a GeoTIFF strip (its tiles at once)
# On two cores or fewer, GeoTIFF strips are read block by block instead (GDAL's ReadBlock into reused
# buffers, half of the block columns by a helper thread: no block cache): measured on the 2-core
# development machine, GDAL's own two decoding threads and its cache (fresh memory for every tile) took
# about 0.55 s of CPU for a 5000 x 5000 LZW float32 raster where the blocks one by one take 0.45 s,
# and more time.
BLOCK_READS = (os.cpu_count() or 1) <= 2

Window = tuple  # (row0, row1, col0, col1), cells, end exclusive


@dataclass
class PopulationReport:
    """What was read: ``persons`` (total), ``cells`` (populated cells), ``max_density_km2`` (highest
    persons per km² of a cell, after the unit is applied), ``unit`` as read."""

    unit: int
    persons: float
    cells: int
    max_density_km2: float

    @property
    def unit_suspect(self) -> bool:
        """True when some cell is denser than :data:`MAX_PLAUSIBLE_DENSITY` persons per km²: the
        raster probably holds the other unit (densities read as counts, or counts of large cells read
        as densities)."""
        return self.max_density_km2 > MAX_PLAUSIBLE_DENSITY


@dataclass
class PopulationPoints:
    """Demand points at the centres of populated cells.

    ``raster_points`` in the raster CRS, ``points`` in ``target_crs`` (the same when it is None),
    ``persons`` per point, ``report`` (:class:`PopulationReport`)."""

    raster_points: np.ndarray
    points: np.ndarray
    persons: np.ndarray
    report: PopulationReport


def check_unit(unit: int) -> int:
    """``unit`` if it is :data:`PERSONS_PER_CELL` or :data:`PERSONS_PER_KM2`, else an InputError."""
    if unit not in UNITS:
        raise InputError(
            QT_TRANSLATE_NOOP(
                "@default", "Unknown population mode {mode}: use 0 (persons per cell) or 1 (persons per km²)."
            ),
            mode=unit,
        )
    return int(unit)


def _geod(crs: Optional[CRS]) -> Geod:
    ell = crs.ellipsoid if crs is not None else None
    if ell is None:
        return Geod(ellps="WGS84")
    return (
        Geod(a=ell.semi_major_metre, rf=ell.inverse_flattening)
        if ell.inverse_flattening
        else Geod(a=ell.semi_major_metre, b=ell.semi_minor_metre)
    )


def cell_areas_km2(info: RasterInfo, rows) -> np.ndarray:
    """Geodesic area (km²) of one cell of each of ``rows`` (row indices of the full raster).

    Geographic rasters: every cell of a row has the same area, computed exactly on the raster's
    ellipsoid. Projected rasters: the corners of the row's middle cell are taken to longitude /
    latitude and the area of that quadrilateral is measured on the ellipsoid. Rasters without a CRS:
    the cell size in the raster's units, taken as metres.
    """
    rows = np.asarray(rows, dtype=np.int64)
    gt = info.geotransform
    crs = CRS.from_user_input(info.wkt) if info.wkt else None
    if crs is None:
        return np.full(len(rows), abs(gt[1] * gt[5]) / 1e6)
    geod = _geod(crs)
    ya = gt[3] + rows * gt[5]
    yb = ya + gt[5]
    if crs.is_geographic:
        xa, xb = np.zeros(len(rows)), np.full(len(rows), abs(gt[1]))
    else:
        lonlat = Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
        x0 = gt[0] + (info.width // 2) * gt[1]
        corners = [
            lonlat.transform(np.full(len(rows), x), y)
            for x, y in ((x0, ya), (x0 + gt[1], ya), (x0 + gt[1], yb), (x0, yb))
        ]
    out = np.empty(len(rows))
    for i in range(len(rows)):
        if crs.is_geographic:
            lons, lats = [xa[i], xb[i], xb[i], xa[i]], [ya[i], ya[i], yb[i], yb[i]]
        else:
            lons, lats = [c[0][i] for c in corners], [c[1][i] for c in corners]
        area, _ = geod.polygon_area_perimeter(lons, lats)
        out[i] = abs(area) / 1e6
    return out


def window_for(info: RasterInfo, bounds=None, bounds_crs=None) -> Window:
    """The cells ``(row0, row1, col0, col1)`` meeting ``bounds`` (xmin, ymin, xmax, ymax in
    ``bounds_crs``, the raster CRS when None); the whole raster when ``bounds`` is None."""
    if bounds is None:
        return 0, info.height, 0, info.width
    if bounds_crs is not None and info.wkt:
        rcrs = CRS.from_user_input(info.wkt)
        bcrs = CRS.from_user_input(bounds_crs)
        if bcrs != rcrs:
            to_raster = Transformer.from_crs(bcrs, rcrs, always_xy=True)
            bounds = to_raster.transform_bounds(bounds[0], bounds[1], bounds[2], bounds[3], densify_pts=21)
    gt = info.geotransform
    x0, y0, x1, y1 = bounds
    cols = sorted(((x0 - gt[0]) / gt[1], (x1 - gt[0]) / gt[1]))
    rows = sorted(((y0 - gt[3]) / gt[5], (y1 - gt[3]) / gt[5]))
    eps = 1e-6  # bounds on a cell edge (up to rounding) do not take in the neighbouring cells
    c0, c1 = max(int(np.floor(cols[0] + eps)), 0), min(int(np.ceil(cols[1] - eps)), info.width)
    r0, r1 = max(int(np.floor(rows[0] + eps)), 0), min(int(np.ceil(rows[1] - eps)), info.height)
    return r0, max(r1, r0), c0, max(c1, c0)


def strip_starts(path, *, band: int = 1, window: Optional[Window] = None) -> np.ndarray:
    """First row of every strip :func:`iter_counts` yields for ``window``, then ``row1`` (so strip
    ``k`` holds rows ``starts[k] .. starts[k + 1] - 1``). Strips hold at most :data:`MAX_BLOCK_CELLS`
    cells and, where that fits, whole rows of the file's blocks (no block is decoded twice)."""
    ds, info = open_raster(path, band)
    r0, r1, c0, c1 = window if window is not None else (0, info.height, 0, info.width)
    step = max(1, MAX_BLOCK_CELLS // max(c1 - c0, 1))
    block_rows = int(ds.GetRasterBand(band).GetBlockSize()[1])
    if 1 < block_rows <= step:
        step -= step % block_rows
        first = (r0 // step + 1) * step  # the strips after the first start on block rows
        return np.r_[r0, np.arange(first, r1, step), r1].astype(np.int64) if r1 > r0 else np.zeros(1, np.int64) + r0
    return np.r_[np.arange(r0, r1, step), r1].astype(np.int64) if r1 > r0 else np.zeros(1, np.int64) + r0


def iter_counts(
    path, *, band: int = 1, unit: int = PERSONS_PER_KM2, window: Optional[Window] = None, feedback=None
) -> Iterator[tuple]:
    """Persons per cell of ``window``, strip by strip (:func:`strip_starts`): yields ``(row0, col0,
    counts, valid)``.

    ``row0`` / ``col0`` are the strip's first cell in the full raster; ``counts`` are float64
    persons per cell (0 where ``valid`` is False: nodata, masked or not finite). Negative values are
    an InputError. The read itself releases the GIL (see :class:`Prefetch`).
    """
    return _strips(path, band, unit, window, feedback, compact=False)


def _open_decoding(path, band):
    """``open_raster``, a GeoTIFF with :data:`DECODE_THREADS` decoding threads (none with
    :data:`BLOCK_READS`: its blocks are read one by one, see :class:`_BlockReader`)."""
    ds, info = open_raster(path, band)
    if DECODE_THREADS > 1 and not BLOCK_READS and ds.GetDriver().ShortName == "GTiff":
        ds = gdal.OpenEx(str(path), gdal.OF_RASTER, open_options=[f"NUM_THREADS={DECODE_THREADS}"])
    return ds, info


# GDAL types whose every value a float32 holds exactly
_FLOAT32_EXACT = {gdal.GDT_Byte, gdal.GDT_UInt16, gdal.GDT_Int16, gdal.GDT_Float32}


def _strips(path, band, unit, window, feedback, compact):
    """:func:`iter_counts`; ``compact=True``: persons per cell of a raster whose values a float32 holds
    exactly stay float32 (the same numbers in half the memory); densities are always float64."""
    unit = check_unit(unit)
    ds, info = _open_decoding(path, band)
    r0, r1, c0, c1 = window if window is not None else (0, info.height, 0, info.width)
    if r1 <= r0 or c1 <= c0:
        return
    b = ds.GetRasterBand(band)
    nodata = b.GetNoDataValue()
    flags = b.GetMaskFlags()
    use_mask = not (flags & gdal.GMF_ALL_VALID) and not (flags & gdal.GMF_NODATA)
    small = compact and unit == PERSONS_PER_CELL and b.DataType in _FLOAT32_EXACT
    dtype, gdt = (np.float32, gdal.GDT_Float32) if small else (np.float64, gdal.GDT_Float64)
    bounds = [int(s) for s in strip_starts(path, band=band, window=(r0, r1, c0, c1))]
    read = _BlockReader.make(ds, path, band, info, min(DECODE_THREADS, 2)) if BLOCK_READS else None
    try:
        for row0, row1 in zip(bounds[:-1], bounds[1:]):
            check_cancel(feedback)
            n = row1 - row0
            values = np.empty((n, c1 - c0), dtype=dtype)
            if read is None or not read(c0, row0, values):
                b.ReadRaster(c0, row0, c1 - c0, n, buf_type=gdt, buf_obj=values)
            mask = b.GetMaskBand().ReadAsArray(c0, row0, c1 - c0, n) > 0 if use_mask else None
            valid = _clean(values, nodata, mask)
            if unit == PERSONS_PER_KM2:
                values *= cell_areas_km2(info, np.arange(row0, row0 + n))[:, None]
            yield row0, c0, values, valid
    finally:
        if read is not None:
            read.close()


class _BlockReader:
    """``reader(col0, row0, out) -> bool`` fills ``out`` with the cells from ``(row0, col0)`` of a GeoTIFF
    band, block by block (``ReadBlock`` into a reused buffer, then copied, converted to ``out``'s type);
    False (nothing trusted) when a block cannot be read that way, so the caller reads the strip with
    ``ReadRaster``. With ``threads=2`` a helper thread with a dataset of its own reads half of the block
    columns (GDAL releases the GIL while it decodes). :meth:`make` returns None where it does not apply
    (other drivers, types numpy does not hold); :meth:`close` stops the helper."""

    def __init__(self, path, band_no, band, info, np_type, threads):
        self.path, self.band_no, self.band, self.np_type = str(path), band_no, band, np_type
        self.bx, self.by = (int(v) for v in band.GetBlockSize())
        self.width, self.height = info.width, info.height
        self.tile = np.empty((self.by, self.bx), dtype=np_type)
        self._pool = None
        if threads > 1:
            import threading
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="population-blocks")
            self._local = threading.local()

    @classmethod
    def make(cls, ds, path, band_no, info, threads):
        if ds.GetDriver().ShortName != "GTiff":
            return None
        from osgeo import gdal_array

        band = ds.GetRasterBand(band_no)
        try:
            np_type = gdal_array.GDALTypeCodeToNumericTypeCode(band.DataType)
        except (AttributeError, KeyError, TypeError):
            np_type = None
        bx, by = (int(v) for v in band.GetBlockSize())
        if np_type is None or np.dtype(np_type).kind not in "iuf" or bx <= 0 or by <= 0:
            return None
        return cls(path, band_no, band, info, np_type, threads)

    def _helper_band(self):
        """The helper thread's own dataset and buffer (GDAL datasets are not shared between threads)."""
        if getattr(self._local, "band", None) is None:
            self._local.ds = gdal.Open(self.path)
            self._local.band = self._local.ds.GetRasterBand(self.band_no)
            self._local.tile = np.empty((self.by, self.bx), dtype=self.np_type)
        return self._local.band, self._local.tile

    def _part(self, band, tile, col0, row0, out, xbs):
        n, w = out.shape
        bx, by = self.bx, self.by
        try:
            for yb in range(row0 // by, (row0 + n - 1) // by + 1):
                ya, ye = max(yb * by, row0), min((yb + 1) * by, row0 + n, self.height)
                for xb in xbs:
                    xa, xe = max(xb * bx, col0), min((xb + 1) * bx, col0 + w, self.width)
                    band.ReadBlock(xb, yb, buf_obj=tile)
                    ty, tx = yb * by, xb * bx
                    out[ya - row0:ye - row0, xa - col0:xe - col0] = tile[ya - ty:ye - ty, xa - tx:xe - tx]
        except (RuntimeError, TypeError, ValueError):  # e.g. bindings without buf_obj: the plain read
            return False
        return True

    def __call__(self, col0, row0, out):
        xbs = list(range(col0 // self.bx, (col0 + out.shape[1] - 1) // self.bx + 1))
        if self._pool is None or len(xbs) < 2:
            return self._part(self.band, self.tile, col0, row0, out, xbs)
        half = len(xbs) // 2
        other = self._pool.submit(lambda: self._part(*self._helper_band(), col0, row0, out, xbs[:half]))
        mine = self._part(self.band, self.tile, col0, row0, out, xbs[half:])
        return other.result() and mine

    def close(self):
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def _clean(values, nodata, mask):
    """Set nodata, masked and non-finite cells of ``values`` to 0 in place; returns the valid cells.
    Negative values are an InputError. A strip whose minimum and maximum are finite, with no mask and
    the nodata value outside that range, is valid as it is (two passes instead of five)."""
    lo, hi = values.min(), values.max()  # NaN anywhere makes them NaN
    if mask is None and np.isfinite(lo) and np.isfinite(hi) and not (nodata is not None and lo <= nodata <= hi):
        valid = np.ones(values.shape, dtype=bool)
    else:
        valid = np.isfinite(values)
        if nodata is not None and np.isfinite(nodata):
            valid &= values != nodata
        if mask is not None:
            valid &= mask
        np.copyto(values, 0.0, where=~valid)
        lo = values.min()
    if lo < 0:
        raise InputError(
            QT_TRANSLATE_NOOP("@default", "The population raster holds negative values: set them to nodata or 0 first.")
        )
    return valid


class Prefetch:
    """:func:`iter_counts` read ahead in one background thread, while the caller computes.

    Iterate it like :func:`iter_counts` (same strips, same values). GDAL reads and numpy cleans
    without holding the GIL, so on two cores the reading and the caller's work overlap. At most
    ``max_bytes`` of strips wait in memory (at least two strips). ``tally=True``: the thread also
    tallies the :class:`PopulationReport` of the window (``report()`` after the last strip).
    ``close()`` stops the thread early (also when the caller fails); errors of the read (negative
    values, I/O) are raised in the caller's thread, at the strip where they happened.

    ``compact=True``: persons per cell of a raster whose values a float32 holds exactly come as
    float32 (the same numbers in half the memory; the zonal sums add them up in float64).
    """

    def __init__(self, path, *, band: int = 1, unit: int = PERSONS_PER_KM2, window: Optional[Window] = None,
                 tally: bool = False, max_bytes: int = 256 * 2**20, compact: bool = False):
        import queue
        import threading

        unit = check_unit(unit)
        _, self.info = open_raster(path, band)
        self.window = window if window is not None else (0, self.info.height, 0, self.info.width)
        self.starts = strip_starts(path, band=band, window=self.window)
        r0, r1, c0, c1 = self.window
        strip_bytes = (5 if compact else 9) * max(c1 - c0, 1) * max(int(np.diff(self.starts).max(initial=1)), 1)
        self._queue: queue.Queue = queue.Queue(maxsize=max(2, int(max_bytes // strip_bytes)))
        self._stop = threading.Event()
        self._tally = Tally(self.info, unit) if tally else None
        self._args = dict(band=band, unit=unit, window=self.window)
        self._path = path
        self.compact = compact
        self._thread = threading.Thread(target=self._run, name="population-prefetch", daemon=True)
        self._thread.start()

    def _put(self, item, into=None):
        """Put ``item`` on ``into`` (default: the strips' queue) unless the thread is stopped first."""
        import queue

        into = self._queue if into is None else into
        while not self._stop.is_set():
            try:
                into.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self):
        try:
            a = self._args
            strips = _strips(self._path, a["band"], a["unit"], a["window"], None, compact=self.compact)
            try:
                for item in strips:
                    if self._tally is not None:
                        self._tally.add(item[0], item[2])
                    if not self._put(item):
                        return
            finally:
                strips.close()  # its block reader's helper thread too
            self._put(None)
        except Exception as err:  # noqa: BLE001 (any failure of the read is raised in the caller's thread)
            self._put(err)

    def __iter__(self):
        return self._drain(self._queue)

    def _drain(self, source):
        """The items of ``source`` up to the end marker (None); an error item stops the thread and is raised."""
        while True:
            item = source.get()
            if item is None:
                return
            if isinstance(item, Exception):
                self.close()
                raise item
            yield item

    def report(self):
        return self._tally.report() if self._tally is not None else None

    def close(self):
        self._stop.set()
        self._thread.join()


def cell_counts(
    path, *, band: int = 1, unit: int = PERSONS_PER_KM2, window: Optional[Window] = None, feedback=None, report=False
):
    """``(counts, valid, info)``: persons in every cell of ``window`` (the whole raster by default);
    ``report=True`` adds the window's :class:`PopulationReport`, tallied from the same read."""
    _, info = open_raster(path, band)
    r0, r1, c0, c1 = window if window is not None else (0, info.height, 0, info.width)
    shape = (max(r1 - r0, 0), max(c1 - c0, 0))
    counts, valid = np.zeros(shape), np.zeros(shape, dtype=bool)
    tally = Tally(info, check_unit(unit)) if report else None
    for row0, _c0, vals, ok in iter_counts(path, band=band, unit=unit, window=(r0, r1, c0, c1), feedback=feedback):
        counts[row0 - r0 : row0 - r0 + len(vals)] = vals
        valid[row0 - r0 : row0 - r0 + len(vals)] = ok
        if tally is not None:
            tally.add(row0, vals)
    if tally is not None:
        return counts, valid, info, tally.report()
    return counts, valid, info


class Tally:
    """Running totals for a :class:`PopulationReport`: ``add(row0, counts)`` per strip of
    :func:`iter_counts`, then ``report()``."""

    def __init__(self, info, unit):
        self.info, self.unit = info, unit
        self.persons, self.cells, self.max_density = 0.0, 0, 0.0
        self._areas = None  # cell area of every row of the raster, computed once

    def add(self, row0, counts):
        self.persons += float(counts.sum(dtype=np.float64))  # float64 also for float32 strips
        populated = int(np.count_nonzero(counts != 0))  # counts are >= 0: non-zero = populated (a bool count is faster)
        self.cells += populated
        if populated:
            if self._areas is None:
                self._areas = cell_areas_km2(self.info, np.arange(self.info.height))
            area = self._areas[row0 : row0 + len(counts)]
            self.max_density = max(self.max_density, float((counts.max(axis=1) / area).max()))

    def report(self):
        return PopulationReport(self.unit, self.persons, self.cells, self.max_density)


def population_report(
    path, *, band: int = 1, unit: int = PERSONS_PER_KM2, bounds=None, bounds_crs=None, feedback=None
) -> PopulationReport:
    """Persons, populated cells and the highest density of the cells meeting ``bounds``."""
    _, info = open_raster(path, band)
    tally = Tally(info, check_unit(unit))
    for row0, _c0, counts, _ok in iter_counts(
        path, band=band, unit=unit, window=window_for(info, bounds, bounds_crs), feedback=feedback
    ):
        tally.add(row0, counts)
    return tally.report()


def population_points(
    path, *, band: int = 1, unit: int = PERSONS_PER_KM2, bounds=None, bounds_crs=None, target_crs=None, feedback=None
) -> PopulationPoints:
    """One point per populated cell (value > 0) of the cells meeting ``bounds``, at the cell centre.

    ``bounds`` / ``bounds_crs`` as in :func:`window_for`; ``target_crs``: CRS of
    :attr:`PopulationPoints.points` (anything pyproj reads; None = the raster CRS).
    """
    _, info = open_raster(path, band)
    if not info.wkt and (target_crs is not None or bounds_crs is not None):
        raise InputError(
            QT_TRANSLATE_NOOP("@default", "The raster {path} has no coordinate reference system."), path=path
        )
    tally = Tally(info, check_unit(unit))
    xs, ys, persons = [], [], []
    for row0, col0, counts, _ok in iter_counts(
        path, band=band, unit=unit, window=window_for(info, bounds, bounds_crs), feedback=feedback
    ):
        tally.add(row0, counts)
        r, c = np.nonzero(counts > 0)
        x, y = cell_centres(info, r + row0, c + col0)
        xs.append(x)
        ys.append(y)
        persons.append(counts[r, c])
    x = np.concatenate(xs) if xs else np.zeros(0)
    y = np.concatenate(ys) if ys else np.zeros(0)
    raster_pts = shapely.points(x, y) if len(x) else np.zeros(0, dtype=object)
    pts = raster_pts
    if target_crs is not None and len(x):
        rcrs, tcrs = CRS.from_user_input(info.wkt), CRS.from_user_input(target_crs)
        if rcrs != tcrs:
            mx, my = Transformer.from_crs(rcrs, tcrs, always_xy=True).transform(x, y)
            pts = shapely.points(np.asarray(mx), np.asarray(my))
    return PopulationPoints(raster_pts, pts, np.concatenate(persons) if persons else np.zeros(0), tally.report())
