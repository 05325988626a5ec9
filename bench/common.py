"""Shared helpers for the benchmarks (``make bench``): a synthetic city, QGIS session, timing, report.

Stable API (other cases import it):

- ``report(case, n, ours_s, native_s, same, peak_mb=None, python_s=None, python_same=None)`` prints exactly one line
  ``BENCH case=<name> n=<size> ours_s=<seconds> native_s=<seconds> ratio=<native/ours> same=<yes|no> peak_mb=<MB>``
  (``native_s`` / ``same`` may be None -> ``NA``; ``peak_mb`` defaults to this process's peak RSS), followed,
  when the case also times what a Python user would write instead (geopandas ``sjoin`` / ``overlay`` +
  ``groupby``), by `` python_s=<seconds> python_ratio=<python/ours> python_same=<yes|no>``.
- ``peak_mb()``: peak resident memory of this process in MB (Linux ``ru_maxrss``).
- ``timed(fn, *args, **kwargs) -> (result, seconds)``.
- ``qgis_session()``: a headless QgsApplication with Processing and our provider registered.
- ``run(alg_id, params)``: ``processing.run`` with a fresh context and feedback.
- ``run_isolated(module, function, **kwargs) -> dict``: runs ``module.function(**kwargs)`` in a fresh
  Python process (so each side's peak memory is its own) and returns its JSON-able dict result plus
  ``peak_mb`` of that process.
- ``synthetic_city(folder, n_buildings, ...) -> City``: a deterministic city (numpy seed) written as
  GeoPackage layers and a GeoTIFF with the system GDAL, cached in ``folder``.
- ``write_layer(path, geoms, fields, epsg, layer)``: shapely array + numpy columns -> GeoPackage layer.

The city (EPSG:32650, metres, ``extent`` x ``extent`` m from ``ORIGIN``):
``buildings`` (rectangles 6-30 m, field ``bid``), ``roads`` (segments 20-200 m, ``rid``), ``zones``
(``zones_per_level`` disjoint blobs per level 1-4, field ``level``), ``zones_b`` (a second, independent
hazard zoning), ``units`` (Voronoi cells, ``uid``) and ``population.tif`` (persons per cell,
``raster_side`` x ``raster_side`` cells covering the extent).
"""

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EPSG = 32650
ORIGIN = (400000.0, 2500000.0)
DATA_DIR = ROOT / "build" / "bench_data"
_KEEP = []


# --- reporting and timing ------------------------------------------------------------------------
def peak_mb():
    """Peak resident set size of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _yes_no(value):
    return "NA" if value is None else ("yes" if value else "no")


def format_line(case, n, ours_s, native_s, same, peak, python_s=None, python_same=None):
    ratio = f"{native_s / ours_s:.1f}" if native_s is not None and ours_s and ours_s > 0 else "NA"
    native = f"{native_s:.2f}" if native_s is not None else "NA"
    line = (f"BENCH case={case} n={n} ours_s={ours_s:.2f} native_s={native} ratio={ratio} same={_yes_no(same)} "
            f"peak_mb={peak:.0f}")
    if python_s is not None:
        py_ratio = f"{python_s / ours_s:.1f}" if ours_s and ours_s > 0 else "NA"
        line += f" python_s={python_s:.2f} python_ratio={py_ratio} python_same={_yes_no(python_same)}"
    return line


def report(case, n, ours_s, native_s, same, peak_mb_value=None, python_s=None, python_same=None):
    """Print the one BENCH line of a case."""
    peak = peak_mb() if peak_mb_value is None else peak_mb_value
    print(format_line(case, n, ours_s, native_s, same, peak, python_s, python_same), flush=True)


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - t


# --- QGIS ------------------------------------------------------------------------------------------
def qgis_session():
    """A headless QGIS with Processing (native algorithms) and our provider."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    if app is None:
        QgsApplication.setPrefixPath("/usr", True)
        app = QgsApplication([], False)
        app.initQgis()
    if "/usr/share/qgis/python/plugins" not in sys.path:
        sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from qgis.analysis import QgsNativeAlgorithms

    registry = QgsApplication.processingRegistry()
    if registry.providerById("native") is None:
        registry.addProvider(QgsNativeAlgorithms())
    from resilience_plugin.processing.provider import ResilienceProvider

    if registry.providerById("resilience") is None:
        provider = ResilienceProvider()
        registry.addProvider(provider)
        _KEEP.append(provider)
    _KEEP.append(app)
    return app


def run(alg_id, params):
    """``processing.run`` with a fresh context (project set) and feedback."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    return processing.run(alg_id, params, context=ctx, feedback=QgsProcessingFeedback())


def run_isolated(module, function, timeout=3600, **kwargs):
    """Run ``module.function(**kwargs)`` in a fresh interpreter; returns its dict plus ``peak_mb``.

    The function must return a JSON-able dict. Its process's peak RSS is measured on its own.
    """
    code = (f"import json, sys, resource; sys.path.insert(0, {str(ROOT)!r}); import importlib; "
            f"m = importlib.import_module({module!r}); r = getattr(m, {function!r})(**json.loads(sys.argv[1])); "
            "r['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0; "
            "print('RESULT ' + json.dumps(r))")
    proc = subprocess.run([sys.executable, "-c", code, json.dumps(kwargs)], capture_output=True, text=True, timeout=timeout)
    for line in proc.stdout.splitlines()[::-1]:
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"{module}.{function} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")


# --- writing data ----------------------------------------------------------------------------------
def write_layer(path, geoms, fields=None, epsg=EPSG, layer="data"):
    """Write a shapely array and ``{name: numpy array}`` columns to a GeoPackage layer (system GDAL).

    ``geoms=None``: a table without geometry. Column types follow the arrays: int32 -> Integer, other
    integers -> Integer64, floats -> Real, text / objects -> String; None and NaN are left NULL."""
    import shapely
    from osgeo import ogr, osr

    ogr.UseExceptions()
    path = Path(path)
    ds = ogr.GetDriverByName("GPKG").Open(str(path), 1) if path.exists() else ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    fields = fields or {}
    if geoms is None:
        lyr = ds.CreateLayer(layer, geom_type=ogr.wkbNone)
        n = len(next(iter(fields.values()))) if fields else 0
        wkbs = [None] * n
    else:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        tid = int(shapely.get_type_id(geoms[0])) if len(geoms) else 3
        gtype = {0: ogr.wkbPoint, 1: ogr.wkbLineString, 3: ogr.wkbPolygon, 5: ogr.wkbMultiLineString, 6: ogr.wkbMultiPolygon}[tid]
        lyr = ds.CreateLayer(layer, srs, gtype, options=["SPATIAL_INDEX=YES"])
        wkbs = shapely.to_wkb(geoms)
    for name, values in fields.items():
        lyr.CreateField(ogr.FieldDefn(name, _ogr_kind(np.asarray(values).dtype)))
    defn = lyr.GetLayerDefn()
    cols = {k: np.asarray(v).tolist() for k, v in fields.items()}
    lyr.StartTransaction()
    for i, wkb in enumerate(wkbs):
        f = ogr.Feature(defn)
        if wkb is not None:
            f.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
        for name, values in cols.items():
            v = values[i]
            if v is not None and v == v:  # None and NaN stay NULL
                f.SetField(name, v)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    lyr = None
    ds = None
    return f"{path}|layername={layer}"


def _ogr_kind(dtype):
    from osgeo import ogr

    if dtype == np.int32:
        return ogr.OFTInteger
    if np.issubdtype(dtype, np.integer):
        return ogr.OFTInteger64
    if np.issubdtype(dtype, np.floating) or dtype.kind == "b":
        return ogr.OFTReal
    return ogr.OFTString


def write_raster(path, values, x0, y1, cell, epsg=EPSG, nodata=-1.0):
    from osgeo import gdal, osr

    h, w = values.shape
    ds = gdal.GetDriverByName("GTiff").Create(str(path), w, h, 1, gdal.GDT_Float32, ["COMPRESS=LZW", "TILED=YES"])
    ds.SetGeoTransform((x0, cell, 0.0, y1, 0.0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    b = ds.GetRasterBand(1)
    b.SetNoDataValue(nodata)
    b.WriteArray(values.astype(np.float32))
    ds = None
    return str(path)


# --- the synthetic city ----------------------------------------------------------------------------
@dataclass
class City:
    folder: str
    buildings: str
    roads: str
    zones: str
    zones_b: str
    units: str
    population: str
    extent: float
    n_buildings: int
    n_roads: int
    n_units: int
    raster_side: int


def blob_polygons(rng, n, extent, x0, y0, min_radius=0.15):
    """``n`` disjoint wobbly 24-gons on a jittered grid over ``extent`` from ``(x0, y0)``, radii
    ``min_radius``-0.33 of the grid spacing (the random draws in a fixed order: the same data for a seed)."""
    import shapely

    k = int(np.ceil(np.sqrt(n)))
    spacing = extent / k
    idx = rng.permutation(k * k)[:n]
    cx = x0 + (idx % k + 0.5) * spacing + rng.uniform(-0.15, 0.15, n) * spacing
    cy = y0 + (idx // k + 0.5) * spacing + rng.uniform(-0.15, 0.15, n) * spacing
    radius = rng.uniform(min_radius, 0.33, n) * spacing
    ang = np.linspace(0, 2 * np.pi, 25)[:-1]
    wobble = 1 + 0.2 * np.sin(3 * ang[None, :] + rng.uniform(0, 6.28, (n, 1)))
    xs = cx[:, None] + radius[:, None] * wobble * np.cos(ang)[None, :]
    ys = cy[:, None] + radius[:, None] * wobble * np.sin(ang)[None, :]
    rings = np.stack([xs, ys], axis=2)
    return shapely.polygons(np.concatenate([rings, rings[:, :1]], axis=1))


def _blobs(rng, n_levels, per_level, extent, x0, y0):
    """``per_level`` disjoint 24-gon blobs per level on a jittered grid; returns (geoms, levels)."""
    n = n_levels * per_level
    geoms = blob_polygons(rng, n, extent, x0, y0)
    levels = np.repeat(np.arange(1, n_levels + 1), per_level)
    return geoms, rng.permutation(levels)


def synthetic_city(n_buildings, n_roads=200_000, zones_per_level=50, n_units=500, raster_side=5000, cell=10.0,
                   seed=20240601, folder=None):
    """Generate (or reuse from ``folder``) a deterministic synthetic city; returns a :class:`City`."""
    import shapely

    extent = raster_side * cell
    folder = Path(folder or DATA_DIR / f"city_{n_buildings}_{n_roads}_{zones_per_level}_{n_units}_{raster_side}_{seed}")
    folder.mkdir(parents=True, exist_ok=True)
    meta = folder / "city.json"
    if meta.exists():
        return City(**json.loads(meta.read_text()))
    rng = np.random.default_rng(seed)
    x0, y0 = ORIGIN
    # buildings: rectangles 6-30 m, rotated a little, uniformly spread
    cx = x0 + rng.uniform(50, extent - 50, n_buildings)
    cy = y0 + rng.uniform(50, extent - 50, n_buildings)
    w = rng.uniform(6, 30, n_buildings)
    h = rng.uniform(6, 30, n_buildings)
    b = shapely.box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
    buildings = write_layer(folder / "city.gpkg", b, {"bid": np.arange(n_buildings, dtype=np.int64)}, layer="buildings")
    # roads: straight segments 20-200 m
    sx = x0 + rng.uniform(0, extent, n_roads)
    sy = y0 + rng.uniform(0, extent, n_roads)
    ang = rng.uniform(0, np.pi, n_roads)
    ln = rng.uniform(20, 200, n_roads)
    ex_ = np.clip(sx + ln * np.cos(ang), x0, x0 + extent)
    ey_ = np.clip(sy + ln * np.sin(ang), y0, y0 + extent)
    r = shapely.linestrings(np.stack([np.c_[sx, sy], np.c_[ex_, ey_]], axis=1))
    roads = write_layer(folder / "city.gpkg", r, {"rid": np.arange(n_roads, dtype=np.int64)}, layer="roads")
    # hazard zones: two independent zonings, each zones_per_level disjoint blobs per level 1-4
    zg, zl = _blobs(rng, 4, zones_per_level, extent, x0, y0)
    zones = write_layer(folder / "city.gpkg", zg, {"level": zl.astype(np.int64)}, layer="zones")
    zg2, zl2 = _blobs(rng, 4, zones_per_level, extent, x0, y0)
    zones_b = write_layer(folder / "city.gpkg", zg2, {"level": zl2.astype(np.int64)}, layer="zones_b")
    # units: Voronoi cells of random seeds, clipped to the extent
    pts = shapely.multipoints(np.c_[x0 + rng.uniform(0, extent, n_units), y0 + rng.uniform(0, extent, n_units)])
    frame = shapely.box(x0, y0, x0 + extent, y0 + extent)
    cells = shapely.get_parts(shapely.voronoi_polygons(pts, extend_to=frame))
    cells = shapely.intersection(cells, frame)
    units = write_layer(folder / "city.gpkg", cells, {"uid": np.arange(len(cells), dtype=np.int64) + 1000}, layer="units")
    # population: persons per cell, a smooth field with noise
    yy, xx = np.mgrid[0:raster_side, 0:raster_side] / raster_side
    pop = 20 + 15 * np.sin(6 * xx) * np.cos(4 * yy) + rng.gamma(2.0, 2.0, (raster_side, raster_side))
    pop = np.maximum(pop, 0).astype(np.float32)
    population = write_raster(folder / "population.tif", pop, x0, y0 + extent, cell)
    del pop, yy, xx
    city = City(str(folder), buildings, roads, zones, zones_b, units, population, extent, n_buildings, n_roads,
                len(cells), raster_side)
    meta.write_text(json.dumps(asdict(city)))
    return city


def read_table(path_or_uri, columns):
    """Attribute columns of a layer as numpy arrays (system GDAL), for comparing results."""
    from osgeo import ogr

    path, _, rest = str(path_or_uri).partition("|layername=")
    ds = ogr.Open(path)
    lyr = ds.GetLayerByName(rest) if rest else ds.GetLayer(0)
    out = {c: [] for c in columns}
    for f in lyr:
        for c in columns:
            out[c].append(f.GetField(c))
    return {c: np.array(v, dtype=object) for c, v in out.items()}
