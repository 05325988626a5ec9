"""Admin hierarchies (行政区划层级) and rolling tables up from the finest units to every level.

Two ways to describe the hierarchy of a unit layer:

- a 12-digit 统计用区划代码 per unit (province 2 · city 2 · county 2 · township 3 · village 3 digits):
  the level of a code is the last group that is not all zeros ("330106001000" is a township), and
  its parent is the code with that group set to zeros; or
- a parent-id field: each unit names its parent (empty for a root), the level is the depth.

Public API
----------
``from_codes(codes, layer="units") -> Hierarchy``
``from_parents(ids, parents, layer="units") -> Hierarchy``
``from_layers(levels, names, layer="units") -> (Hierarchy, finest keys)``
    several unit layers, coarse to fine: each unit of a finer layer belongs to the unit of the next
    coarser layer that holds its representative point.
``roll_up(table, unit_col, hierarchy, keys=(), additive=(), ratios=None, unit_totals=None, derived=None) -> DataFrame``
    ``table`` holds rows of the finest units (``unit_col``: the unit id/code); every coarser unit
    gets the sum of its finer units for the ``additive`` columns, and ``ratios`` ``{column: (numerator,
    denominator, factor)}`` are recomputed from the summed columns (never averaged). ``unit_totals``
    (a DataFrame: ``unit_col`` and columns per finest unit, e.g. its area) is summed per unit without
    the keys and joined before the ratios, so a ratio may use it as its denominator; ``derived``
    ``{column: f(rolled DataFrame) -> values}`` recomputes columns that are no ratio (e.g. a deficit
    max(0, population - capacity)). Rows whose unit is empty (outside every unit) are kept at the end,
    with empty ``level_name``/``unit_code``. The result has ``level_name``, ``unit_code``,
    ``parent_code`` first, coarse levels first.

No pass over geometries: only the finest table is rolled up.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from .errors import QT_TRANSLATE_NOOP, InputError

# (digits of the code that belong to the level, level name)
CODE_GROUPS = ((2, "省"), (4, "市"), (6, "县"), (9, "乡"), (12, "村"))
CODE_LENGTH = 12


@dataclass
class Hierarchy:
    """``parent[code]`` (None for roots), ``level[code]`` (0 = coarsest) and ``names`` per level."""

    parent: dict
    level: dict
    names: tuple

    def ancestors(self, code):
        """``code`` and every unit above it, finest first."""
        out = [code]
        while self.parent.get(out[-1]) is not None:
            out.append(self.parent[out[-1]])
        return out


def _code_text(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def code_level(code):
    """Level (0 province ... 4 village) of a checked 12-digit code."""
    level = 0
    start = 0
    for i, (end, _) in enumerate(CODE_GROUPS):
        if code[start:end].strip("0"):
            level = i
        start = end
    return level


def code_parent(code):
    """The parent of a 12-digit code (None for a province)."""
    level = code_level(code)
    if level == 0:
        return None
    keep = CODE_GROUPS[level - 1][0]
    return code[:keep] + "0" * (CODE_LENGTH - keep)


def from_codes(codes, layer="units"):
    """The hierarchy implied by 12-digit 统计用区划代码 (every ancestor up to the province)."""
    texts = [_code_text(c) for c in codes]
    for raw, t in zip(codes, texts):
        if t is None or not t:
            raise InputError(QT_TRANSLATE_NOOP("@default", "A unit of {layer} has no admin code: every unit needs its 12-digit code (统计用区划代码)."),
                             layer=layer)
        if not t.isdigit():
            raise InputError(QT_TRANSLATE_NOOP("@default", "The admin code '{code}' of {layer} holds characters that are not digits: codes are 12 digits (统计用区划代码), e.g. 330106001001."),
                             code=raw, layer=layer)
    lengths = sorted({len(t) for t in texts})
    if lengths and lengths != [CODE_LENGTH]:
        other = next(t for t in texts if len(t) != CODE_LENGTH)
        raise InputError(QT_TRANSLATE_NOOP("@default", "The admin codes of {layer} have mixed lengths ({lengths} digits; e.g. '{code}'): use the 12-digit 统计用区划代码 for every unit, padded with trailing zeros."),
                         layer=layer, lengths=", ".join(str(n) for n in lengths), code=other)
    for t in texts:
        if not t[:2].strip("0"):
            raise InputError(QT_TRANSLATE_NOOP("@default", "The admin code '{code}' of {layer} has no province (its first two digits are 00)."),
                             code=t, layer=layer)
    parent, level = {}, {}
    for t in texts:
        c = t
        while c is not None and c not in level:
            level[c] = code_level(c)
            parent[c] = code_parent(c)
            c = parent[c]
    return Hierarchy(parent, level, tuple(name for _, name in CODE_GROUPS))


def from_parents(ids, parents, layer="units", names=None):
    """The hierarchy of a parent-id field: a parent must be one of ``ids`` (or empty for a root),
    and following parents must end at a root (no cycle)."""
    ids = [_code_text(v) for v in ids]
    parents = [_code_text(v) for v in parents]
    known = set(ids)
    parent = {}
    for i, p in zip(ids, parents):
        if p is not None and p != "" and p not in known:
            raise InputError(QT_TRANSLATE_NOOP("@default", "The parent id '{parent}' of unit '{unit}' in {layer} is not the id of any unit: fix the parent field (leave it empty for the top level)."),
                             parent=p, unit=i, layer=layer)
        parent[i] = p if p else None
    level = {}
    for start in ids:
        path = []
        c = start
        while c is not None and c not in level:
            if c in path:
                cycle = path[path.index(c):] + [c]
                raise InputError(QT_TRANSLATE_NOOP("@default", "The parent ids of {layer} form a cycle ({cycle}): every chain of parents must end at a unit without a parent."),
                                 layer=layer, cycle=" → ".join(cycle))
            path.append(c)
            c = parent[c]
        base = -1 if c is None else level[c]
        for k, node in enumerate(reversed(path)):
            level[node] = base + 1 + k
    depth = max(level.values(), default=-1) + 1
    if names is None:
        names = tuple(f"L{k}" for k in range(depth))
    return Hierarchy(parent, level, tuple(names))


def from_layers(levels, names, layer="units"):
    """The hierarchy of several unit layers given coarse to fine: ``levels`` is a list of
    ``(ids, geoms)`` (geometries in one CRS), ``names`` a name per level. Every unit of a finer level
    belongs to the unit of the next coarser level that holds its representative point; a unit whose
    point lies in no coarser unit is refused. Keys are the ids as text; an id that appears at more than
    one level is told apart as "name:id". Returns ``(hierarchy, keys of the finest level)``."""
    texts = [[_code_text(v) for v in ids] for ids, _ in levels]
    for k, level_ids in enumerate(texts):
        s = pd.Series(level_ids, dtype=object)
        if s.isna().any() or (s == "").any():
            raise InputError(QT_TRANSLATE_NOOP("@default", "{n} unit(s) of the level '{level}' of {layer} have no id: fill the id field or choose another one."),
                             n=int((s.isna() | (s == "")).sum()), level=names[k], layer=layer)
        dup = s[s.duplicated()]
        if len(dup):
            raise InputError(QT_TRANSLATE_NOOP("@default", "The id '{value}' appears more than once in the level '{level}' of {layer}: choose a field with one value per unit."),
                             value=dup.iloc[0], level=names[k], layer=layer)
    seen = {}
    for k, level_ids in enumerate(texts):
        for t in level_ids:
            seen.setdefault(t, set()).add(k)
    keys = [[f"{names[k]}:{t}" if len(seen[t]) > 1 else t for t in level_ids] for k, level_ids in enumerate(texts)]
    parent, level = {}, {}
    for k, (_, geoms) in enumerate(levels):
        if k == 0:
            parent.update({c: None for c in keys[0]})
        else:
            coarse = np.asarray(levels[k - 1][1], dtype=object)
            pts = shapely.point_on_surface(np.asarray(geoms, dtype=object))
            owner = np.full(len(pts), -1, dtype=np.int64)
            if len(coarse) and len(pts):
                pi, cj = shapely.STRtree(coarse).query(pts, predicate="intersects")
                order = np.lexsort((cj, pi))
                pi, cj = pi[order], cj[order]
                first = np.r_[True, pi[1:] != pi[:-1]] if len(pi) else np.zeros(0, bool)
                owner[pi[first]] = cj[first]
            if (owner < 0).any():
                bad = int(np.flatnonzero(owner < 0)[0])
                raise InputError(QT_TRANSLATE_NOOP("@default", "Unit '{unit}' of the level '{level}' of {layer} lies in no unit of the coarser level '{coarse}' ({n} unit(s) in all): the coarser layers must cover the finer ones."),
                                 unit=texts[k][bad], level=names[k], coarse=names[k - 1], layer=layer, n=int((owner < 0).sum()))
            parent.update({c: keys[k - 1][o] for c, o in zip(keys[k], owner)})
        level.update({c: k for c in keys[k]})
    return Hierarchy(parent, level, tuple(names)), np.array(keys[-1], dtype=object)


def check_finest(hierarchy, units, layer="units"):
    """The units of a table must not contain one another (otherwise their content counts twice)."""
    units = set(units)
    for u in units:
        for a in hierarchy.ancestors(u)[1:]:
            if a in units:
                raise InputError(QT_TRANSLATE_NOOP("@default", "Unit '{unit}' of {layer} lies inside unit '{parent}' of the same layer: give only the finest units; the coarser levels are computed from them."),
                                 unit=u, parent=a, layer=layer)


def roll_up(table, unit_col, hierarchy, keys=(), additive=(), ratios=None, layer="units", unit_totals=None, derived=None):
    """Rows for the finest units and every coarser unit, see the module docstring."""
    ratios = ratios or {}
    derived = derived or {}
    keys, additive = list(keys), list(additive)
    cols = ["level_name", "unit_code", "parent_code"] + keys + additive + [c for c in list(ratios) + list(derived) if c not in additive]
    if len(table) == 0:
        return pd.DataFrame(columns=cols)
    units = [_code_text(u) for u in table[unit_col]]
    inside = np.array([u is not None and u != "" for u in units], dtype=bool)
    outside = table[~inside]
    table = table[inside]
    units = [u for u, k in zip(units, inside) if k]
    check_finest(hierarchy, set(units), layer)
    missing = sorted({u for u in units if u not in hierarchy.level})
    if missing:
        raise InputError(QT_TRANSLATE_NOOP("@default", "Unit '{unit}' is not in the hierarchy of {layer}."), unit=missing[0], layer=layer)
    chains = {u: hierarchy.ancestors(u) for u in set(units)}
    link = pd.DataFrame([(u, a) for u, chain in chains.items() for a in chain], columns=["_unit", "unit_code"])
    base = table[keys + additive].copy()
    base["_unit"] = units
    wide = base.merge(link, on="_unit", how="left")
    out = wide.groupby(["unit_code"] + keys, sort=False, dropna=False, as_index=False)[additive].sum(min_count=1)
    if unit_totals is not None:
        tot = unit_totals.copy()
        tot["_unit"] = [_code_text(u) for u in tot.pop(unit_col)]
        tot = tot.merge(link, on="_unit", how="inner").drop(columns="_unit").groupby("unit_code", as_index=False).sum(min_count=1)
        out = out.merge(tot, on="unit_code", how="left")
    for col, (num, den, factor) in ratios.items():
        d = out[den].to_numpy(dtype=float)
        out[col] = np.where(d > 0, factor * out[num].to_numpy(dtype=float) / np.where(d > 0, d, 1.0), np.nan)
    for col, fn in derived.items():
        out[col] = fn(out)
    lv = out["unit_code"].map(hierarchy.level)
    names = hierarchy.names
    out["level_name"] = [names[k] if k < len(names) else f"L{k}" for k in lv]
    out["parent_code"] = out["unit_code"].map(hierarchy.parent)
    out["_lv"] = lv
    out = out.sort_values(["_lv", "unit_code"] + keys, kind="stable").drop(columns="_lv").reset_index(drop=True)
    out = out[cols]
    if len(outside):  # appended in place: the columns keep their types
        n0 = len(out)
        out = out.reindex(range(n0 + len(outside)))
        for col in cols:
            if col in outside.columns and col not in ("level_name", "unit_code", "parent_code"):
                out.loc[n0:, col] = outside[col].to_numpy()
        for col in ("level_name", "unit_code", "parent_code"):
            out[col] = out[col].astype(object)
            out.loc[n0:, col] = None
    return out
