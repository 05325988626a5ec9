"""Benchmark: resilience:towerfailure (power lines from their towers) against QGIS native and plain Python.

Synthetic data (EPSG:32650, written to GeoPackage / GeoTIFF with the system GDAL, cached in
build/bench_data): power lines as random walks of 5-35 spans of 250-350 m, a tower at every vertex
(3 m off the line at most, field ``ttype``: 70 % transmission_tower, 30 % distribution_pole), a smooth
typhoon wind field (8-56 m/s, 50 m cells) with a nodata rectangle; some lines run off the raster, so
some towers have no intensity, and lines that cross share the towers within the tolerance.
Ours: towers matched to the lines within 20 m, the default wind curves, conductor type overhead_line.

- ``native_s`` / ``same``: the chain a QGIS user would build: ``native:rastersampling`` (wind at the
  towers) -> ``native:fieldcalculator`` (p from the lognormal curve; QGIS expressions have no normal
  CDF, so Abramowitz-Stegun 26.2.17, error < 7.5e-8) -> ``native:joinbynearest`` (towers to every line
  within 20 m) -> ``native:aggregate`` per line (count, sum of p, sum of ln(1 - p)) ->
  ``native:fieldcalculator`` (p_towers = 1 - exp(sum ln(1 - p))). It has no conductor part, so ``same``
  compares each line's tower count, expected failed towers and p_towers (ours' ``p_towers``) within 1e-5.
- ``python_s`` / ``python_same``: what a Python user would write, independent of the plugin: the curves
  read from resources/standards/fragility.json, the raster read once with GDAL and indexed at the
  towers (numpy), ``scipy.stats.norm.cdf``, geopandas ``sjoin(predicate="dwithin", distance=20)``,
  ``groupby`` per line; the conductor at the largest wind on the line read every half cell
  (``shapely.segmentize``). ``python_same`` is ``yes`` only when every line's tower count is equal and
  its expected failed towers and P_line agree within 1e-9: a tower matched to another set of lines, a
  different curve, nodata handled otherwise or another conductor sampling would make it ``no``.
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import DATA_DIR, ORIGIN, qgis_session, report, write_layer, write_raster  # noqa: E402
from bench.common import run as prun  # noqa: E402

TOLERANCE = 20.0
CELL = 50.0
NATIVE_LIMIT = 100_000  # the native chain is run up to this many towers


# --- data ----------------------------------------------------------------------------------------
def network(n_towers, seed=17):
    """Lines, towers and the wind raster for about ``n_towers`` towers (cached); returns the paths."""
    import shapely

    folder = DATA_DIR / f"towers_{n_towers}_{seed}"
    meta = folder / "meta.json"
    if meta.exists():
        return json.loads(meta.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    extent = float(np.sqrt(n_towers) * 300.0)  # about one tower per 300 m x 300 m
    x0, y0 = ORIGIN
    spans = rng.integers(5, 36, n_towers // 20 * 2)
    spans = spans[: np.searchsorted(np.cumsum(spans + 1), n_towers) + 1]
    n_lines = len(spans)
    lines, tx, ty, ttype = [], [], [], []
    sx = x0 + rng.uniform(-0.03, 1.0, n_lines) * extent  # a few start west of the raster
    sy = y0 + rng.uniform(0.0, 1.0, n_lines) * extent
    heading = rng.uniform(0, 2 * np.pi, n_lines)
    for j in range(n_lines):
        k = int(spans[j])
        turn = np.cumsum(rng.normal(0.0, 0.25, k)) + heading[j]
        step = rng.uniform(250, 350, k)
        xs = sx[j] + np.r_[0.0, np.cumsum(step * np.cos(turn))]
        ys = sy[j] + np.r_[0.0, np.cumsum(step * np.sin(turn))]
        lines.append(np.c_[xs, ys])
        tx.append(xs + rng.uniform(-3, 3, k + 1))
        ty.append(ys + rng.uniform(-3, 3, k + 1))
        kind = "distribution_pole" if rng.uniform() < 0.3 else "transmission_tower"
        ttype.extend([kind] * (k + 1))
    geoms = np.array([shapely.LineString(c) for c in lines])
    lid = np.arange(n_lines, dtype=np.int64) + 1
    lines_uri = write_layer(folder / "lines.gpkg", geoms, {"lid": lid}, layer="lines")
    pts = shapely.points(np.concatenate(tx), np.concatenate(ty))
    order = rng.permutation(len(pts))  # towers not stored line by line
    towers_uri = write_layer(folder / "towers.gpkg", pts[order], {"tid": np.arange(len(pts), dtype=np.int64) + 1,
                                                                  "ttype": np.array(ttype, dtype=object)[order]},
                             layer="towers")
    side = int(np.ceil(extent / CELL))
    yy, xx = np.mgrid[0:side, 0:side] / side
    wind = 32 + 14 * np.sin(5 * xx + 1) * np.cos(3 * yy) + 10 * np.sin(11 * (xx - yy))
    wind[int(side * 0.40):int(side * 0.48), int(side * 0.55):int(side * 0.70)] = -9999.0  # a nodata patch
    tif = write_raster(folder / "wind.tif", wind, x0, y0 + side * CELL, CELL, nodata=-9999.0)
    out = {"lines": lines_uri, "towers": towers_uri, "wind": tif, "n_towers": int(len(pts)), "n_lines": int(n_lines)}
    meta.write_text(json.dumps(out))
    return out


# --- ours ------------------------------------------------------------------------------------------
def run_ours(data, folder):
    from tests.helpers import read_gdf

    out = folder / "ours_lines.gpkg"
    t = time.perf_counter()
    prun("resilience:towerfailure", {
        "TOWERS": data["towers"], "TOWER_TYPE_FIELD": "ttype", "LINES": data["lines"], "TOLERANCE": TOLERANCE,
        "INTENSITY": data["wind"], "CONDUCTOR_TYPE": "overhead_line", "OUTPUT": str(out),
        "OUTPUT_TOWERS": str(folder / "ours_towers.gpkg"), "OUTPUT_TABLE": str(folder / "ours_table.gpkg")})
    elapsed = time.perf_counter() - t
    d = read_gdf(out).set_index("lid").sort_index()
    return elapsed, d[["n_towers", "expected_failed_towers", "p_towers", "p_line"]].astype(float)


# --- the native chain ------------------------------------------------------------------------------
def _phi_expression(z):
    """Phi(z) as a QGIS expression (Abramowitz-Stegun 26.2.17)."""
    poly = "@t*(0.319381530+@t*(-0.356563782+@t*(1.781477937+@t*(-1.821255978+@t*1.330274429))))"
    return (f"with_variable('z', {z}, with_variable('t', 1/(1+0.2316419*abs(@z)), "
            f"with_variable('q', exp(-@z*@z/2)/sqrt(2*pi())*{poly}, if(@z >= 0, 1 - @q, @q))))")


def run_native(data, folder, curves):
    from qgis.core import QgsVectorLayer

    t = time.perf_counter()
    sampled = prun("native:rastersampling", {"INPUT": data["towers"], "RASTERCOPY": data["wind"], "COLUMN_PREFIX": "w",
                                            "OUTPUT": str(folder / "n_sampled.gpkg")})["OUTPUT"]
    wind = '"w1"'
    theta = (f"CASE WHEN \"ttype\" = 'transmission_tower' THEN {curves['transmission_tower'][0]} "
             f"ELSE {curves['distribution_pole'][0]} END")
    beta = (f"CASE WHEN \"ttype\" = 'transmission_tower' THEN {curves['transmission_tower'][1]} "
            f"ELSE {curves['distribution_pole'][1]} END")
    phi = _phi_expression(f"ln({wind} / ({theta})) / ({beta})")
    formula = f"CASE WHEN {wind} IS NULL OR {wind} <= 0 THEN 0 ELSE {phi} END"
    with_p = prun("native:fieldcalculator", {"INPUT": sampled, "FIELD_NAME": "p", "FIELD_TYPE": 0, "FIELD_LENGTH": 0,
                                            "FIELD_PRECISION": 0, "FORMULA": formula,
                                            "OUTPUT": str(folder / "n_p.gpkg")})["OUTPUT"]
    pairs = prun("native:joinbynearest", {"INPUT": with_p, "INPUT_2": data["lines"], "FIELDS_TO_COPY": ["lid"],
                                         "DISCARD_NONMATCHING": True, "PREFIX": "", "NEIGHBORS": 10,
                                         "MAX_DISTANCE": TOLERANCE, "OUTPUT": str(folder / "n_pairs.gpkg")})["OUTPUT"]
    def agg(how, expression, name, qtype):
        return {"aggregate": how, "delimiter": "", "input": expression, "length": 0, "name": name, "precision": 0,
                "type": qtype}

    aggs = [agg("first_value", '"lid"', "lid", 4), agg("count", '"p"', "n_towers", 4), agg("sum", '"p"', "expected", 6),
            agg("sum", 'ln(1 - "p")', "slq", 6)]
    per_line = prun("native:aggregate", {"INPUT": pairs, "GROUP_BY": '"lid"', "AGGREGATES": aggs,
                                        "OUTPUT": str(folder / "n_lines.gpkg")})["OUTPUT"]
    final = prun("native:fieldcalculator", {"INPUT": per_line, "FIELD_NAME": "p_towers", "FIELD_TYPE": 0,
                                           "FIELD_LENGTH": 0, "FIELD_PRECISION": 0, "FORMULA": '1 - exp("slq")',
                                           "OUTPUT": str(folder / "n_final.gpkg")})["OUTPUT"]
    elapsed = time.perf_counter() - t
    layer = QgsVectorLayer(final, "final", "ogr")
    rows = [(int(f["lid"]), float(f["n_towers"]), float(f["expected"]), float(f["p_towers"]))
            for f in layer.getFeatures()]
    table = pd.DataFrame(rows, columns=["lid", "n_towers", "expected_failed_towers", "p_towers"])
    return elapsed, table.set_index("lid").sort_index()


# --- what a Python user would write ----------------------------------------------------------------
def wind_curves():
    """(theta, beta) of the default wind curves per asset type, from the standards JSON."""
    lib = json.loads((ROOT / "resources" / "standards" / "fragility.json").read_text(encoding="utf-8"))
    out = {}
    for c in lib["curves"]:
        if c.get("intensity_measure") == "wind" and c.get("form") == "lognormal":
            names = c.get("asset_types") or c.get("asset_type")
            for t in [names] if isinstance(names, str) else names:
                out[t] = (float(c["theta"][c["fail_state"]]), float(c["beta"][c["fail_state"]]))
    return out


def run_python(data, curves):
    import geopandas as gpd
    import shapely
    from osgeo import gdal
    from scipy.stats import norm

    from tests.helpers import read_gdf  # the system GDAL (pyogrio's bundled one clashes with QGIS's)

    t = time.perf_counter()
    towers = read_gdf(*data["towers"].split("|layername="))
    lines = read_gdf(*data["lines"].split("|layername="))
    ds = gdal.Open(data["wind"])
    x0, dx, _, y1, _, dy = ds.GetGeoTransform()
    band = ds.GetRasterBand(1)
    grid = band.ReadAsArray().astype(float)
    grid[grid == band.GetNoDataValue()] = np.nan

    def sample(x, y):
        col = np.floor((x - x0) / dx).astype(np.int64)
        row = np.floor((y - y1) / dy).astype(np.int64)
        ok = (col >= 0) & (col < grid.shape[1]) & (row >= 0) & (row < grid.shape[0])
        out = np.full(len(x), np.nan)
        out[ok] = grid[row[ok], col[ok]]
        return out

    def p_fail(w, theta, beta):
        with np.errstate(divide="ignore", invalid="ignore"):
            p = norm.cdf(np.log(np.maximum(w, 0.0) / theta) / beta)
        return np.where(np.isfinite(w), p, 0.0)  # off the raster / nodata: does not fail

    theta = towers["ttype"].map(lambda k: curves[k][0]).to_numpy(float)
    beta = towers["ttype"].map(lambda k: curves[k][1]).to_numpy(float)
    towers["p"] = p_fail(sample(towers.geometry.x.to_numpy(), towers.geometry.y.to_numpy()), theta, beta)
    towers["lq"] = np.log1p(-towers["p"])
    pairs = gpd.sjoin(towers[["p", "lq", "geometry"]], lines[["lid", "geometry"]], predicate="dwithin",
                      distance=TOLERANCE)
    per = pairs.groupby("lid").agg(n_towers=("p", "size"), expected_failed_towers=("p", "sum"), lq=("lq", "sum"))
    per = per.reindex(lines["lid"], fill_value=0.0)
    dense = shapely.segmentize(lines.geometry.to_numpy(), abs(dx) / 2)
    xy, owner = shapely.get_coordinates(dense, return_index=True)
    wmax = pd.Series(sample(xy[:, 0], xy[:, 1])).groupby(owner).max().reindex(range(len(lines))).to_numpy()
    ct, cb = curves["overhead_line"]
    p_cond = p_fail(wmax, ct, cb)
    per["p_line"] = 1.0 - np.exp(per["lq"].to_numpy()) * (1.0 - p_cond)
    elapsed = time.perf_counter() - t
    return elapsed, per[["n_towers", "expected_failed_towers", "p_line"]].astype(float).sort_index()


# --- comparison ------------------------------------------------------------------------------------
def _agree(ours, other, columns, tol):
    """Every line present in both with equal counts and the columns within ``tol``."""
    if not ours.index.equals(other.index.union(ours.index)):
        return False
    other = other.reindex(ours.index, fill_value=0.0)
    if not np.array_equal(ours["n_towers"].to_numpy(), other["n_towers"].to_numpy()):
        return False
    return all(np.allclose(ours[c].to_numpy(), other[c].to_numpy(), rtol=0.0, atol=tol) for c in columns)


def case(n_towers, native=True):
    import tempfile

    data = network(n_towers)
    curves = wind_curves()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours_s, ours = run_ours(data, folder)
        native_s, same = None, None
        if native and n_towers <= NATIVE_LIMIT:
            native_s, nat = run_native(data, folder, curves)
            same = _agree(ours, nat, ["expected_failed_towers", "p_towers"], 1e-5)
        python_s, py = run_python(data, curves)
        python_same = _agree(ours, py, ["expected_failed_towers", "p_line"], 1e-9)
        ours_t, py_t = ours["expected_failed_towers"].sum(), py["expected_failed_towers"].sum()
        print(f"# towers_{n_towers}: {data['n_lines']} lines; expected failed towers ours {ours_t:.3f} "
              f"python {py_t:.3f}; "
              f"expected failed lines ours {ours['p_line'].sum():.3f} python {py['p_line'].sum():.3f}", flush=True)
        report(f"towers_{n_towers}", f"{data['n_towers']}towers_{data['n_lines']}lines", ours_s, native_s, same, None,
               python_s, python_same)


def run(quick):
    qgis_session()
    case(5_000)
    if quick:
        return
    case(100_000, native=True)


if __name__ == "__main__":
    run("--quick" in sys.argv)
