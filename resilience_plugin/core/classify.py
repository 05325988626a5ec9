"""Classifying hazard values into levels and dissolving them into hazard zones.

Levels: value < t1 -> 0 (no hazard), t1 <= value < t2 -> 1, ..., value >= tn -> n, or a
categorical ``value:level`` map. Zones are one (multi)polygon per level with
``hazard, level, label, value_min, value_max, area_m2`` (areas in m^2 in a metric CRS).
"""

import math
import re

import numpy as np
import pandas as pd
import shapely

from . import geometry as geo
from .crs import choose_metric_crs
from .errors import QT_TRANSLATE_NOOP, Cancelled, InputError
from .raster import NODATA_CLASS, iter_blocks, open_raster, polygonize_classes
from .standards import level_label

MAX_LEVEL = 254  # class grids are uint8 and 255 means "no class"


# --- parameters ------------------------------------------------------------------------------
def parse_thresholds(text):
    """``"0.1, 0.5,1"`` -> ``array([0.1, 0.5, 1.0])``; strictly ascending, finite numbers."""
    if text is None:
        return np.zeros(0)
    if isinstance(text, (list, tuple, np.ndarray)):
        items = [str(v) for v in text]
    else:
        items = [s for s in re.split(r"[,;\s，；]+", str(text).strip()) if s]
    values = []
    for item in items:
        try:
            v = float(item)
        except ValueError:
            raise InputError(QT_TRANSLATE_NOOP("@default", "Threshold '{item}' is not a number. Give ascending numbers separated by commas, e.g. 0.1,0.5,1.0."),
                             item=item) from None
        if not math.isfinite(v):
            raise InputError(QT_TRANSLATE_NOOP("@default", "Threshold '{item}' is not a finite number."), item=item)
        values.append(v)
    arr = np.asarray(values, dtype=float)
    if len(arr) > 1 and np.any(np.diff(arr) <= 0):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Thresholds must be strictly ascending; got {values}."),
                         values=", ".join(items))
    if len(arr) > MAX_LEVEL:
        raise InputError(QT_TRANSLATE_NOOP("@default", "At most {n} thresholds are supported."), n=MAX_LEVEL)
    return arr


def normalize_key(value):
    """Comparable form of a category value: numbers as canonical text, text trimmed and case-folded."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value)).casefold()
    if isinstance(value, (int, float, np.integer, np.floating)):
        v = float(value)
        if not math.isfinite(v):
            return None
        return str(int(v)) if v.is_integer() else repr(v)
    text = str(value).strip()
    try:
        return normalize_key(float(text))
    except ValueError:
        return text.casefold()


def parse_value_map(text):
    """``"YES:1; no:0"`` -> ``{"yes": 1, "no": 0}`` (keys normalised with :func:`normalize_key`)."""
    if isinstance(text, dict):
        pairs = list(text.items())
    else:
        pairs = []
        for chunk in re.split(r"[;；\n]+", str(text or "")):
            if not chunk.strip():
                continue
            key, sep, level = chunk.rpartition(":") if ":" in chunk else chunk.rpartition("：")
            if not sep or not key.strip():
                raise InputError(QT_TRANSLATE_NOOP("@default", "Value map entry '{entry}' is not of the form value:level."),
                                 entry=chunk.strip())
            pairs.append((key, level))
    mapping = {}
    for key, level in pairs:
        try:
            lvl = int(str(level).strip())
        except ValueError:
            raise InputError(QT_TRANSLATE_NOOP("@default", "Value map entry '{entry}': the level must be a whole number."),
                             entry=f"{key}:{level}") from None
        if lvl < 0 or lvl > MAX_LEVEL:
            raise InputError(QT_TRANSLATE_NOOP("@default", "Value map entry '{entry}': levels go from 0 to {n}."),
                             entry=f"{key}:{level}", n=MAX_LEVEL)
        mapping[normalize_key(key)] = lvl
    return mapping


def classify_continuous(values, thresholds):
    """Levels for numeric values (NaN stays -1)."""
    values = np.asarray(values, dtype=float)
    levels = np.searchsorted(np.asarray(thresholds, dtype=float), values, side="right").astype(np.int16)
    levels[~np.isfinite(values)] = -1
    return levels


def classify_categorical(values, mapping):
    """Levels for category values; values not in the map (and NULLs) get -1."""
    values = np.asarray(values, dtype=object)
    levels = np.full(len(values), -1, dtype=np.int16)
    if len(values) == 0:
        return levels
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    lut = np.array([_level_of(mapping, u) for u in uniques] + [-1], dtype=np.int16)
    return lut[codes]  # code -1 (NULL) picks the trailing -1


# A yes/no field may arrive as booleans (QGIS 3.40's delimited-text reader turns YES/NO columns into
# booleans): a boolean matches a map written with any of these spellings.
_BOOLEAN_SPELLINGS = {True: ("true", "yes", "y", "t", "1", "是"), False: ("false", "no", "n", "f", "0", "否")}


def _level_of(mapping, value):
    if isinstance(value, (bool, np.bool_)):
        return next((mapping[k] for k in _BOOLEAN_SPELLINGS[bool(value)] if k in mapping), -1)
    return mapping.get(normalize_key(value), -1)


# --- vector ------------------------------------------------------------------------------------
def _zones_frame(hazard, levels, geoms, vmin, vmax, labels, area, continuous):
    df = pd.DataFrame({
        "hazard": [hazard] * len(levels),
        "level": np.asarray(levels, dtype=int),
        "label": [level_label(lv, labels) for lv in levels],
    })
    if continuous:
        df["value_min"] = vmin
        df["value_max"] = vmax
    df["area_m2"] = area
    df["geometry"] = geoms
    return df


def classify_polygons(geoms, values, crs, *, hazard="hazard", thresholds=None, value_map=None,
                      labels=None, keep_level_0=False, metric_crs=None, feedback=None):
    """Classify polygons by an attribute and dissolve them per level.

    ``geoms``: shapely polygons in ``crs``; ``values``: one value per polygon. Returns
    ``(zones, report)``: a DataFrame of zones (geometry in ``crs``) and counts of what was skipped.
    """
    geoms = np.asarray(geoms, dtype=object)
    continuous = value_map is None
    if continuous:
        try:
            num = pd.to_numeric(pd.Series(values, dtype=object), errors="raise").to_numpy(dtype=float)
        except (ValueError, TypeError):
            raise InputError(QT_TRANSLATE_NOOP("@default", "The field holds text, not numbers: use VALUE_MAP for categories, or choose a numeric field.")) from None
        levels = classify_continuous(num, thresholds)
    else:
        num = None
        levels = classify_categorical(values, value_map)
    report = {"null_values": int(pd.isna(pd.Series(values, dtype=object)).sum()),
              "unmatched": 0, "repaired": 0, "empty_geometries": 0}
    if not continuous:
        report["unmatched"] = int(((levels < 0) & ~pd.isna(pd.Series(values, dtype=object)).to_numpy()).sum())
        if not (levels >= 0).any():
            raise InputError(QT_TRANSLATE_NOOP("@default", "The value map matches none of the field's values. Values found include: {examples}."),
                             examples=", ".join(map(str, pd.unique(pd.Series(values, dtype=object).dropna())[:8])))
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    report["empty_geometries"] = int(empty.sum())
    geoms, report["repaired"] = geo.repair(geoms)
    keep = (levels >= 0) & ~empty
    if not keep_level_0:
        keep &= levels > 0
    lv_all = np.unique(levels[keep])
    out_geoms, vmin, vmax = [], [], []
    for i, lv in enumerate(lv_all):
        if feedback is not None:
            if feedback.isCanceled():
                raise Cancelled()
            feedback.setProgress(100.0 * i / max(len(lv_all), 1))
        sel = keep & (levels == lv)
        out_geoms.append(shapely.union_all(geoms[sel]))
        if continuous:
            vmin.append(float(np.nanmin(num[sel])))
            vmax.append(float(np.nanmax(num[sel])))
    out_geoms = geo.to_multipolygon(geo.polygonal_part(np.asarray(out_geoms, dtype=object)))
    area = measure_areas(out_geoms, crs, metric_crs)
    return _zones_frame(hazard, lv_all, out_geoms, vmin, vmax, labels, area, continuous), report


def measure_areas(geoms, crs, metric_crs=None):
    """Areas in m^2 of a shapely array in ``crs`` (reprojected to ``metric_crs`` or one chosen)."""
    geoms = np.asarray(geoms, dtype=object)
    if len(geoms) == 0:
        return np.zeros(0)
    if metric_crs is None:
        metric_crs, _ = choose_metric_crs([crs], geo.lonlat_bounds(geoms, crs))
    return shapely.area(geo.transform(geoms, crs, metric_crs))


# --- raster ------------------------------------------------------------------------------------
def classify_raster(path, band=1, *, hazard="hazard", thresholds=None, value_map=None, labels=None,
                    keep_level_0=False, metric_crs=None, crs=None, feedback=None):
    """Classify a raster band and polygonise it into one zone per level.

    ``crs`` defaults to the raster's own. Returns ``(zones, report)`` like :func:`classify_polygons`;
    ``report`` also holds ``cells`` (cells per level) and ``nodata_cells``.
    """
    ds, info = open_raster(path, band)
    crs = crs or info.wkt
    if not crs:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The raster {path} has no coordinate reference system."), path=path)
    continuous = value_map is None
    classes = np.empty((info.height, info.width), dtype=np.uint8)
    n_levels = (len(thresholds) if continuous else max(value_map.values(), default=0)) + 1
    vmin = np.full(n_levels, np.inf)
    vmax = np.full(n_levels, -np.inf)
    counts = np.zeros(n_levels, dtype=np.int64)
    nodata_cells = unmatched = 0
    for row0, values, valid in iter_blocks(ds, band):
        if feedback is not None:
            if feedback.isCanceled():
                raise Cancelled()
            feedback.setProgress(40.0 * row0 / max(info.height, 1))
        if continuous:
            lv = classify_continuous(np.where(valid, values, np.nan), thresholds)
        else:
            flat = np.where(valid, values, np.nan).ravel()
            uniq, inv = np.unique(flat, return_inverse=True)
            lut = np.array([value_map.get(normalize_key(u), -1) if np.isfinite(u) else -1 for u in uniq],
                           dtype=np.int16)
            lv = lut[inv].reshape(values.shape)
            unmatched += int(((lv < 0) & valid).sum())
        nodata_cells += int((~valid).sum())
        block_counts = np.bincount(lv[lv >= 0].ravel(), minlength=n_levels)[:n_levels]
        counts += block_counts
        if continuous and block_counts.any():
            _update_minmax(vmin, vmax, lv, values, np.flatnonzero(block_counts))
        drop = lv < 0 if keep_level_0 else lv <= 0
        block = lv.astype(np.uint8)
        block[drop] = NODATA_CLASS
        classes[row0:row0 + values.shape[0]] = block
    if not continuous and counts.sum() == 0:
        raise InputError(QT_TRANSLATE_NOOP("@default", "The value map matches none of the raster's values."))

    class _Sub:  # progress 40-90 % for polygonising
        def isCanceled(self):  # noqa: N802 - the feedback protocol's name
            return feedback is not None and feedback.isCanceled()

        def setProgress(self, p):  # noqa: N802
            if feedback is not None:
                feedback.setProgress(40.0 + 0.5 * p)

    cls, polys = polygonize_classes(classes, info.geotransform, info.wkt, feedback=_Sub())
    del classes
    lv_all = np.unique(cls)
    order = np.argsort(cls, kind="stable")
    if len(polys):
        merged = shapely.multipolygons(polys[order], indices=np.searchsorted(lv_all, cls[order]))
    else:
        merged = np.zeros(0, dtype=object)
    merged, _ = geo.repair(merged)
    area = measure_areas(merged, crs, metric_crs)
    mins = [float(vmin[lv]) for lv in lv_all] if continuous else []
    maxs = [float(vmax[lv]) for lv in lv_all] if continuous else []
    zones = _zones_frame(hazard, lv_all, merged, mins, maxs, labels, area, continuous)
    report = {"cells": {int(i): int(c) for i, c in enumerate(counts) if c}, "nodata_cells": nodata_cells,
              "unmatched": unmatched, "cell_size": info.cell_size}
    return zones, report


MINMAX_MASK_LEVELS = 16  # up to this many levels in a strip, one masked reduction per level beats sorting


def _update_minmax(vmin, vmax, lv, values, present):
    """Per-level running min / max of ``values`` over the cells with ``lv >= 0``, for the levels
    ``present``, without a Python loop over cells: a masked ``min`` / ``max`` per level when there are
    few (no copies, several times faster than sorting a strip), else one sort of the strip."""
    if len(present) <= MINMAX_MASK_LEVELS:
        for k in present:
            inside = lv == k
            vmin[k] = min(vmin[k], np.min(values, where=inside, initial=np.inf))
            vmax[k] = max(vmax[k], np.max(values, where=inside, initial=-np.inf))
        return
    ok = lv >= 0
    lv, values = lv[ok], values[ok]
    order = np.argsort(lv, kind="stable")
    lv_s, v_s = lv[order], values[order]
    starts = np.flatnonzero(np.r_[True, lv_s[1:] != lv_s[:-1]])
    present = lv_s[starts]
    vmin[present] = np.minimum(vmin[present], np.minimum.reduceat(v_s, starts))
    vmax[present] = np.maximum(vmax[present], np.maximum.reduceat(v_s, starts))


def zones_to_geodataframe(zones, crs):
    """The zones as a ``geopandas.GeoDataFrame`` (needs geopandas)."""
    import geopandas as gpd

    return gpd.GeoDataFrame(zones.drop(columns="geometry"), geometry=list(zones["geometry"]), crs=crs)
