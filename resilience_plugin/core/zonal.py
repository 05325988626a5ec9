"""Raster totals per polygon: exact for whole cells, split by area for cells on a boundary.

The typical use is population: how many persons live in each admin unit, each unit x hazard level
piece or each service area. A cell that lies wholly inside a polygon counts fully; a cell that the
polygon's boundary crosses counts with the share of the cell's area that lies inside. So the totals
of polygons that partition an area add up to the raster total over that area, and nothing is
counted twice or lost at boundaries.

Public API
----------
``zonal_sums(polygons, polygons_crs, raster, band=1, mode=PERSONS_PER_KM2, classes=None,
n_classes=1, disjoint=False, feedback=None, report=False, stream=None) -> ZonalResult``
    ``polygons``: shapely array (they may overlap: overlapping polygons each get their own share).
    ``mode``: :data:`PERSONS_PER_KM2` (cell values are densities; each cell's count is density x
    the cell's geodesic area) or :data:`PERSONS_PER_CELL` (cell values are counts); the raster is
    read by :mod:`population`, the one population reader.
    ``classes``: optional int grid with the raster's shape (``-1`` = ignore), or a function
    ``f(row0, row1, col0, col1)`` giving its blocks (asked strip by strip, so no full-size grid); the
    sums are then split by class (e.g. hazard level of each cell). Returns ``ZonalResult.sums`` with
    shape ``(len(polygons), n_classes)``.
``prefetch(polygons, polygons_crs, raster, band=1, mode=PERSONS_PER_KM2, report=False)``
    Starts reading the raster window of ``polygons`` in a second thread, and computing their exact
    boundary coverage in a third; pass it as ``stream=`` to a later ``zonal_sums`` of polygons inside
    them (e.g. the unit x level pieces of those units), so the reading overlaps the caller's geometry
    work. When the last polygons given to ``zonal_sums`` are those polygons (the same coordinates, e.g.
    the pieces followed by the units), their coverage is taken from the stream.
``raster_total(raster, band=1, mode=PERSONS_PER_KM2)``
    The persons of the whole raster.

``boundary_coverage(polygons, geotransform) -> (poly, rows, cols, fraction)``
    Exact share of every cell a polygon's rings pass through (north-up grids), without overlays.
``robust(op, a, b)``
    A vectorised shapely set operation that falls back to snap-rounding on GEOS robustness errors.

How it works (vectorised, no per-cell Python loop): the polygons are split into layers of
non-overlapping polygons; each layer is burnt into a label grid (cell centre rule). Every ring is
cut at the cell edges and the area of the polygon inside each cell it crosses follows from Green's
theorem (``boundary_coverage``). Cells no ring crosses are whole: summed with ``np.bincount`` from
the labels. A crossed cell that lies wholly in another polygon (whose ring only runs along its edge)
is found by a point-in-polygon test of its centre. North-up grids (with or without classes) are
streamed instead: the raster is read once, strip by strip, in a second thread (GeoTIFFs decoded by
several GDAL threads, or block by block on two cores, see :mod:`population`); boundary cells take their exact share (the rings' geometry shared by
:data:`COVER_THREADS` threads) and the whole cells come as horizontal runs between boundary cells,
each summed in one pass over the strip (``np.add.reduceat``, once per class present), so nothing is
rasterised and no grid is copied. Every computation is in the raster's CRS;
polygons are reprojected (and repaired) first. South-up grids use shapely overlays per cell instead.
"""

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import shapely
from osgeo import gdal, ogr, osr
from pyproj import CRS

from . import geometry as geo
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel
from .population import (  # noqa: F401 (re-exported)
    MAX_BLOCK_CELLS,
    PERSONS_PER_CELL,
    PERSONS_PER_KM2,
    Prefetch,
    Tally,
    cell_counts,
    check_unit,
    iter_counts,
)
from .raster import open_raster

gdal.UseExceptions()
ogr.UseExceptions()

TILE = 16  # boundary cells are handled in tiles of TILE x TILE cells
STEP = 200_000  # boundary cells per batch
COVER_BATCH = 250_000  # boundary cells (estimated) per batch of polygons in the exact coverage
# threads sharing the batches of the exact coverage: one core is left to the raster's read-ahead thread
# (on two cores, a second coverage thread cost CPU time and gained no time when the machine was busy)
COVER_THREADS = max(1, min(4, (os.cpu_count() or 1) - 1))
STREAM_CLASSES = True  # north-up grids with classes take the streamed path (False: the label-grid path)



@dataclass
class ZonalResult:
    """``sums[i, k]``: total of polygon ``i`` in class ``k``; ``whole_cells`` / ``split_cells``:
    how many (cell, polygon) contributions were whole cells / area-split boundary cells."""

    sums: np.ndarray
    whole_cells: int
    split_cells: int
    raster_crs: object
    report: object = None  # population.PopulationReport of the window read (``report=True``), else None


def raster_window(info, bounds):
    """``(row0, row1, col0, col1)`` of the cells meeting ``bounds`` (in the raster CRS), clipped."""
    gt = info.geotransform
    x0, y0, x1, y1 = bounds
    c0 = int(np.floor((x0 - gt[0]) / gt[1]))
    c1 = int(np.ceil((x1 - gt[0]) / gt[1]))
    if gt[5] < 0:
        r0 = int(np.floor((y1 - gt[3]) / gt[5]))
        r1 = int(np.ceil((y0 - gt[3]) / gt[5]))
    else:
        r0 = int(np.floor((y0 - gt[3]) / gt[5]))
        r1 = int(np.ceil((y1 - gt[3]) / gt[5]))
    r0, c0 = max(r0, 0), max(c0, 0)
    r1, c1 = min(r1, info.height), min(c1, info.width)
    return r0, max(r1, r0), c0, max(c1, c0)


def cell_boxes(info, rows, cols):
    """Shapely boxes of cells ``(rows, cols)`` in the raster CRS."""
    gt = info.geotransform
    xa = gt[0] + np.asarray(cols) * gt[1]
    ya = gt[3] + np.asarray(rows) * gt[5]
    xb, yb = xa + gt[1], ya + gt[5]
    return shapely.box(np.minimum(xa, xb), np.minimum(ya, yb), np.maximum(xa, xb), np.maximum(ya, yb))


def _span_boxes(info, row0, row1, col0, col1):
    """Boxes spanning cell rows ``row0..row1-1`` and columns ``col0..col1-1`` (arrays)."""
    gt = info.geotransform
    xa, xb = gt[0] + np.asarray(col0) * gt[1], gt[0] + np.asarray(col1) * gt[1]
    ya, yb = gt[3] + np.asarray(row0) * gt[5], gt[3] + np.asarray(row1) * gt[5]
    return shapely.box(np.minimum(xa, xb), np.minimum(ya, yb), np.maximum(xa, xb), np.maximum(ya, yb))


def robust(op, a, b, grid_size=None):
    """``op(a, b)`` (a shapely set operation, vectorised); on a GEOS robustness error it is redone
    with snap-rounding on a fine grid (``grid_size``, default 1e-9 of the data's extent), which never
    fails. Use it for intersection / difference of many pairs."""
    try:
        return op(a, b)
    except shapely.errors.GEOSException:
        if grid_size is None:
            bounds = shapely.total_bounds(np.concatenate([np.atleast_1d(a), np.atleast_1d(b)]).astype(object))
            span = max(float(np.nanmax(np.abs(bounds))) if np.all(np.isfinite(bounds)) else 1.0, 1.0)
            grid_size = span * 1e-9
        # fixed-precision overlay refuses mixed-dimension collections: keep their polygons
        a = geo.polygonal_part(np.atleast_1d(np.asarray(a, dtype=object))) if np.ndim(a) else geo.polygonal_part(np.array([a], dtype=object))[0]
        b = geo.polygonal_part(np.atleast_1d(np.asarray(b, dtype=object))) if np.ndim(b) else geo.polygonal_part(np.array([b], dtype=object))[0]
        return op(a, b, grid_size=grid_size)


def repair_polygons(geoms):
    """Valid polygonal geometries (see :func:`geometry.repair`: 'structure' method, polygons only)."""
    return geo.repair(np.asarray(geoms, dtype=object))[0]


def non_overlapping_layers(polygons, disjoint=False):
    """Split polygon indices into layers whose polygons do not overlap (greedy colouring).

    Polygons that only touch along edges share a layer. Returns a list of index arrays.
    ``disjoint=True`` skips the check (the caller knows the polygons do not overlap).
    """
    polygons = np.asarray(polygons, dtype=object)
    n = len(polygons)
    if n == 0:
        return []
    if disjoint:
        return [np.arange(n)]
    tree = shapely.STRtree(polygons)
    a, b = tree.query(polygons, predicate="intersects")
    keep = a < b
    a, b = a[keep], b[keep]
    if len(a):
        try:
            over = shapely.relate_pattern(polygons[a], polygons[b], "T********")
        except shapely.errors.GEOSException:  # robust fallback: a shared area that is not a sliver
            shared = shapely.area(shapely.intersection(polygons[a], polygons[b]))
            small = np.minimum(shapely.area(polygons[a]), shapely.area(polygons[b]))
            over = shared > 1e-9 * small
        a, b = a[over], b[over]
    if len(a) == 0:
        return [np.arange(n)]
    colour = np.zeros(n, dtype=np.int64)
    neighbours = {}
    for i, j in zip(a.tolist(), b.tolist()):
        neighbours.setdefault(j, []).append(i)
    for j in sorted(neighbours):  # only the polygons that overlap an earlier one are recoloured
        used = {int(colour[i]) for i in neighbours[j]}
        c = 0
        while c in used:
            c += 1
        colour[j] = c
    return [np.flatnonzero(colour == c) for c in range(int(colour.max()) + 1)]


def _burn(shape, gt_window, wkt, geoms, values, all_touched, dtype):
    """Rasterise shapely ``geoms`` burning ``values`` into a new grid of ``shape``."""
    h, w = shape
    gdal_type = gdal.GDT_Int32 if dtype == np.int32 else gdal.GDT_Byte
    target = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal_type)
    target.SetGeoTransform(gt_window)
    srs = osr.SpatialReference()
    if wkt:
        srs.ImportFromWkt(wkt)
        target.SetProjection(wkt)
    src = ogr.GetDriverByName("Memory").CreateDataSource("burn")
    layer = src.CreateLayer("g", srs=srs if wkt else None, geom_type=ogr.wkbUnknown)
    layer.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    defn = layer.GetLayerDefn()
    wkbs = shapely.to_wkb(geoms)
    for wkb, v in zip(wkbs, values.tolist()):
        f = ogr.Feature(defn)
        f.SetField(0, int(v))
        f.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        layer.CreateFeature(f)
    options = ["ATTRIBUTE=v"] + (["ALL_TOUCHED=TRUE"] if all_touched else [])
    gdal.RasterizeLayer(target, [1], layer, options=options)
    return target.GetRasterBand(1).ReadAsArray().astype(dtype, copy=False)


def boundary_coverage(polygons, geotransform):
    """Exact share of each boundary cell covered by each polygon (vectorised, no overlay).

    ``polygons``: shapely polygons in the raster CRS; ``geotransform``: north-up (``gt[5] < 0``).
    Every ring edge is cut at the cell edges; by Green's theorem the area of polygon p in cell
    (r, c) is ``-(h * sum of dx of p's pieces in column c above row r + sum of (y - y_bottom) dx of
    its pieces in that cell)`` with exteriors counter-clockwise and holes clockwise.
    Returns ``(poly, rows, cols, fraction)`` for every cell a ring passes through (rows/cols may lie
    outside the raster; fractions in [0, 1]).
    """
    return _cover(polygons, geotransform, False)


def _cover(polygons, geotransform, runs, transpose=False):
    """:func:`boundary_coverage`; with ``runs=True`` also the whole cells of each polygon, as vertical
    runs ``(poly, col, row0, row1)`` (rows ``row0 .. row1 - 1`` of column ``col`` lie wholly inside
    ``poly``): below a boundary cell, down to the polygon's next boundary cell in that column, the
    cells are inside exactly when the pieces above (Green's sum) cover a full cell width.

    ``transpose=True``: the same on the grid's transpose (coordinates ``(x, y) -> (-y, -x)``, which
    keeps areas and turns rows into columns), so the runs are horizontal, ``(poly, row, col0, col1)``
    (columns ``col0 .. col1 - 1`` of row ``row``): contiguous in a strip read row by row. The boundary
    cells come back as ``(poly, rows, cols, fraction)`` of the grid itself either way.

    Polygons are taken in batches of about :data:`COVER_BATCH` boundary cells (estimated from their
    perimeter), shared by :data:`COVER_THREADS` threads, so the temporary arrays stay small."""
    polygons = np.asarray(polygons, dtype=object)
    gt = geotransform
    if transpose:
        gt = (-gt[3], -gt[5], 0.0, -gt[0], 0.0, -gt[1])
    cell = min(abs(gt[1]), abs(gt[5]))
    estimate = np.nan_to_num(shapely.length(polygons)) / cell * 2 + shapely.get_num_coordinates(polygons)
    cuts = np.searchsorted(np.cumsum(estimate), np.arange(COVER_BATCH, estimate.sum(), COVER_BATCH))
    bounds = np.unique(np.r_[0, cuts, len(polygons)])
    jobs = list(zip(bounds[:-1].tolist(), bounds[1:].tolist()))
    if len(jobs) <= 1:
        done = [_cover_batch(polygons, gt, runs, transpose)]
        jobs = [(0, len(polygons))]
    elif COVER_THREADS <= 1:
        done = [_cover_batch(polygons[a:b], gt, runs, transpose) for a, b in jobs]
    else:
        with ThreadPoolExecutor(max_workers=COVER_THREADS) as pool:  # numpy and shapely release the GIL
            done = list(pool.map(lambda ab: _cover_batch(polygons[ab[0]:ab[1]], gt, runs, transpose), jobs))
    parts = []
    for (a, _b), batch in zip(jobs, done):
        part = list(batch)
        part[0] = part[0] + a
        if transpose:  # back to the grid's rows and columns
            part[1], part[2] = part[2], part[1]
        if runs:
            part[4] = (part[4][0] + a,) + tuple(part[4][1:])
        parts.append(part)
    if len(parts) == 1:
        return tuple(parts[0])
    out = [np.concatenate([p[i] for p in parts]) for i in range(4)]
    if runs:
        out.append(tuple(np.concatenate([p[4][i] for p in parts]) for i in range(4)))
    return tuple(out)


def _cover_batch(polygons, geotransform, runs, transpose=False):
    """:func:`_cover` on one batch of polygons (``geotransform`` already transposed if ``transpose``)."""
    gt = geotransform
    rings, owner, hole = _rings(np.asarray(polygons, dtype=object))
    coords, cidx = shapely.get_coordinates(rings, return_index=True)
    if transpose:
        coords = -coords[:, ::-1]
    same = cidx[1:] == cidx[:-1]
    a, b = coords[:-1][same], coords[1:][same]
    seg_ring = cidx[:-1][same]
    seg_poly = owner[seg_ring]
    # Ring orientation without reorienting geometries (shapely.orient_polygons is a Python loop per
    # polygon before GEOS 3.12): GEOS says whether each ring runs counter-clockwise (the transpose
    # mirrors the plane, so it turns them round); a ring the wrong way round has its pieces' areas negated.
    ccw = shapely.is_ccw(rings) != transpose
    flip = np.where(ccw == hole, -1.0, 1.0)[seg_ring]  # exteriors must run ccw, holes cw
    ua, va = (a[:, 0] - gt[0]) / gt[1], (a[:, 1] - gt[3]) / gt[5]
    ub, vb = (b[:, 0] - gt[0]) / gt[1], (b[:, 1] - gt[3]) / gt[5]
    # Cut every segment at the vertical cell edges, then each part at the horizontal ones: the cut
    # parameters come out in order along the segment (no sort); ``s_`` / ``t0`` / ``t1``: the
    # segment and parameter range of every piece, each piece inside one cell.
    s_, t0, t1 = _cut(np.arange(len(a)), np.zeros(len(a)), np.ones(len(a)), ua, ub)
    s_, t0, t1 = _cut(s_, t0, t1, va, vb)
    seg_dx = (b[:, 0] - a[:, 0]) * flip  # per segment, then per piece (fewer gathers)
    dx = seg_dx[s_] * (t1 - t0)
    tm = 0.5 * (t0 + t1)
    cols = np.floor(ua[s_] + tm * (ub - ua)[s_]).astype(np.int64)
    vm = va[s_] + tm * (vb - va)[s_]
    rows = np.floor(vm).astype(np.int64)
    h = abs(gt[5])
    tri = ((vm - rows - 1) * gt[5]) * dx  # (y of the piece's middle - y of its cell's bottom) x dx
    poly = seg_poly[s_]
    # aggregate per (poly, col, row), rows ascending = from the top down (one int64 key: one sort)
    if len(poly):
        rmin, cmin = rows.min(), cols.min()
        nr, nc = rows.max() - rmin + 1, cols.max() - cmin + 1
        k_cell = (poly.astype(np.int64) * nc + (cols - cmin)) * nr + (rows - rmin)
        k_cell, key = _sort_keys(k_cell)
    else:
        key = k_cell = np.zeros(0, dtype=np.int64)
        rmin = cmin = nr = 0
    dx, tri = dx[key], tri[key]
    new = np.r_[True, k_cell[1:] != k_cell[:-1]]
    grp = np.cumsum(new) - 1
    d = np.bincount(grp, weights=dx)
    tr_ = np.bincount(grp, weights=tri)
    gk, gr = np.divmod(k_cell[new], max(int(nr), 1))  # the cells' (poly, col) key and row
    gp, gc = np.divmod(gk, max(int(nc), 1)) if len(gk) else (gk, gk)
    gr, gc = gr + rmin, gc + cmin
    col_start = np.r_[True, gk[1:] != gk[:-1]]
    cum = np.cumsum(d)
    start_cum = np.maximum.accumulate(np.where(col_start, cum - d, -np.inf))
    above = cum - d - start_cum  # dx of the pieces in the same column, rows above
    area = -(h * above + tr_)
    frac = np.clip(area / (h * abs(gt[1])), 0.0, 1.0)
    if not runs:
        return gp, gr, gc, frac
    same_next = np.r_[~col_start[1:], False]  # the next boundary cell is the same polygon's, same column
    full = -(cum - start_cum) > 0.5 * abs(gt[1])  # the pieces down to this cell's bottom span the column
    sel = np.flatnonzero(same_next & full)
    ra, rb = gr[sel] + 1, gr[np.minimum(sel + 1, len(gr) - 1)]
    keep = rb > ra
    sel = sel[keep]
    return gp, gr, gc, frac, (gp[sel], gc[sel], ra[keep], rb[keep])


def _sort_keys(keys):
    """``(sorted keys, order)`` of non-negative int64 ``keys``: one sort of the keys with their index packed
    in the low bits where they fit (cheaper than ``argsort`` and equal keys stay in order), else argsort."""
    n = len(keys)
    bits = max(int(n - 1).bit_length(), 1)
    top = int(keys.max()) if n else 0
    if top < (1 << (62 - bits)):
        packed = np.sort((keys << bits) | np.arange(n, dtype=np.int64))
        return packed >> bits, packed & ((1 << bits) - 1)
    order = np.argsort(keys, kind="stable")
    return keys[order], order


def _cut(seg, t0, t1, p0, p1):
    """Split the parameter ranges ``[t0, t1]`` of segments ``seg`` (coordinate ``p0 -> p1`` in cell
    units along one axis) where the coordinate crosses an integer (a cell edge). Returns the pieces
    ``(seg, t0, t1)`` in order along each segment; empty pieces are dropped."""
    a0 = p0[seg]
    span = p1[seg] - a0
    q0, q1 = a0 + t0 * span, a0 + t1 * span
    f0 = np.floor(q0)
    k = np.abs(np.floor(q1) - f0).astype(np.int64)  # edges crossed inside the range
    n = k + 1  # pieces per range
    first_piece = np.cumsum(n) - n
    owner = np.repeat(np.arange(len(seg)), n)
    j = np.arange(len(owner)) - first_piece[owner]  # piece number within its range
    up = q1 >= q0
    with np.errstate(divide="ignore", invalid="ignore"):
        # the j-th edge crossed is at coordinate base + sign * j: parameter (base - a0) / span + j * sign / span
        c0 = (np.where(up, f0 + 1, f0) - a0) / span
        c1 = np.where(up, 1.0, -1.0) / span
        end = c0[owner] + j * c1[owner]  # the end of piece j is the j-th crossing ...
    last = np.flatnonzero(j == k[owner])
    end[last] = t1[owner[last]]  # ... except for the range's last piece
    start = np.empty_like(end)
    start[1:] = end[:-1]
    start[first_piece] = t0
    lo, hi = t0[owner], t1[owner]
    for x in (start, end):  # clip to [lo, hi] (np.clip's checks cost more than the two ufuncs)
        np.maximum(x, lo, out=x)
        np.minimum(x, hi, out=x)
    keep = end > start
    return seg[owner[keep]], start[keep], end[keep]


def _rings(polygons):
    """All rings of (multi)polygons as linear rings, the index of their polygon and whether each is a hole."""
    parts, pidx = shapely.get_parts(polygons, return_index=True)
    ext = shapely.get_exterior_ring(parts)
    n_int = shapely.get_num_interior_rings(parts)
    rings, owner = [ext], [pidx]
    if n_int.sum():
        hp = np.repeat(np.arange(len(parts)), n_int)
        hi = np.arange(n_int.sum()) - np.repeat(np.cumsum(n_int) - n_int, n_int)
        rings.append(shapely.get_interior_ring(parts[hp], hi))
        owner.append(pidx[hp])
    hole = np.repeat([False, True], [len(r) for r in rings]) if len(rings) > 1 else np.zeros(len(ext), dtype=bool)
    rings = np.concatenate(rings)
    owner = np.concatenate(owner)
    ok = ~shapely.is_missing(rings)
    return rings[ok], owner[ok], hole[ok]


def zonal_sums(polygons, polygons_crs, raster, band=1, mode=PERSONS_PER_KM2, classes=None, n_classes=1,
               disjoint=False, feedback=None, report=False, stream=None) -> ZonalResult:
    """Totals of ``raster`` per polygon (and per class), see the module docstring.

    ``disjoint=True``: the caller guarantees the polygons do not overlap (skips that check).
    ``report=True``: ``ZonalResult.report`` is the :class:`population.PopulationReport` of the raster
    window read (the cells meeting the polygons' bounds), from the same read (no second pass).

    ``classes``: None, an int array with the raster's full shape (values ``0..n_classes-1``,
    ``-1`` = not counted), or a function ``classes(row0, row1, col0, col1)`` returning that array's
    block (so no full-size grid is needed: on north-up grids it is asked strip by strip, as the
    raster is read). ``polygons_crs``: CRS of ``polygons`` (anything pyproj reads).

    ``stream``: optional :func:`prefetch` of the same raster, band and mode started earlier (so the
    raster is read while the caller built the polygons); it is used when its window holds the
    polygons' window, and closed in any case. The report then covers the stream's window.
    """
    try:
        return _zonal_sums(polygons, polygons_crs, raster, band, mode, classes, n_classes, disjoint, feedback,
                           report, stream)
    finally:
        if stream is not None:
            stream.close()


def prefetch(polygons, polygons_crs, raster, band=1, mode=PERSONS_PER_KM2, report=False):
    """Start reading ``raster`` in a background thread for a later :func:`zonal_sums` (``stream=``) of
    polygons inside the bounds of ``polygons`` (e.g. the admin units, before they are split by
    level). Returns None where the streamed path does not apply (south-up grids, nothing to read)."""
    polygons = np.asarray(polygons, dtype=object)
    _, info = open_raster(raster, band)
    if not info.wkt or len(polygons) == 0 or info.geotransform[5] >= 0:
        return None
    rcrs = CRS.from_user_input(info.wkt)
    geoms = geo.transform(polygons, polygons_crs, rcrs) if polygons_crs is not None else polygons
    geoms = repair_polygons(geoms)
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not ok.any():
        return None
    r0, r1, c0, c1 = raster_window(info, shapely.total_bounds(geoms[ok]))
    if r1 <= r0 or c1 <= c0:
        return None
    return _Stream(raster, band, check_unit(mode), (r0, r1, c0, c1), report, geoms[ok], info.geotransform)


class _Stream(Prefetch):
    """A :class:`population.Prefetch` (``compact=True``) with a second thread for the polygons it was
    started for (the units, while the caller overlays the hazards): it computes their boundary
    coverage and whole-cell runs (``_cover(runs=True, transpose=True)``), then takes every strip the
    reading thread delivers, adds it to those polygons' totals and passes it on to the caller. A later
    :func:`zonal_sums` whose last polygons are those polygons (the same coordinates) takes their
    coverage (:meth:`cover_of`) and, without classes, their totals (:meth:`summed`) from here."""

    def __init__(self, raster, band, unit, window, tally, geoms, geotransform):
        import queue

        # two queues of strips (read, then summed here): each half of Prefetch's default bound
        super().__init__(raster, band=band, unit=unit, window=window, tally=tally, compact=True, max_bytes=128 * 2**20)
        self.geoms = geoms  # in the raster CRS, repaired, none empty
        self._cover, self._error, self._sums = None, None, None
        self._covered = threading.Event()
        self._out: queue.Queue = queue.Queue(maxsize=self._queue.maxsize)
        self._ahead = threading.Thread(target=self._ahead_run, args=(geotransform,), name="zonal-cover", daemon=True)
        self._ahead.start()

    def _ahead_run(self, geotransform):
        try:
            self._ahead_body(geotransform)
        except BaseException as err:  # noqa: BLE001 (passed on: the caller must not wait for strips forever)
            self._error = err
            self._covered.set()
            self._forward(err if isinstance(err, Exception) else RuntimeError(repr(err)))

    def _ahead_body(self, geotransform):
        summer = None
        try:
            self._cover = _cover(self.geoms, geotransform, True, transpose=True)
            summer = _Summer(self._cover, self.window, self.starts, self.window, 1)
        except Exception as err:  # noqa: BLE001 (raised in the caller's thread, by cover_of)
            self._error = err
        self._covered.set()
        k, failed = 0, False
        for item in self._source():
            if isinstance(item, Exception):
                failed = True
            elif summer is not None:
                try:
                    summer.add(k, item[0], item[2])
                except Exception as err:  # noqa: BLE001 (then the caller is told to sum them itself)
                    summer, self._error = None, err
            k += 1
            if not self._forward(item):
                return
        if self._stop.is_set() or failed:
            return
        if summer is not None:
            sums = np.zeros((len(self.geoms), 1))
            whole, split = summer.finish(np.arange(len(self.geoms)), sums)
            self._sums = (len(self.geoms), sums[:, 0], whole, split)
        self._forward(None)

    def _source(self):
        """The reading thread's strips as this thread takes them (errors passed on as items)."""
        stream = self

        class _Items:
            def __iter__(self):
                while not stream._stop.is_set():
                    try:
                        item = stream._queue.get(timeout=0.1)
                    except Exception:  # noqa: BLE001 (queue.Empty: look at the stop flag again)
                        continue
                    if item is None:
                        return
                    yield item
                    if isinstance(item, Exception):
                        return

        return _Items()

    def _forward(self, item):
        return self._put(item, self._out)

    def __iter__(self):
        return self._drain(self._out)

    def _tail(self, lg):
        m = len(self.geoms)
        return m > 0 and len(lg) >= m and bool(np.all(shapely.equals_exact(lg[len(lg) - m:], self.geoms, tolerance=0.0)))

    def cover_of(self, lg):
        """The coverage computed ahead when the last polygons of ``lg`` are this stream's, else None.
        Returns ``(m, cover)``: ``cover`` is that of ``lg[-m:]``."""
        if not self._tail(lg):
            return None
        self._covered.wait()
        if self._cover is None:
            raise self._error
        return len(self.geoms), self._cover

    def summed(self, lg):
        """``(m,)`` when the last ``m`` polygons of ``lg`` are this stream's and their totals are being
        summed here (then :meth:`unit_sums` after the last strip), else None."""
        if not self._tail(lg):
            return None
        self._covered.wait()
        return (len(self.geoms),) if self._cover is not None else None

    def unit_sums(self):
        """``(m, totals, whole_cells, split_cells)`` of this stream's polygons, after the last strip."""
        self._ahead.join()
        if self._sums is None:
            raise self._error if self._error is not None else RuntimeError("the strips were not all summed")
        return self._sums

    def close(self):
        super().close()
        self._ahead.join()


def _zonal_sums(polygons, polygons_crs, raster, band, mode, classes, n_classes, disjoint, feedback, report, stream):
    check_unit(mode)
    polygons = np.asarray(polygons, dtype=object)
    n = len(polygons)
    sums = np.zeros((n, n_classes))
    _, info = open_raster(raster, band)
    if not info.wkt:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The raster {path} has no coordinate reference system."), path=raster)
    rcrs = CRS.from_user_input(info.wkt)
    if n == 0:
        return ZonalResult(sums, 0, 0, rcrs)
    if classes is not None and not callable(classes) and tuple(classes.shape) != (info.height, info.width):
        raise ValueError("classes must have the raster's shape")
    geoms = geo.transform(polygons, polygons_crs, rcrs) if polygons_crs is not None else polygons
    geoms = repair_polygons(geoms)
    ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if not ok.any():
        return ZonalResult(sums, 0, 0, rcrs)
    r0, r1, c0, c1 = raster_window(info, shapely.total_bounds(geoms[ok]))
    if r1 <= r0 or c1 <= c0:
        return ZonalResult(sums, 0, 0, rcrs)
    gt = info.geotransform
    ok_idx = np.flatnonzero(ok)
    if stream is not None and not _holds(stream.window, (r0, r1, c0, c1)):
        stream.close()
        stream = None
    if gt[5] < 0 and (classes is None or STREAM_CLASSES):  # north-up: streamed, the raster strip by strip
        whole, split, rep = _sum_by_columns(raster, band, mode, info, (r0, r1, c0, c1), geoms[ok_idx], ok_idx, sums,
                                            feedback, report, stream, _class_blocks(classes))
        return ZonalResult(sums, whole, split, rcrs, rep)
    if stream is not None:
        stream.close()
    if callable(classes):
        classes = classes(0, info.height, 0, info.width)
    read = cell_counts(raster, band=band, unit=mode, window=(r0, r1, c0, c1), feedback=feedback, report=report)
    counts = read[0]
    if classes is not None:
        cls = np.asarray(classes[r0:r1, c0:c1], dtype=np.int64)
        counts = np.where(cls >= 0, counts, 0.0)
        cls = np.where(cls >= 0, cls, 0)
    else:  # one class: a broadcast view, no full-size array
        cls = np.broadcast_to(np.zeros(1, dtype=np.int64).reshape(1, 1), counts.shape)
    grid = _Grid(info, counts, cls, classes is not None, (gt[0] + c0 * gt[1], gt[1], 0.0, gt[3] + r0 * gt[5], 0.0, gt[5]),
                 r0, c0, sums, n_classes)
    layers = [ok_idx[lay] for lay in non_overlapping_layers(geoms[ok_idx], disjoint)]
    for done, layer in enumerate(layers, start=1):
        check_cancel(feedback)
        if gt[5] < 0:  # exact shares of the cells the rings pass through, by Green's theorem (no overlay)
            _sum_layer_exact(grid, geoms[layer], layer)
        else:
            _sum_layer_overlay(grid, geoms[layer], layer, feedback)
        if feedback is not None:
            feedback.setProgress(100.0 * done / len(layers))
    return ZonalResult(sums, grid.whole, grid.split, rcrs, read[3] if report else None)


def _class_blocks(classes):
    """``classes`` (None, a full-size array or a block function) as a block function or None."""
    if classes is None or callable(classes):
        return classes
    return lambda a, b, c, d: classes[a:b, c:d]


def _holds(outer, inner):
    """Whether window ``outer`` (row0, row1, col0, col1) holds window ``inner``."""
    return outer[0] <= inner[0] and inner[1] <= outer[1] and outer[2] <= inner[2] and inner[3] <= outer[3]


def _sum_by_columns(raster, band, mode, info, window, lg, idx, sums, feedback, report, stream=None, classes=None):
    """Sums of polygons ``lg`` (indices ``idx`` into ``sums``) on a north-up grid, reading the raster
    once, strip by strip, with memory bounded by a few strips (no full-size grid, no rasterising).

    Boundary cells count with their exact share (:func:`_cover`); the whole cells of a polygon come as
    horizontal runs between its boundary cells (``_cover(transpose=True)``), each run contiguous in
    the strip's row-major cells, so every strip is summed in one pass (``np.add.reduceat`` between
    the runs' ends). Overlapping polygons need no special care: every polygon is summed on its own.
    The strips are read ahead in a second thread (:class:`population.Prefetch`, started by the caller
    as ``stream`` or here), so the reading overlaps the boundary geometry and the sums.
    ``classes``: None or a block function (see :func:`zonal_sums`): each strip's classes are asked
    for as it is read; whole-cell runs are then summed once per class present in the strip.
    Returns ``(whole_cells, split_cells, report or None)``."""
    if stream is None:
        stream = Prefetch(raster, band=band, unit=mode, window=window, tally=report, compact=True)
    try:
        whole, split = _sum_strips(stream, info, window, lg, idx, sums, feedback, classes)
    finally:
        stream.close()
    return whole, split, stream.report() if report else None


def _sum_strips(stream, info, window, lg, idx, sums, feedback, classes=None):
    """:func:`_sum_by_columns` on the strips of ``stream`` (a :class:`population.Prefetch` whose
    window holds ``window``). A :class:`_Stream` may have summed the last polygons of ``lg`` already
    (its own polygons, as the strips went by): only the others are summed here then."""
    n_cls = sums.shape[1]
    ahead = stream.summed(lg) if isinstance(stream, _Stream) and classes is None else None
    own = lg if ahead is None else lg[:len(lg) - ahead[0]]
    cover = _cover_with(stream, own, info.geotransform) if len(own) else _no_cover()
    summer = _Summer(cover, stream.window, stream.starts, window, n_cls)
    for k, (row0, _col0, vals, _valid) in enumerate(stream):
        check_cancel(feedback)
        summer.add(k, row0, vals, classes)
    whole, split = summer.finish(idx[:len(own)], sums)
    if ahead is not None:
        m, unit_sums, unit_whole, unit_split = stream.unit_sums()
        sums[idx[len(own):], 0] += unit_sums
        whole, split = whole + unit_whole, split + unit_split
    return whole, split


def _no_cover():
    """The coverage of no polygon (as :func:`_cover` with ``runs=True``)."""
    i, f = np.zeros(0, dtype=np.int64), np.zeros(0)
    return i, i, i, f, (i, i, i, i)


class _Summer:
    """Totals of polygons strip by strip from their coverage (``_cover(runs=True, transpose=True)``):
    boundary cells with their exact share, whole cells as horizontal runs (``np.add.reduceat``).
    ``stream_window`` / ``starts``: the strips' window and first rows; ``window``: the cells that count
    (those outside add nothing: no boundary cell or run is there)."""

    def __init__(self, cover, stream_window, starts, window, n_cls):
        r0, r1, c0, c1 = stream_window
        self.r0, self.c0, self.c1, self.width, self.n_cls = r0, c0, c1, c1 - c0, n_cls
        bp, br, bc, bf, (qp, qr, qa, qb) = cover
        br, bc = br - r0, bc - c0
        w0, w1, v0, v1 = window[0] - r0, window[1] - r0, window[2] - c0, window[3] - c0
        inside = (br >= w0) & (bc >= v0) & (br < w1) & (bc < v1)
        if not inside.all():
            bp, br, bc, bf = bp[inside], br[inside], bc[inside], bf[inside]
        qr, qa, qb = qr - r0, np.clip(qa - c0, v0, v1), np.clip(qb - c0, v0, v1)
        keep = (qr >= w0) & (qr < w1) & (qb > qa)
        self.b = (bp, br, bc, bf)
        self.q = (qp[keep], qr[keep], qa[keep], qb[keep])
        self.run_sums = np.zeros((len(self.q[0]), n_cls))
        self.values = np.zeros(len(br))
        self.b_cls = None
        # bucket boundary cells and runs by the strip that holds them (a radix sort)
        starts = np.asarray(starts) - r0
        n_strips = len(starts) - 1
        strip_of_row = np.repeat(np.arange(n_strips, dtype=np.int64), np.diff(starts))
        self.b_order, self.b_start = _buckets(strip_of_row[br], n_strips)
        self.q_order, self.q_start = _buckets(strip_of_row[self.q[1]], n_strips)

    def add(self, k, row0, vals, classes=None):
        """Strip ``k`` (first row ``row0``, cells ``vals``); ``classes``: None or a block function."""
        _bp, br, bc, _bf = self.b
        _qp, qr, qa, qb = self.q
        s0 = row0 - self.r0
        bsel = self.b_order[self.b_start[k]:self.b_start[k + 1]]
        qsel = self.q_order[self.q_start[k]:self.q_start[k + 1]]
        flat = vals.reshape(-1)
        b_flat = (br[bsel] - s0) * self.width + bc[bsel]
        self.values[bsel] = flat[b_flat]
        q0 = (qr[qsel] - s0) * self.width
        if classes is None:
            self.run_sums[qsel, 0] = _run_sums(flat, q0 + qa[qsel], q0 + qb[qsel])
            return
        n_cls = self.n_cls
        if self.b_cls is None:
            self.b_cls = np.zeros(len(br), dtype=np.int64)
        cls = np.asarray(classes(row0, row0 + len(vals), self.c0, self.c1))
        self.b_cls[bsel] = cls.reshape(-1)[b_flat]
        present = np.bincount(np.clip(cls, -1, n_cls - 1).ravel() + 1, minlength=n_cls + 1)[1:] > 0
        for j in np.flatnonzero(present).tolist():
            if len(qsel):
                self.run_sums[qsel, j] = _run_sums(np.where(cls == j, vals, 0.0).reshape(-1), q0 + qa[qsel], q0 + qb[qsel])

    def finish(self, idx, sums):
        """Adds the totals to ``sums[idx]``; returns ``(whole_cells, split_cells)``."""
        bp, _br, _bc, bf = self.b
        qp, _qr, qa, qb = self.q
        n, n_cls, values, b_cls = sums.shape[0], self.n_cls, self.values, self.b_cls
        for j in range(n_cls):
            sums[:, j] += np.bincount(idx[qp], weights=self.run_sums[:, j], minlength=n)
        if b_cls is None:
            sums[:, 0] += np.bincount(idx[bp], weights=values * bf, minlength=n)
        else:
            counted = (b_cls >= 0) & (b_cls < n_cls)
            flat = np.bincount(idx[bp[counted]] * n_cls + b_cls[counted], weights=values[counted] * bf[counted],
                               minlength=n * n_cls)
            sums += flat.reshape(n, n_cls)
        return int((qb - qa).sum()), len(bp)


def _cover_with(stream, lg, geotransform):
    """``_cover(lg, runs=True, transpose=True)``, taking the part of ``lg`` whose coverage ``stream``
    computed ahead (:meth:`_Stream.cover_of`) from there."""
    ahead = stream.cover_of(lg) if isinstance(stream, _Stream) else None
    if ahead is None:
        return _cover(lg, geotransform, True, transpose=True)
    m, tail = ahead
    k = len(lg) - m
    if k == 0:
        return tail
    head = _cover(lg[:k], geotransform, True, transpose=True)
    cells = [np.concatenate([head[0], tail[0] + k])] + [np.concatenate([head[i], tail[i]]) for i in (1, 2, 3)]
    runs = (np.concatenate([head[4][0], tail[4][0] + k]),) + tuple(np.concatenate([head[4][i], tail[4][i]]) for i in (1, 2, 3))
    return tuple(cells) + (runs,)


def _run_sums(flat, begin, end):
    """Totals of ``flat[begin[i]:end[i]]`` (float64), in one pass over ``flat``: ``np.add.reduceat``
    between all the runs' ends (runs may overlap), then differences of the running total of those
    segments."""
    if len(begin) == 0:
        return np.zeros(0)
    cuts = np.unique(np.concatenate([np.zeros(1, dtype=np.int64), begin, end]))
    cuts = cuts[cuts < len(flat)]
    running = np.zeros(len(cuts) + 1)
    np.cumsum(np.add.reduceat(flat, cuts, dtype=np.float64), out=running[1:])
    return running[np.searchsorted(cuts, end)] - running[np.searchsorted(cuts, begin)]


def _buckets(keys, n_buckets):
    """``(order, start)``: indices of ``keys`` (ints in ``0..n_buckets-1``) grouped by key, bucket ``k``
    being ``order[start[k]:start[k + 1]]`` (a stable counting sort)."""
    keys = np.asarray(keys, dtype=np.int64)
    order = np.argsort(keys.astype(np.uint16) if n_buckets < 65536 else keys, kind="stable")
    start = np.zeros(n_buckets + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n_buckets), out=start[1:])
    return order, start


@dataclass
class _Grid:
    """The window of the raster being summed and the running totals of :func:`zonal_sums`."""

    info: object
    counts: np.ndarray  # persons per cell of the window
    cls: np.ndarray  # class per cell (a broadcast 0 with one class)
    by_class: bool
    gt_w: tuple  # geotransform of the window
    r0: int
    c0: int
    sums: np.ndarray  # (polygons, classes), added to in place
    n_classes: int
    whole: int = 0
    split: int = 0

    def add(self, poly, rows, cols, weights):
        """Add ``weights`` of window cells ``(rows, cols)`` to polygons ``poly`` (in their class)."""
        n = self.sums.shape[0]
        idx = poly * self.n_classes + self.cls[rows, cols]
        self.sums += np.bincount(idx, weights=weights, minlength=n * self.n_classes).reshape(n, self.n_classes)


def _sum_whole_cells(grid, labels, layer):
    """Cells of a layer's polygon that no boundary crosses count fully (summed per label in one pass).

    ``labels``: the burnt label grid with the boundary cells already set to 0."""
    flat = labels.ravel()
    if not grid.by_class:
        per_label = np.bincount(flat, weights=grid.counts.ravel(), minlength=len(layer) + 1)
        grid.sums[layer, 0] += per_label[1:len(layer) + 1]
    else:
        k = grid.n_classes
        idx = flat.astype(np.int64) * k + grid.cls.ravel()
        per_label = np.bincount(idx, weights=grid.counts.ravel(), minlength=(len(layer) + 1) * k).reshape(-1, k)
        grid.sums[layer] += per_label[1:len(layer) + 1]
    grid.whole += int(np.count_nonzero(flat))


def _sum_layer_exact(grid, lg, layer):
    """One layer of non-overlapping polygons on a north-up grid: whole cells by label, boundary cells by
    their exact covered share (:func:`boundary_coverage`). Only the burnt labels and the counts are
    full-size; everything about boundary cells works on the list of those cells."""
    counts, gt_w = grid.counts, grid.gt_w
    labels = _burn(counts.shape, gt_w, grid.info.wkt, lg, np.arange(1, len(layer) + 1), False, np.int32)
    bp, br, bc, bf = boundary_coverage(lg, grid.info.geotransform)
    br, bc = br - grid.r0, bc - grid.c0
    inside = (br >= 0) & (bc >= 0) & (br < counts.shape[0]) & (bc < counts.shape[1])
    bp, br, bc, bf = bp[inside], br[inside], bc[inside], bf[inside]
    ncols = counts.shape[1]
    lin = br * ncols + bc
    cells, inv = np.unique(lin, return_inverse=True)
    labels.ravel()[cells] = 0  # boundary cells are not whole
    _sum_whole_cells(grid, labels, layer)
    del labels
    # A flagged cell is wholly inside a polygon whose rings do not pass through it (another polygon's
    # edge, or a rounding to the neighbouring cell, flagged it): find that polygon by its cell centre
    # (point in polygon), not by the burnt label, which a sliver may overwrite. Only cells whose
    # crossing polygons leave part of them uncovered need the test.
    covered = np.bincount(inv.ravel(), weights=bf, minlength=len(cells))
    fr, fc = np.divmod(cells[(counts.ravel()[cells] > 0) & (covered < 1.0 - 1e-9)], ncols)
    if len(fr):
        centres = shapely.points(gt_w[0] + (fc + 0.5) * gt_w[1], gt_w[3] + (fr + 0.5) * gt_w[5])
        ci, pi = shapely.STRtree(lg).query(centres, predicate="intersects")
        have = np.unique(bp.astype(np.int64) * counts.size + lin)
        want = pi.astype(np.int64) * counts.size + fr[ci] * ncols + fc[ci]
        extra = ~np.isin(want, have)
        if extra.any():
            er, ec = fr[ci[extra]], fc[ci[extra]]
            grid.add(layer[pi[extra]], er, ec, counts[er, ec])
            grid.whole += int(extra.sum())
    grid.add(layer[bp], br, bc, counts[br, bc] * bf)
    grid.split += len(bp)


def _sum_layer_overlay(grid, lg, layer, feedback):
    """One layer of non-overlapping polygons on a south-up grid: whole cells by label, boundary cells by
    a shapely overlay of each cell with the polygon piece of its tile."""
    counts, info = grid.counts, grid.info
    labels = _burn(counts.shape, grid.gt_w, info.wkt, lg, np.arange(1, len(layer) + 1), False, np.int32)
    edges = _burn(counts.shape, grid.gt_w, info.wkt, shapely.boundary(lg), np.ones(len(layer)), True, np.uint8) > 0
    labels[edges] = 0
    _sum_whole_cells(grid, labels, layer)
    del labels
    rows, cols = np.nonzero(edges)
    del edges
    keep = counts[rows, cols] > 0
    rows, cols = rows[keep], cols[keep]
    # Boundary cells are grouped in tiles of TILE x TILE cells: each polygon is first clipped to the
    # tiles it meets, so each cell is intersected with a small piece, not the whole polygon.
    tiles_per_row = (counts.shape[1] + TILE - 1) // TILE
    tile_id = (rows // TILE) * tiles_per_row + cols // TILE
    order = np.argsort(tile_id, kind="stable")
    rows, cols, tile_id = rows[order], cols[order], tile_id[order]
    starts = np.flatnonzero(np.r_[True, tile_id[1:] != tile_id[:-1]]) if len(rows) else np.zeros(0, np.int64)
    ends = np.r_[starts[1:], len(rows)].astype(np.int64)
    t = 0
    while t < len(starts):  # batches of tiles bound the memory
        check_cancel(feedback)
        t_end = t
        while t_end < len(starts) and ends[t_end] - starts[t] < STEP:
            t_end += 1
        t_end = max(t_end, t + 1)
        sel = slice(starts[t], ends[t_end - 1])
        t = t_end
        _overlay_batch(grid, lg, layer, rows[sel], cols[sel], tile_id[sel], tiles_per_row)


def _overlay_batch(grid, lg, layer, rr, cc, tid, tiles_per_row):
    """Covered share of boundary cells ``(rr, cc)`` (tile ids ``tid``) by overlay, added to the sums."""
    counts, info, r0, c0 = grid.counts, grid.info, grid.r0, grid.c0
    tiles = np.unique(tid)
    tr0 = (tiles // tiles_per_row) * TILE
    tc0 = (tiles % tiles_per_row) * TILE
    tboxes = _span_boxes(info, tr0 + r0, np.minimum(tr0 + TILE, counts.shape[0]) + r0,
                         tc0 + c0, np.minimum(tc0 + TILE, counts.shape[1]) + c0)
    ti, pi = shapely.STRtree(lg).query(tboxes, predicate="intersects")
    clips = geo.polygonal_part(robust(shapely.intersection, tboxes[ti], lg[pi]))
    clip_tile = tiles[ti]
    boxes = cell_boxes(info, rr + r0, cc + c0)
    bi, ci = shapely.STRtree(clips).query(boxes, predicate="intersects")
    same = clip_tile[ci] == tid[bi]
    bi, ci = bi[same], ci[same]
    if len(bi) == 0:
        return
    shapely.prepare(clips)
    frac = np.ones(len(bi))
    try:
        part = ~shapely.covers(clips[ci], boxes[bi])  # whole cells need no overlay
    except shapely.errors.GEOSException:  # robustness issue in the predicate: overlay them all
        part = np.ones(len(bi), dtype=bool)
    if part.any():
        frac[part] = (shapely.area(robust(shapely.intersection, boxes[bi[part]], clips[ci[part]]))
                      / shapely.area(boxes[bi[part]]))
    grid.add(layer[pi[ci]], rr[bi], cc[bi], counts[rr[bi], cc[bi]] * frac)
    grid.split += len(bi)


def raster_total(raster, band=1, mode=PERSONS_PER_KM2):
    """The persons of the whole raster (see :mod:`population`)."""
    from .population import population_report

    return population_report(raster, band=band, unit=mode).persons
