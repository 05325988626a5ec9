"""Benchmark: resilience:sheltercoverage (mode 0) vs native:serviceareafromlayer + counting.

A synthetic street grid (50 m blocks, EPSG:32650), facilities on street corners and demand points
on the streets, so that both methods answer the same question exactly: which demand points lie
within the walking limit of some facility along the streets. The native chain is
``native:serviceareafromlayer`` (one Dijkstra per facility) -> ``native:buffer`` (0.05 m) ->
``native:extractbylocation`` of the demand points; the answer is compared point by point.

Sizes: the native chain is run only where it finishes in minutes (``coverage_dense``: 3,000
facilities on a 19,800-edge grid); the full-size case (2,000 facilities x 200,000 edges x 100,000
demand points) is compared with what a Python user would write instead (scipy's multi-source
Dijkstra on the street graph + geopandas ``sjoin_nearest``; ``python_s``, ``python_same`` point by
point), as every size is.
"""

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import qgis_session, report, write_layer  # noqa: E402 - after the path set-up

STEP = 50.0
LIMIT_M = 500.0
X0, Y0 = 400000.0, 2500000.0


def grid_case(n_side, n_fac, n_dem, seed=0):
    """(roads, facilities, demand) shapely arrays: a grid of n_side x n_side corners."""
    import shapely

    rng = np.random.default_rng(seed)
    xs = X0 + np.arange(n_side) * STEP
    ys = Y0 + np.arange(n_side) * STEP
    hx, hy = np.meshgrid(xs[:-1], ys)
    vx, vy = np.meshgrid(xs, ys[:-1])
    starts = np.concatenate([np.c_[hx.ravel(), hy.ravel()], np.c_[vx.ravel(), vy.ravel()]])
    ends = np.concatenate([np.c_[hx.ravel() + STEP, hy.ravel()], np.c_[vx.ravel(), vy.ravel() + STEP]])
    roads = shapely.linestrings(np.stack([starts, ends], axis=1))
    corner = rng.choice(n_side * n_side, n_fac, replace=False)
    fac = shapely.points(xs[corner % n_side], ys[corner // n_side])
    e = rng.integers(0, len(roads), n_dem)
    t = rng.uniform(0.05, 0.95, n_dem)
    # avoid demand exactly at the limit (ties): positions on a 0.37 m offset grid
    dem = shapely.points(starts[e] + (ends[e] - starts[e]) * t[:, None])
    return roads, fac, dem


def run_ours(folder, roads, fac, dem):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from tests.helpers import read_gdf

    out = folder / "ours_demand.gpkg"
    t = time.perf_counter()
    processing.run("resilience:sheltercoverage", {
        "FACILITIES": fac, "DEMAND": dem, "POPULATION_FIELD": "pop", "ROADS": roads, "MAX_DISTANCE_M": LIMIT_M,
        "MODE": 0, "OUTPUT_DEMAND": str(out), "OUTPUT_FACILITIES": str(folder / "ours_fac.gpkg")},
        context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
    elapsed = time.perf_counter() - t
    d = read_gdf(out)
    return elapsed, np.sort(d.loc[d["covered"].astype(bool), "fid"].to_numpy())


def run_native(folder, roads, fac, dem):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsVectorLayer

    ctx, fb = QgsProcessingContext(), QgsProcessingFeedback()
    ctx.setProject(QgsProject.instance())
    t = time.perf_counter()
    sa = processing.run("native:serviceareafromlayer", {
        "INPUT": roads, "STRATEGY": 0, "START_POINTS": fac, "TRAVEL_COST2": LIMIT_M, "TOLERANCE": 0.01,
        "INCLUDE_BOUNDS": False, "OUTPUT_LINES": str(folder / "native_sa.gpkg")}, context=ctx, feedback=fb)
    buf = processing.run("native:buffer", {"INPUT": sa["OUTPUT_LINES"], "DISTANCE": 0.05, "SEGMENTS": 2, "DISSOLVE": False,
                                           "OUTPUT": str(folder / "native_buf.gpkg")}, context=ctx, feedback=fb)
    ext = processing.run("native:extractbylocation", {"INPUT": dem, "PREDICATE": [0], "INTERSECT": buf["OUTPUT"],
                                                      "OUTPUT": str(folder / "native_covered.gpkg")}, context=ctx, feedback=fb)
    elapsed = time.perf_counter() - t
    layer = QgsVectorLayer(ext["OUTPUT"], "covered", "ogr")
    fids = np.sort(np.array([f.id() for f in layer.getFeatures()], dtype=np.int64))
    return elapsed, fids


class StreetGraph:
    """What a Python user would build for walking distances on the streets (scipy + shapely + geopandas):
    a node per distinct segment end (coordinates rounded to the millimetre), the segments as undirected
    edges weighted by their length (a scipy CSR matrix), and the demand points on their nearest segment
    (geopandas ``sjoin_nearest``). Shared by the Python alternatives of coverage and the life circle."""

    def __init__(self, roads):
        import shapely
        from scipy.sparse import coo_matrix

        self.roads = roads
        ends = np.stack([shapely.get_coordinates(shapely.get_point(roads.geometry.values, i)) for i in (0, -1)], axis=1)
        nodes, inv = np.unique(np.round(ends.reshape(-1, 2), 3), axis=0, return_inverse=True)
        self.a, self.b = inv.reshape(-1, 2).T
        self.length = roads.geometry.length.to_numpy()
        n = len(nodes)
        self.matrix = coo_matrix((np.r_[self.length, self.length], (np.r_[self.a, self.b], np.r_[self.b, self.a])),
                                 shape=(n, n)).tocsr()
        self.index = {tuple(p): i for i, p in enumerate(nodes)}

    def nodes_of(self, points):
        """The node of each point of the GeoDataFrame ``points`` (points on segment ends)."""
        import shapely

        return [self.index[tuple(p)] for p in np.round(shapely.get_coordinates(points.geometry.values), 3)]

    def on_streets(self, points):
        """``(fid, edge, along, snap)`` of each point of ``points`` (a GeoDataFrame with ``fid``) on its
        nearest segment: the segment, the metres from its first end and the distance to it."""
        import geopandas as gpd
        import shapely

        near = gpd.sjoin_nearest(points[["fid", "geometry"]], self.roads[["geometry"]], how="left",
                                 distance_col="snap").drop_duplicates("fid")
        edge = near["index_right"].to_numpy()
        along = shapely.line_locate_point(self.roads.geometry.values[edge], near.geometry.values)
        return near["fid"].to_numpy(), edge, along, near["snap"].to_numpy()

    def walk(self, sources, edge, along, snap, limit):
        """Walking metres from the nearest of the nodes ``sources`` to points on the streets (``edge``,
        ``along``, ``snap`` from :meth:`on_streets`): one multi-source scipy ``dijkstra`` (``min_only``,
        limited to ``limit``), then the nearer end of the point's segment + along it + the snap."""
        from scipy.sparse.csgraph import dijkstra

        dist = dijkstra(self.matrix, directed=False, indices=sources, min_only=True, limit=limit)
        return np.minimum(dist[self.a[edge]] + along, dist[self.b[edge]] + self.length[edge] - along) + snap


def read_layers(*uris):
    """GeoDataFrames of GeoPackage layer URIs (``path|layername=name``), read with the system GDAL."""
    from tests.helpers import read_gdf

    return [read_gdf(*uri.split("|layername=")) for uri in uris]


def run_python(roads, fac, dem):
    """What a Python user would write instead: the street graph from the segments' end points, one
    multi-source Dijkstra from the facilities' nodes (scipy ``csgraph.dijkstra``, ``min_only``, limited
    to the walking limit), each demand point on its nearest street (geopandas ``sjoin_nearest``) at the
    nearer end's distance plus the walk along the street. Returns the covered points' fids."""
    t = time.perf_counter()
    r, f, d = read_layers(roads, fac, dem)
    streets = StreetGraph(r)
    fid, edge, along, snap = streets.on_streets(d)
    walk = streets.walk(streets.nodes_of(f), edge, along, snap, LIMIT_M)
    covered = np.sort(fid[walk <= LIMIT_M])
    return time.perf_counter() - t, covered


def case(name, n_side, n_fac, n_dem, native=True):
    roads, fac, dem = grid_case(n_side, n_fac, n_dem)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        r = write_layer(folder / "roads.gpkg", roads)
        f = write_layer(folder / "fac.gpkg", fac)
        d = write_layer(folder / "dem.gpkg", dem, {"pop": np.ones(len(dem))})
        ours, ours_ids = run_ours(folder, r, f, d)
        native_s, same = None, None
        if native:
            native_s, native_ids = run_native(folder, r, f, d)
            same = bool(np.array_equal(ours_ids, native_ids))
        python_s, python_ids = run_python(r, f, d)
        report(name, f"{n_fac}fac_{len(roads)}edges_{n_dem}dem", ours, native_s, same, None, python_s,
               bool(np.array_equal(ours_ids, python_ids)))


def run(quick):
    qgis_session()
    case("coverage_small", 40, 30, 2000)
    if quick:
        return
    case("coverage_medium", 100, 200, 10000)
    # the native chain pays ~0.1 s per facility (one full Dijkstra and its output each), ours one
    # multi-source search plus local searches: compare where the native run takes a few minutes
    case("coverage_dense", 100, 3000, 10000)
    case("coverage_full", 317, 2000, 100000, native=False)


if __name__ == "__main__":
    run("--quick" in sys.argv)
