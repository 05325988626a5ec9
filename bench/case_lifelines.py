"""Benchmarks: resilience:lifelineexposure and resilience:networkcriticality.

1. ``lifeline_zones``: N straight line segments (random, 20-200 m, EPSG:32650) x hazard zones
   polygonised from a smooth synthetic hazard raster (4 levels). Ours (lengths per level for every
   segment) against ``native:intersection`` + ``native:fieldcalculator`` ($length) + summing per level;
   the per-level totals are compared (``same`` = within 0.1 %). Also against what a Python user would
   write (``python_s``, ``python_same`` within 0.1 %): geopandas ``overlay`` + ``groupby`` at the small
   and medium sizes; at 200 k lines, where the native chain is not run and ``overlay`` does not finish
   (the polygonised zones are a few huge polygons), what a user writes next: explode the zones,
   ``sjoin`` them to the lines, vectorised ``shapely.intersection`` of the pairs, ``groupby`` level.
2. ``lifeline_raster``: the same segments against the raster itself (side x side cells); QGIS has no
   native equivalent. Against what a Python user would write: ``shapely.segmentize`` every line to a
   quarter of a cell (ours' step), the raster value at every piece's midpoint by array index (numpy;
   rasterstats' ``point_query`` needs rasterio, whose wheels bundle their own GDAL), the same
   thresholds, piece lengths summed per level. The same definition as ours, so the totals agree to
   rounding (``python_same`` within 0.1 %).
3. ``criticality``: single-link criticality of a street grid with 30 % of its streets removed
   (dead ends and bridges appear), 10,000 demand points and 20 hospitals; ours only, printed for
   growing sizes to show how it scales.
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

from bench.common import EPSG, qgis_session, report, write_layer  # noqa: E402 - after the path set-up

X0, Y0 = 400000.0, 2500000.0


def _context():
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    return ctx, QgsProcessingFeedback()


def hazard_raster(path, side, cell):
    """A smooth synthetic depth field (0-3 m) on side x side cells."""
    from osgeo import gdal, osr

    y, x = np.mgrid[0:side, 0:side] / side
    depth = (1.5 + 0.8 * np.sin(7 * x) * np.cos(5 * y) + 0.7 * np.sin(13 * (x + y))).astype(np.float32)
    ds = gdal.GetDriverByName("GTiff").Create(str(path), side, side, 1, gdal.GDT_Float32, ["COMPRESS=LZW", "TILED=YES"])
    ds.SetGeoTransform((X0, cell, 0.0, Y0 + side * cell, 0.0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(depth)
    ds = None
    return str(path), depth


def segments(n, extent, seed=1):
    import shapely

    rng = np.random.default_rng(seed)
    x = X0 + rng.uniform(0, extent, n)
    y = Y0 + rng.uniform(0, extent, n)
    ang = rng.uniform(0, np.pi, n)
    length = rng.uniform(20, 200, n)
    x1 = np.clip(x + length * np.cos(ang), X0, X0 + extent)
    y1 = np.clip(y + length * np.sin(ang), Y0, Y0 + extent)
    return shapely.linestrings(np.stack([np.c_[x, y], np.c_[x1, y1]], axis=1))


def zones_from(depth, side, cell, folder):
    """Hazard zones (levels 1-4 at 0.5 / 1 / 1.5 / 2 m) polygonised by our classify core (one run, not timed)."""
    from resilience_plugin.core import classify

    tif = folder / "depth_zones_src.tif"
    from osgeo import gdal

    src = gdal.Open(str(folder / "depth.tif"))
    gdal.Translate(str(tif), src)
    zones, _ = classify.classify_raster(str(tif), thresholds=np.array([0.5, 1.0, 1.5, 2.0]), metric_crs=f"EPSG:{EPSG}")
    return write_layer(folder / "zones.gpkg", zones["geometry"].to_numpy(), {"level": zones["level"].to_numpy()})


def run_ours_zones(lines, zones, folder):
    import processing

    from tests.helpers import read_gdf

    ctx, fb = _context()
    out = folder / "ours.gpkg"
    t = time.perf_counter()
    processing.run("resilience:lifelineexposure", {"LIFELINES": lines, "ASSET_TYPE": "road", "HAZARD": zones, "LEVEL_FIELD": "level",
                                                   "OUTPUT": str(out), "OUTPUT_TABLE": str(folder / "ours_table.gpkg")}, context=ctx, feedback=fb)
    elapsed = time.perf_counter() - t
    d = read_gdf(out)
    return elapsed, np.array([d[f"len_l{k}"].sum() for k in range(1, 5)])


def run_native_zones(lines, zones, folder):
    import processing
    from qgis.core import QgsVectorLayer

    ctx, fb = _context()
    t = time.perf_counter()
    inter = processing.run("native:intersection", {"INPUT": lines, "OVERLAY": zones, "INPUT_FIELDS": [], "OVERLAY_FIELDS": ["level"],
                                                   "OUTPUT": str(folder / "native_inter.gpkg")}, context=ctx, feedback=fb)
    calc = processing.run("native:fieldcalculator", {"INPUT": inter["OUTPUT"], "FIELD_NAME": "len_m", "FIELD_TYPE": 0,
                                                     "FORMULA": "length($geometry)", "OUTPUT": str(folder / "native_len.gpkg")},
                          context=ctx, feedback=fb)
    stats = processing.run("qgis:statisticsbycategories", {"INPUT": calc["OUTPUT"], "VALUES_FIELD_NAME": "len_m",
                                                            "CATEGORIES_FIELD_NAME": ["level"], "OUTPUT": str(folder / "native_stats.gpkg")},
                           context=ctx, feedback=fb)
    elapsed = time.perf_counter() - t
    layer = QgsVectorLayer(stats["OUTPUT"], "stats", "ogr")
    totals = {int(f["level"]): float(f["sum"]) for f in layer.getFeatures()}
    return elapsed, np.array([totals.get(k, 0.0) for k in range(1, 5)])


def run_python_zones(lines, zones, pairs=False):
    """What a Python user would write instead: geopandas ``overlay`` (lines x zones, intersection) +
    ``groupby`` length per level; with ``pairs`` (where ``overlay`` does not finish), the zones exploded
    into their parts, ``sjoin`` zone parts x lines (the big polygons on the left, so that the predicate
    runs on them prepared: lines on the left cost minutes) and ``shapely.intersection`` of the pairs."""
    import geopandas as gpd
    import shapely

    from tests.helpers import read_gdf  # the system GDAL: pyogrio's bundled one is not loaded beside QGIS's

    t = time.perf_counter()
    lin = read_gdf(*lines.split("|layername="))
    zon = read_gdf(*zones.split("|layername="))
    lin = lin.reset_index(drop=True)
    if pairs:
        parts = zon[["level", "geometry"]].explode(index_parts=False).reset_index(drop=True)
        hits = gpd.sjoin(parts, lin[["geometry"]], predicate="intersects")
        pieces = shapely.intersection(lin.geometry.to_numpy()[hits["index_right"].to_numpy()], hits.geometry.to_numpy())
        totals = pd.Series(shapely.length(pieces)).groupby(hits["level"].to_numpy()).sum()
    else:
        pieces = gpd.overlay(lin[["geometry"]], zon[["level", "geometry"]], how="intersection", keep_geom_type=True)
        totals = pieces.geometry.length.groupby(pieces["level"]).sum()
    elapsed = time.perf_counter() - t
    return elapsed, np.array([float(totals.get(k, 0.0)) for k in range(1, 5)])


def run_ours_raster(lines, tif, folder):
    import processing

    from tests.helpers import read_gdf

    ctx, fb = _context()
    out = folder / "ours_r.gpkg"
    t = time.perf_counter()
    processing.run("resilience:lifelineexposure", {"LIFELINES": lines, "ASSET_TYPE": "road", "INTENSITY": tif,
                                                   "THRESHOLDS": "0.5,1,1.5,2", "OUTPUT": str(out),
                                                   "OUTPUT_TABLE": str(folder / "ours_r_table.gpkg")}, context=ctx, feedback=fb)
    elapsed = time.perf_counter() - t
    d = read_gdf(out)
    return elapsed, np.array([d[f"len_l{k}"].sum() for k in range(1, 5)])


def run_python_raster(lines, tif):
    """What a Python user would write: every line segmentized to a quarter of a cell, the raster read
    once into numpy and indexed at each piece's midpoint, levels by the thresholds, lengths summed."""
    import shapely
    from osgeo import gdal

    from tests.helpers import read_gdf

    t = time.perf_counter()
    lin = read_gdf(*lines.split("|layername="))
    ds = gdal.Open(tif)
    x0, dx, _, y1, _, dy = ds.GetGeoTransform()
    band = ds.GetRasterBand(1).ReadAsArray()
    dense = shapely.segmentize(lin.geometry.to_numpy(), abs(dx) / 4)
    xy, idx = shapely.get_coordinates(dense, return_index=True)
    same_line = idx[1:] == idx[:-1]
    a, b = xy[:-1][same_line], xy[1:][same_line]
    mid = (a + b) / 2
    col = np.floor((mid[:, 0] - x0) / dx).astype(np.int64)
    row = np.floor((mid[:, 1] - y1) / dy).astype(np.int64)
    ok = (col >= 0) & (col < band.shape[1]) & (row >= 0) & (row < band.shape[0])
    level = np.digitize(band[row[ok], col[ok]], [0.5, 1.0, 1.5, 2.0])
    totals = np.bincount(level, weights=np.hypot(*(b - a)[ok].T), minlength=5)
    return time.perf_counter() - t, totals[1:5]


def _totals(case, ours, other):
    """One informative line (not a BENCH line): the per-level totals and their largest relative gap."""
    gap = np.max(np.abs(ours - other) / np.maximum(np.abs(ours), 1e-9))
    print(f"# {case} km per level 1-4: ours {np.round(ours / 1000, 3).tolist()} python {np.round(other / 1000, 3).tolist()} "
          f"max rel. gap {gap:.2e}", flush=True)


def exposure_case(name, n_lines, side, cell, native=True):
    extent = side * cell
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tif, depth = hazard_raster(folder / "depth.tif", side, cell)
        zones = zones_from(depth, side, cell, folder)
        lines = write_layer(folder / "lines.gpkg", segments(n_lines, extent))
        ours, ours_tot = run_ours_zones(lines, zones, folder)
        native_s, same = None, None
        if native:
            native_s, nat_tot = run_native_zones(lines, zones, folder)
            same = bool(np.allclose(ours_tot, nat_tot, rtol=1e-3))
        python_s, py_tot = run_python_zones(lines, zones, pairs=not native)
        _totals(f"{name}_zones", ours_tot, py_tot)
        report(f"{name}_zones", f"{n_lines}lines_{side}x{side}raster", ours, native_s, same, None, python_s,
               bool(np.allclose(ours_tot, py_tot, rtol=1e-3)))
        ours_r, ours_rtot = run_ours_raster(lines, tif, folder)
        python_r, py_rtot = run_python_raster(lines, tif)
        _totals(f"{name}_raster", ours_rtot, py_rtot)
        report(f"{name}_raster", f"{n_lines}lines_{side}x{side}raster", ours_r, None, None, None, python_r,
               bool(np.allclose(ours_rtot, py_rtot, rtol=1e-3)))


def grid_network(n_side, n_dem, n_dest, seed=0, step=50.0):
    import shapely

    rng = np.random.default_rng(seed)
    xs = X0 + np.arange(n_side) * step
    hx, hy = np.meshgrid(xs[:-1], xs)
    vx, vy = np.meshgrid(xs, xs[:-1])
    starts = np.concatenate([np.c_[hx.ravel(), hy.ravel()], np.c_[vx.ravel(), vy.ravel()]])
    ends = np.concatenate([np.c_[hx.ravel() + step, hy.ravel()], np.c_[vx.ravel(), vy.ravel() + step]])
    keep = rng.uniform(size=len(starts)) > 0.3
    starts, ends = starts[keep], ends[keep]
    roads = shapely.linestrings(np.stack([starts, ends], axis=1))
    e = rng.integers(0, len(roads), n_dem + n_dest)
    t = rng.uniform(0.1, 0.9, len(e))
    pts = shapely.points(starts[e] + (ends[e] - starts[e]) * t[:, None] + rng.uniform(-5, 5, (len(e), 2)))
    return roads, pts[:n_dem], pts[n_dem:]


def criticality_case(name, n_side, n_dem, n_dest):
    import processing

    roads, dem, dest = grid_network(n_side, n_dem, n_dest)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        r = write_layer(folder / "roads.gpkg", roads)
        d = write_layer(folder / "dem.gpkg", dem, {"pop": np.full(len(dem), 10.0)})
        h = write_layer(folder / "dest.gpkg", dest)
        from qgis.core import QgsVectorLayer

        dest_layer = QgsVectorLayer(h, "dest", "ogr")
        ctx, fb = _context()
        t = time.perf_counter()
        processing.run("resilience:networkcriticality", {"NETWORK": r, "DEMAND": d, "POPULATION_FIELD": "pop",
                                                         "DESTINATIONS": [dest_layer], "OUTPUT_DEMAND": str(folder / "o_dem.gpkg"),
                                                         "OUTPUT_TABLE": str(folder / "o_tab.gpkg"),
                                                         "OUTPUT_LINKS": str(folder / "o_links.gpkg")}, context=ctx, feedback=fb)
        report(name, f"{len(roads)}edges_{n_dem}dem_{n_dest}dest", time.perf_counter() - t, None, None)


def run(quick):
    qgis_session()
    exposure_case("lifeline_small", 5000, 500, 20.0)
    criticality_case("criticality_5k", 60, 1000, 20)
    if quick:
        return
    exposure_case("lifeline_medium", 40000, 2000, 5.0)
    exposure_case("lifeline_full", 200000, 5000, 10.0, native=False)
    criticality_case("criticality_20k", 122, 4000, 20)
    criticality_case("criticality_50k", 190, 10000, 20)


if __name__ == "__main__":
    run("--quick" in sys.argv)
