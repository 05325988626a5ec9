"""Lifeline exposure: how much of each network lies in each hazard level, and how badly it is hit.

Lines (pipes, cables, roads) are measured in a metric CRS:
- against hazard zones, each line is cut exactly at the zone boundaries (STRtree pairs + one
  vectorised ``shapely.intersection``); the length outside every zone of level >= 1 is level 0;
- against an intensity raster, each line is densified (``shapely.segmentize``) to pieces no longer
  than a quarter of a raster cell and the raster is read at every piece's midpoint (one array lookup).
  Pieces whose midpoint is off the raster or on a nodata cell are *uncovered*: they count in
  ``len_uncovered``, never as zero hazard. Without zones, levels come from the intensity and
  thresholds.
Points (substations, towers, bridges...) take the highest level of the zones they touch and the
raster value of their cell.

Fragility (see :mod:`fragility`): repair-rate curves sum RR(IM) * factors * length over the pieces
(expected repairs) and P(fail) = 1 - exp(-repairs); lognormal and threshold curves use the largest
intensity along the line. The summary table has one row per unit x asset type x level.
"""

from dataclasses import dataclass
from typing import Optional

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from . import geometry as geo
from .classify import classify_continuous
from .crs import is_wide_crs
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel
from .fragility import FragilityLibrary, normalize_types
from .raster import open_raster

MIN_LEN = 1e-3  # m: shorter pieces are slivers of a boundary, not exposure
STEPS_PER_CELL = 4.0  # pieces per raster cell: the midpoint rule then errs by at most 1/8 cell per crossing


# --- raster sampling -----------------------------------------------------------------------------
class RasterSampler:
    """Reads one raster band at points given in ``metric_crs`` (vectorised, nodata -> NaN)."""

    def __init__(self, path, band, metric_crs, raster_crs=None):
        self.ds, self.info = open_raster(path, band)
        self.band = band
        crs = raster_crs or self.info.wkt
        if not crs:
            raise InputError(QT_TRANSLATE_NOOP("@default", "The raster {path} has no coordinate reference system."), path=path)
        self.crs = CRS.from_user_input(crs)
        self.metric_crs = CRS.from_user_input(metric_crs)
        self._to_raster = None if self.crs == self.metric_crs else Transformer.from_crs(self.metric_crs, self.crs, always_xy=True)
        self._to_metric = None if self.crs == self.metric_crs else Transformer.from_crs(self.crs, self.metric_crs, always_xy=True)

    def to_raster(self, x, y):
        if self._to_raster is None:
            return np.asarray(x, float), np.asarray(y, float)
        return self._to_raster.transform(x, y)

    def cell_size_m(self, x=None, y=None):
        """The smaller side of a raster cell in metres, near the data (metric x/y) or the raster centre."""
        gt = self.info.geotransform
        if x is not None and len(x):
            rx, ry = self.to_raster(np.array([np.nanmean(x)]), np.array([np.nanmean(y)]))
            cx, cy = float(rx[0]), float(ry[0])
        else:
            b = self.info.bounds
            cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        if self._to_metric is None:
            return min(abs(gt[1]), abs(gt[5]))
        px = np.array([cx, cx + abs(gt[1]), cx])
        py = np.array([cy, cy, cy + abs(gt[5])])
        mx, my = self._to_metric.transform(px, py)
        return float(min(np.hypot(mx[1] - mx[0], my[1] - my[0]), np.hypot(mx[2] - mx[0], my[2] - my[0])))

    def sample(self, x, y):
        """Values at metric points: ``(values, outside)``; NaN where off the raster or nodata."""
        x = np.asarray(x, float)
        out = np.full(len(x), np.nan)
        if len(x) == 0:
            return out, np.zeros(0, bool)
        rx, ry = self.to_raster(x, y)
        gt = self.info.geotransform
        col = np.floor((np.asarray(rx) - gt[0]) / gt[1])
        row = np.floor((np.asarray(ry) - gt[3]) / gt[5])
        inside = (col >= 0) & (col < self.info.width) & (row >= 0) & (row < self.info.height) & np.isfinite(col) & np.isfinite(row)
        if not inside.any():
            return out, ~inside
        col_i, row_i = col[inside].astype(np.int64), row[inside].astype(np.int64)
        c0, c1, r0, r1 = col_i.min(), col_i.max(), row_i.min(), row_i.max()
        b = self.ds.GetRasterBand(self.band)
        win = b.ReadAsArray(int(c0), int(r0), int(c1 - c0 + 1), int(r1 - r0 + 1))
        vals = win[row_i - r0, col_i - c0].astype(float)
        nodata = b.GetNoDataValue()
        if nodata is not None and np.isfinite(nodata):
            vals[vals == nodata] = np.nan
        flags = b.GetMaskFlags()
        from osgeo import gdal

        if not (flags & gdal.GMF_ALL_VALID) and not (flags & gdal.GMF_NODATA):
            m = b.GetMaskBand().ReadAsArray(int(c0), int(r0), int(c1 - c0 + 1), int(r1 - r0 + 1))
            vals[m[row_i - r0, col_i - c0] == 0] = np.nan
        out[inside] = vals
        return out, ~inside


# --- geometry helpers ----------------------------------------------------------------------------
def lineal_parts(geoms):
    """Every LineString part of a shapely array, with the index of its geometry."""
    geoms = np.asarray(geoms, dtype=object)
    owner = np.arange(len(geoms))
    while True:
        t = shapely.get_type_id(geoms)
        if not np.isin(t, (4, 5, 6, 7)).any():
            break
        geoms, idx = shapely.get_parts(geoms, return_index=True)
        owner = owner[idx]
    keep = np.isin(shapely.get_type_id(geoms), (1, 2)) & ~shapely.is_empty(geoms)
    return geoms[keep], owner[keep]


def polygon_parts(geoms):
    """Polygon parts of a shapely array with the index of their geometry."""
    geoms = np.asarray(geoms, dtype=object)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    t = shapely.get_type_id(parts)
    if (t == 7).any():
        sub, idx = shapely.get_parts(parts, return_index=True)
        parts, owner = sub, owner[idx]
        t = shapely.get_type_id(parts)
    keep = np.isin(t, (3, 6)) & ~shapely.is_empty(parts)
    parts, owner = parts[keep], owner[keep]
    parts, idx = shapely.get_parts(parts, return_index=True)  # MultiPolygon inside collections
    return parts, owner[idx]


def line_segments(geoms, step=None, crs=None):
    """Straight pieces of lines, no longer than ``step``: ``(owner, length, mid_x, mid_y)``.

    ``crs``: the metric CRS; in the one for wide extents the lengths are geodesic."""
    parts, owner = lineal_parts(geoms)
    if step:
        parts = shapely.segmentize(parts, step)
    coords, pidx = shapely.get_coordinates(parts, return_index=True)
    if len(coords) < 2:
        z = np.zeros(0)
        return np.zeros(0, np.int64), z, z, z
    same = pidx[1:] == pidx[:-1]
    a, b = coords[:-1][same], coords[1:][same]
    seg_owner = owner[pidx[:-1][same]]
    d = b - a
    length = np.hypot(d[:, 0], d[:, 1])
    if crs is not None and is_wide_crs(crs) and len(a):
        length = geo.lengths(shapely.linestrings(np.stack([a, b], axis=1)), crs)
    mid = (a + b) * 0.5
    return seg_owner, length, mid[:, 0], mid[:, 1]


def tile_polygons(polys, owner, max_vertices=2000):
    """Cut polygons with more than ``max_vertices`` vertices into tiles (a grid of boxes).

    Line x polygon intersections cost in proportion to the polygon's size; zones polygonised from a
    large raster are huge, tiles are small. The grid is offset by an odd fraction so that streets on
    round coordinates do not run along tile edges. Returns ``(polygons, owner)``.
    """
    polys = np.asarray(polys, dtype=object)
    nv = shapely.get_num_coordinates(polys)
    big = np.flatnonzero(nv > max_vertices)
    if len(big) == 0:
        return polys, owner
    keep_p, keep_o = [polys[nv <= max_vertices]], [owner[nv <= max_vertices]]
    for i in big.tolist():  # one grid per big polygon (few of them)
        x0, y0, x1, y1 = shapely.bounds(polys[i])
        n_tiles = max(nv[i] / max_vertices, 1.0)
        side = max(np.sqrt(max((x1 - x0) * (y1 - y0), 1e-9) / n_tiles), 1e-6)
        off = 0.3819660113 * side
        xs = np.arange(x0 - off, x1 + side, side)
        ys = np.arange(y0 - off, y1 + side, side)
        gx, gy = np.meshgrid(xs[:-1], ys[:-1])
        boxes = shapely.box(gx.ravel(), gy.ravel(), gx.ravel() + side, gy.ravel() + side)
        shapely.prepare(polys[i])
        boxes = boxes[shapely.intersects(polys[i], boxes)]
        tiles = shapely.intersection(polys[i], boxes)
        parts, _ = polygon_parts(tiles)
        keep_p.append(parts)
        keep_o.append(np.full(len(parts), owner[i]))
    return np.concatenate(keep_p), np.concatenate(keep_o)


def overlay_lines(lines, polys):
    """Exact line x polygon pieces: ``(line index, polygon index, piece)`` for every intersecting pair."""
    lines = np.asarray(lines, dtype=object)
    polys = np.asarray(polys, dtype=object)
    if len(lines) == 0 or len(polys) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, dtype=object)
    shapely.prepare(polys)
    tree = shapely.STRtree(polys)
    # bounding boxes first, then the predicate with the (prepared) polygon first: fast for big zones
    li, pj = tree.query(lines)
    hit = shapely.intersects(polys[pj], lines[li])
    li, pj = li[hit], pj[hit]
    pieces = np.empty(len(li), dtype=object)
    if len(li):
        inside = shapely.contains_properly(polys[pj], lines[li])
        pieces[inside] = lines[li[inside]]
        rest = ~inside
        if rest.any():
            pieces[rest] = shapely.intersection(lines[li[rest]], polys[pj[rest]])
    return li, pj, pieces


def _group_sum(keys, values, n):
    return np.bincount(keys, weights=values, minlength=n)[:n] if len(keys) else np.zeros(n)


def _group_max(keys, values, n):
    out = np.full(n, np.nan)
    ok = np.isfinite(values)
    if ok.any():
        s = pd.Series(values[ok]).groupby(keys[ok]).max()
        out[s.index.to_numpy()] = s.to_numpy()
    return out


@dataclass
class _Fragility:
    """Per-asset curves and pipe factors, applied to intensities of pieces."""

    type_code: np.ndarray  # per asset, index into curves
    curves: list  # curve or None per type code
    factor: np.ndarray  # material x diameter factor per asset (repair-rate assets)
    type_names: list  # asset type name per type code

    def repairs(self, asset, length, im):
        rep = np.zeros(len(asset))
        codes = self.type_code[asset]
        for code, curve in enumerate(self.curves):
            if curve is None or curve.form != "repair_rate":
                continue
            m = (codes == code) & np.isfinite(im)
            if m.any():
                rep[m] = curve.repair_rate(im[m]) * self.factor[asset[m]] * length[m] / 1000.0
        return rep


MAX_SEGMENTS = 2_000_000  # densified pieces held in memory at once


def _measure(pieces, piece_asset, sampler, frag, step, thresholds=None, check=None, feedback=None, crs=None):
    """Densify pieces and read the raster, chunk by chunk (bounded memory).

    Returns per piece ``(uncovered, max_im, repairs)`` and, with ``thresholds``, a DataFrame of
    ``base, level, length, repairs`` for the levels of the intensity along each piece.
    """
    n = len(pieces)
    uncovered, max_im, repairs = np.zeros(n), np.full(n, np.nan), np.zeros(n)
    rows = []
    if n == 0:
        return uncovered, max_im, repairs, (pd.DataFrame(columns=["base", "level", "length", "repairs"]) if thresholds is not None else None)
    if sampler is not None and step:
        est = shapely.length(pieces) / step + shapely.get_num_coordinates(pieces)
    else:
        est = shapely.get_num_coordinates(pieces).astype(float)
    bounds = np.searchsorted(np.cumsum(est), np.arange(MAX_SEGMENTS, est.sum() + MAX_SEGMENTS, MAX_SEGMENTS), side="right")
    cuts = np.unique(np.r_[0, np.minimum(bounds, n), n])
    for a, b in zip(cuts[:-1].tolist(), cuts[1:].tolist()):
        if b <= a:
            continue
        check_cancel(feedback)
        owner, length, mx, my = line_segments(pieces[a:b], step if sampler is not None else None, crs)
        owner = owner + a
        if sampler is None:
            im = np.full(len(owner), np.nan)
            rep = np.zeros(len(owner))
        else:
            im, _ = sampler.sample(mx, my)
            if check is not None:
                check(im)
            rep = frag.repairs(piece_asset[owner], length, im) if frag is not None else np.zeros(len(owner))
        covered = np.isfinite(im)
        uncovered += _group_sum(owner[~covered], length[~covered], n) if sampler is not None else 0.0
        max_im = np.fmax(max_im, _group_max(owner, im, n))
        repairs += _group_sum(owner, rep, n)
        if thresholds is not None:
            slevel = classify_continuous(im, thresholds)
            ok = slevel >= 0
            part = pd.DataFrame({"base": owner[ok], "level": slevel[ok], "length": length[ok], "repairs": rep[ok]})
            rows.append(part.groupby(["base", "level"], as_index=False).sum())
    table = None
    if thresholds is not None:
        table = pd.concat(rows, ignore_index=True).groupby(["base", "level"], as_index=False).sum() if rows else \
            pd.DataFrame(columns=["base", "level", "length", "repairs"])
    return uncovered, max_im, repairs, table


def _level_rows(base_geoms, base_asset, zone_parts, zone_level, sampler, frag, thresholds, step, check=None, feedback=None,
                crs=None):
    """Lengths and repairs per (base piece, level) plus per-base totals.

    Returns ``(rows, totals)``: rows is a DataFrame ``base, level, length, repairs``;
    totals a DataFrame per base with ``length, uncovered, max_im, repairs``.
    """
    nb = len(base_geoms)
    by_intensity = zone_parts is None
    unc, mx, rep, trows = _measure(base_geoms, base_asset, sampler, frag, step, thresholds if by_intensity else None, check, feedback,
                                   crs)
    totals = pd.DataFrame({
        "length": geo.lengths(base_geoms, crs) if nb else np.zeros(0),
        "uncovered": unc,
        "max_im": mx,
        "repairs": rep,
    })
    check_cancel(feedback)
    if not by_intensity:
        bi, pj, pieces = overlay_lines(base_geoms, zone_parts)
        plen = geo.lengths(pieces, crs) if len(pieces) else np.zeros(0)
        keep = plen > 0
        bi, pj, pieces, plen = bi[keep], pj[keep], pieces[keep], plen[keep]
        plevel = zone_level[pj]
        if sampler is not None and len(pieces):
            _, _, prep, _ = _measure(pieces, base_asset[bi], sampler, frag, step, None, None, feedback, crs)
        else:
            prep = np.zeros(len(pieces))
        rows = pd.DataFrame({"base": bi, "level": plevel, "length": plen, "repairs": prep})
        rows = rows.groupby(["base", "level"], as_index=False).sum()
        per_base = rows.groupby("base")[["length", "repairs"]].sum()
        l0 = totals[["length", "repairs"]].copy()
        l0.loc[per_base.index, "length"] -= per_base["length"]
        l0.loc[per_base.index, "repairs"] -= per_base["repairs"]
        l0 = l0.clip(lower=0.0)
        l0["base"] = np.arange(nb)
        l0["level"] = 0
        rows = pd.concat([rows, l0[["base", "level", "length", "repairs"]]], ignore_index=True)
    else:
        rows = trows
    rows = rows[rows["length"] > 0].reset_index(drop=True)
    rows["base"] = rows["base"].astype(np.int64)
    rows["level"] = rows["level"].astype(np.int64)
    return rows, totals


def zones_overlap(parts, min_area=1.0):
    """True when two polygon parts share more than ``min_area`` m² (slivers from reprojection or repairs do not count)."""
    if len(parts) < 2:
        return False
    i, j = shapely.STRtree(parts).query(parts, predicate="intersects")
    keep = i < j
    i, j = i[keep], j[keep]
    if not len(i):
        return False
    try:
        inner = shapely.relate_pattern(parts[i], parts[j], "2********")
        if not inner.any():
            return False
        return bool((shapely.area(shapely.intersection(parts[i[inner]], parts[j[inner]])) > min_area).any())
    except shapely.errors.GEOSException:
        # nearly coincident edges (e.g. zones reprojected twice) defeat GEOS's predicates: treat as
        # overlapping, resolve_overlaps then settles it robustly (it leaves disjoint zones as they are)
        return True


def resolve_overlaps(geoms, levels):
    """One (multi)polygon per level, where each level loses what a higher level covers
    (the shared, robust :func:`overlay.resolve_levels`; levels <= 0 are the remainder anyway)."""
    from .overlay import resolve_levels

    zones, _ = resolve_levels(geoms, levels)
    order = sorted(zones, reverse=True)
    return np.asarray([zones[lv] for lv in order], dtype=object), np.asarray(order)


@dataclass
class ExposureResult:
    """Per asset results, the table per unit / type / level, the number of levels and a report."""

    assets: pd.DataFrame  # one row per asset, in input order
    table: pd.DataFrame  # unit_id, asset_type, level, count, length_km, expected_repairs, expected_failed
    n_levels: int  # levels 0..n_levels
    report: dict


def _fragility_setup(types, library, intensity_measure, materials, diameters):
    uniq = sorted(set(types))
    code = {t: i for i, t in enumerate(uniq)}
    type_code = np.array([code[t] for t in types], dtype=np.int64)
    curves = [library.curve(t, intensity_measure) if intensity_measure else None for t in uniq]
    factor = np.ones(len(types))
    unknown_materials = []
    if materials is not None:
        f, unknown_materials = library.material_factor(materials)
        factor *= f
    if diameters is not None:
        factor *= library.diameter_factor(diameters)
    return _Fragility(type_code, curves, factor, uniq), uniq, unknown_materials


def _asset_fragility(frag, uniq, max_im, repairs, covered_len, sampled):
    n = len(max_im)
    p = np.full((n, 4), np.nan)
    rr = np.full(n, np.nan)
    er = np.full(n, np.nan)
    pf = np.full(n, np.nan)
    if not sampled:
        return p, rr, er, pf
    for code, curve in enumerate(frag.curves):
        if curve is None:
            continue
        m = frag.type_code == code
        if curve.form == "repair_rate":
            er[m] = repairs[m]
            with np.errstate(divide="ignore", invalid="ignore"):
                rr[m] = np.where(covered_len[m] > 0, repairs[m] / (covered_len[m] / 1000.0), np.nan)
            pf[m] = 1.0 - np.exp(-repairs[m])
            pf[m & ~(covered_len > 0)] = np.nan
            er[m & ~(covered_len > 0)] = np.nan
        elif curve.form == "lognormal":
            e = curve.exceedance(max_im[m])
            p[np.flatnonzero(m)[:, None], np.arange(e.shape[1])[None, :]] = e
            pf[m] = e[:, curve.fail_state]
        else:
            pf[m] = curve.p_fail(max_im[m])
    return p, rr, er, pf


def _normalized_types(asset_types, library, kind):
    types = np.array(normalize_types(asset_types), dtype=object)
    library.check_asset_types({t for t in types if t is not None}, kind)
    if len(types) and any(t is None for t in types):
        raise InputError(QT_TRANSLATE_NOOP("@default", "{n} lifeline(s) have no asset type: fill the ASSET_TYPE_FIELD or give one ASSET_TYPE for the whole layer."),
                         n=int(sum(t is None for t in types)))
    return types


def _prepare_zones(zones, zone_levels, tile=True):
    if zones is None:
        return None, None
    lv = np.asarray(zone_levels, dtype=float)
    ok = np.isfinite(lv) & (lv >= 1)
    parts, owner = polygon_parts(np.asarray(zones, dtype=object)[ok])
    level = lv[ok].astype(np.int64)[owner]
    if tile and len(parts):
        parts, level = tile_polygons(parts, level)
    return parts, level


def line_exposure(geoms, asset_types, library: FragilityLibrary, *, intensity_measure: Optional[str] = None,
                  sampler: Optional["RasterSampler"] = None, zones=None, zone_levels=None,
                  thresholds: Optional[np.ndarray] = None, units=None, unit_ids=None, materials=None, diameters=None,
                  step: Optional[float] = None, feedback=None, metric_crs=None) -> "ExposureResult":
    """Exposure of lines (metric CRS): metres per hazard level, damage probabilities, repairs.

    Parameters
    ----------
    geoms : shapely lines; ``asset_types`` one type per line (a key of ``library``, e.g. "road")
    library : the fragility library (:func:`fragility.load_library`)
    intensity_measure : which curve of the library to use with ``sampler`` (e.g. "flood_depth", "pgv")
    sampler : :class:`RasterSampler` of an intensity raster, read every ``step`` metres along the lines
    zones, zone_levels : hazard zones and their levels; ``zones`` and/or ``sampler`` must be given
    thresholds : intensity breaks that give the levels of sampled intensities
    units, unit_ids : admin polygons for the table by unit
    materials, diameters : per line, for pipe repair-rate corrections
    metric_crs : the CRS of the geometries (lengths are geodesic in the one chosen for wide extents)

    Returns
    -------
    ExposureResult
        ``assets`` has ``length_m, len_l0..len_lN, len_uncovered, max_level, max_intensity, p_ds1..p_ds4,
        repair_rate, expected_repairs, p_fail``.
    """
    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    types = _normalized_types(asset_types, library, "line")
    frag, uniq, unknown_materials = _fragility_setup(types, library, intensity_measure, materials, diameters)
    zone_parts, zone_level = _prepare_zones(zones, zone_levels)
    if thresholds is None:
        thresholds = np.zeros(0)
    if zone_parts is not None:
        n_levels = int(zone_level.max()) if len(zone_level) else 0
    else:
        n_levels = len(thresholds)
    report = {"unknown_materials": unknown_materials, "no_curve": [t for t, c in zip(uniq, frag.curves) if c is None],
              "overlaps_resolved": False}
    if sampler is not None and step is None:
        b = shapely.bounds(geoms)
        cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
        report["cell_m"] = sampler.cell_size_m(cx[np.isfinite(cx)], cy[np.isfinite(cy)])
        step = report["cell_m"] / STEPS_PER_CELL
    report["step_m"] = step
    check = (lambda im: library.check_plausible(im, intensity_measure)) if intensity_measure else None
    check_cancel(feedback, 5)

    asset_idx = np.arange(n)
    if zone_parts is not None and zones_overlap(zone_parts):
        # Overlapping zones would count a stretch twice: each level loses what a higher one covers.
        zg, zl = resolve_overlaps(zone_parts, zone_level)
        zone_parts, zowner = polygon_parts(zg)
        zone_level = zl[zowner]
        report["overlaps_resolved"] = True
    rows, totals = _level_rows(geoms, asset_idx, zone_parts, zone_level, sampler, frag, thresholds, step, check, feedback,
                               metric_crs)
    check_cancel(feedback, 50)

    total_len = totals["length"].to_numpy()
    uncovered = totals["uncovered"].to_numpy()
    covered_len = total_len - uncovered
    sampled = sampler is not None
    assets = pd.DataFrame({"asset_type": types, "length_m": total_len})
    lv_len = np.zeros((n, n_levels + 1))
    if len(rows):
        np.add.at(lv_len, (rows["base"].to_numpy(), rows["level"].to_numpy().astype(np.int64)), rows["length"].to_numpy())
    for k in range(n_levels + 1):
        assets[f"len_l{k}"] = lv_len[:, k]
    assets["len_uncovered"] = uncovered if sampled else np.nan
    present = lv_len > MIN_LEN
    max_level = np.where(present.any(axis=1), n_levels - np.argmax(present[:, ::-1], axis=1), -1)
    assets["max_level"] = pd.array(np.where(max_level >= 0, max_level, 0), dtype="Int64")
    assets.loc[max_level < 0, "max_level"] = pd.NA
    assets["max_intensity"] = totals["max_im"].to_numpy() if sampled else np.nan
    p, rr, er, pf = _asset_fragility(frag, uniq, totals["max_im"].to_numpy(), totals["repairs"].to_numpy(), covered_len, sampled)
    for k in range(4):
        assets[f"p_ds{k + 1}"] = p[:, k]
    assets["repair_rate"] = rr
    assets["expected_repairs"] = er
    assets["p_fail"] = pf
    report["total_m"] = float(total_len.sum())
    report["uncovered_m"] = float(uncovered.sum()) if sampled else 0.0
    if sampled and covered_len.sum() <= 0 and total_len.sum() > 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The intensity raster does not cover the lifelines at all (all {km:.2f} km are off the raster or on nodata cells). Check that raster and lines overlap and that their CRS are set correctly."),
                         km=float(total_len.sum()) / 1000.0)
    check_cancel(feedback, 60)

    urows = _unit_rows(geoms, rows, units, (zone_parts, zone_level, sampler, frag, thresholds, step), total_len, report,
                       feedback, metric_crs)
    check_cancel(feedback, 90)
    urows = urows[urows["length"] > MIN_LEN]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = urows["length"].to_numpy() / total_len[urows["asset"].to_numpy()]
    urows = urows.assign(asset_type=types[urows["asset"].to_numpy()],
                         failed=np.nan_to_num(pf[urows["asset"].to_numpy()]) * share)
    table = _table(urows, unit_ids, sampled, lines=True, frag=frag)
    return ExposureResult(assets, table, n_levels, report)


def _unit_rows(geoms, rows, units, hazard, total_len, report, feedback, metric_crs=None):
    """Length per (asset, unit, level): the lines cut by the unit polygons (unit -1 without units).

    ``hazard`` = ``(zone_parts, zone_level, sampler, frag, thresholds, step)`` as for :func:`_level_rows`.
    """
    if units is None:
        urows = rows.copy()
        urows["asset"] = urows["base"]
        urows["unit"] = -1
        return urows
    unit_parts, unit_owner = polygon_parts(units)
    ui, pj, upieces = overlay_lines(geoms, unit_parts)
    ulen = geo.lengths(upieces, metric_crs) if len(upieces) else np.zeros(0)
    keep = ulen > 0
    ui, base_unit, upieces = ui[keep], unit_owner[pj[keep]], upieces[keep]
    zone_parts, zone_level, sampler, frag, thresholds, step = hazard
    urows, _ = _level_rows(upieces, ui, zone_parts, zone_level, sampler, frag, thresholds, step, None, feedback, metric_crs)
    urows["asset"] = ui[urows["base"].to_numpy()]
    urows["unit"] = base_unit[urows["base"].to_numpy()]
    report["outside_units_m"] = float(max(total_len.sum() - ulen[keep].sum(), 0.0))
    return urows


def _table(urows, unit_ids, sampled, lines, frag):
    cols = ["unit_id", "asset_type", "level", "count", "length_km", "expected_repairs", "expected_failed"]
    if len(urows) == 0:
        return pd.DataFrame(columns=cols)
    g = urows.groupby(["unit", "asset_type", "level"], sort=True)
    table = pd.DataFrame({
        "count": g["asset"].nunique(),
        "length_km": g["length"].sum() / 1000.0 if lines else np.nan,
        "expected_repairs": g["repairs"].sum() if (lines and sampled) else np.nan,
        "expected_failed": g["failed"].sum() if sampled else np.nan,
    }).reset_index()
    if sampled and lines:
        rr_types = {t for t, c in zip(frag.type_names, frag.curves) if c is not None and c.form == "repair_rate"}
        table.loc[~table["asset_type"].isin(rr_types), "expected_repairs"] = np.nan
    unit = table["unit"].to_numpy()
    if unit_ids is not None:
        ids = np.asarray(unit_ids, dtype=object)
        table["unit_id"] = [None if u < 0 else ids[u] for u in unit]
    else:
        table["unit_id"] = None
    return table[cols]


def point_exposure(geoms, asset_types, library, *, intensity_measure=None, sampler=None, zones=None, zone_levels=None,
                   thresholds=None, units=None, unit_ids=None, feedback=None):
    """Exposure of points (metric CRS): ``level, max_level, max_intensity, p_ds1..p_ds4, p_fail``."""
    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    types = _normalized_types(asset_types, library, "point")
    frag, uniq, _ = _fragility_setup(types, library, intensity_measure, None, None)
    zone_parts, zone_level = _prepare_zones(zones, zone_levels)
    if thresholds is None:
        thresholds = np.zeros(0)
    sampled = sampler is not None
    report = {"no_curve": [t for t, c in zip(uniq, frag.curves) if c is None]}
    xy = shapely.get_coordinates(shapely.centroid(geoms)) if n else np.zeros((0, 2))
    im = np.full(n, np.nan)
    if sampled:
        im, _ = sampler.sample(xy[:, 0], xy[:, 1])
        if intensity_measure:
            library.check_plausible(im, intensity_measure)
        if n and not np.isfinite(im).any():
            raise InputError(QT_TRANSLATE_NOOP("@default", "The intensity raster does not cover any of the {n} lifeline points. Check that raster and points overlap and that their CRS are set correctly."), n=n)
    if zone_parts is not None:
        n_levels = int(zone_level.max()) if len(zone_level) else 0
        level = np.zeros(n, dtype=np.int64)
        if len(zone_parts):
            pi, zj = shapely.STRtree(zone_parts).query(geoms, predicate="intersects")
            np.maximum.at(level, pi, zone_level[zj])
        level = level.astype(float)
    else:
        n_levels = len(thresholds)
        level = classify_continuous(im, thresholds).astype(float)
        level[level < 0] = np.nan
    p, _, _, pf = _asset_fragility(frag, uniq, im, np.zeros(n), np.ones(n), sampled)
    assets = pd.DataFrame({"asset_type": types})
    assets["level"] = pd.array([None if not np.isfinite(v) else int(v) for v in level], dtype="Int64")
    assets["max_level"] = assets["level"]
    assets["max_intensity"] = im
    for k in range(4):
        assets[f"p_ds{k + 1}"] = p[:, k]
    assets["p_fail"] = pf
    report["uncovered_points"] = int((~np.isfinite(im)).sum()) if sampled else 0
    unit = np.full(n, -1, dtype=np.int64)
    if units is not None:
        unit_parts, unit_owner = polygon_parts(units)
        if len(unit_parts):
            pi, uj = shapely.STRtree(unit_parts).query(geoms, predicate="intersects")
            order = np.lexsort((unit_owner[uj], pi))
            pi, uj = pi[order], uj[order]
            first = np.r_[True, pi[1:] != pi[:-1]] if len(pi) else np.zeros(0, bool)
            unit[pi[first]] = unit_owner[uj[first]]
        report["outside_units"] = int((unit < 0).sum())
    ok = np.isfinite(level) & ((unit >= 0) if units is not None else True)
    urows = pd.DataFrame({"asset": np.flatnonzero(ok), "unit": unit[ok], "level": level[ok].astype(np.int64),
                          "asset_type": types[ok], "length": 0.0, "repairs": 0.0, "failed": np.nan_to_num(pf[ok])})
    table = _table(urows, unit_ids, sampled, lines=False, frag=frag)
    return ExposureResult(assets, table, n_levels, report)
