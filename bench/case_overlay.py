"""Benchmark: resilience:hazardoverlay (with units and population) against the native chain.

Two independent hazard zonings of the synthetic city (50 zones per level, 4 levels each), 500 Voronoi
units and the population raster (persons per cell; 5,000 x 5,000 cells, 1,000 x 1,000 in QUICK mode).
Question: area and population of each unit in each composite level (maximum of the two levels).

- ours: ``resilience:hazardoverlay`` (METHOD 0, UNITS, POPULATION, POPULATION_UNIT 1 = persons per cell);
- native: ``native:union`` + ``native:fieldcalculator`` (max level) + ``native:intersection`` with the
  units + ``native:fieldcalculator`` ($area) + ``qgis:statisticsbycategories`` (area per unit and level)
  + ``native:zonalstatisticsfb`` (population sum per piece) + ``qgis:statisticsbycategories``.

- Python alternative (what a user would write without the plugin): geopandas ``overlay`` (union of the
  two zonings, the maximum level, intersection with the units) + ``groupby`` area, and the zonal sums as
  rasterstats computes them (rasterstats needs rasterio, whose wheels bundle their own GDAL: its numpy
  equivalent is used): the raster read with GDAL into numpy, each piece's cells by their centres
  (``shapely.contains_xy`` on the piece's window), summed, then ``groupby`` unit and level.

``same=yes`` when every unit x level area (level >= 1) agrees within 0.1 % and the population within
1 % (``zonalstatisticsfb`` and the rasterstats way count a cell wholly where its centre lies; ours
splits boundary cells by area, so small differences are expected per piece but not in the totals).
Ours reads the raster in a second thread while it overlays (GDAL and numpy release the GIL): on this
2-core machine that is two cores against native's one. The case also times reading the raster once
(``read_once``: one GDAL ``ReadAsArray`` of the band, in its own process), the floor of any exact
zonal sum, and prints ours against it.
"""

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402


def _as_lists(area, pop):
    keys = sorted(set(area) | set(pop))
    return [[int(k[0]), int(k[1]), float(area.get(k, 0.0)), float(pop.get(k, 0.0))] for k in keys]


def ours(zones, zones_b, units, population, folder):
    common.qgis_session()
    table = str(Path(folder) / "ours_table.gpkg")
    t, cpu = time.perf_counter(), time.process_time()
    common.run("resilience:hazardoverlay", {"HAZARDS": [zones, zones_b], "METHOD": 0, "UNITS": units, "UNIT_ID_FIELD": "uid",
                                            "POPULATION": population, "POPULATION_UNIT": 1,
                                            "OUTPUT": str(Path(folder) / "ours.gpkg"), "OUTPUT_TABLE": table})
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    c = common.read_table(table, ["unit_id", "level", "area_m2", "population"])
    area = {(u, lv): a for u, lv, a in zip(c["unit_id"], c["level"], c["area_m2"]) if lv > 0}
    pop = {(u, lv): p for u, lv, p in zip(c["unit_id"], c["level"], c["population"]) if lv > 0}
    return {"seconds": seconds, "cpu": cpu, "rows": _as_lists(area, pop)}


def native(zones, zones_b, units, population, folder):
    common.qgis_session()
    t, cpu = time.perf_counter(), time.process_time()
    union = common.run("native:union", {"INPUT": zones, "OVERLAY": zones_b, "OVERLAY_FIELDS_PREFIX": "b_",
                                        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    lvl = common.run("native:fieldcalculator", {"INPUT": union, "FIELD_NAME": "lvl", "FIELD_TYPE": 1, "FIELD_LENGTH": 0,
                                                "FORMULA": 'max(coalesce("level", 0), coalesce("b_level", 0))',
                                                "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    pieces = common.run("native:intersection", {"INPUT": units, "OVERLAY": lvl, "INPUT_FIELDS": ["uid"],
                                                "OVERLAY_FIELDS": ["lvl"], "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    measured = common.run("native:fieldcalculator", {"INPUT": pieces, "FIELD_NAME": "area_m2", "FIELD_TYPE": 0,
                                                     "FIELD_LENGTH": 0, "FIELD_PRECISION": 3, "FORMULA": "$area",
                                                     "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    area_stats = common.run("qgis:statisticsbycategories", {"INPUT": measured, "VALUES_FIELD_NAME": "area_m2",
                                                             "CATEGORIES_FIELD_NAME": ["uid", "lvl"],
                                                             "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    zonal = common.run("native:zonalstatisticsfb", {"INPUT": measured, "INPUT_RASTER": population, "RASTER_BAND": 1,
                                                    "COLUMN_PREFIX": "p_", "STATISTICS": [1], "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    pop_stats = common.run("qgis:statisticsbycategories", {"INPUT": zonal, "VALUES_FIELD_NAME": "p_sum",
                                                            "CATEGORIES_FIELD_NAME": ["uid", "lvl"],
                                                            "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    area = {(f["uid"], f["lvl"]): f["sum"] for f in area_stats.getFeatures() if f["lvl"] > 0}
    pop = {(f["uid"], f["lvl"]): (f["sum"] or 0.0) for f in pop_stats.getFeatures() if f["lvl"] > 0}
    return {"seconds": seconds, "cpu": cpu, "rows": _as_lists(area, pop)}


def python_alternative(zones, zones_b, units, population, folder):
    """geopandas overlay + groupby, and rasterstats-style zonal sums (cell centres) in numpy."""
    import geopandas as gpd
    import shapely
    from osgeo import gdal

    def read(uri):
        path, _, layer = uri.partition("|layername=")
        return gpd.read_file(path, layer=layer, engine="pyogrio")

    t, cpu = time.perf_counter(), time.process_time()
    a, b, u = read(zones), read(zones_b), read(units)
    union = gpd.overlay(a[["level", "geometry"]], b[["level", "geometry"]], how="union", keep_geom_type=True)
    union["lvl"] = np.maximum(union["level_1"].fillna(0), union["level_2"].fillna(0)).astype(int)
    pieces = gpd.overlay(u[["uid", "geometry"]], union[["lvl", "geometry"]], how="intersection", keep_geom_type=True)
    pieces["area"] = pieces.geometry.area
    ds = gdal.Open(population)
    band = ds.GetRasterBand(1)
    values = band.ReadAsArray().astype(np.float64)
    values[(values == band.GetNoDataValue()) | ~np.isfinite(values)] = 0.0
    gt = ds.GetGeoTransform()
    sums = np.zeros(len(pieces))
    for i, g in enumerate(pieces.geometry.values):
        x0, y0, x1, y1 = g.bounds
        c0, c1 = max(int((x0 - gt[0]) / gt[1]), 0), min(int(np.ceil((x1 - gt[0]) / gt[1])), values.shape[1])
        r0, r1 = max(int((y1 - gt[3]) / gt[5]), 0), min(int(np.ceil((y0 - gt[3]) / gt[5])), values.shape[0])
        xs = gt[0] + (np.arange(c0, c1) + 0.5) * gt[1]
        ys = gt[3] + (np.arange(r0, r1) + 0.5) * gt[5]
        inside = shapely.contains_xy(g, xs[None, :], ys[:, None])
        sums[i] = values[r0:r1, c0:c1][inside].sum()
    pieces["pop"] = sums
    table = pieces.groupby(["uid", "lvl"])[["area", "pop"]].sum()
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    area = {k: v for k, v in table["area"].items() if k[1] > 0}
    pop = {k: v for k, v in table["pop"].items() if k[1] > 0}
    return {"seconds": seconds, "cpu": cpu, "rows": _as_lists(area, pop)}


def read_once(population):
    """The floor: reading the population raster once, the plain way (one ``ReadAsArray`` of the band)."""
    from osgeo import gdal

    gdal.UseExceptions()
    t, cpu = time.perf_counter(), time.process_time()
    ds = gdal.Open(population)
    values = ds.GetRasterBand(1).ReadAsArray()
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "cells": int(values.size)}


def compare(a_rows, b_rows):
    a = {(r[0], r[1]): r[2:] for r in a_rows}
    b = {(r[0], r[1]): r[2:] for r in b_rows}
    keys = [k for k in set(a) | set(b) if max(a.get(k, [0, 0])[0], b.get(k, [0, 0])[0]) > 100.0]
    area_ok = all(np.isclose(a.get(k, [0, 0])[0], b.get(k, [0, 0])[0], rtol=1e-3) for k in keys)
    pa = np.array([a.get(k, [0, 0])[1] for k in keys])
    pb = np.array([b.get(k, [0, 0])[1] for k in keys])
    pop_ok = bool(np.isclose(pa.sum(), pb.sum(), rtol=1e-2))
    return area_ok and pop_ok, area_ok, pop_ok


def run(quick):
    side = 1000 if quick else 5000
    city = common.synthetic_city(10_000 if quick else 100_000, raster_side=side)
    with tempfile.TemporaryDirectory() as tmp:
        args = dict(zones=city.zones, zones_b=city.zones_b, units=city.units, population=city.population, folder=tmp)
        read = common.run_isolated("bench.case_overlay", "read_once", population=city.population)
        o = common.run_isolated("bench.case_overlay", "ours", **args)
        nat = common.run_isolated("bench.case_overlay", "native", **args)
        py = common.run_isolated("bench.case_overlay", "python_alternative", **args)
        same, area_ok, pop_ok = compare(o["rows"], nat["rows"])
        py_same, py_area_ok, py_pop_ok = compare(o["rows"], py["rows"])
        for side_name, ok, a_ok, p_ok in (("native", same, area_ok, pop_ok), ("python", py_same, py_area_ok, py_pop_ok)):
            if not ok:
                print(f"  overlay vs {side_name}: areas agree={a_ok}, population totals agree={p_ok}", flush=True)
        print(f"  overlay: peak MB ours {o['peak_mb']:.0f}, native {nat['peak_mb']:.0f}, python {py['peak_mb']:.0f}; "
              f"CPU s (all threads) ours {o['cpu']:.2f}, native {nat['cpu']:.2f}, python {py['cpu']:.2f}", flush=True)
        print(f"  overlay: reading the raster once (GDAL ReadAsArray) {read['seconds']:.2f} s (CPU {read['cpu']:.2f} s); "
              f"ours / one read = {o['seconds'] / read['seconds']:.1f}", flush=True)
        common.report("overlay_units_population", f"{city.n_units}units_{side}x{side}raster", o["seconds"], nat["seconds"],
                      same, max(o["peak_mb"], nat["peak_mb"]), py["seconds"], py_same)


if __name__ == "__main__":
    run("--quick" in sys.argv)
