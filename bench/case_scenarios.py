"""Benchmark: resilience:comparescenarios (three scenarios, table and change map) against QGIS native and pandas.

Synthetic data (written once with the system GDAL to build/bench_data): three scenario tables in the
form Direct economic loss writes (``unit_id`` text, ``level`` 0-4, ``class`` residential / commercial,
``loss``), baseline ``current`` then ``design`` and ``extreme``, one row per unit x level x class, and
the unit polygons (a grid of squares, field ``code`` = the tables' ``unit_id``). Full size: 10 400 units,
about 100 000 rows per scenario. So that every rule is exercised, each scenario misses 1 % of the rows
on its own (a row present in only some scenarios holds 0 elsewhere, also rows missing in the baseline),
2 % of the units have only level-0 rows (no value on the map: NULL), 3 % of the losses are 0 (0 -> 0 is
"same", 0 -> more has no relative change and is "worse"), and the later scenarios scale the baseline by
0.7-1.3 (x 1.05, x 1.10), so that better, same (within 5 %) and worse all occur. Less loss is better (automatic).

- ours: ``resilience:comparescenarios`` through ``processing.run``: INPUTS the three tables, keys
  level and class (the default), THRESHOLD 5 %, UNITS + UNIT_ID_FIELD, the map from level >= 1; the
  table and the map written to GeoPackage.
- ``native_s`` / ``same``: the fastest chain of QGIS native algorithms found that gives the same result.
  The scenarios are stacked (``native:mergevectorlayers``, whose ``layer`` field tells the scenario), a
  key unit|level|class added (``native:fieldcalculator``), the union of the keys taken
  (``native:removeduplicatesbyattribute``: a row missing in the baseline must stay) and each scenario
  (``native:extractbyattribute``) joined onto it (``native:joinattributestable``, one to one; the tables
  have one row per key), then ``native:refactorfields`` computes every value (``coalesce(..., 0)``),
  change, change_pct and class in one pass. (``native:aggregate`` per key with one conditional sum per
  scenario instead took 20 s against 3 s at the quick size: about 2 ms per group.) The map:
  ``native:extractbyexpression`` (level >= 1), per scenario ``native:extractbyattribute`` +
  ``qgis:statisticsbycategories`` (sum per unit) joined onto the unit polygons, ``native:refactorfields``.
- ``python_s`` / ``python_same``: what a pandas user would write, independent of the plugin: the tables
  read with ``sqlite3`` + ``pandas.read_sql`` (a GeoPackage is SQLite), outer ``merge`` on unit, level,
  class, ``fillna(0)``, the change, relative change and class as vectorised numpy columns; the map: the
  rows with level >= 1 ``groupby`` unit, the same columns, left-joined onto the unit polygons (read with
  GDAL). It does not write its result (ours and the native chain write GeoPackages).

``same`` / ``python_same`` is ``yes`` only when the table has the same rows (unit, level, class) as ours
and, row by row, every value, change and relative change agrees within 1e-9 (relative, plus 1e-9
absolute), NULL exactly where ours is NULL, and every class (better / same / worse / NULL) is equal; and
the same for every unit of the map (values, change, change_pct, change_class). A class may differ only
where the two sides' values are not bit for bit equal (sums in another order) and the relative change lies
within 1e-9 % of the threshold (counted and printed). 2 % of the rows change by exactly 5 %. Checked at
the quick size: a left instead of an outer join (rows missing in the baseline dropped), the missing
values left NULL instead of 0, a zero baseline given a relative change of 0, or the threshold taken as <
instead of <= each makes it ``no``.
"""

import sqlite3
import sys
import tempfile
import time
from functools import reduce
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import DATA_DIR, EPSG, ORIGIN, qgis_session, report, write_layer  # noqa: E402
from bench.common import run as prun  # noqa: E402

SCENARIOS = ("current", "design", "extreme")
CLASSES = ("residential", "commercial")
LEVELS = (0, 1, 2, 3, 4)
THRESHOLD = 5.0
MIN_LEVEL = 1
KEYS = ["unit_id", "level", "class"]
RTOL = ATOL = 1e-9


# --- data ----------------------------------------------------------------------------------------
def dataset(n_units, seed=17):
    """The three scenario tables and the unit grid for ``n_units`` units (cached); returns the paths."""
    import json

    import shapely

    folder = DATA_DIR / f"scenarios_{n_units}_{seed}"
    meta = folder / "meta.json"
    if meta.exists():
        return json.loads(meta.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    codes = np.array([f"U{i:05d}" for i in range(n_units)], dtype=object)
    unit = np.repeat(np.arange(n_units), len(LEVELS) * len(CLASSES))
    level = np.tile(np.repeat(LEVELS, len(CLASSES)), n_units)
    cls = np.tile(np.array(CLASSES, dtype=object), n_units * len(LEVELS))
    n = len(unit)
    base = np.round(rng.gamma(1.5, 200.0, n) * (5 - level) / 3.0, 2)
    base[rng.uniform(size=n) < 0.03] = 0.0
    tie = (base > 0) & (rng.uniform(size=n) < 0.02)  # exactly 5 % more or less in the later scenarios
    base[tie] = np.maximum(20.0, np.round(base[tie] / 20.0) * 20.0)
    dry = rng.permutation(n_units)[: n_units // 50]  # units with nothing above level 0, in every scenario
    wet = ~(np.isin(unit, dry) & (level >= 1))
    out = {"scenarios": [], "n_units": n_units, "rows": []}
    for k, name in enumerate(SCENARIOS):
        if k == 0:
            loss = base
        else:
            loss = np.round(base * rng.uniform(0.7, 1.3, n) * (1 + 0.05 * k), 2)
            zero_then = (base == 0) & (rng.uniform(size=n) < 0.5)
            loss[zero_then] = np.round(rng.gamma(1.5, 50.0, int(zero_then.sum())), 2)
            loss[tie] = np.round(base[tie] * rng.choice([0.95, 1.05], int(tie.sum())), 2)
        keep = wet & (rng.uniform(size=n) >= 0.01)
        # never drop every row of a unit (the scenarios must cover the same units)
        keep[np.arange(0, n, len(LEVELS) * len(CLASSES))] = True
        df = pd.DataFrame({"unit_id": codes[unit[keep]], "level": level[keep], "class": cls[keep], "loss": loss[keep]})
        df = df.sample(frac=1.0, random_state=k).reset_index(drop=True)  # not stored unit by unit
        columns = {"unit_id": df["unit_id"].to_numpy(), "level": df["level"].to_numpy(np.int32),
                   "class": df["class"].to_numpy(), "loss": df["loss"].to_numpy()}
        out["scenarios"].append(write_layer(folder / f"{name}.gpkg", None, columns, layer=name))
        out["rows"].append(int(len(df)))
    side = int(np.ceil(np.sqrt(n_units)))
    x0, y0 = ORIGIN
    i = np.arange(n_units)
    cells = shapely.box(x0 + (i % side) * 500.0, y0 + (i // side) * 500.0, x0 + (i % side + 1) * 500.0,
                        y0 + (i // side + 1) * 500.0)
    out["units"] = write_layer(folder / "units.gpkg", cells, {"code": codes}, EPSG, "units")
    meta.write_text(json.dumps(out))
    return out


# --- ours ------------------------------------------------------------------------------------------
def run_ours(data, folder):
    from tests.helpers import read_gdf

    table, cmap = folder / "ours_table.gpkg", folder / "ours_map.gpkg"
    t = time.perf_counter()
    prun("resilience:comparescenarios", {
        "INPUTS": data["scenarios"], "NAMES": ",".join(SCENARIOS), "VALUE_FIELD": "loss", "THRESHOLD": THRESHOLD,
        "MAP_MIN_LEVEL": MIN_LEVEL, "UNITS": data["units"], "UNIT_ID_FIELD": "code", "OUTPUT_TABLE": str(table),
        "OUTPUT_MAP": str(cmap)})
    elapsed = time.perf_counter() - t
    return elapsed, read_gdf(table), read_gdf(cmap)


# --- the native chain ------------------------------------------------------------------------------
def _change_expressions(base, other, threshold):
    """QGIS expressions (change, relative change %, class -1/0/1) of expression ``other`` against ``base``."""
    diff = f'(({other}) - ({base}))'
    rel = f'CASE WHEN ({base}) <> 0 THEN 100.0 * {diff} / abs({base}) WHEN {diff} = 0 THEN 0 END'
    cls = (f'CASE WHEN ({base}) IS NULL OR ({other}) IS NULL THEN NULL '
           f'WHEN ({rel}) IS NULL THEN CASE WHEN {diff} = 0 THEN 0 WHEN {diff} < 0 THEN 1 ELSE -1 END '
           f'WHEN abs({rel}) <= {threshold} THEN 0 WHEN {diff} < 0 THEN 1 ELSE -1 END')
    return diff, rel, cls


def _field(name, expression, kind, length=0):
    return {"expression": expression, "length": length, "name": name, "precision": 0, "type": kind}


def _agg(how, expression, name, kind, length=0):
    return {"aggregate": how, "delimiter": "", "input": expression, "length": length, "name": name,
            "precision": 0, "type": kind}


def _table_by_aggregate(merged, folder):
    """The table by ``native:aggregate`` per unit|level|class, one conditional sum per scenario (slower)."""
    sums = [_agg("sum", f'if("layer" = \'{s}\', "loss", 0)', f"value_{s}", 6) for s in SCENARIOS]
    return prun("native:aggregate", {
        "INPUT": merged, "GROUP_BY": 'concat("unit_id", \'|\', "level", \'|\', "class")',
        "AGGREGATES": [_agg("first_value", '"unit_id"', "unit_id", 10), _agg("first_value", '"level"', "level", 2),
                       _agg("first_value", '"class"', "class", 10)] + sums,
        "OUTPUT": str(folder / "n_rows.gpkg")})["OUTPUT"], [f'"value_{s}"' for s in SCENARIOS]


def _table_by_joins(merged, folder):
    """The table by joins: a key field, the union of the keys, each scenario joined onto it."""
    keyed = prun("native:fieldcalculator", {
        "INPUT": merged, "FIELD_NAME": "key", "FIELD_TYPE": 2, "FIELD_LENGTH": 0, "FIELD_PRECISION": 0,
        "FORMULA": 'concat("unit_id", \'|\', "level", \'|\', "class")',
        "OUTPUT": str(folder / "n_keyed.gpkg")})["OUTPUT"]
    rows = prun("native:removeduplicatesbyattribute", {"INPUT": keyed, "FIELDS": ["key"],
                                                      "OUTPUT": str(folder / "n_keys.gpkg")})["OUTPUT"]
    for s in SCENARIOS:
        part = prun("native:extractbyattribute", {"INPUT": keyed, "FIELD": "layer", "OPERATOR": 0, "VALUE": s,
                                                 "OUTPUT": str(folder / f"n_{s}.gpkg")})["OUTPUT"]
        rows = prun("native:joinattributestable", {
            "INPUT": rows, "FIELD": "key", "INPUT_2": part, "FIELD_2": "key", "FIELDS_TO_COPY": ["loss"], "METHOD": 1,
            "DISCARD_NONMATCHING": False, "PREFIX": f"{s}_", "OUTPUT": str(folder / f"n_rows_{s}.gpkg")})["OUTPUT"]
    return rows, [f'coalesce("{s}_loss", 0)' for s in SCENARIOS]


def run_native(data, folder, by_joins=True):
    from qgis.core import QgsVectorLayer

    t = time.perf_counter()
    merged = prun("native:mergevectorlayers", {"LAYERS": data["scenarios"], "CRS": None,
                                              "OUTPUT": str(folder / "n_merged.gpkg")})["OUTPUT"]
    per_row, v = _table_by_joins(merged, folder) if by_joins else _table_by_aggregate(merged, folder)
    fields = [_field("unit_id", '"unit_id"', 10), _field("level", '"level"', 2), _field("class", '"class"', 10)]
    fields += [_field(f"value_{s}", e, 6) for s, e in zip(SCENARIOS, v)]
    labels = ("with_variable('c', {c}, "
              "CASE WHEN @c = 1 THEN 'better' WHEN @c = 0 THEN 'same' WHEN @c = -1 THEN 'worse' END)")
    for s, e in zip(SCENARIOS[1:], v[1:]):
        diff, rel, cls = _change_expressions(v[0], e, THRESHOLD)
        fields += [_field(f"change_{s}", diff, 6), _field(f"change_pct_{s}", rel, 6),
                   _field(f"class_{s}", labels.format(c=f"({cls})"), 10)]
    table = prun("native:refactorfields", {"INPUT": per_row, "FIELDS_MAPPING": fields,
                                          "OUTPUT": str(folder / "n_table.gpkg")})["OUTPUT"]
    # the change map: per scenario the rows of level >= MIN_LEVEL summed per unit, joined onto the units
    wet = prun("native:extractbyexpression", {"INPUT": merged, "EXPRESSION": f'"level" >= {MIN_LEVEL}',
                                             "OUTPUT": str(folder / "n_wet.gpkg")})["OUTPUT"]
    cmap = data["units"]
    for s in SCENARIOS:
        part = prun("native:extractbyattribute", {"INPUT": wet, "FIELD": "layer", "OPERATOR": 0, "VALUE": s,
                                                 "OUTPUT": str(folder / f"n_wet_{s}.gpkg")})["OUTPUT"]
        stats = prun("qgis:statisticsbycategories", {"INPUT": part, "VALUES_FIELD_NAME": "loss",
                                                    "CATEGORIES_FIELD_NAME": ["unit_id"],
                                                    "OUTPUT": str(folder / f"n_stats_{s}.gpkg")})["OUTPUT"]
        cmap = prun("native:joinattributestable", {
            "INPUT": cmap, "FIELD": "code", "INPUT_2": stats, "FIELD_2": "unit_id", "FIELDS_TO_COPY": ["sum"],
            "METHOD": 1, "DISCARD_NONMATCHING": False, "PREFIX": f"{s}_",
            "OUTPUT": str(folder / f"n_map_{s}.gpkg")})["OUTPUT"]
    # a unit with rows in some scenario holds 0 in the others; one with none has no value (NULL)
    none = " AND ".join(f'"{s}_sum" IS NULL' for s in SCENARIOS)
    v = [f'CASE WHEN {none} THEN NULL ELSE coalesce("{s}_sum", 0) END' for s in SCENARIOS]
    diff, rel, cls = _change_expressions(v[0], v[-1], THRESHOLD)
    fields = [_field("unit_id", '"code"', 10)] + [_field(f"value_{s}", e, 6) for s, e in zip(SCENARIOS, v)]
    fields += [_field("change", diff, 6), _field("change_pct", rel, 6), _field("change_class", cls, 2)]
    cmap = prun("native:refactorfields", {"INPUT": cmap, "FIELDS_MAPPING": fields,
                                         "OUTPUT": str(folder / "n_map.gpkg")})["OUTPUT"]
    elapsed = time.perf_counter() - t

    def frame(uri):
        layer = QgsVectorLayer(uri, "n", "ogr")
        names = [f.name() for f in layer.fields()]
        rows = [[None if v is None or (hasattr(v, "isNull") and v.isNull()) else v for v in f.attributes()]
                for f in layer.getFeatures()]
        return pd.DataFrame(rows, columns=names)

    return elapsed, frame(table), frame(cmap)


# --- what a Python user would write ----------------------------------------------------------------
def _read_table(uri):
    path, _, layer = uri.partition("|layername=")
    with sqlite3.connect(path) as con:
        return pd.read_sql(f'SELECT unit_id, level, class, loss FROM "{layer}"', con)


def _changes(base, other, threshold):
    """change, relative change (%) and class (1 better, 0 same, -1 worse) for less-is-better."""
    diff = other - base
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(base != 0, 100.0 * diff / np.abs(base), np.where(diff == 0, 0.0, np.nan))
    same = np.where(np.isnan(rel), diff == 0, np.abs(rel) <= threshold)
    cls = np.where(same, 0.0, np.where(diff < 0, 1.0, -1.0))
    return diff, rel, np.where(np.isnan(base) | np.isnan(other), np.nan, cls)


def run_python(data):
    from tests.helpers import read_gdf  # the system GDAL (pyogrio's bundled one clashes with QGIS's)

    t = time.perf_counter()
    tables = [_read_table(uri).rename(columns={"loss": f"value_{s}"}) for uri, s in zip(data["scenarios"], SCENARIOS)]
    table = reduce(lambda a, b: a.merge(b, on=KEYS, how="outer"), tables)
    values = [f"value_{s}" for s in SCENARIOS]
    table[values] = table[values].fillna(0.0)
    labels = {1.0: "better", 0.0: "same", -1.0: "worse"}
    b = table[values[0]].to_numpy()
    for s in SCENARIOS[1:]:
        diff, rel, cls = _changes(b, table[f"value_{s}"].to_numpy(), THRESHOLD)
        table[f"change_{s}"], table[f"change_pct_{s}"] = diff, rel
        table[f"class_{s}"] = pd.Series(cls).map(labels).to_numpy()
    wet = [tb[tb["level"] >= MIN_LEVEL].groupby("unit_id")[v].sum() for tb, v in zip(tables, values)]
    per_unit = pd.concat(wet, axis=1).fillna(0.0)
    diff, rel, cls = _changes(per_unit[values[0]].to_numpy(), per_unit[values[-1]].to_numpy(), THRESHOLD)
    per_unit["change"], per_unit["change_pct"], per_unit["change_class"] = diff, rel, cls
    units = read_gdf(*data["units"].split("|layername="))
    cmap = units.merge(per_unit, left_on="code", right_index=True, how="left").rename(columns={"code": "unit_id"})
    elapsed = time.perf_counter() - t
    return elapsed, table, cmap


# --- comparison ------------------------------------------------------------------------------------
def _numbers_agree(a, b, name):
    a = pd.to_numeric(a, errors="coerce").to_numpy(dtype=float)
    b = pd.to_numeric(b, errors="coerce").to_numpy(dtype=float)
    if not np.array_equal(np.isnan(a), np.isnan(b)):
        print(f"#   {name}: NULL in {int((np.isnan(a) != np.isnan(b)).sum())} other row(s)", flush=True)
        return False
    ok = np.isclose(a, b, rtol=RTOL, atol=ATOL) | np.isnan(a)
    if not ok.all():
        print(f"#   {name}: {int((~ok).sum())} row(s) differ beyond 1e-9", flush=True)
    return bool(ok.all())


def _classes_agree(a, b, rel, exact, name):
    a = pd.Series(a, dtype=object).map(lambda v: None if v is None or v != v else str(v).replace(".0", "")).to_numpy()
    b = pd.Series(b, dtype=object).map(lambda v: None if v is None or v != v else str(v).replace(".0", "")).to_numpy()
    differ = a != b
    tie = np.abs(np.abs(pd.to_numeric(pd.Series(rel), errors="coerce").to_numpy(dtype=float)) - THRESHOLD) < 1e-9
    excused = differ & tie & ~exact
    if differ.any():
        print(f"#   {name}: {int(differ.sum())} class(es) differ, {int(excused.sum())} at the threshold from "
              "values that differ in the last digits", flush=True)
    return not (differ & ~excused).any()


def _identical(a, b):
    """Both NULL or bit for bit the same number."""
    a = pd.to_numeric(a, errors="coerce").to_numpy(dtype=float)
    b = pd.to_numeric(b, errors="coerce").to_numpy(dtype=float)
    return (a == b) | (np.isnan(a) & np.isnan(b))


def agree(ours_table, ours_map, table, cmap, who):
    """Same rows and, row by row and unit by unit, the same values, changes and classes (see the docstring)."""
    ot = ours_table.set_index(KEYS).sort_index()
    ot.index = ot.index.set_levels(ot.index.levels[1].astype(np.int64), level=1)
    tt = table.copy()
    tt["level"] = tt["level"].astype(np.int64)
    tt = tt.set_index(KEYS).sort_index()
    if not ot.index.equals(tt.index):
        print(f"# {who}: {len(ot)} rows in ours, {len(tt)} here, {len(ot.index.symmetric_difference(tt.index))} "
              "not in both", flush=True)
        return False
    ok = True
    v0 = f"value_{SCENARIOS[0]}"
    for s in SCENARIOS:
        ok &= _numbers_agree(ot[f"value_{s}"], tt[f"value_{s}"], f"{who} value_{s}")
    for s in SCENARIOS[1:]:
        ok &= _numbers_agree(ot[f"change_{s}"], tt[f"change_{s}"], f"{who} change_{s}")
        ok &= _numbers_agree(ot[f"change_pct_{s}"], tt[f"change_pct_{s}"], f"{who} change_pct_{s}")
        exact = _identical(ot[v0], tt[v0]) & _identical(ot[f"value_{s}"], tt[f"value_{s}"])
        ok &= _classes_agree(ot[f"class_{s}"].to_numpy(), tt[f"class_{s}"].to_numpy(), ot[f"change_pct_{s}"], exact,
                             f"{who} class_{s}")
    om = ours_map.set_index("unit_id").sort_index()
    mm = cmap.set_index("unit_id").sort_index()
    if not om.index.equals(mm.index):
        print(f"# {who}: the maps have other units", flush=True)
        return False
    for c in [f"value_{s}" for s in SCENARIOS] + ["change", "change_pct"]:
        ok &= _numbers_agree(om[c], mm[c], f"{who} map {c}")
    v0, vl = f"value_{SCENARIOS[0]}", f"value_{SCENARIOS[-1]}"
    exact = _identical(om[v0], mm[v0]) & _identical(om[vl], mm[vl])
    ok &= _classes_agree(om["change_class"].to_numpy(), mm["change_class"].to_numpy(), om["change_pct"], exact,
                         f"{who} map change_class")
    return bool(ok)


def case(n_units, native=True):
    data = dataset(n_units)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours_s, ot, om = run_ours(data, folder)
        native_s, same = None, None
        if native:
            native_s, nt, nm = run_native(data, folder)
            same = agree(ot, om, nt, nm, "native")
        python_s, pt, pm = run_python(data)
        python_same = agree(ot, om, pt, pm, "python")
        last = f"class_{SCENARIOS[-1]}"
        counts = ot[last].value_counts(dropna=False).to_dict()
        ties = int((ot[f"change_pct_{SCENARIOS[-1]}"].abs() == THRESHOLD).sum())
        print(f"# scenarios_{n_units}: rows {'/'.join(map(str, data['rows']))}, compared {len(ot)}; {last}: {counts}, "
              f"{ties} exactly at {THRESHOLD} %; "
              f"map: {int(om['change_class'].isna().sum())} of {len(om)} units NULL", flush=True)
        report(f"scenarios_{n_units}", f"3x{min(data['rows'])}rows_{n_units}units", ours_s, native_s, same, None,
               python_s, python_same)


def run(quick):
    qgis_session()
    case(1_040)
    if quick:
        return
    case(10_400)


if __name__ == "__main__":
    run("--quick" in sys.argv)
