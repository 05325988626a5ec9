"""Multi-hazard overlay: composite hazard zones from several hazard zonings, and unit x level tables.

Every hazard is a set of polygons with an integer ``level`` (1 = low ... 4 = very high; 0 = none).
Overlapping zones of one hazard resolve to the highest level. The hazards are overlaid into
non-overlapping pieces, one per distinct tuple of levels, and each tuple gets a composite level:

- ``METHOD_MAX`` (0): the highest level (envelope); ``score`` = that level.
- ``METHOD_WEIGHTED`` (1): ``score`` = sum of weight x level (weights scaled to sum 1), re-classed
  with score breaks b1 < b2 < ... (score < b1 -> 0, b1 <= score < b2 -> 1, ...).
- ``METHOD_COUNT`` (2): ``score`` = number of hazards at or above a level; ``level`` = that count.
- ``METHOD_MATRIX`` (3): composite hazard level (maximum) x vulnerability level, mapped through a
  risk matrix (rows: hazard level 1..n, columns: vulnerability level 1..m); ``score`` = their
  product. Outside the vulnerability zones the vulnerability level is 0 and the risk is 0.

All geometry is in one metric CRS given by the caller; areas are in m^2. The overlays work polygon by
polygon: bounding boxes choose which polygons of two zonings meet, so a zone's polygons far from the
other zoning's take no overlay, and a level whose polygons meet nowhere needs no union.
"""

import json
import re

import numpy as np
import pandas as pd
import shapely

from . import geometry as geo
from .classify import classify_continuous, parse_thresholds
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel
from .zonal import robust

METHOD_MAX, METHOD_WEIGHTED, METHOD_COUNT, METHOD_MATRIX = 0, 1, 2, 3
MIN_AREA = 1e-6  # m^2; slivers below this are dropped
MANY_CUTTERS = 8  # a polygon that more polygons meet is cut by (or intersected with) them at once
LARGE_COORDS = 2000  # polygons with more vertices are cut into tiles before they cut others


# --- inputs ------------------------------------------------------------------------------------
def check_levels(values, layer):
    """Integer levels from a field's values. Returns ``(levels, n_null)``; NULL levels are -1.

    Raises :class:`InputError` for text, fractions or negative levels.
    """
    s = pd.Series(values, dtype=object)
    null = s.isna().to_numpy()
    try:
        num = pd.to_numeric(s, errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError):
        bad = next((v for v in s[~null] if not _is_number(v)), "?")
        raise InputError(QT_TRANSLATE_NOOP("@default", "The level field of {layer} holds '{value}', which is not a whole number. Levels must be integers 0, 1, 2, ... (classify the layer first with Classify hazard)."),
                         layer=layer, value=bad) from None
    good = num[~null]
    frac = good[(good != np.round(good)) | (good < 0) | ~np.isfinite(good)]
    if len(frac):
        raise InputError(QT_TRANSLATE_NOOP("@default", "The level field of {layer} holds '{value}', which is not a whole number. Levels must be integers 0, 1, 2, ... (classify the layer first with Classify hazard)."),
                         layer=layer, value=f"{frac[0]:g}")
    levels = np.full(len(s), -1, dtype=np.int64)
    levels[~null] = good.astype(np.int64)
    return levels, int(null.sum())


def _is_number(v):
    try:
        float(v)
        return True
    except (TypeError, ValueError):
        return False


def parse_weights(text, n):
    """Weights, one per hazard (default equal), scaled to sum 1."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return np.full(n, 1.0 / n)
    items = [s for s in re.split(r"[,;\s，；]+", str(text).strip()) if s]
    try:
        w = np.array([float(v) for v in items])
    except ValueError:
        raise InputError(QT_TRANSLATE_NOOP("@default", "WEIGHTS must be numbers separated by commas, one per hazard layer; got '{text}'."),
                         text=text) from None
    if len(w) != n:
        raise InputError(QT_TRANSLATE_NOOP("@default", "{given} weight(s) were given for {n} hazard layer(s): give one weight per hazard layer, in the same order."),
                         given=len(w), n=n)
    if not np.all(np.isfinite(w)) or (w < 0).any():
        raise InputError(QT_TRANSLATE_NOOP("@default", "Weights must not be negative; got {text}."), text=text)
    if w.sum() <= 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "All weights are zero: give at least one positive weight."))
    return w / w.sum()


def parse_matrix(text):
    """A risk matrix from JSON (``[[...], ...]``) or rows separated by ``;`` of comma-separated levels.

    Row i is hazard level i+1, column j vulnerability level j+1; entries are risk levels >= 0.
    """
    if isinstance(text, (list, tuple, np.ndarray)):
        rows = [list(r) for r in text]
    else:
        t = str(text or "").strip()
        if not t:
            raise InputError(QT_TRANSLATE_NOOP("@default", "The risk matrix is empty."))
        try:
            rows = json.loads(t) if t.startswith("[") else [
                [c for c in re.split(r"[,\s，]+", r.strip()) if c] for r in re.split(r"[;；\n]+", t) if r.strip()]
        except json.JSONDecodeError:
            rows = None
        if not isinstance(rows, list):
            raise InputError(QT_TRANSLATE_NOOP("@default", "The risk matrix '{text}' cannot be read: give rows separated by ';' of levels separated by ',', e.g. 1,1,2,2;1,2,3,3;2,3,3,4;2,3,4,4."),
                             text=text)
    if not rows or not all(isinstance(r, (list, tuple)) for r in rows) or len({len(r) for r in rows}) != 1:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The risk matrix must be a rectangular table of levels >= 0 (rows: hazard level, columns: vulnerability level)."))
    try:
        m = np.array([[int(str(v).strip()) for v in r] for r in rows], dtype=np.int64)
    except (ValueError, TypeError):
        raise InputError(QT_TRANSLATE_NOOP("@default", "The risk matrix '{text}' cannot be read: give rows separated by ';' of levels separated by ',', e.g. 1,1,2,2;1,2,3,3;2,3,3,4;2,3,4,4."),
                         text=text) from None
    if m.ndim != 2 or m.size == 0 or (m < 0).any():
        raise InputError(QT_TRANSLATE_NOOP("@default", "The risk matrix must be a rectangular table of levels >= 0 (rows: hazard level, columns: vulnerability level)."))
    return m


def resolve_levels(geoms, levels, feedback=None):
    """Non-overlapping zones per level from one hazard's polygons.

    Where zones of different levels overlap, the highest level wins. Levels <= 0 are dropped.
    Returns ``(zones, overlap_m2)``: ``zones`` a dict ``level -> (Multi)Polygon`` and the area on
    which zones of different levels overlapped.

    A level's polygons that meet nowhere (not even touching) are its zone as they are (a multipolygon
    of them, no union); each polygon of a lower level is cut only by the higher zones its bounding box
    meets (:func:`_minus`), so polygons far from any higher zone take no overlay.
    """
    geoms, _ = geo.repair(np.asarray(geoms, dtype=object))
    levels = np.asarray(levels)
    keep = (levels > 0) & ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    zones, overlap = {}, 0.0
    higher = np.zeros(0, dtype=object)  # the polygons of the zones of the levels above
    for lv in sorted(np.unique(levels[keep]).tolist(), reverse=True):
        check_cancel(feedback)
        parts = _union_parts(geo.polygonal_part(geoms[keep & (levels == lv)]))
        # zones reprojected from another CRS may touch in ways GEOS's predicates trip over: no
        # intersects() test, the robust difference decides (bounding boxes choose the pairs)
        clipped = _minus(parts, higher)
        overlap += max(float(shapely.area(parts).sum() - shapely.area(clipped).sum()), 0.0)
        higher = np.concatenate([higher, parts])
        g = _assemble(clipped, np.zeros(len(clipped), dtype=np.int64), 1)[0]
        if not shapely.is_empty(g) and shapely.area(g) > MIN_AREA:
            zones[lv] = g
    return zones, float(max(overlap, 0.0))


def _union_parts(geoms):
    """The polygons of the union of ``geoms`` (polygonal): their own parts when no two of them meet
    (bounding boxes first, then ``intersects``: touching counts), else the parts of ``union_all``."""
    parts = shapely.get_parts(np.asarray(geoms, dtype=object))
    parts = parts[(shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)]
    if len(parts) > 1:
        try:
            a, b = shapely.STRtree(parts).query(parts, predicate="intersects")
            meet = bool((a != b).any())
        except shapely.errors.GEOSException:
            meet = True
        if meet:
            parts = shapely.get_parts(geo.polygonal_part(np.array([shapely.union_all(parts)], dtype=object)))
            parts = parts[(shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)]
    return parts


def _minus(parts, cutters):
    """Each of ``parts`` minus every one of ``cutters`` that its bounding box meets (robust differences,
    one cutter per part and round, so the cutters may touch each other; no union of them is built).
    Parts no cutter's box meets are returned as they are."""
    out = np.array(parts, dtype=object)
    if len(out) == 0 or len(cutters) == 0:
        return out
    cutters = _split_large(np.asarray(cutters, dtype=object))
    ci, pi = shapely.STRtree(out).query(cutters)
    if len(pi) == 0:
        return out
    order = np.argsort(pi, kind="stable")
    ci, pi = ci[order], pi[order]
    first = np.r_[True, pi[1:] != pi[:-1]]
    start = np.maximum.accumulate(np.where(first, np.arange(len(pi)), 0))
    rank = np.arange(len(pi)) - start
    count = np.bincount(pi, minlength=len(out))
    # a part many cutters meet (e.g. a polygonised class with the higher classes in its holes) takes
    # one difference with their union instead of one difference per cutter
    many = count[pi] > MANY_CUTTERS
    for j in np.unique(pi[many]).tolist():
        out[j] = robust(shapely.difference, out[j], shapely.union_all(cutters[ci[pi == j]]))
    few = ~many
    for r in range(int(rank[few].max()) + 1 if few.any() else 0):
        sel = few & (rank == r)
        out[pi[sel]] = robust(shapely.difference, out[pi[sel]], cutters[ci[sel]])
    return out


def _split_large(geoms, max_coords=LARGE_COORDS):
    """``geoms`` with each polygon of more than ``max_coords`` vertices cut into tiles of its bounding
    box (robust intersections), so a small polygon meets a small piece of it, not all of it (a zone
    with many holes would otherwise be overlaid whole with every polygon in its box)."""
    n = shapely.get_num_coordinates(geoms)
    big = np.flatnonzero(n > max_coords)
    if len(big) == 0:
        return geoms
    pieces = [geoms[n <= max_coords]]
    for j in big.tolist():
        k = int(np.ceil(np.sqrt(n[j] / max_coords)))
        x0, y0, x1, y1 = shapely.bounds(geoms[j])
        xs, ys = np.linspace(x0, x1, k + 1), np.linspace(y0, y1, k + 1)
        gx, gy = np.meshgrid(np.arange(k), np.arange(k))
        tiles = shapely.box(xs[gx.ravel()], ys[gy.ravel()], xs[gx.ravel() + 1], ys[gy.ravel() + 1])
        cut = geo.polygonal_part(robust(shapely.intersection, np.full(len(tiles), geoms[j], dtype=object), tiles))
        cut = shapely.get_parts(cut)
        pieces.append(cut[(shapely.get_type_id(cut) == 3) & ~shapely.is_empty(cut)])
    return np.concatenate(pieces)


def _assemble(geoms, owner, n):
    """``n`` multipolygons: number ``k`` made of the polygons of the ``geoms`` whose ``owner`` is ``k``
    (those polygons must not overlap nor share edges, e.g. pieces of disjoint polygons)."""
    parts, idx = shapely.get_parts(geo.polygonal_part(np.asarray(geoms, dtype=object)), return_index=True)
    ok = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)  # points and lines of touching pieces go
    parts, own = parts[ok], np.asarray(owner, dtype=np.int64)[idx[ok]]
    out = np.array([shapely.from_wkt("MULTIPOLYGON EMPTY") for _ in range(n)], dtype=object)
    if len(parts):
        order = np.argsort(own, kind="stable")
        shapely.multipolygons(parts[order], indices=own[order], out=out)
    return out


# --- overlay -----------------------------------------------------------------------------------
def _clean(geoms):
    geoms = geo.polygonal_part(np.asarray(geoms, dtype=object))
    ok = ~shapely.is_empty(geoms) & (shapely.area(geoms) > MIN_AREA)
    return geoms, ok


def overlay_zones(zone_sets, feedback=None):
    """Overlay several hazards' zone dicts (from :func:`resolve_levels`).

    Returns ``(keys, geoms)``: ``keys`` an int array (n_pieces, n_hazards) of levels (0 = outside
    that hazard's zones) and non-overlapping pieces covering the union of all zones exactly.
    """
    keys = np.zeros((0, 0), dtype=np.int64)
    geoms = np.zeros(0, dtype=object)
    for k, zones in enumerate(zone_sets):
        check_cancel(feedback)
        if feedback is not None:
            feedback.setProgress(80.0 * k / max(len(zone_sets), 1))
        zl = np.array(list(zones.keys()), dtype=np.int64)
        zg = np.array(list(zones.values()), dtype=object)
        if k == 0 or len(geoms) == 0:
            new_keys = np.zeros((len(zl), k + 1), dtype=np.int64)
            new_keys[:, k] = zl
            new_geoms = zg
            if len(geoms):
                new_keys = np.vstack([np.column_stack([keys, np.zeros(len(keys), np.int64)]), new_keys])
                new_geoms = np.concatenate([geoms, zg])
        else:
            new_keys, new_geoms = _overlay_step(keys, geoms, zl, zg)
        new_geoms, ok = _clean(new_geoms)
        keys, geoms = new_keys[ok], new_geoms[ok]
        if k == 0 and not len(zg):
            keys = np.zeros((0, 1), dtype=np.int64)
    if keys.shape[1] != len(zone_sets):
        keys = np.zeros((0, len(zone_sets)), dtype=np.int64)
    return keys, geoms


def _overlay_step(keys, geoms, zl, zg):
    """One more hazard (levels ``zl``, zones ``zg``) over the pieces so far (``keys``, ``geoms``).

    Works on polygons, not on whole multipolygons: every polygon of a piece is intersected only with
    the zone polygons its bounding box meets, and each piece minus the new zones (and each zone minus
    the pieces, which cover the earlier hazards' zones exactly) is a difference with just those
    polygons. Returns ``(keys, geoms)`` of the intersections, the rest of the pieces and the rest of
    the zones (not cleaned)."""
    k = keys.shape[1]
    pp, p_own = shapely.get_parts(geoms, return_index=True)
    zp, z_own = shapely.get_parts(zg, return_index=True)
    zi, pi = shapely.STRtree(pp).query(zp) if len(pp) and len(zp) else (np.zeros(0, np.int64),) * 2
    # the intersections of one piece and one zone, polygon by polygon, are assembled again; a piece and
    # a zone whose polygons meet in many pairs are intersected as the multipolygons of those polygons
    pair = p_own[pi].astype(np.int64) * len(zg) + z_own[zi]
    cells, group = np.unique(pair, return_inverse=True)
    group = group.reshape(-1)
    heavy = np.bincount(group, minlength=len(cells))[group] > MANY_CUTTERS
    inter = np.empty(len(pi), dtype=object)
    if (~heavy).any():
        inter[~heavy] = robust(shapely.intersection, pp[pi[~heavy]], zp[zi[~heavy]])
    for g in np.unique(group[heavy]).tolist():
        sel = np.flatnonzero(group == g)
        a = shapely.multipolygons(pp[np.unique(pi[sel])])
        b = shapely.multipolygons(zp[np.unique(zi[sel])])
        inter[sel[0]] = robust(shapely.intersection, a, b)
        inter[sel[1:]] = shapely.from_wkt("POLYGON EMPTY")
    inter = _assemble(inter, group, len(cells)) if len(cells) else np.zeros(0, dtype=object)
    k_inter = np.column_stack([keys[cells // len(zg)], zl[cells % len(zg)]]) if len(cells) else \
        np.zeros((0, k + 1), dtype=np.int64)
    rest_p = _assemble(_minus(pp, zp), p_own, len(geoms))
    rest_z = _assemble(_minus(zp, pp), z_own, len(zg))
    k_rest_p = np.column_stack([keys, np.zeros(len(keys), np.int64)])
    k_rest_z = np.zeros((len(zg), k + 1), dtype=np.int64)
    k_rest_z[:, k] = zl
    return np.vstack([k_inter, k_rest_p, k_rest_z]), np.concatenate([inter, rest_p, rest_z])


def composite(keys, names, method=METHOD_MAX, weights=None, score_breaks=None, count_level=1,
              vulnerability=None, matrix=None):
    """Composite ``(level, score, dominant)`` for each row of level tuples ``keys``.

    ``vulnerability``: vulnerability level per row (METHOD_MATRIX only).
    """
    keys = np.asarray(keys, dtype=np.int64)
    n, k = keys.shape
    names = np.asarray(list(names) + [""], dtype=object)
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0), np.zeros(0, dtype=object)
    if method in (METHOD_MAX, METHOD_MATRIX):
        level = keys.max(axis=1)
        arg = keys.argmax(axis=1)
        dominant = np.where(level > 0, names[arg], "")
        score = level.astype(float)
        if method == METHOD_MATRIX:
            m = np.asarray(matrix, dtype=np.int64)
            v = np.asarray(vulnerability, dtype=np.int64)
            hi = np.clip(level, 1, m.shape[0]) - 1
            vi = np.clip(v, 1, m.shape[1]) - 1
            risk = m[hi, vi]
            risk = np.where((level > 0) & (v > 0), risk, 0)
            score = (level * v).astype(float)
            level = risk
            dominant = np.where(level > 0, dominant, "")
    elif method == METHOD_WEIGHTED:
        w = np.asarray(weights, dtype=float)
        contrib = keys * w[None, :]
        score = contrib.sum(axis=1)
        level = classify_continuous(score + 1e-9, score_breaks).astype(np.int64)
        arg = contrib.argmax(axis=1)
        dominant = np.where(score > 0, names[arg], "")
    elif method == METHOD_COUNT:
        at = keys >= count_level
        score = at.sum(axis=1).astype(float)
        level = at.sum(axis=1).astype(np.int64)
        dominant = np.array(["+".join(names[:k][row]) for row in at], dtype=object)
    else:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Unknown overlay method {method}."), method=method)
    return level.astype(np.int64), np.round(score, 6), np.asarray(dominant, dtype=object)


def hazard_overlay(hazards, names, method=METHOD_MAX, weights=None, score_breaks=None, count_level=1,
                   vulnerability=None, matrix=None, feedback=None):
    """Composite hazard zones.

    ``hazards``: list of zone dicts (:func:`resolve_levels`); ``names``: one per hazard (used for
    ``lvl_<name>`` columns and ``dominant``); ``vulnerability``: a zone dict (METHOD_MATRIX).
    Returns a DataFrame with ``level, score, dominant, lvl_<name>..., [vuln_level], area_m2, geometry``,
    one row per distinct attribute set (pieces with the same levels are one multipolygon).
    """
    if len(hazards) == 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Give at least one hazard layer."))
    if weights is None:
        weights = np.full(len(hazards), 1.0 / len(hazards))
    sets = list(hazards)
    if method == METHOD_MATRIX:
        if vulnerability is None:
            raise InputError(QT_TRANSLATE_NOOP("@default", "The risk matrix method needs VULNERABILITY zones."))
        if matrix is None:
            raise InputError(QT_TRANSLATE_NOOP("@default", "The risk matrix is empty."))
    keys, geoms = overlay_zones(sets, feedback)
    vul = np.zeros(len(keys), dtype=np.int64)
    if method == METHOD_MATRIX and len(keys):
        # clip the hazard pieces by the vulnerability zones (outside them vulnerability is 0)
        vl = np.array(list(vulnerability.keys()), dtype=np.int64)
        vg = np.array(list(vulnerability.values()), dtype=object)
        pi, vi = np.meshgrid(np.arange(len(geoms)), np.arange(len(vg)), indexing="ij")
        pi, vi = pi.ravel(), vi.ravel()
        hit = shapely.intersects(geoms[pi], vg[vi])
        pi, vi = pi[hit], vi[hit]
        inter = robust(shapely.intersection, geoms[pi], vg[vi])
        rest = robust(shapely.difference, geoms, shapely.union_all(vg)) if len(vg) else geoms
        new_geoms, ok = _clean(np.concatenate([inter, rest]))
        new_keys = np.vstack([keys[pi], keys])
        new_vul = np.concatenate([vl[vi], np.zeros(len(keys), np.int64)])
        keys, geoms, vul = new_keys[ok], new_geoms[ok], new_vul[ok]
    level, score, dominant = composite(keys, names, method, weights, score_breaks, count_level, vul, matrix)
    cols = {"level": level, "score": score, "dominant": dominant}
    for j, name in enumerate(names):
        cols[f"lvl_{name}"] = keys[:, j] if len(keys) else np.zeros(0, np.int64)
    if method == METHOD_MATRIX:
        cols["vuln_level"] = vul
    df = pd.DataFrame(cols)
    df["geometry"] = geoms
    if len(df):
        # pieces with identical attributes (only possible after re-classing) are dissolved
        attr = [c for c in df.columns if c != "geometry"]
        groups = df.groupby(attr, sort=True, dropna=False).indices
        rows, out_geoms = [], []
        for key, idx in groups.items():
            rows.append(key if isinstance(key, tuple) else (key,))
            out_geoms.append(geoms[idx[0]] if len(idx) == 1 else shapely.union_all(geoms[idx]))
        df = pd.DataFrame(rows, columns=attr)
        df["geometry"] = geo.to_multipolygon(geo.polygonal_part(np.array(out_geoms, dtype=object)))
        df = df.sort_values(["level"] + [f"lvl_{n}" for n in names], ascending=False, kind="stable").reset_index(drop=True)
    else:
        df["geometry"] = np.zeros(0, dtype=object)
    df["area_m2"] = shapely.area(df["geometry"].to_numpy()) if len(df) else np.zeros(0)
    return df[[c for c in df.columns if c != "geometry"] + ["geometry"]]


# --- units x levels ----------------------------------------------------------------------------
def level_geometries(geoms, levels):
    """Dissolve non-overlapping zones to one geometry per level: ``(levels, geoms)`` sorted by level."""
    geoms = np.asarray(geoms, dtype=object)
    levels = np.asarray(levels, dtype=np.int64)
    out_l, out_g = [], []
    for lv in np.unique(levels).tolist():
        parts = shapely.get_parts(geoms[levels == lv])
        out_l.append(lv)
        out_g.append(shapely.multipolygons(parts) if len(parts) else shapely.from_wkt("MULTIPOLYGON EMPTY"))
    return np.array(out_l, dtype=np.int64), np.array(out_g, dtype=object)


def split_units_by_levels(unit_geoms, zone_geoms, zone_levels, feedback=None, rest=True):
    """Pieces of each unit by level: ``(unit_index, level, geoms)``.

    ``zone_geoms`` must not overlap (e.g. the composite zones, or :func:`resolve_levels` output).
    Level 0 is the part of the unit outside every zone, so each unit's pieces cover it exactly;
    ``rest=False`` leaves those level-0 pieces out (no per-unit union and difference).
    """
    unit_geoms, _ = geo.repair(np.asarray(unit_geoms, dtype=object))
    zone_geoms = np.asarray(zone_geoms, dtype=object)
    zone_levels = np.asarray(zone_levels, dtype=np.int64)
    parts, owner = shapely.get_parts(zone_geoms, return_index=True)
    part_levels = zone_levels[owner] if len(parts) else np.zeros(0, np.int64)
    check_cancel(feedback)
    if len(parts):
        tree = shapely.STRtree(unit_geoms)
        pi, ui = tree.query(parts, predicate="intersects")  # the large zone part is prepared once
    else:
        pi = ui = np.zeros(0, dtype=np.int64)
    check_cancel(feedback)
    shapely.prepare(parts)
    inside = shapely.covers(parts[pi], unit_geoms[ui]) if len(pi) else np.zeros(0, bool)
    pieces = np.empty(len(pi), dtype=object)
    pieces[inside] = unit_geoms[ui[inside]]
    cross = ~inside
    if cross.any():
        pieces[cross] = robust(shapely.intersection, unit_geoms[ui[cross]], parts[pi[cross]])
    pieces, ok = _clean(pieces)
    u, lv, g = ui[ok], part_levels[pi[ok]], pieces[ok]
    if not rest:
        return u.astype(np.int64), lv.astype(np.int64), g
    # the part of each unit outside all zones -> level 0
    check_cancel(feedback)
    touched = np.unique(u)
    rest = unit_geoms.copy()
    if len(touched):
        order = np.argsort(u, kind="stable")
        covered = np.empty(len(touched), dtype=object)
        starts = np.searchsorted(u[order], touched)
        ends = np.r_[starts[1:], len(order)]
        for j, (s, e) in enumerate(zip(starts, ends)):
            covered[j] = shapely.union_all(g[order[s:e]])
        rest[touched] = robust(shapely.difference, unit_geoms[touched], covered)
    rest, rok = _clean(rest)
    ridx = np.flatnonzero(rok)
    return (np.concatenate([u, ridx]).astype(np.int64), np.concatenate([lv, np.zeros(len(ridx), np.int64)]),
            np.concatenate([g, rest[rok]]))


def unit_level_table(unit_geoms, unit_ids, zone_geoms, zone_levels, population=None, feedback=None,
                     rest_by_difference=False):
    """One row per unit x level: ``unit_id, level, area_m2, area_share, population``.

    ``population``: None, or a callable ``f(polygons) -> persons per polygon`` (e.g. a closure on
    :func:`zonal.zonal_sums`). Pieces are unit-by-level polygons in the metric CRS.
    Returns ``(table, pieces)`` where ``pieces`` = (unit_index, level, geoms).

    ``rest_by_difference=True``: the level-0 part of each unit (outside every zone) is not built as a
    geometry: its area is the unit's area minus the areas of the unit's other pieces, and its persons
    the unit's minus theirs. ``population`` is then called once with the zone pieces followed by the
    units themselves (so the polygons overlap: the zonal sums must not be told they are disjoint),
    and ``pieces`` holds the zone pieces only. Level-0 rows smaller than :data:`MIN_AREA` or 1e-9 of
    their unit are left out (what remains of a unit wholly in zones is rounding).
    """
    unit_geoms, _ = geo.repair(np.asarray(unit_geoms, dtype=object))
    u, lv, g = split_units_by_levels(unit_geoms, zone_geoms, zone_levels, feedback, rest=not rest_by_difference)
    area = shapely.area(g)
    unit_area = shapely.area(unit_geoms)
    if not rest_by_difference:
        pop = population(g) if population is not None else np.full(len(g), np.nan)
    else:
        n = len(unit_geoms)
        both = population(np.concatenate([g, unit_geoms])) if population is not None else np.full(len(g) + n, np.nan)
        pop, unit_pop = np.asarray(both[:len(g)], dtype=float), np.asarray(both[len(g):], dtype=float)
        rest_area = unit_area - np.bincount(u, weights=area, minlength=n)
        rest_pop = np.maximum(unit_pop - np.bincount(u, weights=np.nan_to_num(pop), minlength=n), 0.0)
        keep = rest_area > np.maximum(MIN_AREA, 1e-9 * unit_area)
        ridx = np.flatnonzero(keep)
        u = np.concatenate([u, ridx]).astype(np.int64)
        lv = np.concatenate([lv, np.zeros(len(ridx), np.int64)])
        area = np.concatenate([area, rest_area[keep]])
        pop = np.concatenate([pop, np.where(np.isnan(unit_pop[keep]), np.nan, rest_pop[keep])])
    df = pd.DataFrame({"u": u, "level": lv, "area_m2": area, "population": pop})
    df = df.groupby(["u", "level"], as_index=False, sort=True).sum(min_count=1)
    df["area_share"] = df["area_m2"] / np.where(unit_area[df["u"]] > 0, unit_area[df["u"]], np.nan)
    df.insert(0, "unit_id", np.asarray(unit_ids, dtype=object)[df["u"].to_numpy()])
    return df[["unit_id", "level", "area_m2", "area_share", "population", "u"]], (u[:len(g)], lv[:len(g)], g)


def check_unit_ids(ids, layer):
    """Unit ids must be present and unique."""
    s = pd.Series(ids, dtype=object)
    if s.isna().any():
        raise InputError(QT_TRANSLATE_NOOP("@default", "{n} unit(s) of {layer} have no id: fill the id field or choose another one."),
                         n=int(s.isna().sum()), layer=layer)
    dup = s[s.duplicated()]
    if len(dup):
        raise InputError(QT_TRANSLATE_NOOP("@default", "The unit id field of {layer} is not unique ('{value}' appears more than once): choose a field with one value per unit."),
                         layer=layer, value=dup.iloc[0])


def parse_score_breaks(text):
    """Ascending score breaks (e.g. "0.5,1.5,2.5,3.5") of the weighted-sum method; InputError if none."""
    b = parse_thresholds(text)
    if len(b) == 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "SCORE_BREAKS holds no numbers: give ascending score breaks, e.g. 0.5,1.5,2.5,3.5."))
    return b
