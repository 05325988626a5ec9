"""Benchmark: resilience:economicloss against resilience:exposuresummary on the same data.

Buildings (10 k / 100 k / 1 M rectangles of the synthetic city, bench/common.py), 500 Voronoi units
and a flood depth grid of ``raster_side`` x ``raster_side`` cells (the city's smooth population field
scaled to 0.5-5 m, written once next to the city). The issue's target: loss within 2x the time of
Exposure statistics on the same buildings, raster and units.

- ours: ``resilience:economicloss`` (area-weighted depth per footprint, units, summary table only);
- reference (the ``native_s`` column): ``resilience:exposuresummary`` with the depth grid as a raster
  hazard (thresholds 0.15, 0.5, 1, 2 m), buildings by the highest level they touch, same units.

``same=yes`` when both put the same number of buildings in every unit (both count a building in the
unit holding its largest part). ``ratio`` = exposure time / loss time: at least 0.5 meets the target.
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
THRESHOLDS = "0.15,0.5,1.0,2.0"


def depth_raster(city):
    """The city's population field scaled to metres of water (cached next to the city)."""
    from osgeo import gdal

    path = Path(city.folder) / "depth.tif"
    if not path.exists():
        src = gdal.Open(city.population)
        gdal.Translate(
            str(path),
            src,
            options=gdal.TranslateOptions(scaleParams=[[0, 50, 0, 5]], outputType=gdal.GDT_Float32, noData=-1),
        )
    return str(path)


def _per_unit(table, unit_col, count_col, keep=None):
    cols = common.read_table(table, [unit_col, count_col] + ([keep[0]] if keep else []))
    out = {}
    for i, (u, c) in enumerate(zip(cols[unit_col], cols[count_col])):
        if keep and cols[keep[0]][i] != keep[1]:
            continue
        out[str(u)] = out.get(str(u), 0) + int(c)
    return sorted([k, v] for k, v in out.items())


def ours(buildings, depth, units, folder):
    common.qgis_session()
    table = str(Path(folder) / "loss_table.gpkg")
    t = time.perf_counter()
    common.run(
        "resilience:economicloss",
        {
            "INPUT": buildings,
            "DEPTH": [depth],
            "THRESHOLDS": THRESHOLDS,
            "UNITS": units,
            "UNIT_ID_FIELD": "uid",
            "OUTPUT": None,
            "OUTPUT_TABLE": table,
        },
    )
    return {"seconds": time.perf_counter() - t, "counts": _per_unit(table, "unit_id", "count")}


def reference(buildings, depth, units, folder):
    common.qgis_session()
    table = str(Path(folder) / "exposure_table.gpkg")
    t = time.perf_counter()
    common.run(
        "resilience:exposuresummary",
        {
            "HAZARD": depth,
            "THRESHOLDS": THRESHOLDS,
            "EXPOSURE": buildings,
            "RULE": 0,
            "UNITS": units,
            "UNIT_ID_FIELD": "uid",
            "OUTPUT": None,
            "OUTPUT_TABLE": table,
        },
    )
    return {"seconds": time.perf_counter() - t, "counts": _per_unit(table, "unit_id", "count")}


def case(n, quick=False):
    city = common.synthetic_city(n, raster_side=1000 if quick else 5000)
    depth = depth_raster(city)
    with tempfile.TemporaryDirectory() as tmp:
        args = dict(buildings=city.buildings, depth=depth, units=city.units, folder=tmp)
        o = common.run_isolated("bench.case_loss", "ours", **args)
        r = common.run_isolated("bench.case_loss", "reference", **args)
        same = o["counts"] == r["counts"]
        if not same:
            diff = [a for a, b in zip(o["counts"], r["counts"]) if a != b][:5]
            print(f"  loss n={n}: first differences (unit, buildings) loss vs exposure: {diff}", flush=True)
        common.report("economic_loss", n, o["seconds"], r["seconds"], same, max(o["peak_mb"], r["peak_mb"]))


def run(quick):
    for n in SIZES[:1] if quick else SIZES:
        case(n, quick)


if __name__ == "__main__":
    run("--quick" in sys.argv)
