"""Comparing scenarios (情景对比): the same table from two or more runs, unit by unit.

Public API
----------
``compare(tables, names, value, unit, keys=(), direction=AUTO, threshold_pct=5.0, layers=None)``
    ``tables``: DataFrames from the same algorithm (same fields); the first is the baseline.
    Rows are aggregated per ``unit`` x ``keys`` (sums; known ratios such as coverage_pct are
    recomputed from their summed numerator and denominator, never averaged). Returns a DataFrame
    with the unit, the keys, ``value_<i>`` per scenario and, for every later scenario vs the
    baseline, ``change_<i>`` (absolute), ``change_pct_<i>`` (relative, %) and ``class_<i>``
    (1 better, 0 about the same, -1 worse, NULL not comparable).
``change_class(base, other, higher_is_better, threshold_pct)``

Whether more is better depends on the quantity: fewer exposed persons, less loss, fewer isolated
persons is better; more coverage or more covered persons is better (``HIGHER_IS_BETTER``).
"""

import numpy as np
import pandas as pd

from .errors import QT_TRANSLATE_NOOP, InputError

AUTO, LOWER_IS_BETTER, HIGHER_IS_BETTER_MODE = 0, 1, 2
HIGHER_IS_BETTER = {"coverage_pct", "covered", "reachable_persons", "capacity", "persons_assigned", "assigned_persons"}
# ratio field -> (numerator, denominator, factor): recomputed after summing
RATIOS = {"coverage_pct": ("covered", "population", 100.0), "loss_pct": ("loss", "value", 100.0)}
RATIO_SUFFIXES = ("_pct", "_ratio", "_share")
KEY_CANDIDATES = ("level_name", "parent_code", "scenario", "return_period", "level", "class")
VALUE_CANDIDATES = ("loss", "coverage_pct", "persons_unserved", "isolated_persons", "value", "count")


def _numeric(series, field, layer):
    s = pd.Series(series, dtype=object)
    blank = s.map(lambda v: v is None or (isinstance(v, float) and v != v))
    num = pd.to_numeric(s.where(~blank, None), errors="coerce")
    bad = num.isna() & ~blank
    if bad.any():
        raise InputError(QT_TRANSLATE_NOOP("@default", "The field '{field}' of {layer} holds text that is not a number in {n} feature(s) (e.g. {examples}): fix those values or choose a numeric field."),
                         field=field, layer=layer, n=int(bad.sum()), examples=", ".join(f"'{v}'" for v in pd.unique(s[bad])[:3]))
    return num.astype(float)


def is_ratio(field):
    return field in RATIOS or field.endswith(RATIO_SUFFIXES)


def higher_is_better(field, direction=AUTO):
    if direction == LOWER_IS_BETTER:
        return False
    if direction == HIGHER_IS_BETTER_MODE:
        return True
    return field in HIGHER_IS_BETTER


def check_comparable(tables, layers):
    """Same fields in every table, else an error naming the fields that differ."""
    first = list(tables[0].columns)
    for t, name in zip(tables[1:], layers[1:]):
        cols = list(t.columns)
        only_a = [c for c in first if c not in cols]
        only_b = [c for c in cols if c not in first]
        if only_a or only_b:
            raise InputError(QT_TRANSLATE_NOOP("@default", "{a} and {b} are not results of the same algorithm: fields only in {a}: {fa}; only in {b}: {fb}. Compare tables of the same algorithm and settings."),
                             a=layers[0], b=name, fa=", ".join(only_a) or "-", fb=", ".join(only_b) or "-")


def aggregate(table, value, unit, keys, layer):
    """One row per unit x keys: the value summed, or a known ratio recomputed from its sums."""
    cols = [unit] + list(keys)
    df = table[cols].copy()
    if value in RATIOS and all(c in table.columns for c in RATIOS[value][:2]):
        num, den, factor = RATIOS[value]
        df[num] = _numeric(table[num], num, layer).fillna(0.0).to_numpy()
        df[den] = _numeric(table[den], den, layer).fillna(0.0).to_numpy()
        g = df.groupby(cols, dropna=False, sort=False, as_index=False)[[num, den]].sum()
        d = g[den].to_numpy(dtype=float)
        g[value] = np.where(d > 0, factor * g[num].to_numpy(dtype=float) / np.where(d > 0, d, 1.0), np.nan)
        return g[cols + [value]]
    df[value] = _numeric(table[value], value, layer).to_numpy()
    if df.duplicated(cols).any():
        if is_ratio(value):
            raise InputError(QT_TRANSLATE_NOOP("@default", "{layer} has several rows per unit and key ({keys}) and '{field}' is a ratio that cannot be summed: add the fields that tell the rows apart to KEY_FIELDS."),
                             layer=layer, keys=", ".join(cols), field=value)
        df = df.groupby(cols, dropna=False, sort=False, as_index=False)[value].sum(min_count=1)
    return df


def change_class(base, other, higher, threshold_pct):
    """1 better, 0 about the same (relative change within ``threshold_pct`` %), -1 worse, NaN unknown."""
    base = np.asarray(base, dtype=float)
    other = np.asarray(other, dtype=float)
    diff = other - base
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(base != 0, 100.0 * diff / np.abs(base), np.where(diff == 0, 0.0, np.nan))
    same = np.where(np.isnan(rel), diff == 0, np.abs(rel) <= threshold_pct)
    sign = np.sign(diff) * (1 if higher else -1)
    cls = np.where(same, 0.0, sign)
    cls = np.where(np.isnan(base) | np.isnan(other), np.nan, cls)
    return diff, rel, cls


def compare(tables, names, value, unit, keys=(), direction=AUTO, threshold_pct=5.0, layers=None, same_units=True):
    """See the module docstring. ``same_units=False`` skips the unit-set check (for subsets of checked
    tables, where a unit without rows holds nothing)."""
    layers = list(layers or names)
    if len(tables) < 2:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Give at least two scenarios to compare."))
    if len(set(names)) != len(names):
        raise InputError(QT_TRANSLATE_NOOP("@default", "Scenario names must differ; got {names}."), names=", ".join(names))
    check_comparable(tables, layers)
    for t, layer in zip(tables, layers):
        for f in [unit, value] + list(keys):
            if f not in t.columns:
                raise InputError(QT_TRANSLATE_NOOP("@default", "{layer} has no field '{field}'."), layer=layer, field=f)
    aggs = [aggregate(t, value, unit, keys, layer) for t, layer in zip(tables, layers)]
    base_units = set(aggs[0][unit].dropna().astype(str))
    for a, layer in zip(aggs[1:], layers[1:] if same_units else []):
        other = set(a[unit].dropna().astype(str))
        if other != base_units:
            only_a = sorted(base_units - other)
            only_b = sorted(other - base_units)
            raise InputError(QT_TRANSLATE_NOOP("@default", "{a} and {b} cover different units: only in {a}: {ua}; only in {b}: {ub}. Run both scenarios on the same unit layer."),
                             a=layers[0], b=layer, ua=", ".join(only_a[:10]) or "-", ub=", ".join(only_b[:10]) or "-")
    cols = [unit] + list(keys)
    merged = None
    for i, a in enumerate(aggs):
        a = a.rename(columns={value: f"value_{i}"})
        a[unit] = a[unit].astype(str)
        merged = a if merged is None else merged.merge(a, on=cols, how="outer")
    if not is_ratio(value):  # a key combination missing in one scenario holds nothing there
        for i in range(len(aggs)):
            merged[f"value_{i}"] = merged[f"value_{i}"].fillna(0.0)
    higher = higher_is_better(value, direction)
    for i in range(1, len(aggs)):
        diff, rel, cls = change_class(merged["value_0"], merged[f"value_{i}"], higher, threshold_pct)
        merged[f"change_{i}"] = diff
        merged[f"change_pct_{i}"] = rel
        merged[f"class_{i}"] = cls
    return merged.sort_values(cols, kind="stable").reset_index(drop=True)
