"""Exposure statistics: hazard levels x exposed features (points, lines, polygons) x admin units.

The InaSAFE core, vectorised:

- Points take the level of the zone (or raster cell) they lie in.
- Polygons: ``RULE_HIGHEST`` (0) the highest level they touch, ``RULE_POINT`` (1) the level at their
  representative point, ``RULE_SPLIT`` (2) split by zone into an area per level.
- Lines are always split by zone into a length per level.
- With units, an indivisible feature (point, polygon under rule 0/1) is counted once, in the unit
  holding the largest part of it; divisible features are split by unit too.

Hazards are either non-overlapping zones per level (``{level: polygon}`` as made by
:func:`overlay.resolve_levels`) in the metric CRS, or a :class:`RasterHazard` (a continuous raster
classified with thresholds and sampled directly, cell by cell, without polygonising).
All geometry passed in is in one metric CRS (metres); raster sampling happens in the raster's CRS.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from . import geometry as geo
from .classify import classify_continuous
from .crs import is_wide_crs
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel, report_progress
from .raster import iter_blocks, open_raster
from .zonal import cell_boxes, robust

KIND_POINT, KIND_LINE, KIND_POLYGON = "point", "line", "polygon"
RULE_HIGHEST, RULE_POINT, RULE_SPLIT = 0, 1, 2
TABLE_COLUMNS = ["unit_id", "class", "level", "count", "length_m", "area_m2", "value"]


# --- hazards -----------------------------------------------------------------------------------
@dataclass
class RasterHazard:
    """A continuous hazard raster classified with ``thresholds`` (levels 0..len(thresholds)).

    ``levels``: int16 grid (-1 = nodata), ``info``: :class:`raster.RasterInfo`, ``crs``: pyproj CRS.
    """

    levels: np.ndarray
    info: object
    crs: object
    thresholds: np.ndarray
    nodata_cells: int

    @classmethod
    def read(cls, path, thresholds, band=1):
        ds, info = open_raster(path, band)
        if not info.wkt:
            raise InputError(QT_TRANSLATE_NOOP("@default", "The raster {path} has no coordinate reference system."), path=path)
        levels = np.empty((info.height, info.width), dtype=np.int16)
        nodata = 0
        for row0, values, valid in iter_blocks(ds, band):
            lv = classify_continuous(np.where(valid, values, np.nan), thresholds)
            levels[row0:row0 + values.shape[0]] = lv
            nodata += int((~valid).sum())
        return cls(levels, info, CRS.from_user_input(info.wkt), np.asarray(thresholds, float), nodata)

    @property
    def max_level(self):
        return len(self.thresholds)

    def cells_at(self, x, y):
        """Row and column of points (raster CRS); -1 where outside the raster."""
        gt = self.info.geotransform
        c = np.floor((np.asarray(x) - gt[0]) / gt[1]).astype(np.int64)
        r = np.floor((np.asarray(y) - gt[3]) / gt[5]).astype(np.int64)
        out = (c < 0) | (r < 0) | (c >= self.info.width) | (r >= self.info.height)
        return np.where(out, -1, r), np.where(out, -1, c)

    def level_at(self, x, y):
        """Level at points (raster CRS); 0 outside the raster or on nodata."""
        r, c = self.cells_at(x, y)
        lv = np.zeros(len(r), dtype=np.int64)
        ok = r >= 0
        lv[ok] = self.levels[r[ok], c[ok]]
        return np.maximum(lv, 0)

    def candidate_cells(self, geoms):
        """``(owner, rows, cols)``: every cell of each geometry's bounding box (raster CRS)."""
        b = shapely.bounds(geoms)
        gt = self.info.geotransform
        c0 = np.floor((b[:, 0] - gt[0]) / gt[1])
        c1 = np.floor((b[:, 2] - gt[0]) / gt[1])
        ra = np.floor((b[:, 1] - gt[3]) / gt[5])
        rb = np.floor((b[:, 3] - gt[3]) / gt[5])
        r0, r1 = np.minimum(ra, rb), np.maximum(ra, rb)
        ok = np.isfinite(c0) & np.isfinite(r0)
        c0 = np.clip(np.where(ok, c0, 0), 0, self.info.width - 1).astype(np.int64)
        c1 = np.clip(np.where(ok, c1, -1), -1, self.info.width - 1).astype(np.int64)
        r0 = np.clip(np.where(ok, r0, 0), 0, self.info.height - 1).astype(np.int64)
        r1 = np.clip(np.where(ok, r1, -1), -1, self.info.height - 1).astype(np.int64)
        nc = np.maximum(c1 - c0 + 1, 0)
        nr = np.maximum(r1 - r0 + 1, 0)
        n = nc * nr
        owner = np.repeat(np.arange(len(geoms)), n)
        k = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
        rows = r0[owner] + k // np.maximum(nc[owner], 1)
        cols = c0[owner] + k % np.maximum(nc[owner], 1)
        return owner, rows, cols


def _zone_parts(zones):
    """Explode a ``{level: geom}`` dict into single parts with their levels."""
    if not zones:
        return np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64)
    lv = np.array(list(zones.keys()), dtype=np.int64)
    parts, idx = shapely.get_parts(np.array(list(zones.values()), dtype=object), return_index=True)
    return parts, lv[idx]


def normalise_classes(values):
    """Class values trimmed and case-folded (``" School "`` and ``"SCHOOL"`` -> ``"school"``); NULL stays None."""
    s = pd.Series(values, dtype=object)
    out = s.map(lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v).strip().casefold())
    return out.to_numpy(dtype=object)


# --- indivisible features ----------------------------------------------------------------------
def _largest_unit(geoms, kind, units):
    """Unit index (or -1) of each feature: the unit holding its largest part (points: the first unit)."""
    n = len(geoms)
    owner = np.full(n, -1, dtype=np.int64)
    if units is None or len(units) == 0 or n == 0:
        return owner
    tree = shapely.STRtree(geoms)
    ui, fi = tree.query(units, predicate="intersects")  # each unit prepared once
    if len(ui) == 0:
        return owner
    if kind == KIND_POINT:
        order = np.lexsort((ui, fi))
        fi, ui = fi[order], ui[order]
        first = np.r_[True, fi[1:] != fi[:-1]]
        owner[fi[first]] = ui[first]
        return owner
    measure = shapely.area if kind == KIND_POLYGON else shapely.length
    shapely.prepare(units)
    whole = shapely.covers(units[ui], geoms[fi])
    size = np.empty(len(ui))
    size[whole] = np.inf
    cross = ~whole
    if cross.any():
        size[cross] = measure(robust(shapely.intersection, geoms[fi[cross]], units[ui[cross]]))
    order = np.lexsort((ui, -size, fi))
    fi, ui, size = fi[order], ui[order], size[order]
    first = np.r_[True, fi[1:] != fi[:-1]] & (size > 0)
    owner[fi[first]] = ui[first]
    return owner


def _levels_vector(geoms, zones, predicate="intersects"):
    """Highest zone level each geometry meets (0 if none)."""
    level = np.zeros(len(geoms), dtype=np.int64)
    parts, plv = _zone_parts(zones)
    if len(parts) == 0 or len(geoms) == 0:
        return level
    tree = shapely.STRtree(geoms)
    pi, fi = tree.query(parts, predicate=predicate)  # the large zone parts are prepared once
    if len(pi):
        np.maximum.at(level, fi, plv[pi])
    return level


def _levels_raster(geoms_r, kind, hazard, rule):
    """Level of each feature from a raster hazard (geometries in the raster CRS)."""
    if kind == KIND_POINT or rule == RULE_POINT:
        pts = geoms_r if kind == KIND_POINT else shapely.point_on_surface(geoms_r)
        return hazard.level_at(shapely.get_x(pts), shapely.get_y(pts))
    level = np.zeros(len(geoms_r), dtype=np.int64)
    owner, rows, cols = hazard.candidate_cells(geoms_r)
    if len(owner) == 0:
        return level
    lv = hazard.levels[rows, cols].astype(np.int64)
    keep = lv > 0
    owner, rows, cols, lv = owner[keep], rows[keep], cols[keep], lv[keep]
    # a cell counts if the feature touches it; only cells that could raise the level are tested
    hit = shapely.intersects(geoms_r[owner], cell_boxes(hazard.info, rows, cols))
    np.maximum.at(level, owner[hit], lv[hit])
    return level


# --- divisible features ------------------------------------------------------------------------
def _split(geoms, pieces, measure):
    """Measure of each geometry inside each piece: ``(geom_idx, piece_idx, measure)``.

    Pieces must not overlap; geometries fully inside a piece are not overlaid.
    """
    if len(geoms) == 0 or len(pieces) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    tree = shapely.STRtree(geoms)
    pi, gi = tree.query(pieces, predicate="intersects")
    if len(pi) == 0:
        return gi, pi, np.zeros(0)
    shapely.prepare(pieces)  # each piece is tested against many geometries
    whole = shapely.covers(pieces[pi], geoms[gi])
    m = np.empty(len(pi))
    m[whole] = measure(geoms[gi[whole]])
    cross = ~whole
    if cross.any():
        m[cross] = measure(robust(shapely.intersection, geoms[gi[cross]], pieces[pi[cross]]))
    keep = m > 0
    return gi[keep], pi[keep], m[keep]


def _partition_vector(zones, units):
    """Non-overlapping pieces ``(unit, level, geom)`` of units x zone levels, plus zones outside units."""
    from .overlay import split_units_by_levels

    parts, plv = _zone_parts(zones)
    if units is None or len(units) == 0:
        return np.full(len(parts), -1, np.int64), plv, parts
    u, lv, g = split_units_by_levels(units, parts, plv)
    # zones outside every unit (unit -1)
    if len(parts):
        uu = shapely.union_all(units)
        outside = robust(shapely.difference, parts, uu)
        outside = geo.polygonal_part(outside)
        ok = ~shapely.is_empty(outside) & (shapely.area(outside) > 0)
        u = np.concatenate([u, np.full(int(ok.sum()), -1, np.int64)])
        lv = np.concatenate([lv, plv[ok]])
        g = np.concatenate([g, outside[ok]])
    return u, lv, g


def _measure(kind, metric_crs):
    """Length (geodesic on wide extents, :func:`geometry.lengths`) for lines, area for polygons."""
    if kind == KIND_LINE:
        return lambda g: geo.lengths(g, metric_crs)
    return shapely.area


def _divisible_vector(geoms, kind, zones, units, feedback, metric_crs=None, pieces=None):
    """Parts ``(feat, unit, level, measure)`` of lines / split polygons with vector zones."""
    measure = _measure(kind, metric_crs)
    u, lv, g = pieces if pieces is not None else _partition_vector(zones, units)
    check_cancel(feedback)
    fi, pi, m = _split(geoms, g, measure)
    total = measure(geoms)
    covered = np.bincount(fi, weights=m, minlength=len(geoms))
    rest = np.maximum(total - covered, 0.0)
    # the remainder is outside every zone (level 0); with units its unit is that of the level-0 pieces
    feat = np.concatenate([fi, np.arange(len(geoms))])
    unit = np.concatenate([u[pi], np.full(len(geoms), -1, np.int64)])
    level = np.concatenate([lv[pi], np.zeros(len(geoms), np.int64)])
    meas = np.concatenate([m, rest])
    keep = meas > 1e-9 * np.maximum(total[feat], 1e-12)
    return feat[keep], unit[keep], level[keep], meas[keep]


def split_lines_by_grid(geoms_r, info):
    """Cut lines at the raster's cell edges (exactly, vectorised).

    Returns ``(owner, rows, cols, x0, y0, x1, y1)``: one straight sub-segment per row, inside one
    cell, in the raster's CRS; ``rows``/``cols`` may lie outside the raster.
    """
    parts, powner = shapely.get_parts(np.asarray(geoms_r, dtype=object), return_index=True)
    coords, cidx = shapely.get_coordinates(parts, return_index=True)
    same = cidx[1:] == cidx[:-1]
    a, b = coords[:-1][same], coords[1:][same]
    seg_owner = powner[cidx[:-1][same]]
    gt = info.geotransform
    ua, va = (a[:, 0] - gt[0]) / gt[1], (a[:, 1] - gt[3]) / gt[5]
    ub, vb = (b[:, 0] - gt[0]) / gt[1], (b[:, 1] - gt[3]) / gt[5]
    nu = np.abs(np.floor(ub) - np.floor(ua)).astype(np.int64)
    nv = np.abs(np.floor(vb) - np.floor(va)).astype(np.int64)
    nseg = len(a)
    # parameters t of the crossings with vertical (u integer) and horizontal (v integer) cell edges
    su = np.repeat(np.arange(nseg), nu)
    ku = np.arange(nu.sum()) - np.repeat(np.cumsum(nu) - nu, nu)
    first_u = np.where(ub >= ua, np.floor(ua) + 1, np.floor(ua))
    step_u = np.where(ub >= ua, 1.0, -1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        tu = (first_u[su] + step_u[su] * ku - ua[su]) / (ub[su] - ua[su])
    sv = np.repeat(np.arange(nseg), nv)
    kv = np.arange(nv.sum()) - np.repeat(np.cumsum(nv) - nv, nv)
    first_v = np.where(vb >= va, np.floor(va) + 1, np.floor(va))
    step_v = np.where(vb >= va, 1.0, -1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        tv = (first_v[sv] + step_v[sv] * kv - va[sv]) / (vb[sv] - va[sv])
    seg = np.concatenate([np.arange(nseg), np.arange(nseg), su, sv])
    t = np.concatenate([np.zeros(nseg), np.ones(nseg), tu, tv])
    t = np.clip(np.nan_to_num(t, nan=0.0), 0.0, 1.0)
    order = np.lexsort((t, seg))
    seg, t = seg[order], t[order]
    nxt = np.r_[seg[1:] == seg[:-1], False]
    i0 = np.flatnonzero(nxt)
    s_, t0, t1 = seg[i0], t[i0], t[i0 + 1]
    keep = t1 > t0
    s_, t0, t1 = s_[keep], t0[keep], t1[keep]
    dx, dy = b[s_, 0] - a[s_, 0], b[s_, 1] - a[s_, 1]
    x0, y0 = a[s_, 0] + t0 * dx, a[s_, 1] + t0 * dy
    x1, y1 = a[s_, 0] + t1 * dx, a[s_, 1] + t1 * dy
    tm = 0.5 * (t0 + t1)
    cols = np.floor(ua[s_] + tm * (ub[s_] - ua[s_])).astype(np.int64)
    rows = np.floor(va[s_] + tm * (vb[s_] - va[s_])).astype(np.int64)
    return seg_owner[s_], rows, cols, x0, y0, x1, y1


def _divisible_raster(geoms, geoms_r, kind, hazard, units, metric_crs, feedback):
    """Parts ``(feat, unit, level, measure)`` with a raster hazard: split by cells, then by units."""
    measure = _measure(kind, metric_crs)
    total = measure(geoms)
    info = hazard.info
    if kind == KIND_LINE:
        owner, rows, cols, x0, y0, x1, y1 = split_lines_by_grid(geoms_r, info)
        inside = (rows >= 0) & (cols >= 0) & (rows < info.height) & (cols < info.width)
        lv = np.zeros(len(owner), dtype=np.int64)
        lv[inside] = np.maximum(hazard.levels[rows[inside], cols[inside]], 0)
        check_cancel(feedback)
        t = geo.transformer(hazard.crs, metric_crs)
        mx0, my0 = t.transform(x0, y0)
        mx1, my1 = t.transform(x1, y1)
        pm = np.hypot(np.asarray(mx1) - mx0, np.asarray(my1) - my0)
        # one (multi)line per feature and level, for the split by units
        key = owner * (hazard.max_level + 1) + lv
        uk, kinv = np.unique(key, return_inverse=True)
        seg_lines = shapely.linestrings(np.stack([np.column_stack([mx0, my0]), np.column_stack([mx1, my1])], axis=1))
        if is_wide_crs(metric_crs):
            pm = geo.lengths(seg_lines, metric_crs)
        srt = np.argsort(kinv, kind="stable")
        pieces = shapely.multilinestrings(seg_lines[srt], indices=kinv[srt]) if len(seg_lines) else np.zeros(0, dtype=object)
        pm = np.bincount(kinv, weights=pm, minlength=len(uk))
        owner, lv = uk // (hazard.max_level + 1), uk % (hazard.max_level + 1)
    else:
        owner, rows, cols = hazard.candidate_cells(geoms_r)
        check_cancel(feedback)
        boxes = cell_boxes(info, rows, cols)
        hit = shapely.intersects(geoms_r[owner], boxes)
        owner, rows, cols, boxes = owner[hit], rows[hit], cols[hit], boxes[hit]
        pieces_r = geo.polygonal_part(robust(shapely.intersection, geoms_r[owner], boxes))
        pieces = geo.transform(pieces_r, hazard.crs, metric_crs)
        pm = measure(pieces)
        lv = np.maximum(hazard.levels[rows, cols].astype(np.int64), 0)
    keep = pm > 0
    owner, pieces, pm, lv = owner[keep], pieces[keep], pm[keep], lv[keep]
    # rescale so the pieces of a feature add up to its measure (cut pieces are reprojected separately)
    covered = np.bincount(owner, weights=pm, minlength=len(geoms))
    scale = np.where(covered > 0, total / np.where(covered > 0, covered, 1), 1.0)
    scale = np.where(np.abs(scale - 1) < 0.01, scale, np.minimum(scale, 1.0))
    pm = pm * scale[owner]
    rest = np.maximum(total - np.bincount(owner, weights=pm, minlength=len(geoms)), 0.0)  # off the raster
    check_cancel(feedback)
    if units is None or len(units) == 0:
        feat = np.concatenate([owner, np.arange(len(geoms))])
        unit = np.full(len(feat), -1, np.int64)
        level = np.concatenate([lv, np.zeros(len(geoms), np.int64)])
        meas = np.concatenate([pm, rest])
    else:
        ui_p, un_p, m_p = _split(pieces, units, measure)  # piece x unit
        m_p = m_p * scale[owner[ui_p]]
        in_units = np.bincount(ui_p, weights=m_p, minlength=len(pieces))
        out_p = np.maximum(pm - in_units, 0.0)
        feat = np.concatenate([owner[ui_p], owner, np.arange(len(geoms))])
        unit = np.concatenate([un_p, np.full(len(owner), -1, np.int64), np.full(len(geoms), -1, np.int64)])
        level = np.concatenate([lv[ui_p], lv, np.zeros(len(geoms), np.int64)])
        meas = np.concatenate([m_p, out_p, rest])
    keep = meas > 1e-9 * np.maximum(total[feat], 1e-12)
    return feat[keep], unit[keep], level[keep], meas[keep]


def _linear_part(geoms):
    """Line parts of each geometry (points from touching cell corners are dropped)."""
    geoms = np.asarray(geoms, dtype=object)
    tid = shapely.get_type_id(geoms)
    coll = tid == 7
    if coll.any():
        parts, idx = shapely.get_parts(geoms[coll], return_index=True)
        keep = np.isin(shapely.get_type_id(parts), (1, 2, 5))
        lines, lidx = shapely.get_parts(parts[keep], return_index=True)
        owner = idx[keep][lidx]
        merged = np.full(int(coll.sum()), shapely.from_wkt("MULTILINESTRING EMPTY"), dtype=object)
        if len(lines):
            m = shapely.multilinestrings(lines, indices=owner)
            merged[np.unique(owner)] = m
        geoms = geoms.copy()
        geoms[coll] = merged
    return geoms


# --- the whole analysis ------------------------------------------------------------------------
@dataclass
class ExposureResult:
    """Per-feature results and the summary table.

    ``level``: level per feature (indivisible features) or None; ``by_level``: (n, n_levels + 1)
    length/area per level (divisible features) or None; ``unit``: unit index per feature (indivisible)
    or None; ``table``: DataFrame with :data:`TABLE_COLUMNS`; ``exposed``: features meeting level >= 1;
    ``outside_units``: features (or parts, for divisible ones) outside every unit.
    """

    level: object
    by_level: object
    unit: object
    table: pd.DataFrame
    exposed: int
    outside_units: int
    max_level: int


def zone_pieces(zones, units=None):
    """The non-overlapping pieces ``(unit, level, geom)`` of units x hazard zones (``{level: geom}``) that
    split lines and polygons under :data:`RULE_SPLIT`; zones outside every unit have unit -1. Computed once
    and passed to :func:`exposure_summary` (``pieces=``) for each batch of features."""
    if units is not None:
        units, _ = geo.repair(np.asarray(units, dtype=object))
    return _partition_vector(zones, units)


def exposure_summary(geoms, kind, hazard, *, rule=RULE_HIGHEST, classes=None, values=None, units=None,
                     unit_ids=None, geoms_raster=None, metric_crs=None, feedback=None, pieces=None):
    """Exposure of features to a hazard, per feature and per unit x class x level.

    ``geoms``: features in the metric CRS (no NULL/empty ones: drop them first); ``kind``: point,
    line or polygon; ``hazard``: zones ``{level: geom}`` (metric CRS) or a :class:`RasterHazard`
    (then ``geoms_raster`` holds the same features in the raster's CRS and ``metric_crs`` is set).
    ``classes`` / ``values``: optional per-feature class and numeric value. ``units``: optional
    polygons (metric CRS) with ``unit_ids``. ``pieces``: :func:`zone_pieces` of these zones and units,
    when already computed (vector zones, divisible features).
    """
    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    is_raster = isinstance(hazard, RasterHazard)
    max_level = hazard.max_level if is_raster else max(list(hazard.keys()) or [0])
    if units is not None:
        units, _ = geo.repair(np.asarray(units, dtype=object))
    divisible = kind == KIND_LINE or (kind == KIND_POLYGON and rule == RULE_SPLIT)
    level = by_level = unit = None
    report_progress(feedback, 5)
    if divisible:
        if is_raster:
            feat, un, lv, m = _divisible_raster(geoms, geoms_raster, kind, hazard, units, metric_crs, feedback)
        else:
            feat, un, lv, m = _divisible_vector(geoms, kind, hazard, units, feedback, metric_crs, pieces)
        max_level = max(max_level, int(lv.max()) if len(lv) else 0)
        by_level = np.zeros((n, max_level + 1))
        np.add.at(by_level, (feat, lv), m)
        total = by_level.sum(axis=1)
        share = m / np.where(total[feat] > 0, total[feat], 1.0)
        exposed = int((by_level[:, 1:].sum(axis=1) > 0).sum())
        parts = pd.DataFrame({"feat": feat, "u": un, "level": lv, "m": m, "share": share})
        parts = parts.groupby(["feat", "u", "level"], as_index=False, sort=False).sum()
        outside = int(parts.loc[parts["u"] < 0, "feat"].nunique()) if units is not None else 0
    else:
        if is_raster:
            level = _levels_raster(geoms_raster, kind, hazard, rule)
        elif kind == KIND_POLYGON and rule == RULE_POINT:
            level = _levels_vector(shapely.point_on_surface(geoms), hazard)
        else:
            level = _levels_vector(geoms, hazard)
        check_cancel(feedback)
        report_progress(feedback, 50)
        unit = _largest_unit(geoms, kind, units) if units is not None else np.full(n, -1, np.int64)
        max_level = max(max_level, int(level.max()) if n else 0)
        exposed = int((level > 0).sum())
        m = shapely.area(geoms) if kind == KIND_POLYGON else (geo.lengths(geoms, metric_crs) if kind == KIND_LINE else np.zeros(n))
        parts = pd.DataFrame({"feat": np.arange(n), "u": unit, "level": level, "m": m, "share": np.ones(n)})
        outside = int((unit < 0).sum()) if units is not None else 0
    report_progress(feedback, 80)
    table = _table(parts, kind, classes, values, units, unit_ids)
    return ExposureResult(level, by_level, unit, table, exposed, outside, max_level)


def _table(parts, kind, classes, values, units, unit_ids):
    if units is not None:
        parts = parts[parts["u"] >= 0]
    cls = np.asarray(classes, dtype=object) if classes is not None else None
    df = pd.DataFrame({
        "u": parts["u"].to_numpy(),
        "class": cls[parts["feat"].to_numpy()] if cls is not None else np.full(len(parts), None, dtype=object),
        "level": parts["level"].to_numpy(),
        "count": np.ones(len(parts), dtype=np.int64),
        "length_m": parts["m"].to_numpy() if kind == KIND_LINE else np.zeros(len(parts)),
        "area_m2": parts["m"].to_numpy() if kind == KIND_POLYGON else np.zeros(len(parts)),
        "value": (np.asarray(values, dtype=float)[parts["feat"].to_numpy()] * parts["share"].to_numpy())
        if values is not None else np.zeros(len(parts)),
    })
    df["class"] = df["class"].fillna("")
    out = df.groupby(["u", "class", "level"], as_index=False, sort=True).sum()
    if units is not None:
        out.insert(0, "unit_id", np.asarray(unit_ids, dtype=object)[out["u"].to_numpy()])
    else:
        out.insert(0, "unit_id", None)
    out["class"] = out["class"].replace("", None)
    if values is None:
        out["value"] = np.nan
    if kind != KIND_LINE:
        out["length_m"] = np.nan
    if kind != KIND_POLYGON:
        out["area_m2"] = np.nan
    return out[TABLE_COLUMNS + ["u"]].reset_index(drop=True)


def merge_tables(tables):
    """One summary table from the tables of :func:`exposure_summary` run on batches of the features
    (each feature in exactly one batch): counts, lengths, areas and values add up per unit x class x
    level; a column stays NaN where every batch has NaN."""
    tables = [t for t in tables if t is not None and len(t)]
    if not tables:
        return pd.DataFrame(columns=TABLE_COLUMNS + ["u"])
    df = pd.concat(tables, ignore_index=True)
    df["class"] = df["class"].fillna("")
    keys = ["u", "class", "level"]
    grouped = df.groupby(keys, sort=True)
    out = grouped[["count", "length_m", "area_m2", "value"]].sum(min_count=1)
    out["unit_id"] = grouped["unit_id"].first() if df["unit_id"].notna().any() else None
    out = out.reset_index()
    out["class"] = out["class"].replace("", None)
    return out[TABLE_COLUMNS + ["u"]].reset_index(drop=True)


def feature_columns(kind, rule, hazard):
    """``(divisible, n_levels)`` of the per-feature output of :func:`exposure_summary`: whether the
    features are split (lines, polygons under :data:`RULE_SPLIT`) and, if so, the width of
    ``by_level`` (known before any feature is read, so batches write the same fields)."""
    divisible = kind == KIND_LINE or (kind == KIND_POLYGON and rule == RULE_SPLIT)
    max_level = hazard.max_level if isinstance(hazard, RasterHazard) else max(list(hazard.keys()) or [0])
    return divisible, int(max_level) + 1


def population_summary(raster, band, mode, hazard, units=None, unit_ids=None, metric_crs=None, feedback=None,
                       report=False):
    """Persons per unit and level from a population raster (``mode`` as in :mod:`zonal`).

    ``hazard``: zones ``{level: geom}`` in ``metric_crs`` or a :class:`RasterHazard` on the same CRS
    as the population raster. Returns a table with :data:`TABLE_COLUMNS` (class ``population``,
    persons in ``value``, ``area_m2`` of the unit x level piece where known). ``report=True``: returns
    ``(table, report)``, ``report`` the :class:`population.PopulationReport` of the cells read, from
    the same read, where the summary reads the raster once (zones and units), else None.
    """
    rep = None
    from . import population, zonal
    from .overlay import split_units_by_levels

    rows = []
    if isinstance(hazard, RasterHazard):
        _, pinfo = open_raster(raster, band)
        classes = _level_blocks(hazard, pinfo)  # asked strip by strip: no full-size grid of levels
        n_cls = hazard.max_level + 1
        if units is None or len(units) == 0:
            sums = np.zeros(n_cls)
            for row0, col0, counts, _ in population.iter_counts(raster, band=band, unit=mode, feedback=feedback):
                cls = classes(row0, row0 + counts.shape[0], col0, col0 + counts.shape[1])
                ok = cls >= 0
                sums += np.bincount(cls[ok], weights=counts[ok], minlength=n_cls)
            for lv in range(n_cls):
                rows.append((-1, lv, np.nan, sums[lv]))
        else:
            res = zonal.zonal_sums(units, metric_crs, raster, band, mode, classes=classes, n_classes=n_cls,
                                   feedback=feedback)
            for u in range(len(units)):
                for lv in range(n_cls):
                    rows.append((u, lv, np.nan, res.sums[u, lv]))
    else:
        parts, plv = _zone_parts(hazard)
        if units is None or len(units) == 0:
            res = zonal.zonal_sums(parts, metric_crs, raster, band, mode, disjoint=True,
                                   feedback=feedback)
            per_level = pd.Series(res.sums[:, 0]).groupby(plv).sum() if len(parts) else pd.Series(dtype=float)
            area = pd.Series(shapely.area(parts)).groupby(plv).sum() if len(parts) else pd.Series(dtype=float)
            total = population.population_report(raster, band=band, unit=mode, feedback=feedback).persons
            rows.append((-1, 0, np.nan, max(total - float(per_level.sum()), 0.0)))
            for lv in per_level.index:
                rows.append((-1, int(lv), float(area[lv]), float(per_level[lv])))
        else:
            u, lv, g = split_units_by_levels(units, parts, plv, feedback)
            res = zonal.zonal_sums(g, metric_crs, raster, band, mode, disjoint=True,
                                   feedback=feedback, report=report)
            rep = res.report
            for a, b, c, d in zip(u.tolist(), lv.tolist(), shapely.area(g).tolist(), res.sums[:, 0].tolist()):
                rows.append((a, b, c, d))
    df = pd.DataFrame(rows, columns=["u", "level", "area_m2", "value"])
    df = df.groupby(["u", "level"], as_index=False, sort=True).sum(min_count=1)
    df["unit_id"] = np.asarray(unit_ids, dtype=object)[df["u"].to_numpy()] if units is not None else None
    df["class"] = "population"
    df["count"] = np.nan
    df["length_m"] = np.nan
    return (df[TABLE_COLUMNS + ["u"]], rep) if report else df[TABLE_COLUMNS + ["u"]]


def _level_blocks(hazard, pinfo):
    """Hazard level of the cells of a population grid, as a block function ``f(row0, row1, col0, col1)``
    (nearest hazard cell to each cell centre; 0 where no hazard cell is), for :func:`zonal.zonal_sums`."""
    if (pinfo.width, pinfo.height) == (hazard.info.width, hazard.info.height) and \
            np.allclose(pinfo.geotransform, hazard.info.geotransform, rtol=0, atol=1e-9):
        return lambda r0, r1, c0, c1: hazard.levels[r0:r1, c0:c1].astype(np.int64)
    if not CRS.from_user_input(pinfo.wkt) == hazard.crs:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The hazard raster and the population raster are in different CRS: warp the hazard raster to the population raster's CRS first."))
    gt = pinfo.geotransform

    def block(r0, r1, c0, c1):
        xs = gt[0] + (np.arange(c0, c1) + 0.5) * gt[1]
        out = np.empty((r1 - r0, c1 - c0), dtype=np.int64)
        for r in range(r0, r1):
            rr, cc = hazard.cells_at(xs, np.full(len(xs), gt[3] + (r + 0.5) * gt[5]))
            lv = np.full(len(xs), -1, dtype=np.int64)
            ok = rr >= 0
            lv[ok] = hazard.levels[rr[ok], cc[ok]]
            out[r - r0] = np.where(lv < 0, 0, lv)
        return out

    return block
