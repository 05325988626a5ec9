"""Benchmark: a province through Exposure statistics in bounded memory (issue 17, point 3).

One synthetic province, 200 km x 200 km (EPSG:32650): 1 000 townships (Voronoi units), 1 000 hazard zones
(250 blobs per level 1-4) and, for each size, ``n`` buildings (rectangles 6-30 m, fields ``bid`` and
``floors``) with a population raster (persons per km², tiled DEFLATE GeoTIFF) whose cell count grows with
``n``: 100 k buildings on 2 000² cells, 1 M on 6 325², 10 M on 20 000² (10 m cells). So every part of the
run grows tenfold from one size to the next, and near-linear growth shows in the times.

``resilience:exposuresummary`` (RULE 0, units, VALUE_FIELD floors, the population raster, table only) runs
in a fresh process; its time and that process's peak RSS (``ru_maxrss``, QGIS included) are reported.
Layers of more than ``STREAM_MIN_FEATURES`` features are read and counted in batches through GDAL's Arrow
stream and the raster is read strip by strip, so memory stays bounded. Up to ``WHOLE_MAX`` buildings the
same run is repeated with the whole-layer path (the batch path switched off): ``same=yes`` when both tables
agree (counts exactly, floors and persons to 1e-9 relative).

The files are generated once (GeoPackage written through SQLite in bulk, GeoTIFF strip by strip; not timed)
and cached in ``build/bench_data/province_*``; delete those folders to free the disk (2.2 GB for the three
sizes). ``python bench/case_province.py [sizes] [--no-whole]`` runs some sizes, without the whole-layer
comparison.
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

SIZES = ((100_000, 2_000), (1_000_000, 6_325), (10_000_000, 20_000))  # (buildings, raster side)
EXTENT = 200_000.0  # m
N_UNITS = 1_000
ZONES_PER_LEVEL = 250
WHOLE_MAX = 1_000_000
SEED = 20261202
CHUNK = 1_000_000


# --- data ------------------------------------------------------------------------------------------
def _write_buildings(path, n, rng):
    """``n`` rectangles as a GeoPackage layer ``buildings`` (bid, floors), inserted through SQLite in bulk."""
    import sqlite3

    from osgeo import ogr, osr

    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(common.EPSG)
    lyr = ds.CreateLayer("buildings", srs, ogr.wkbPolygon,
                         options=["SPATIAL_INDEX=NO", "FID=fid", "GEOMETRY_NAME=geom"])
    lyr.CreateField(ogr.FieldDefn("bid", ogr.OFTInteger64))
    lyr.CreateField(ogr.FieldDefn("floors", ogr.OFTInteger))
    lyr = ds = None
    con = sqlite3.connect(str(path))
    srs_id = con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name='buildings'").fetchone()[0]
    triggers = con.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='buildings'").fetchall()
    for (name,) in triggers:
        con.execute(f'DROP TRIGGER "{name}"')  # the feature-count triggers: the count is set once below
    # a GeoPackage geometry blob: header (magic, version, flags = little endian + xy envelope, srs, envelope)
    # then the WKB polygon (one ring of 5 points)
    rec = np.dtype([("gp", "S2"), ("ver", "u1"), ("flags", "u1"), ("srs", "<i4"), ("env", "<f8", 4),
                    ("order", "u1"), ("type", "<u4"), ("rings", "<u4"), ("npts", "<u4"), ("xy", "<f8", 10)])
    x0, y0 = common.ORIGIN
    for start in range(0, n, CHUNK):
        m = min(CHUNK, n - start)
        cx = x0 + rng.uniform(50, EXTENT - 50, m)
        cy = y0 + rng.uniform(50, EXTENT - 50, m)
        w, h = rng.uniform(6, 30, m), rng.uniform(6, 30, m)
        floors = rng.integers(1, 31, m)
        a = np.zeros(m, dtype=rec)
        a["gp"], a["flags"], a["srs"] = b"GP", 0b011, srs_id
        xmin, xmax, ymin, ymax = cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2
        a["env"] = np.c_[xmin, xmax, ymin, ymax]
        a["order"], a["type"], a["rings"], a["npts"] = 1, 3, 1, 5
        a["xy"] = np.c_[xmin, ymin, xmax, ymin, xmax, ymax, xmin, ymax, xmin, ymin]
        buf, size = a.tobytes(), rec.itemsize
        ids = range(start + 1, start + m + 1)
        rows = ((i, buf[k * size:(k + 1) * size], i - 1, int(f)) for k, (i, f) in enumerate(zip(ids, floors.tolist())))
        con.executemany("INSERT INTO buildings (fid, geom, bid, floors) VALUES (?, ?, ?, ?)", rows)
    con.execute("UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=? WHERE table_name='buildings'",
                (x0, y0, x0 + EXTENT, y0 + EXTENT))
    con.execute("UPDATE gpkg_ogr_contents SET feature_count=? WHERE table_name='buildings'", (n,))
    con.commit()
    con.close()
    return f"{path}|layername=buildings"


def _write_population(path, side, rng):
    """Persons per km² on ``side`` x ``side`` cells over the province: towns (smooth peaks) plus noise,
    whole numbers, written strip by strip as a tiled DEFLATE GeoTIFF."""
    from osgeo import gdal, osr

    cell = EXTENT / side
    ds = gdal.GetDriverByName("GTiff").Create(str(path), side, side, 1, gdal.GDT_Float32,
                                             ["TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512", "COMPRESS=DEFLATE",
                                              "PREDICTOR=3", "ZLEVEL=1", "BIGTIFF=IF_SAFER"])
    ds.SetGeoTransform((common.ORIGIN[0], cell, 0.0, common.ORIGIN[1] + EXTENT, 0.0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(common.EPSG)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.SetNoDataValue(-1.0)
    xs = (np.arange(side) + 0.5) / side
    for r0 in range(0, side, 512):
        ys = ((np.arange(r0, min(side, r0 + 512)) + 0.5) / side)[:, None]
        base = 300 + 250 * np.sin(9 * xs[None, :]) * np.cos(7 * ys)
        block = np.maximum(np.round(base + rng.gamma(2.0, 40.0, (len(ys), side))), 0).astype(np.float32)
        band.WriteArray(block, 0, r0)
    ds = None
    return str(path)


def province(n, side):
    """Generate (or reuse) the province for ``n`` buildings and a ``side``² raster: a dict of file URIs."""
    import shapely

    folder = common.DATA_DIR / f"province_{n}_{side}_{SEED}"
    meta = folder / "province.json"
    if meta.exists():
        return json.loads(meta.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    x0, y0 = common.ORIGIN
    zg, zl = common._blobs(rng, 4, ZONES_PER_LEVEL, EXTENT, x0, y0)
    zones = common.write_layer(folder / "hazard.gpkg", zg, {"level": zl.astype(np.int64)}, layer="zones")
    pts = shapely.multipoints(np.c_[x0 + rng.uniform(0, EXTENT, N_UNITS), y0 + rng.uniform(0, EXTENT, N_UNITS)])
    frame = shapely.box(x0, y0, x0 + EXTENT, y0 + EXTENT)
    cells = shapely.intersection(shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=frame)), frame)
    units = common.write_layer(folder / "hazard.gpkg", cells, {"uid": np.arange(len(cells), dtype=np.int64) + 1000},
                               layer="units")
    buildings = _write_buildings(folder / "buildings.gpkg", n, np.random.default_rng(SEED + n))
    population = _write_population(folder / "population.tif", side, np.random.default_rng(SEED + side))
    out = {"buildings": buildings, "zones": zones, "units": units, "population": population}
    meta.write_text(json.dumps(out))
    return out


# --- the run -----------------------------------------------------------------------------------------
def ours(buildings, zones, units, population, folder, whole=False):
    common.qgis_session()
    if whole:
        from resilience_plugin.processing.algorithms import exposure_summary

        exposure_summary.STREAM_MIN_FEATURES = 10**12
    table = str(Path(folder) / ("whole.gpkg" if whole else "batches.gpkg"))
    t = time.perf_counter()
    common.run("resilience:exposuresummary", {
        "HAZARD": zones, "LEVEL_FIELD": "level", "EXPOSURE": buildings, "RULE": 0, "VALUE_FIELD": "floors",
        "UNITS": units, "UNIT_ID_FIELD": "uid", "EXPOSURE_RASTER": population, "POPULATION_UNIT": 0,
        "OUTPUT": None, "OUTPUT_TABLE": table})
    seconds = time.perf_counter() - t
    cols = common.read_table(table, ["unit_id", "class", "level", "count", "value"])
    rows = sorted([[int(u), c or "", int(lv), int(k) if k is not None else -1, float(v)]
                   for u, c, lv, k, v in zip(*(cols[c] for c in ("unit_id", "class", "level", "count", "value")))])
    return {"seconds": seconds, "rows": rows}


def _same(a, b):
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x[:4] != y[:4] or abs(x[4] - y[4]) > 1e-9 * max(abs(x[4]), 1.0):
            return False
    return True


def case(n, side):
    files = province(n, side)
    with tempfile.TemporaryDirectory() as tmp:
        o = common.run_isolated("bench.case_province", "ours", folder=tmp, **files)
        buildings = sum(r[3] for r in o["rows"] if r[1] != "population")
        persons = sum(r[4] for r in o["rows"] if r[1] == "population")
        print(f"  province n={n} raster={side}x{side}: {buildings} buildings and {persons:.0f} persons tabulated",
              flush=True)
        same = None
        if n <= WHOLE_MAX:
            w = common.run_isolated("bench.case_province", "ours", folder=tmp, whole=True, **files)
            same = _same(o["rows"], w["rows"])
            print(f"  province n={n}: whole-layer path {w['seconds']:.2f} s, peak {w['peak_mb']:.0f} MB; "
                  f"batch path {o['seconds']:.2f} s, peak {o['peak_mb']:.0f} MB", flush=True)
        common.report("exposure_province", n, o["seconds"], None, same, o["peak_mb"])


def run(quick):
    for n, side in SIZES[:1] if quick else SIZES:
        case(n, side)


if __name__ == "__main__":  # python bench/case_province.py [sizes...] [--no-whole]
    if "--no-whole" in sys.argv:
        WHOLE_MAX = 0
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()]
    for n, side in SIZES:
        if not sizes or n in sizes:
            case(n, side)
