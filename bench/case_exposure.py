"""Benchmark: resilience:exposuresummary against the chain of QGIS native algorithms.

Buildings (10 k / 100 k / 1 M rectangles) x hazard zones (50 per level, 4 levels) x 500 Voronoi units of
the synthetic city (bench/common.py). The question answered by both sides: how many buildings of each
unit lie in each hazard level, a building taking the highest level it touches and counted once, in the
unit holding its largest part.

- ours: ``resilience:exposuresummary`` (RULE 0, units, summary table only);
- native: ``native:joinattributesbylocation`` (buildings x zones, one-to-many) + ``native:aggregate``
  (highest level per building) + ``native:joinattributesbylocation`` (largest overlap with the units)
  + ``native:aggregate`` (count per unit and level).

- Python alternative (what a user would write without the plugin): geopandas ``sjoin`` (buildings x
  zones, intersects) + ``groupby`` max level, ``overlay`` (buildings x units, intersection) + the largest
  piece's unit, ``groupby`` count; up to ``PYTHON_MAX`` buildings (``python_s``, ``python_same``).

``same=yes`` when every (unit, level) count agrees. Each side runs in its own process so that
``peak_mb`` (the larger of the two) is measured per case. The native chain is skipped (NA) above
``NATIVE_MAX`` buildings: it takes far too long.
"""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
NATIVE_MAX = 100_000
PYTHON_MAX = 100_000
PYTHON_TIMEOUT = 900
NATIVE_TIMEOUT = 900  # s; the native chain needed over 30 min for 100 k buildings on the 2-core machine


def _counts_to_list(d):
    return sorted([[int(k[0]), int(k[1]), int(v)] for k, v in d.items()])


def ours(buildings, zones, units, folder):
    common.qgis_session()
    table = str(Path(folder) / "ours_table.gpkg")
    t = time.perf_counter()
    common.run("resilience:exposuresummary", {"HAZARD": zones, "LEVEL_FIELD": "level", "EXPOSURE": buildings, "RULE": 0,
                                              "UNITS": units, "UNIT_ID_FIELD": "uid", "OUTPUT": None, "OUTPUT_TABLE": table})
    seconds = time.perf_counter() - t
    cols = common.read_table(table, ["unit_id", "level", "count"])
    counts = {(u, lv): c for u, lv, c in zip(cols["unit_id"], cols["level"], cols["count"]) if c}
    return {"seconds": seconds, "counts": _counts_to_list(counts)}


def native(buildings, zones, units, folder):
    common.qgis_session()
    t = time.perf_counter()
    joined = common.run("native:joinattributesbylocation", {
        "INPUT": buildings, "JOIN": zones, "PREDICATE": [0], "JOIN_FIELDS": ["level"], "METHOD": 0,
        "DISCARD_NONMATCHING": False, "PREFIX": "", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    highest = common.run("native:aggregate", {
        "INPUT": joined, "GROUP_BY": '"bid"', "AGGREGATES": [
            {"aggregate": "first_value", "delimiter": ",", "input": '"bid"', "length": 0, "name": "bid", "precision": 0, "type": 4},
            {"aggregate": "maximum", "delimiter": ",", "input": 'coalesce("level", 0)', "length": 0, "name": "level",
             "precision": 0, "type": 2}],
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    placed = common.run("native:joinattributesbylocation", {
        "INPUT": highest, "JOIN": units, "PREDICATE": [0], "JOIN_FIELDS": ["uid"], "METHOD": 2,
        "DISCARD_NONMATCHING": False, "PREFIX": "", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    counted = common.run("native:aggregate", {
        "INPUT": placed, "GROUP_BY": 'array("uid", "level")', "AGGREGATES": [
            {"aggregate": "first_value", "delimiter": ",", "input": '"uid"', "length": 0, "name": "uid", "precision": 0, "type": 4},
            {"aggregate": "first_value", "delimiter": ",", "input": '"level"', "length": 0, "name": "level", "precision": 0, "type": 2},
            {"aggregate": "count", "delimiter": ",", "input": '"bid"', "length": 0, "name": "count", "precision": 0, "type": 4}],
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    seconds = time.perf_counter() - t
    counts = {(f["uid"], f["level"]): f["count"] for f in counted.getFeatures()}
    return {"seconds": seconds, "counts": _counts_to_list(counts)}


def python_alternative(buildings, zones, units, folder):
    """What a Python user would write instead: geopandas sjoin / overlay + groupby."""
    import geopandas as gpd

    def read(uri):
        path, _, layer = uri.partition("|layername=")
        return gpd.read_file(path, layer=layer, engine="pyogrio")

    t = time.perf_counter()
    b, z, u = read(buildings), read(zones), read(units)
    joined = gpd.sjoin(b[["bid", "geometry"]], z[["level", "geometry"]], how="left", predicate="intersects")
    level = joined["level"].fillna(0).groupby(joined["bid"]).max().astype(int)
    pieces = gpd.overlay(b[["bid", "geometry"]], u[["uid", "geometry"]], how="intersection", keep_geom_type=True)
    pieces["a"] = pieces.geometry.area
    largest = pieces.sort_values(["bid", "a"], ascending=[True, False]).drop_duplicates("bid").set_index("bid")["uid"]
    table = largest.to_frame().join(level.rename("level"))
    counts = table.groupby(["uid", "level"]).size()
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "counts": _counts_to_list({k: v for k, v in counts.items() if v})}


def case(n, quick=False):
    city = common.synthetic_city(n, raster_side=1000 if quick else 5000)
    with tempfile.TemporaryDirectory() as tmp:
        args = dict(buildings=city.buildings, zones=city.zones, units=city.units, folder=tmp)
        o = common.run_isolated("bench.case_exposure", "ours", **args)
        native_s, same, peak = None, None, o["peak_mb"]
        py_s = py_same = None
        if n <= PYTHON_MAX:
            try:
                py = common.run_isolated("bench.case_exposure", "python_alternative", timeout=PYTHON_TIMEOUT, **args)
                py_s, py_same, peak = py["seconds"], py["counts"] == o["counts"], max(peak, py["peak_mb"])
                if not py_same:
                    diff = [a for a, b in zip(o["counts"], py["counts"]) if a != b][:5]
                    print(f"  exposure n={n}: first differences ours vs geopandas: {diff}", flush=True)
            except common.subprocess.TimeoutExpired:
                print(f"  exposure n={n}: the geopandas version did not finish within {PYTHON_TIMEOUT} s", flush=True)
        if n <= NATIVE_MAX:
            try:
                nat = common.run_isolated("bench.case_exposure", "native", timeout=NATIVE_TIMEOUT, **args)
            except common.subprocess.TimeoutExpired:
                print(f"  exposure n={n}: the native chain did not finish within {NATIVE_TIMEOUT} s (native_s=NA)", flush=True)
                common.report("exposure_buildings", n, o["seconds"], None, None, peak, py_s, py_same)
                return
            native_s, same, peak = nat["seconds"], o["counts"] == nat["counts"], max(peak, nat["peak_mb"])
            if not same:
                diff = [a for a, b in zip(o["counts"], nat["counts"]) if a != b][:5]
                print(f"  exposure n={n}: first differences (unit, level, count) ours vs native: {diff}", flush=True)
        common.report("exposure_buildings", n, o["seconds"], native_s, same, peak, py_s, py_same)


def run(quick):
    for n in SIZES[:1] if quick else SIZES:
        case(n, quick)


if __name__ == "__main__":
    run("--quick" in sys.argv)
