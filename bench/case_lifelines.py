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
3. ``criticality``: a street grid (50 m blocks) with 30 % of its streets removed (dead ends and
   bridges appear), demand points of 10 persons near random streets, 20 hospitals and a scenario
   (2 % of the streets fail). No native chain answers it. Against what a Python user would write
   (:func:`run_python_criticality`: ``sjoin_nearest``, scipy ``dijkstra``, networkx ``bridges`` and the
   bridge tree, one ``dijkstra`` per street for the detours), every point's trips and isolation and
   every street's isolated and detour persons compared (``python_same``). At the full size (101 734
   streets, 100 000 points) the per-street detour loop is stopped after ``PYTHON_BUDGET`` seconds and
   the streets it did are compared; 20 k streets is the size where it finishes.
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
PYTHON_BUDGET = 900.0  # seconds for the Python version's per-line detour loop at the full size


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


def grid_network(n_side, n_dem, n_dest, seed=0, step=50.0, fail_share=0.02):
    """A street grid with 30 % of its streets removed, demand and destinations near random streets,
    and a ``fail`` flag (1 for ``fail_share`` of the streets, the scenario)."""
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
    fail = (np.random.default_rng(seed + 1).uniform(size=len(roads)) < fail_share).astype(np.int64)
    return roads, pts[:n_dem], pts[n_dem:], fail


def run_ours_criticality(folder):
    """Ours through processing.run (the scenario: ``"fail" = 1``); returns (seconds, per-line and per-point results)."""
    import processing
    from qgis.core import QgsVectorLayer

    from tests.helpers import read_gdf

    dest_layer = QgsVectorLayer(f"{folder / 'dest.gpkg'}|layername=data", "dest", "ogr")
    ctx, fb = _context()
    t = time.perf_counter()
    processing.run("resilience:networkcriticality", {"NETWORK": f"{folder / 'roads.gpkg'}|layername=data", "FAILED": '"fail" = 1',
                                                     "DEMAND": f"{folder / 'dem.gpkg'}|layername=data", "POPULATION_FIELD": "pop",
                                                     "DESTINATIONS": [dest_layer], "OUTPUT_DEMAND": str(folder / "o_dem.gpkg"),
                                                     "OUTPUT_TABLE": str(folder / "o_tab.gpkg"),
                                                     "OUTPUT_LINKS": str(folder / "o_links.gpkg")}, context=ctx, feedback=fb)
    elapsed = time.perf_counter() - t
    links = read_gdf(folder / "o_links.gpkg").sort_values("fid")
    dem = read_gdf(folder / "o_dem.gpkg").sort_values("fid")
    return elapsed, {"iso": links["isolated_persons"].to_numpy(float), "bridge": links["bridge"].to_numpy(bool),
                     "detour": links["detour_persons"].to_numpy(float),
                     "xy": shapely_xy(dem.geometry.to_numpy()), "before": dem["dist_before_m"].to_numpy(float),
                     "after": dem["dist_after_m"].to_numpy(float), "isolated": dem["isolated"].to_numpy(bool)}


def shapely_xy(points):
    import shapely

    return shapely.get_coordinates(points)


def _python_bridge_isolation(lu, lv, n_nodes, own_p, own_d, node_p, node_d):
    """Persons cut off by each street failing alone (the Python alternative's, with networkx): ``own_*``
    persons / destinations mid-street per street, ``node_*`` at each junction. Returns (isolated, bridge)."""
    import networkx as nx

    n_lines = len(lu)
    g = nx.Graph()
    g.add_nodes_from(range(n_nodes))
    g.add_edges_from(zip(lu.tolist(), lv.tolist()))
    line_of = {(min(a, b), max(a, b)): i for i, (a, b) in enumerate(zip(lu.tolist(), lv.tolist()))}
    bridge = np.zeros(n_lines, dtype=bool)
    for a, b in nx.bridges(g):
        bridge[line_of[(min(a, b), max(a, b))]] = True
    g.remove_edges_from([(a, b) for a, b in zip(lu[bridge].tolist(), lv[bridge].tolist())])
    ecc = np.empty(n_nodes, dtype=np.int64)
    for c, nodes in enumerate(nx.connected_components(g)):
        ecc[list(nodes)] = c
    n_ecc = int(ecc.max()) + 1
    # a street's own points counted in its u end's component, a junction's in its node's
    cp = np.bincount(ecc[lu], weights=own_p, minlength=n_ecc) + np.bincount(ecc, weights=node_p, minlength=n_ecc)
    cd = np.bincount(ecc[lu], weights=own_d, minlength=n_ecc) + np.bincount(ecc, weights=node_d, minlength=n_ecc)
    tree = nx.Graph()
    tree.add_nodes_from(range(n_ecc))
    tree.add_edges_from(zip(ecc[lu[bridge]].tolist(), ecc[lv[bridge]].tolist()))
    sub_p, sub_d = cp.copy(), cd.copy()
    parent = np.full(n_ecc, -1, dtype=np.int64)
    tot_p, tot_d = np.zeros(n_ecc), np.zeros(n_ecc)  # per tree component, at each member
    for comp in nx.connected_components(tree):
        r = next(iter(comp))
        for child, par in nx.dfs_predecessors(tree, r).items():
            parent[child] = par
        for x in nx.dfs_postorder_nodes(tree, r):
            if parent[x] >= 0:
                sub_p[parent[x]] += sub_p[x]
                sub_d[parent[x]] += sub_d[x]
        members = list(comp)
        tot_p[members], tot_d[members] = sub_p[r], sub_d[r]
    iso = own_p.copy()
    cu = ecc[lu]
    nb = ~bridge
    lost_all = nb & (tot_d[cu] - own_d <= 0)
    iso[lost_all] += tot_p[cu[lost_all]] - own_p[lost_all]
    for i in np.flatnonzero(bridge).tolist():
        a, b = int(ecc[lu[i]]), int(ecc[lv[i]])
        child = a if parent[a] == b else b
        own_in_child = cu[i] == child
        pa = sub_p[child] - (own_p[i] if own_in_child else 0.0)
        da = sub_d[child] - (own_d[i] if own_in_child else 0.0)
        pb = tot_p[child] - sub_p[child] - (0.0 if own_in_child else own_p[i])
        db = tot_d[child] - sub_d[child] - (0.0 if own_in_child else own_d[i])
        iso[i] += (pa if da <= 0 else 0.0) + (pb if db <= 0 else 0.0)
    return iso, bridge


def run_python_criticality(folder, detour_limit=0.5, junction_m=0.5, budget=None, seed=7):
    """What a Python user would write for the same numbers (no code of ours).

    The layers read with GDAL into geopandas; graph nodes are the streets' end points (the grid's
    lines are single segments meeting at exact coordinates); demand and destinations snapped with
    ``sjoin_nearest`` (ties: the lowest street index) and ``line_locate_point``, a point within
    ``junction_m`` of a street end standing at that junction (the algorithm's documented rule).
    Distances: scipy's multi-source ``dijkstra`` (``min_only``) from one virtual node per destination
    (joined to its street's ends by the along-street metres plus its snap distance); a demand point's
    trip = snap + the cheaper street end (or, for a destination on the same street, the direct
    metres between them). The scenario: the same with the ``fail`` streets removed.

    Single-line isolation (every street failing alone): networkx ``bridges``, the 2-edge-connected
    components (the graph without its bridges), the bridge tree and its subtree sums of persons and
    destinations: a non-bridge street cuts off the persons on it (everyone of its component if it
    holds all the component's destinations), a bridge also the side left without a destination.

    Single-line detours: one scipy ``dijkstra`` per street that can lengthen a trip (on the shortest-path
    tree, or holding a demand point or a destination), with that street and its destinations removed;
    persons whose trip grows by more than ``detour_limit`` count. ``budget`` (s) stops that loop (the
    streets in a random order, so the ones done are a fair sample).
    """
    import geopandas as gpd
    import shapely
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    from tests.helpers import read_gdf  # the system GDAL (pyogrio's bundled one is not loaded beside QGIS's)

    t0 = time.perf_counter()
    roads = read_gdf(folder / "roads.gpkg").sort_values("fid").reset_index(drop=True)
    dem = read_gdf(folder / "dem.gpkg").sort_values("fid").reset_index(drop=True)
    dst = read_gdf(folder / "dest.gpkg").sort_values("fid").reset_index(drop=True)
    geom = roads.geometry.to_numpy()
    n_lines = len(roads)
    ends = np.r_[shapely.get_coordinates(shapely.get_point(geom, 0)), shapely.get_coordinates(shapely.get_point(geom, -1))]
    _, node = np.unique(np.round(ends, 6), axis=0, return_inverse=True)
    node = node.ravel()
    lu, lv = node[:n_lines], node[n_lines:]
    n_nodes = int(node.max()) + 1
    length = shapely.length(geom)
    failed = roads["fail"].to_numpy() == 1

    def snap(points):
        j = gpd.sjoin_nearest(gpd.GeoDataFrame(geometry=points, crs=roads.crs), roads[["geometry"]], distance_col="d")
        j = j.reset_index().sort_values(["index", "index_right"]).drop_duplicates("index")
        line = j["index_right"].to_numpy()
        along = shapely.line_locate_point(geom[line], points[j["index"].to_numpy()])
        at = np.where((along <= junction_m) & (along <= length[line] - along), lu[line],
                      np.where(length[line] - along <= junction_m, lv[line], -1))
        to_at = np.where(at == lu[line], along, length[line] - along)
        return line, j["d"].to_numpy(), along, at, to_at

    p_line, p_snap, p_along, p_at, p_to_at = snap(dem.geometry.to_numpy())
    d_line, d_snap, d_along, d_at, d_to_at = snap(dst.geometry.to_numpy())
    persons = dem["pop"].to_numpy(float)
    nd = len(dst)
    # the directed graph: streets both ways, then one virtual node per destination (N + k) joined to
    # its junction, or to both ends of its street
    src = [np.r_[lu, lv]]
    tgt = [np.r_[lv, lu]]
    w = [np.r_[length, length]]
    mid_d = d_at < 0
    k = np.arange(nd)
    src += [n_nodes + k[~mid_d], n_nodes + k[mid_d], n_nodes + k[mid_d]]
    tgt += [d_at[~mid_d], lu[d_line[mid_d]], lv[d_line[mid_d]]]
    w += [d_snap[~mid_d] + d_to_at[~mid_d], d_snap[mid_d] + d_along[mid_d],
          d_snap[mid_d] + length[d_line[mid_d]] - d_along[mid_d]]
    src, tgt, w = np.concatenate(src), np.concatenate(tgt), np.concatenate(w)
    n = n_nodes + nd
    order = np.lexsort((tgt, src))
    src, tgt, w = src[order], tgt[order], w[order]
    assert not ((src[1:] == src[:-1]) & (tgt[1:] == tgt[:-1])).any(), "parallel streets: not this grid"
    graph = csr_matrix((w, tgt, np.searchsorted(src, np.arange(n + 1))), shape=(n, n))
    pos = np.empty(len(order), dtype=np.int64)
    pos[order] = np.arange(len(order))
    line_pos = np.c_[pos[:n_lines], pos[n_lines:2 * n_lines]]  # the two directed entries of each street
    # direct trips along the same street (a mid-street demand point and a mid-street destination)
    mid_p = p_at < 0
    direct = np.full(len(dem), np.inf)
    for kk in np.flatnonzero(mid_d):
        on = mid_p & (p_line == d_line[kk])
        direct[on] = np.minimum(direct[on], np.abs(p_along[on] - d_along[kk]) + d_snap[kk])

    def trips(dist, gone_line=None):
        via = np.minimum(p_along + dist[lu[p_line]], length[p_line] - p_along + dist[lv[p_line]])
        t = p_snap + np.where(mid_p, np.minimum(via, direct), p_to_at + dist[np.maximum(p_at, 0)])
        if gone_line is not None:
            t[mid_p & gone_line[p_line]] = np.inf
        return t

    def solve(gone_line):
        data = graph.data.copy()
        data[line_pos[gone_line].ravel()] = np.inf
        alive = n_nodes + k[~(mid_d & gone_line[d_line])]
        g = csr_matrix((data, graph.indices, graph.indptr), shape=graph.shape)
        return dijkstra(g, directed=True, indices=alive, min_only=True)

    dist0, pred = dijkstra(graph, directed=True, indices=n_nodes + k, min_only=True, return_predecessors=True)[:2]
    before = trips(dist0)
    reach = np.isfinite(before)
    after = trips(solve(failed), failed)
    isolated = reach & ~np.isfinite(after)

    # single-line isolation: bridges, 2-edge-connected components, the bridge tree
    pr = np.where(reach, persons, 0.0)
    own_p = np.bincount(p_line[mid_p], weights=pr[mid_p], minlength=n_lines)
    own_d = np.bincount(d_line[mid_d], minlength=n_lines).astype(float)
    node_p = np.bincount(p_at[~mid_p], weights=pr[~mid_p], minlength=n_nodes)
    node_d = np.bincount(d_at[~mid_d], minlength=n_nodes).astype(float)
    iso, bridge = _python_bridge_isolation(lu, lv, n_nodes, own_p, own_d, node_p, node_d)
    t_core = time.perf_counter() - t0

    # single-line detours: a street can lengthen a trip only if it is on the shortest-path tree
    # (node-level tree edges), or holds a demand point or a destination
    tree_child = np.flatnonzero((pred >= 0) & (pred < n_nodes) & (np.arange(n) < n_nodes))
    pair = {}
    for i, (a, b) in enumerate(zip(lu.tolist(), lv.tolist())):
        pair[(a, b)] = pair[(b, a)] = i
    cand = np.zeros(n_lines, dtype=bool)
    cand[[pair[(int(pred[x]), int(x))] for x in tree_child.tolist()]] = True
    cand[p_line[mid_p & reach]] = True
    cand[d_line[mid_d]] = True
    todo = np.random.default_rng(seed).permutation(np.flatnonzero(cand))
    detour = np.zeros(n_lines)
    done = np.zeros(n_lines, dtype=bool)
    done[~cand] = True
    t1 = time.perf_counter()
    one = np.zeros(n_lines, dtype=bool)
    for i in todo.tolist():
        if budget is not None and time.perf_counter() - t1 > budget:
            break
        one[i] = True
        t = trips(solve(one), one)
        one[i] = False
        longer = reach & np.isfinite(t) & (t > before * (1.0 + detour_limit) + 1e-9)
        detour[i] = float(persons[longer].sum())
        done[i] = True
    t_detour = time.perf_counter() - t1
    return {"seconds": t_core + t_detour, "core_s": t_core, "detour_s": t_detour, "finished": bool(done.all()),
            "n_detour": int(cand.sum()), "n_done": int(done[cand].sum()), "iso": iso, "bridge": bridge,
            "detour": detour, "done": done, "xy": shapely_xy(dem.geometry.to_numpy()),
            "before": np.where(reach, before, np.nan), "after": np.where(np.isfinite(after), after, np.nan),
            "isolated": isolated, "at_junction": int((p_at >= 0).sum() + (d_at >= 0).sum())}


def compare_criticality(ours, py):
    """Counts of differences per output (0 everywhere = the same numbers)."""
    def num(a, b):
        fa, fb = np.isfinite(a), np.isfinite(b)
        return int((fa != fb).sum() + (~np.isclose(a[fa & fb], b[fa & fb], rtol=1e-9, atol=1e-6)).sum())

    d = py["done"]
    return {"points_moved": int((~np.isclose(ours["xy"], py["xy"], atol=1e-3)).any(axis=1).sum()),
            "dist_before": num(ours["before"], py["before"]), "dist_after": num(ours["after"], py["after"]),
            "isolated": int((ours["isolated"] != py["isolated"]).sum()),
            "line_isolated": int((~np.isclose(ours["iso"], py["iso"], atol=1e-6)).sum()),
            "bridge": int((ours["bridge"] != py["bridge"]).sum()),
            "line_detour": int((~np.isclose(ours["detour"][d], py["detour"][d], atol=1e-6)).sum())}


def criticality_case(name, n_side, n_dem, n_dest, python=True, budget=None):
    """Ours (the scenario and every line's criticality, written) against :func:`run_python_criticality`.

    ``python_same`` is ``yes`` only when every compared number agrees: each demand point's trip
    before and after the scenario (1e-6 m) and whether it is isolated, each line's isolated persons
    and bridge flag, and each line's detour persons (all lines, or those the Python loop finished
    within ``budget``). ``load_persons`` and ``rank`` are not compared: a grid has many equally
    short paths, and which one a shortest-path tree takes is arbitrary.
    """
    roads, dem, dest, fail = grid_network(n_side, n_dem, n_dest)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_layer(folder / "roads.gpkg", roads, {"fail": fail})
        write_layer(folder / "dem.gpkg", dem, {"pop": np.full(len(dem), 10.0)})
        write_layer(folder / "dest.gpkg", dest)
        ours_s, ours = run_ours_criticality(folder)
        size = f"{len(roads)}edges_{n_dem}dem_{n_dest}dest"
        if not python:
            report(name, size, ours_s, None, None)
            return
        py = run_python_criticality(folder, budget=budget)
        diff = compare_criticality(ours, py)
        same = not any(diff.values())
        print(f"# {name}: differences {diff}; isolated persons (line sum) ours {ours['iso'].sum():.0f} python "
              f"{py['iso'].sum():.0f}; detour persons (line sum) ours {np.nansum(ours['detour']):.0f}; python core "
              f"(snap, trips, bridges) {py['core_s']:.2f} s, detours {py['n_done']} of {py['n_detour']} lines in "
              f"{py['detour_s']:.2f} s; {py['at_junction']} points at a junction", flush=True)
        if py["finished"]:
            report(name, size, ours_s, None, None, None, py["seconds"], same)
        else:
            est = py["core_s"] + py["detour_s"] * py["n_detour"] / max(py["n_done"], 1)
            print(f"# {name}: the Python version did not finish in {py['seconds']:.0f} s (> {py['seconds'] / ours_s:.0f}x ours; "
                  f"about {est:.0f} s at its pace, {est / ours_s:.0f}x); same numbers on what it did: "
                  f"{'yes' if same else 'no'}", flush=True)
            report(name, size, ours_s, None, None)


def run(quick):
    qgis_session()
    exposure_case("lifeline_small", 5000, 500, 20.0)
    criticality_case("criticality_5k", 60, 1000, 20)
    if quick:
        return
    exposure_case("lifeline_medium", 40000, 2000, 5.0)
    exposure_case("lifeline_full", 200000, 5000, 10.0, native=False)
    criticality_case("criticality_20k", 122, 4000, 20)
    criticality_case("criticality_50k", 190, 10000, 20, python=False)  # the Python loop: minutes
    criticality_case("criticality_full", 270, 100000, 20, budget=PYTHON_BUDGET)


if __name__ == "__main__":
    if "--criticality" in sys.argv:  # one size only: --criticality NAME N_SIDE N_DEM [BUDGET]
        qgis_session()
        a = sys.argv[sys.argv.index("--criticality") + 1:]
        criticality_case(a[0], int(a[1]), int(a[2]), 20, budget=float(a[3]) if len(a) > 3 else None)
    else:
        run("--quick" in sys.argv)
