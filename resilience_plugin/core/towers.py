"""Power lines from their towers (杆塔易损性 -> 线路失效).

Each tower (or pole) fails with the probability its fragility curve gives at the hazard intensity
where it stands. A line is carried by the towers matched to it (within a tolerance of the line, or by
a line-id field) and fails when any of its towers fails or its conductor fails:

    P_line = 1 - (1 - p_conductor) * prod_i (1 - p_i)

This treats the towers (and the conductor) as *independent*: a typhoon loads neighbouring towers
together, so real failures are positively correlated and the formula is an upper bound on P_line for
given marginal p_i (and the expected number of failed towers, sum p_i, is exact either way).
"""

from dataclasses import dataclass, field

import numpy as np
import shapely

from .errors import QT_TRANSLATE_NOOP, InputError
from .fragility import normalize_types


@dataclass
class TowerResult:
    tower_p: np.ndarray           # P(fail) per tower (NaN where no intensity)
    tower_im: np.ndarray          # intensity at each tower
    tower_lines: np.ndarray       # number of lines each tower carries
    pair_tower: np.ndarray        # matched (tower, line) pairs
    pair_line: np.ndarray
    lines: dict                   # per-line arrays (see line_failure)
    report: dict = field(default_factory=dict)


def tower_probabilities(types, intensities, library, measure):
    """P(fail) of every tower from its type's curve under ``measure`` at ``intensities``.

    Returns ``(p, no_curve)``: NaN where the intensity is NaN; a type without a curve raises.
    """
    arr = np.array(normalize_types(types), dtype=object)
    im = np.asarray(intensities, dtype=float)
    p = np.full(len(types), np.nan)
    for t in sorted({t for t in arr.tolist() if t}):
        curve = library.curve(t, measure)
        if curve is None or curve.form == "repair_rate":
            raise InputError(QT_TRANSLATE_NOOP("@default", "The fragility library has no point curve for the tower type '{name}' under {measure}. Add one to a FRAGILITY_FILE or choose another intensity measure."),
                             name=t, measure=measure)
        sel = arr == t
        p[sel] = curve.p_fail(im[sel])
    return p


def match_by_distance(tower_points, line_geoms, tolerance):
    """(tower, line) index pairs where the tower is within ``tolerance`` (m) of the line."""
    tree = shapely.STRtree(line_geoms)
    pt, ln = tree.query(tower_points, predicate="dwithin", distance=float(tolerance))
    order = np.lexsort((pt, ln))
    return pt[order].astype(np.int64), ln[order].astype(np.int64)


def match_by_id(tower_line_ids, line_ids):
    """(tower, line) pairs from each tower's line id(s) (several separated by , or ;).

    Returns ``(pair_tower, pair_line, unknown)`` with the ids that name no line.
    """
    lut = {}
    for j, lid in enumerate(line_ids):
        if lid is not None:
            lut.setdefault(str(lid).strip(), []).append(j)
    pt, ln, unknown = [], [], set()
    for i, value in enumerate(tower_line_ids):
        if value is None or (isinstance(value, float) and np.isnan(value)):
            continue
        for part in str(value).replace(";", ",").split(","):
            key = part.strip()
            if key.endswith(".0") and key[:-2].lstrip("-").isdigit() and key not in lut:
                key = key[:-2]
            if not key:
                continue
            if key not in lut:
                unknown.add(key)
                continue
            for j in lut[key]:
                pt.append(i)
                ln.append(j)
    return np.asarray(pt, dtype=np.int64), np.asarray(ln, dtype=np.int64), sorted(unknown)


def line_failure(n_lines, pair_tower, pair_line, tower_p, p_conductor=None):
    """Per-line results from matched towers (independent failures, see the module docstring).

    Returns a dict of arrays: ``n_towers``, ``n_unknown`` (towers without an intensity: counted as not
    failing), ``expected_failed`` (sum of p_i), ``p_towers`` (1 - prod(1 - p_i)), ``p_conductor``,
    ``p_line`` and ``weakest`` (index of the tower with the highest p, -1 when none), ``weakest_p``.
    """
    p = tower_p[pair_tower]
    unknown = ~np.isfinite(p)
    p0 = np.where(unknown, 0.0, np.clip(p, 0.0, 1.0))
    n_towers = np.bincount(pair_line, minlength=n_lines)
    n_unknown = np.bincount(pair_line, weights=unknown.astype(float), minlength=n_lines).astype(np.int64)
    expected = np.bincount(pair_line, weights=p0, minlength=n_lines)
    with np.errstate(divide="ignore"):
        log_survive = np.bincount(pair_line, weights=np.log1p(-p0), minlength=n_lines)
    p_towers = -np.expm1(log_survive)
    weakest = np.full(n_lines, -1, dtype=np.int64)
    weakest_p = np.full(n_lines, np.nan)
    if len(p0):
        # highest p per line: sort pairs by (line, p) and take the last of each line
        order = np.lexsort((p0, pair_line))
        last = np.r_[pair_line[order][1:] != pair_line[order][:-1], True]
        idx = order[last]
        weakest[pair_line[idx]] = pair_tower[idx]
        weakest_p[pair_line[idx]] = p0[idx]
    if p_conductor is None:
        pc = np.zeros(n_lines)
    else:
        pc = np.where(np.isfinite(p_conductor), np.clip(p_conductor, 0.0, 1.0), 0.0)
    p_line = 1.0 - (1.0 - p_towers) * (1.0 - pc)
    return {"n_towers": n_towers, "n_unknown": n_unknown, "expected_failed": expected, "p_towers": p_towers,
            "p_conductor": None if p_conductor is None else np.asarray(p_conductor, dtype=float), "p_line": p_line,
            "weakest": weakest, "weakest_p": weakest_p}


def max_along(lines, sampler, step):
    """The largest raster value along each line, read every ``step`` m (NaN where nothing is covered)."""
    dense = shapely.segmentize(lines, max(float(step), 0.01))
    xy, owner = shapely.get_coordinates(dense, return_index=True)
    vals, _ = sampler.sample(xy[:, 0], xy[:, 1])
    out = np.full(len(lines), -np.inf)
    ok = np.isfinite(vals)
    np.maximum.at(out, owner[ok], vals[ok])
    out[~np.isfinite(out)] = np.nan
    return out


def unit_of(geoms, units):
    """Index of the unit polygon holding each geometry's representative point (-1 outside all)."""
    out = np.full(len(geoms), -1, dtype=np.int64)
    if units is None or len(units) == 0 or len(geoms) == 0:
        return out
    pts = shapely.point_on_surface(geoms)
    lines = shapely.get_type_id(geoms)
    is_line = (lines == 1) | (lines == 5)
    if is_line.any():
        pts[is_line] = shapely.line_interpolate_point(geoms[is_line], 0.5, normalized=True)
    tree = shapely.STRtree(units)
    gi, ui = tree.query(pts, predicate="intersects")
    first = np.r_[True, gi[1:] != gi[:-1]] if len(gi) else np.zeros(0, bool)
    out[gi[first]] = ui[first]
    return out


def unit_table(unit_ids, tower_unit, tower_p, line_unit, p_line):
    """Rows per unit: towers, expected_failed_towers, lines, expected_failed_lines (NaN p counted 0)."""
    n = len(unit_ids)
    tp = np.where(np.isfinite(tower_p), tower_p, 0.0)
    t_in = tower_unit >= 0
    l_in = line_unit >= 0
    towers = np.bincount(tower_unit[t_in], minlength=n)
    exp_t = np.bincount(tower_unit[t_in], weights=tp[t_in], minlength=n)
    lines = np.bincount(line_unit[l_in], minlength=n)
    exp_l = np.bincount(line_unit[l_in], weights=p_line[l_in], minlength=n)
    return [{"unit_id": unit_ids[k], "towers": int(towers[k]), "expected_failed_towers": float(exp_t[k]),
             "lines": int(lines[k]), "expected_failed_lines": float(exp_l[k])} for k in range(n)]
