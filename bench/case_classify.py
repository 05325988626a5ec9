"""Benchmark: resilience:classifyhazard (hazard zones by thresholds, one zone per level, areas per level).

Synthetic data (EPSG:32650, written to disk with the system GDAL in a temporary folder), thresholds
0.5 / 1 / 1.5 / 2 (levels 1-4, level 0 left out), two families:

1. ``classify_raster_*``: the smooth flood-depth field of ``bench/case_lifelines.hazard_raster`` (0-3 m)
   on side x side cells (10 m; the full size 5 000 x 5 000 = 25 M cells).
   - native: ``native:reclassifybytable`` (min <= value < max, level 0 -> nodata, Byte) ->
     ``gdal:polygonize`` -> ``native:dissolve`` by level -> ``native:fieldcalculator`` ``area($geometry)``.
   - Python: the band read with GDAL into numpy, ``np.digitize``, level 0 masked, ``gdal.Polygonize``
     into a memory layer, geopandas ``dissolve("level")``, ``.area``; per-level min / max of the depth
     by pandas ``groupby`` of the cells (``scipy.ndimage.minimum`` / ``maximum`` with the level grid as
     labels gives the same and took 8.7 of 12.2 s at the full size: it sorts the cells).
2. ``classify_vector_*``: N Voronoi cells (a tessellation of N random seeds, as a hazard model's
   polygon output) with a ``depth`` field from the same smooth field at the seeds (the full size
   100 000 polygons), classified by ``depth``.
   - native: ``native:extractbyexpression`` (depth >= 0.5) -> ``native:fieldcalculator`` (level by
     ``CASE``) -> ``native:dissolve`` by level -> ``native:fieldcalculator`` ``area($geometry)``.
   - Python: geopandas, ``np.digitize``, level 0 dropped, ``dissolve("level")``, ``.area``, min / max
     of the depth by ``groupby("level")``.

``same`` / ``python_same`` are ``yes`` only when both sides give the same set of levels (so the same
number of zones, one per level) and every level's area agrees within a relative 1e-8; ``python_same``
also needs each level's value_min / value_max equal (1e-8). A threshold taken on the other side
(value <= t instead of value < t), level 0 kept, nodata counted, a cell or polygon lost by the
polygonising or the union, or areas measured in another CRS each make it ``no``; the raster areas are
whole multiples of the cell area, so a single cell (100 m² of at most 7·10⁸ m² a level) is more than
1e-7 of a level at the full size; the vector areas (unions of the same polygons) agree to 1e-10 (QGIS
unions in another order). The per-level areas are printed as a ``#`` line.
"""

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.case_lifelines import X0, Y0, hazard_raster  # noqa: E402 - after the path set-up
from bench.common import EPSG, qgis_session, report, write_layer  # noqa: E402
from bench.common import run as prun  # noqa: E402

THRESHOLDS = [0.5, 1.0, 1.5, 2.0]
RTOL = 1e-8


# --- data ----------------------------------------------------------------------------------------
def depth_at(x, y, extent):
    """The depth field of ``hazard_raster`` at map coordinates (the same formula, continuous)."""
    u, v = (x - X0) / extent, (Y0 + extent - y) / extent  # v: rows from the top, as the raster's y
    return 1.5 + 0.8 * np.sin(7 * u) * np.cos(5 * v) + 0.7 * np.sin(13 * (u + v))


def voronoi_cells(n, extent, seed=7):
    """A tessellation of ``n`` random seeds clipped to the square, with the depth at each seed."""
    import shapely

    rng = np.random.default_rng(seed)
    x = X0 + rng.uniform(0, extent, n)
    y = Y0 + rng.uniform(0, extent, n)
    frame = shapely.box(X0, Y0, X0 + extent, Y0 + extent)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(np.c_[x, y]), extend_to=frame))
    cells = shapely.intersection(cells, frame)
    # voronoi_polygons returns the cells in no particular order: the depth at each cell's own seed
    tree = shapely.STRtree(cells)
    idx_pt, idx_cell = tree.query(shapely.points(x, y), predicate="within")
    depth = np.full(len(cells), np.nan)
    depth[idx_cell] = depth_at(x[idx_pt], y[idx_pt], extent)
    return cells, depth


# --- ours ----------------------------------------------------------------------------------------
def run_ours(params, out):
    from tests.helpers import read_gdf

    t = time.perf_counter()
    prun("resilience:classifyhazard", {**params, "HAZARD_NAME": "flood", "THRESHOLDS": ",".join(map(str, THRESHOLDS)),
                                       "OUTPUT": str(out)})
    elapsed = time.perf_counter() - t
    d = read_gdf(out)
    return elapsed, {int(r.level): (float(r.area_m2), float(r.value_min), float(r.value_max)) for r in d.itertuples()}


# --- the native chains ---------------------------------------------------------------------------
def _areas(path, level_field):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(path), "native", "ogr")
    out = {}
    for f in layer.getFeatures():
        lv = int(f[level_field])
        out[lv] = out.get(lv, 0.0) + float(f["area_m2"])
    return {k: (v,) for k, v in out.items()}


def run_native_raster(tif, folder):
    t = time.perf_counter()
    table = []
    bounds = THRESHOLDS + [""]  # an empty maximum: no upper limit
    for k in range(len(THRESHOLDS)):
        table += [THRESHOLDS[k], bounds[k + 1], k + 1]
    rc = prun("native:reclassifybytable", {"INPUT_RASTER": tif, "RASTER_BAND": 1, "TABLE": table, "NO_DATA": 255,
                                           "RANGE_BOUNDARIES": 1, "NODATA_FOR_MISSING": True, "DATA_TYPE": 0,
                                           "OUTPUT": str(folder / "native_levels.tif")})
    poly = prun("gdal:polygonize", {"INPUT": rc["OUTPUT"], "BAND": 1, "FIELD": "DN", "EIGHT_CONNECTEDNESS": False,
                                    "OUTPUT": str(folder / "native_poly.gpkg")})
    area = _dissolve_and_measure(poly["OUTPUT"], "DN", folder)
    return time.perf_counter() - t, _areas(area, "DN")


def _dissolve_and_measure(layer, field, folder):
    """The native chain's last two steps: ``native:dissolve`` by ``field``, then the area field."""
    diss = prun("native:dissolve", {"INPUT": layer, "FIELD": [field], "OUTPUT": str(folder / "native_diss.gpkg")})
    return prun("native:fieldcalculator", {"INPUT": diss["OUTPUT"], "FIELD_NAME": "area_m2", "FIELD_TYPE": 0,
                                           "FIELD_LENGTH": 20, "FIELD_PRECISION": 3, "FORMULA": "area($geometry)",
                                           "OUTPUT": str(folder / "native_area.gpkg")})["OUTPUT"]


def run_native_vector(cells, folder):
    t = time.perf_counter()
    ext = prun("native:extractbyexpression", {"INPUT": cells, "EXPRESSION": f'"depth" >= {THRESHOLDS[0]}',
                                              "OUTPUT": str(folder / "native_ext.gpkg")})
    whens = [f'WHEN "depth" >= {t_} THEN {k}' for k, t_ in enumerate(THRESHOLDS, 1)]
    case = "CASE " + " ".join(reversed(whens)) + " END"
    lvl = prun("native:fieldcalculator", {"INPUT": ext["OUTPUT"], "FIELD_NAME": "level", "FIELD_TYPE": 1,
                                          "FIELD_LENGTH": 10, "FIELD_PRECISION": 0, "FORMULA": case,
                                          "OUTPUT": str(folder / "native_lvl.gpkg")})
    area = _dissolve_and_measure(lvl["OUTPUT"], "level", folder)
    return time.perf_counter() - t, _areas(area, "level")


# --- what a Python user would write (independent of resilience_plugin) ---------------------------
def run_python_raster(tif):
    """numpy ``digitize`` + ``gdal.Polygonize`` + geopandas ``dissolve``; min / max per level by pandas ``groupby``."""
    import geopandas as gpd
    import shapely
    from osgeo import gdal, ogr

    t = time.perf_counter()
    ds = gdal.Open(tif)
    band = ds.GetRasterBand(1)
    depth = band.ReadAsArray()
    nodata = band.GetNoDataValue()
    valid = np.isfinite(depth) if nodata is None else (depth != nodata) & np.isfinite(depth)
    level = np.digitize(depth, THRESHOLDS).astype(np.uint8)  # value < 0.5 -> 0, 0.5 <= value < 1 -> 1, ...
    level[~valid] = 0
    mem = gdal.GetDriverByName("MEM").Create("", ds.RasterXSize, ds.RasterYSize, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(ds.GetGeoTransform())
    mem.SetProjection(ds.GetProjection())
    mem.GetRasterBand(1).WriteArray(level)
    mem.GetRasterBand(1).SetNoDataValue(0)
    vec = ogr.GetDriverByName("Memory").CreateDataSource("zones")
    lyr = vec.CreateLayer("zones", geom_type=ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("level", ogr.OFTInteger))
    gdal.Polygonize(mem.GetRasterBand(1), mem.GetRasterBand(1), lyr, 0)
    levels, wkbs = [], []
    for f in lyr:
        levels.append(f.GetField(0))
        wkbs.append(bytes(f.GetGeometryRef().ExportToWkb()))
    gdf = gpd.GeoDataFrame({"level": levels}, geometry=shapely.from_wkb(wkbs), crs=f"EPSG:{EPSG}")
    zones = gdf.dissolve("level")
    inside = level.ravel() > 0
    mm = pd.Series(depth.ravel()[inside]).groupby(level.ravel()[inside]).agg(["min", "max"])
    stats = {int(k): (float(a), float(mm.loc[k, "min"]), float(mm.loc[k, "max"])) for k, a in zones.area.items()}
    return time.perf_counter() - t, stats


def run_python_vector(cells):
    """geopandas: ``np.digitize`` + ``dissolve("level")`` + ``.area``, min / max of the depth by ``groupby``."""
    from tests.helpers import read_gdf  # the system GDAL: pyogrio's bundled one is not loaded beside QGIS's

    t = time.perf_counter()
    gdf = read_gdf(*cells.split("|layername="))
    gdf["level"] = np.digitize(gdf["depth"].to_numpy(dtype=float), THRESHOLDS)
    gdf = gdf[gdf["level"] > 0]
    zones = gdf[["level", "geometry"]].dissolve("level")
    depth = gdf.groupby("level")["depth"].agg(["min", "max"])
    area = zones.area
    stats = {int(k): (float(area[k]), float(depth.loc[k, "min"]), float(depth.loc[k, "max"])) for k in zones.index}
    return time.perf_counter() - t, stats


# --- comparing -----------------------------------------------------------------------------------
def _same(ours, other, minmax):
    if sorted(ours) != sorted(other):
        return False
    for k in ours:
        if not np.isclose(ours[k][0], other[k][0], rtol=RTOL, atol=0):
            return False
        if minmax and not np.allclose(ours[k][1:], other[k][1:], rtol=RTOL, atol=0):
            return False
    return True


def _print_areas(case, ours, native, python):
    def fmt(d):
        return str({k: round(v[0], 1) for k, v in sorted(d.items())})

    def gap(d):
        if sorted(d) != sorted(ours):
            return "NA (other levels)"
        return f"{max(abs(ours[k][0] - v[0]) / ours[k][0] for k, v in d.items()):.1e}"

    print(f"# {case} m² per level: ours {fmt(ours)} native {fmt(native)} python {fmt(python)}; "
          f"max rel. gap native {gap(native)} python {gap(python)}", flush=True)


def raster_case(name, side, cell=10.0):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tif, depth = hazard_raster(folder / "depth.tif", side, cell)
        del depth
        ours_s, ours = run_ours({"INPUT": tif, "BAND": 1}, folder / "ours.gpkg")
        native_s, native = run_native_raster(tif, folder)
        python_s, python = run_python_raster(tif)
        _print_areas(name, ours, native, python)
        report(name, f"{side}x{side}cells", ours_s, native_s, _same(ours, native, False),
               None, python_s, _same(ours, python, True))


def vector_case(name, n, extent):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        geoms, depth = voronoi_cells(n, extent)
        cells = write_layer(folder / "cells.gpkg", geoms, {"depth": depth}, layer="cells")
        ours_s, ours = run_ours({"INPUT": cells, "FIELD": "depth"}, folder / "ours.gpkg")
        native_s, native = run_native_vector(cells, folder)
        python_s, python = run_python_vector(cells)
        _print_areas(name, ours, native, python)
        report(name, f"{len(geoms)}polygons", ours_s, native_s, _same(ours, native, False),
               None, python_s, _same(ours, python, True))


def run(quick):
    qgis_session()
    raster_case("classify_raster_500", 500)
    vector_case("classify_vector_5000", 5_000, 5_000.0)
    if quick:
        return
    raster_case("classify_raster_5000", 5_000)
    vector_case("classify_vector_100000", 100_000, 20_000.0)


if __name__ == "__main__":
    run("--quick" in sys.argv)
