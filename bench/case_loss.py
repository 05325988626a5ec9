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

- Python alternative (what a user would write without the plugin, 10 k and 100 k buildings):
  geopandas ``sjoin`` (buildings x units, the largest intersection for buildings on a unit
  boundary), the depth per footprint as rasterstats computes a zonal mean (rasterstats needs
  rasterio, whose wheels bundle their own GDAL: its numpy equivalent is used): the raster read with
  GDAL, the mean of the cells whose centre lies in the footprint (``shapely.contains_xy`` on the
  footprint's window), the cell under the centroid where no centre does, then the same curve
  (``np.interp`` on the curve set's points, read from the standards file), loss = factor x maximum
  damage per m² x footprint area, and ``groupby`` unit. ``python_same=yes`` when the buildings per
  unit are equal and the total loss agrees within 1 % (the cell-centre mean against our exact
  area-weighted mean: small differences per building, not in the total).
"""

import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
PYTHON_SIZES = (10_000, 100_000)  # the Python alternative's loop over footprints is not run at 1 M
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
    seconds = time.perf_counter() - t
    loss = sum(float(v or 0.0) for v in common.read_table(table, ["loss"])["loss"])
    return {"seconds": seconds, "counts": _per_unit(table, "unit_id", "count"), "loss": loss}


def python_alternative(buildings, depth, units, folder):
    """geopandas sjoin + rasterstats-style zonal mean (cell centres, in numpy) + the curve + groupby."""
    import geopandas as gpd
    import pandas as pd
    import shapely
    from osgeo import gdal

    def read(uri):
        path, _, layer = uri.partition("|layername=")
        return gpd.read_file(path, layer=layer, engine="pyogrio")

    std = json.loads((ROOT / "resources" / "standards" / "depth_damage.json").read_text(encoding="utf-8"))
    curve = std["curve_sets"]["jrc_asia"]
    curve_d, curve_f = np.array(curve["depth_m"]), np.array(curve["classes"]["residential"]["damage"])
    per_m2 = float(std["max_damage"]["china_placeholder"]["classes"]["residential"])
    t = time.perf_counter()
    b, u = read(buildings), read(units)
    # the unit of each building: sjoin, and the largest intersection where a building meets several units
    j = gpd.sjoin(b[["geometry"]], u[["uid", "geometry"]], predicate="intersects", how="inner")
    j["part"] = np.inf
    several = j.index.duplicated(keep=False)
    j.loc[several, "part"] = shapely.area(shapely.intersection(
        b.geometry.values[j.index[several]], u.geometry.values[j["index_right"].to_numpy()[several]]))
    j = j.sort_values("part", ascending=False, kind="stable")
    unit = j[~j.index.duplicated(keep="first")]["uid"]
    # depth per footprint: the mean of the cells whose centre lies inside (rasterstats), else the centroid's cell
    ds = gdal.Open(depth)
    band = ds.GetRasterBand(1)
    values = band.ReadAsArray().astype(np.float64)
    values[(values == band.GetNoDataValue()) | ~np.isfinite(values)] = 0.0
    gt = ds.GetGeoTransform()
    h, w = values.shape
    mean = np.zeros(len(b))
    for i, g in enumerate(b.geometry.values):
        x0, y0, x1, y1 = g.bounds
        c0, c1 = max(int((x0 - gt[0]) / gt[1]), 0), min(int(np.ceil((x1 - gt[0]) / gt[1])), w)
        r0, r1 = max(int((y1 - gt[3]) / gt[5]), 0), min(int(np.ceil((y0 - gt[3]) / gt[5])), h)
        xs = gt[0] + (np.arange(c0, c1) + 0.5) * gt[1]
        ys = gt[3] + (np.arange(r0, r1) + 0.5) * gt[5]
        inside = shapely.contains_xy(g, xs[None, :], ys[:, None])
        if inside.any():
            mean[i] = values[r0:r1, c0:c1][inside].mean()
        else:
            cx, cy = shapely.get_coordinates(g.centroid)[0]
            mean[i] = values[min(int((cy - gt[3]) / gt[5]), h - 1), min(int((cx - gt[0]) / gt[1]), w - 1)]
    factor = np.where(mean > 0, np.interp(mean, curve_d, curve_f), 0.0)
    b["loss"] = factor * per_m2 * b.geometry.area
    b["unit"] = unit
    table = b.dropna(subset=["unit"]).groupby("unit").agg(count=("loss", "size"), loss=("loss", "sum"))
    seconds = time.perf_counter() - t
    counts = sorted([str(int(k)), int(v)] for k, v in table["count"].items())
    return {"seconds": seconds, "counts": counts, "loss": float(pd.to_numeric(table["loss"]).sum())}


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
        py = common.run_isolated("bench.case_loss", "python_alternative", **args) if n in PYTHON_SIZES else None
        same = o["counts"] == r["counts"]
        if not same:
            diff = [a for a, b in zip(o["counts"], r["counts"]) if a != b][:5]
            print(f"  loss n={n}: first differences (unit, buildings) loss vs exposure: {diff}", flush=True)
        py_same = None
        if py is not None:
            py_same = py["counts"] == o["counts"] and bool(np.isclose(py["loss"], o["loss"], rtol=1e-2))
            print(f"  loss n={n}: total loss ours {o['loss']:,.0f}, Python alternative {py['loss']:,.0f}; "
                  f"buildings per unit equal: {py['counts'] == o['counts']}", flush=True)
        common.report("economic_loss", n, o["seconds"], r["seconds"], same,
                      max(o["peak_mb"], r["peak_mb"], py["peak_mb"] if py else 0.0),
                      py["seconds"] if py else None, py_same)


def run(quick):
    for n in SIZES[:1] if quick else SIZES:
        case(n, quick)


if __name__ == "__main__":
    run("--quick" in sys.argv)
