"""Class breaks of a hazard variable: histogram, and the area (or any weight) per class.

Used by the hazard class editor; the levels are those of ``classify.classify_continuous`` (value < t1
is level 0, t1 <= value < t2 level 1, ...), so the table matches what *Classify hazard* produces.

Example
-------
>>> rows = class_table([0.05, 0.2, 0.7, 3.0], [1.0, 1.0, 2.0, 1.0], "0.1,0.5,1.0,2.0")
>>> [(r["level"], r["weight"]) for r in rows]
[(0, 1.0), (1, 1.0), (2, 2.0), (3, 0.0), (4, 1.0)]
"""

import math

import numpy as np

from .classify import classify_continuous, parse_thresholds

EARTH_RADIUS_M = 6371007.2  # authalic radius of the WGS84 ellipsoid


def class_table(values, weights, thresholds):
    """One row per level 0..n: ``level``, ``lower``, ``upper`` (None when open), ``count``, ``weight``, ``share``.

    ``thresholds`` is text or numbers (checked by ``parse_thresholds``, which raises ``InputError``);
    values that are NaN are left out."""
    t = parse_thresholds(thresholds)
    values = np.asarray(values, dtype=float)
    weights = np.ones_like(values) if weights is None else np.asarray(weights, dtype=float)
    levels = classify_continuous(values, t)
    ok = levels >= 0
    counts = np.bincount(levels[ok], minlength=len(t) + 1)
    sums = np.bincount(levels[ok], weights=weights[ok], minlength=len(t) + 1)
    total = float(sums.sum())
    rows = []
    for level in range(len(t) + 1):
        rows.append(
            {
                "level": level,
                "lower": float(t[level - 1]) if level > 0 else None,
                "upper": float(t[level]) if level < len(t) else None,
                "count": int(counts[level]),
                "weight": float(sums[level]),
                "share": float(sums[level]) / total if total > 0 else 0.0,
            }
        )
    return rows


def histogram(values, weights=None, bins=60, upper_quantile=0.995):
    """``(counts, edges)`` of the finite values (weighted when ``weights`` is given).

    The range runs from the smallest value to the ``upper_quantile`` of the values (the largest values
    go into the last bin), so that a few extremes do not squeeze the rest into one bar."""
    values = np.asarray(values, dtype=float)
    ok = np.isfinite(values)
    if not ok.any():
        return np.zeros(0), np.zeros(0)
    w = None if weights is None else np.asarray(weights, dtype=float)[ok]
    lo = float(values[ok].min())
    hi = float(np.quantile(values[ok], upper_quantile))
    if hi <= lo:
        hi = float(values[ok].max())
    if hi <= lo:
        hi = lo + 1.0
    return np.histogram(np.minimum(values[ok], hi), bins=bins, range=(lo, hi), weights=w)


def geographic_cell_areas(geotransform, n_rows):
    """Area in m² of one cell in each row of a north-up raster in degrees (sphere of the WGS84 area)."""
    x_size = abs(geotransform[1])
    y0 = geotransform[3]
    dy = geotransform[5]
    lat1 = np.radians(y0 + dy * np.arange(n_rows))
    lat2 = np.radians(y0 + dy * (np.arange(n_rows) + 1))
    return EARTH_RADIUS_M**2 * math.radians(x_size) * np.abs(np.sin(lat1) - np.sin(lat2))
