"""Direct economic loss of buildings from flood depth (直接经济损失), and expected annual damage.

Public API
----------
``load_curves(curve_set, standard=None) -> {class: (depths, factors)}``
    Depth-damage curves of ``resources/standards/depth_damage.json`` (or a parsed ``standard``),
    checked by :func:`check_curve`.
``load_max_damage(region, standard=None) -> ({class: value per m²}, currency)``
``floor_values(values) -> (floors, FloorsRead)``
    Floors from a field that may hold text (OpenStreetMap's building:levels): "4-7" counts its middle,
    "10+" and ">7" the number given, other text nothing; what was converted is counted.
``damage_factor(depth, depths, factors)``
    Piecewise-linear factor: 0 at or below 0 m, the last factor above the last depth.
``building_depths(geoms, geoms_crs, raster, method, feedback=None) -> DepthResult``
    Flood depth per building footprint from a depth raster: the area-weighted mean over the
    footprint (exact cell shares, :func:`zonal.zonal_sums`) or the maximum over the cells the
    footprint overlaps. Nodata cells count as dry (0 m).
``expected_annual_damage(return_periods, losses, no_damage_period=None)``
    Trapezoidal integral of loss over annual exceedance probability 1/T.
``loss_table(unit, scenarios, levels, classes, floor_area, losses, ead=None)``
    Counts, floor area and loss per unit x scenario x hazard level x class.

Loss of one building = damage factor(depth) x maximum damage per m² (class, region, or a value
per building) x floor area (footprint area x floors).
"""

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from . import geometry as geo
from . import zonal
from .errors import QT_TRANSLATE_NOOP, InputError, check_cancel
from .raster import open_raster

AREA_WEIGHTED = 0
MAXIMUM = 1
METHODS = (AREA_WEIGHTED, MAXIMUM)
STANDARD = "depth_damage"


def _standard(standard):
    if standard is not None:
        return standard
    from .standards import load_standard

    return load_standard(STANDARD)


def check_curve(name, depths, factors):
    """Raise :class:`InputError` unless depths rise strictly and factors lie in 0..1 without falling."""
    try:
        d = np.asarray(depths, dtype=float)
        f = np.asarray(factors, dtype=float)
    except (TypeError, ValueError):
        raise InputError(QT_TRANSLATE_NOOP("@default", "The depth-damage curve '{name}' holds values that are not numbers."), name=name) from None
    if d.ndim != 1 or d.shape != f.shape or len(d) < 2:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The depth-damage curve '{name}' needs as many damage factors as depths (at least two); it has {nd} depth(s) and {nf} factor(s)."),
                         name=name, nd=int(d.size), nf=int(f.size))
    if not (np.all(np.isfinite(d)) and np.all(np.isfinite(f))):
        raise InputError(QT_TRANSLATE_NOOP("@default", "The depth-damage curve '{name}' holds values that are not numbers."), name=name)
    if np.any(np.diff(d) <= 0):
        raise InputError(QT_TRANSLATE_NOOP("@default", "The depths of the depth-damage curve '{name}' must increase strictly ({depths})."),
                         name=name, depths=", ".join(f"{v:g}" for v in d))
    if np.any(f < 0) or np.any(f > 1):
        bad = f[(f < 0) | (f > 1)][0]
        raise InputError(QT_TRANSLATE_NOOP("@default", "The depth-damage curve '{name}' has a damage factor of {value:g}: factors are fractions of the maximum damage, from 0 to 1."),
                         name=name, value=float(bad))
    if np.any(np.diff(f) < 0):
        i = int(np.flatnonzero(np.diff(f) < 0)[0])
        raise InputError(QT_TRANSLATE_NOOP("@default", "The depth-damage curve '{name}' is not monotone: the damage factor falls from {a:g} at {da:g} m to {b:g} at {db:g} m."),
                         name=name, a=float(f[i]), da=float(d[i]), b=float(f[i + 1]), db=float(d[i + 1]))
    return d, f


def load_curves(curve_set="jrc_asia", standard=None):
    """``{class: (depths, factors)}`` of ``curve_set``; ``same_as`` entries reuse another class's curve."""
    std = _standard(standard)
    sets = std.get("curve_sets", {})
    if curve_set not in sets:
        raise InputError(QT_TRANSLATE_NOOP("@default", "No depth-damage curve set '{name}' in the standards file; available: {names}."),
                         name=curve_set, names=", ".join(sorted(sets)))
    cs = sets[curve_set]
    out = {}
    for cls, entry in cs["classes"].items():
        ref = entry
        seen = {cls}
        while "same_as" in ref:
            target = ref["same_as"]
            if target in seen or target not in cs["classes"]:
                raise InputError(QT_TRANSLATE_NOOP("@default", "The curve of class '{name}' refers to '{target}', which is not a usable class of the curve set."),
                                 name=cls, target=target)
            seen.add(target)
            ref = cs["classes"][target]
        depths = ref.get("depth_m", cs.get("depth_m"))
        out[cls] = check_curve(f"{curve_set}/{cls}", depths, ref.get("damage"))
    return out


def load_max_damage(region="china_placeholder", standard=None):
    """``({class: maximum damage per m² of floor area}, currency)`` of ``region``."""
    std = _standard(standard)
    regions = std.get("max_damage", {})
    if region not in regions:
        raise InputError(QT_TRANSLATE_NOOP("@default", "No maximum-damage region '{name}' in the standards file; available: {names}."),
                         name=region, names=", ".join(sorted(regions)))
    entry = regions[region]
    values = {}
    for cls, v in entry["classes"].items():
        try:
            value = float(v)
        except (TypeError, ValueError):
            value = float("nan")
        if not np.isfinite(value) or value < 0:
            raise InputError(QT_TRANSLATE_NOOP("@default", "The maximum damage of class '{name}' in region '{region}' is '{value}': give a number of 0 or more."),
                             name=cls, region=region, value=v)
        values[cls] = value
    return values, entry.get("currency", "")


def class_aliases(standard=None):
    """``{alias (case-folded): class}`` from the standards file."""
    std = _standard(standard)
    out = {}
    for cls, names in std.get("class_aliases", {}).items():
        if cls == "description":
            continue
        out[cls.casefold()] = cls
        for n in names:
            out[str(n).strip().casefold()] = cls
    return out


def assign_classes(values, classes, default_class, aliases):
    """Occupancy class of each building from the values of a class field.

    Returns ``(class names array, unmatched count, sorted unmatched values)``; unmatched and NULL
    values take ``default_class``.
    """
    if default_class not in classes:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The default class '{name}' has no depth-damage curve; use one of: {names}."),
                         name=default_class, names=", ".join(classes))
    n = len(values)
    if values is None:
        return np.full(n, default_class, dtype=object), 0, []
    keys = pd.Series(values, dtype=object).map(lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v).strip().casefold())
    mapped = keys.map(lambda k: aliases.get(k) if k is not None else None)
    mapped = mapped.where(mapped.isin(list(classes)), None)
    unmatched = keys[mapped.isna() & keys.notna()]
    out = mapped.fillna(default_class).to_numpy(dtype=object)
    return out, int(mapped.isna().sum()), sorted(set(unmatched))


def numeric_values(values, field, layer):
    """Float array of a field (NULL -> NaN). Text that is not a number raises :class:`InputError`."""
    s = pd.Series(values, dtype=object)
    blank = s.map(lambda v: v is None or (isinstance(v, float) and v != v) or (isinstance(v, str) and not v.strip()))
    num = pd.to_numeric(s.where(~blank, None), errors="coerce")
    bad = num.isna() & ~blank
    if bad.any():
        examples = ", ".join(f"'{v}'" for v in pd.unique(s[bad])[:3])
        raise InputError(QT_TRANSLATE_NOOP("@default", "The field '{field}' of {layer} holds text that is not a number in {n} feature(s) (e.g. {examples}): fix those values or choose a numeric field."),
                         field=field, layer=layer, n=int(bad.sum()), examples=examples)
    return num.to_numpy(dtype=float)


_NUMBER = r"(\d+(?:[.,]\d+)?)"
_RANGE = re.compile(rf"^{_NUMBER}\s*(?:-|–|—|~|to)\s*{_NUMBER}$")
_BOUND = re.compile(rf"^(?:(?:>=?|≥|more than)\s*{_NUMBER}|{_NUMBER}\s*\+)$")


@dataclass
class FloorsRead:
    """What :func:`floor_values` converted: ranges (their middle), bounds (the number) and text left out,
    each with up to three examples."""

    ranges: int = 0
    bounds: int = 0
    text: int = 0
    examples: dict = field(default_factory=lambda: {"ranges": [], "bounds": [], "text": []})

    def note(self, kind, value):
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.examples[kind]) < 3 and value not in self.examples[kind]:
            self.examples[kind].append(value)


def _number(text):
    return float(text.replace(",", "."))


def floor_values(values):
    """Floors per building from a field that may hold text, as OpenStreetMap's building:levels does.

    A number (or numeric text) is taken as it is; a range "4-7" counts its middle (5.5); a bound "10+",
    ">7" or "≥ 7" counts the number given; NULL, blank and other text ("fix me") give NaN (the caller's
    default). Returns ``(floors, FloorsRead)``, the second counting each conversion for the log.

    >>> floors, read = floor_values(["3", "4-7", "10+", "fix me", None, 2])
    >>> floors.tolist()[:3], read.ranges, read.bounds, read.text
    ([3.0, 5.5, 10.0], 1, 1, 1)
    """
    read = FloorsRead()
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        if v is None or isinstance(v, (bool, np.bool_)):
            continue
        if isinstance(v, (int, float, np.integer, np.floating)):
            out[i] = float(v) if np.isfinite(v) else np.nan
            continue
        text = str(v).strip().casefold()
        if not text:
            continue
        try:
            number = _number(text)
        except ValueError:
            number = None
        if number is not None and np.isfinite(number):
            out[i] = number
            continue
        m = _RANGE.match(text)
        if m:
            out[i] = (_number(m.group(1)) + _number(m.group(2))) / 2.0
            read.note("ranges", str(v).strip())
            continue
        m = _BOUND.match(text)
        if m:
            out[i] = _number(m.group(1) or m.group(2))
            read.note("bounds", str(v).strip())
            continue
        read.note("text", str(v).strip())
    return out, read


def damage_factor(depth, depths, factors):
    """Damage factor for each depth: linear between the curve points, 0 at or below 0 m (and for
    NaN), the last factor beyond the last depth."""
    depth = np.asarray(depth, dtype=float)
    out = np.interp(depth, depths, factors, left=float(factors[0]), right=float(factors[-1]))
    return np.where(np.isfinite(depth) & (depth > 0), out, 0.0)


def parse_return_periods(text, n_rasters):
    """Return periods (years) from ``"10, 50, 100"``: as many as rasters, each > 1, increasing."""
    parts = [p.strip() for p in str(text or "").replace(";", ",").split(",") if p.strip()]
    try:
        values = np.array([float(p) for p in parts])
    except ValueError:
        raise InputError(QT_TRANSLATE_NOOP("@default", "RETURN_PERIODS must be numbers of years separated by commas, e.g. 10,50,100; got '{text}'."),
                         text=text) from None
    if len(values) != n_rasters:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Give one return period per depth raster: {n} raster(s) but {m} return period(s)."),
                         n=n_rasters, m=len(values))
    if np.any(~np.isfinite(values)) or np.any(values <= 1):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Return periods are years greater than 1; got {values}."),
                         values=", ".join(f"{v:g}" for v in values))
    if np.any(np.diff(values) <= 0):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Return periods must increase strictly, in the order of the depth rasters (e.g. 10,50,100); got {values}."),
                         values=", ".join(f"{v:g}" for v in values))
    return values


def expected_annual_damage(return_periods, losses, no_damage_period=None):
    """Expected annual damage (EAD): the area under the risk curve loss(p), p = 1/T, by trapezoids.

    ``return_periods``: increasing, shape (k,); ``losses``: shape (k, ...) (one row per period).
    Between the given periods the loss is linear in p; events rarer than the longest period are not
    counted. ``no_damage_period``: a period T0 < the shortest at which (and below which) there is no
    damage: the curve then falls linearly to 0 at p = 1/T0; without it, events more frequent than
    the shortest period are not counted. With one period (and no T0) the EAD is 0.
    """
    t = np.asarray(return_periods, dtype=float)
    loss = np.asarray(losses, dtype=float)
    if loss.shape[0] != len(t):
        raise ValueError("one loss row per return period")
    if len(t) > 1 and np.any(np.diff(t) <= 0):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Return periods must increase strictly, in the order of the depth rasters (e.g. 10,50,100); got {values}."),
                         values=", ".join(f"{v:g}" for v in t))
    p = 1.0 / t
    if no_damage_period is not None:
        if not no_damage_period < t[0]:
            raise InputError(QT_TRANSLATE_NOOP("@default", "The no-damage return period ({t0:g} years) must be shorter than the shortest return period ({t1:g} years)."),
                             t0=float(no_damage_period), t1=float(t[0]))
        p = np.r_[1.0 / no_damage_period, p]
        loss = np.concatenate([np.zeros((1,) + loss.shape[1:]), loss], axis=0)
    dp = p[:-1] - p[1:]  # positive: p falls as T rises
    mean = 0.5 * (loss[:-1] + loss[1:])
    return np.tensordot(dp, mean, axes=(0, 0)) if len(dp) else np.zeros(loss.shape[1:])


@dataclass
class DepthResult:
    """``depth``: metres per building; ``outside``: buildings wholly off the raster; ``partly``:
    buildings partly off it (their missing part counts as dry)."""

    depth: np.ndarray
    outside: int
    partly: int


def _read_window(raster, info, window):
    ds, _ = open_raster(raster)
    r0, r1, c0, c1 = window
    b = ds.GetRasterBand(1)
    values = b.ReadAsArray(c0, r0, c1 - c0, r1 - r0).astype(np.float32, copy=False)
    # in place, one mask: nodata and NaN count as dry (0 m)
    dry = ~np.isfinite(values)
    nodata = b.GetNoDataValue()
    if nodata is not None and np.isfinite(nodata):
        dry |= values == np.float32(nodata)
    values[dry] = 0.0
    if values.min(initial=0.0) < 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The depth raster {path} holds negative depths: set them to 0 or nodata first (depths are metres of water above the ground)."),
                         path=raster)
    return values


def building_depths(geoms, geoms_crs, raster, method=AREA_WEIGHTED, feedback=None):
    """Flood depth of each footprint in ``geoms`` (polygons in ``geoms_crs``), see the module doc."""
    if method not in METHODS:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Unknown depth method {method}: use 0 (area-weighted mean) or 1 (maximum)."), method=method)
    geoms = np.asarray(geoms, dtype=object)
    n = len(geoms)
    _, info = open_raster(raster)
    if not info.wkt:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The raster {path} has no coordinate reference system."), path=raster)
    rcrs = CRS.from_user_input(info.wkt)
    depth = np.zeros(n)
    if n == 0:
        return DepthResult(depth, 0, 0)
    geoms_r = zonal.repair_polygons(geo.transform(geoms, geoms_crs, rcrs) if geoms_crs is not None else geoms)
    area_r = shapely.area(geoms_r)
    # share of each footprint on the raster: 1 when its bounds lie inside, else by overlay
    x0, y0, x1, y1 = info.bounds
    b = shapely.bounds(geoms_r)
    on = np.where((b[:, 0] >= x0) & (b[:, 1] >= y0) & (b[:, 2] <= x1) & (b[:, 3] <= y1) & (area_r > 0), 1.0, 0.0)
    edge = (on < 1) & (area_r > 0)
    if edge.any():
        cut = shapely.area(zonal.robust(shapely.intersection, geoms_r[edge], shapely.box(x0, y0, x1, y1)))
        on[edge] = cut / area_r[edge]
    outside = int(np.count_nonzero(on <= 1e-12))
    partly = int(np.count_nonzero((on > 1e-12) & (on < 1 - 1e-9)))
    ok = (on > 1e-12) & (area_r > 0)
    if not ok.any():
        return DepthResult(depth, outside, partly)
    window = zonal.raster_window(info, shapely.total_bounds(geoms_r[ok]))
    values = _read_window(raster, info, window)
    check_cancel(feedback)
    if method == AREA_WEIGHTED:
        # a footprint inside one cell takes that cell's depth; the others get exact cell shares
        row, col, single = _single_cell(geoms_r, info)
        single &= ok
        depth[single] = values[row[single] - window[0], col[single] - window[2]]
        rest = ok & ~single
        if rest.any():
            res = zonal.zonal_sums(geoms_r[rest], None, raster, mode=zonal.PERSONS_PER_CELL, feedback=feedback)
            cell_area = info.cell_size[0] * info.cell_size[1]
            depth[rest] = res.sums[:, 0] / (area_r[rest] / cell_area)  # sum of depth x cell share / cells covered
        return DepthResult(depth, outside, partly)
    depth[ok] = _max_depth(geoms_r[ok], info, window, values, feedback)
    return DepthResult(depth, outside, partly)


def _single_cell(geoms, info):
    """``(row, col, single)``: the cell of each footprint whose bounds lie in one cell of the raster."""
    gt = info.geotransform
    b = shapely.bounds(geoms)
    c0, c1 = np.floor((b[:, 0] - gt[0]) / gt[1]), np.floor((b[:, 2] - gt[0]) / gt[1])
    r0, r1 = np.floor((b[:, 1] - gt[3]) / gt[5]), np.floor((b[:, 3] - gt[3]) / gt[5])
    single = (c0 == c1) & (r0 == r1) & (c0 >= 0) & (r0 >= 0) & (c0 < info.width) & (r0 < info.height)
    row = np.where(single, r0, 0).astype(np.int64)
    col = np.where(single, c0, 0).astype(np.int64)
    return row, col, single


def _max_depth(geoms, info, window, values, feedback, step=2_000_000):
    """Largest cell value over the cells whose interior a footprint's interior meets."""
    r0w, r1w, c0w, c1w = window
    gt = info.geotransform
    b = shapely.bounds(geoms)
    c0 = np.floor((b[:, 0] - gt[0]) / gt[1]).astype(np.int64)
    c1 = np.ceil((b[:, 2] - gt[0]) / gt[1]).astype(np.int64)
    ya, yb = (b[:, 3], b[:, 1]) if gt[5] < 0 else (b[:, 1], b[:, 3])
    r0 = np.floor((ya - gt[3]) / gt[5]).astype(np.int64)
    r1 = np.ceil((yb - gt[3]) / gt[5]).astype(np.int64)
    r0, r1 = np.clip(r0, r0w, r1w), np.clip(r1, r0w, r1w)
    c0, c1 = np.clip(c0, c0w, c1w), np.clip(c1, c0w, c1w)
    nr, nc = np.maximum(r1 - r0, 0), np.maximum(c1 - c0, 0)
    counts = nr * nc
    out = np.zeros(len(geoms))
    shapely.prepare(geoms)
    # pairs (building, cell of its bounding box), in batches of about ``step`` pairs
    starts = np.r_[0, np.cumsum(counts)]
    i = 0
    while i < len(geoms):
        check_cancel(feedback, 100.0 * i / len(geoms))
        j = int(np.searchsorted(starts, starts[i] + step, side="right"))
        j = min(max(j - 1, i + 1), len(geoms))
        sel = np.arange(i, j)
        k = counts[sel]
        owner = np.repeat(sel, k)
        local = np.arange(k.sum()) - np.repeat(np.cumsum(k) - k, k)
        rows = r0[owner] + local // np.maximum(nc[owner], 1)
        cols = c0[owner] + local % np.maximum(nc[owner], 1)
        v = values[rows - r0w, cols - c0w].astype(float)
        # a cell whose centre lies in the footprint is overlapped: no overlay needed
        x, y = gt[0] + (cols + 0.5) * gt[1], gt[3] + (rows + 0.5) * gt[5]
        inside = shapely.contains_xy(geoms[owner], x, y)
        np.maximum.at(out, owner[inside], v[inside])
        # the other cells only matter where they could raise the maximum found so far
        test = ~inside & (v > out[owner])
        if test.any():
            o, boxes = owner[test], zonal.cell_boxes(info, rows[test], cols[test])
            hit = shapely.intersects(geoms[o], boxes) & ~shapely.touches(geoms[o], boxes)
            np.maximum.at(out, o[hit], v[test][hit])
        i = j
    return out


TABLE_COLUMNS = ["unit", "scenario", "level", "class", "count", "floor_m2", "value", "loss", "loss_pct"]
ADDITIVE = ["count", "floor_m2", "value", "loss"]
RATIOS = {"loss_pct": ("loss", "value", 100.0)}  # recomputed at every level, never averaged


def loss_table(unit, scenarios, levels, classes, floor_area, losses, ead=None, value=None):
    """Long table: one row per unit x scenario x hazard level x class with ``count`` (buildings),
    ``floor_m2``, ``value`` (maximum damage: value per m² x floor area), ``loss`` and ``loss_pct``
    (100 x loss / value); with ``ead``, rows of scenario ``"EAD"`` (level -1) hold the expected
    annual damage. ``unit``: index per building (-1 = outside every unit, left out);
    ``levels`` / ``losses``: shape (len(scenarios), n)."""
    unit = np.asarray(unit)
    keep = unit >= 0
    value = np.zeros(len(unit)) if value is None else np.asarray(value, dtype=float)
    frames = []
    for s, name in enumerate(scenarios):
        df = pd.DataFrame({"unit": unit[keep], "scenario": name, "level": np.asarray(levels[s])[keep],
                           "class": np.asarray(classes, dtype=object)[keep], "count": 1,
                           "floor_m2": np.asarray(floor_area)[keep], "value": value[keep], "loss": np.asarray(losses[s])[keep]})
        frames.append(df)
    if ead is not None:
        frames.append(pd.DataFrame({"unit": unit[keep], "scenario": "EAD", "level": -1,
                                    "class": np.asarray(classes, dtype=object)[keep], "count": 1,
                                    "floor_m2": np.asarray(floor_area)[keep], "value": value[keep], "loss": np.asarray(ead)[keep]}))
    if not frames or not keep.any():
        return pd.DataFrame(columns=TABLE_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    table = table.groupby(["unit", "scenario", "level", "class"], sort=False, as_index=False)[ADDITIVE].sum()
    table["loss_pct"] = add_ratios(table)["loss_pct"]
    order = {name: i for i, name in enumerate(list(scenarios) + ["EAD"])}
    table["_s"] = table["scenario"].map(order)
    table = table.sort_values(["unit", "_s", "level", "class"]).drop(columns="_s").reset_index(drop=True)
    return table[TABLE_COLUMNS]


def add_ratios(table):
    """``loss_pct`` recomputed from the summed ``loss`` and ``value`` columns (NaN where value is 0)."""
    table = table.copy()
    for col, (num, den, factor) in RATIOS.items():
        d = table[den].to_numpy(dtype=float)
        table[col] = np.where(d > 0, factor * table[num].to_numpy(dtype=float) / np.where(d > 0, d, 1.0), np.nan)
    return table
