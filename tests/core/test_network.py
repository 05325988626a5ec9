"""Shared network module: graph building, snapping, shortest paths (expected values by hand / networkx)."""

from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point

from resilience_plugin.core import network as nw
from tests.helpers import read_gdf

DATA = Path(__file__).resolve().parents[1] / "data"


def _lines(*coords):
    return np.array([LineString(c) for c in coords], dtype=object)


def test_end_points_join_and_crossings_do_not():
    # a horizontal street, a vertical one crossing it (bridge: no shared vertex), and one joining its end
    lines = _lines([(0, 0), (100, 0)], [(50, -50), (50, 50)], [(100, 0), (100, 80)])
    net = nw.build_network(lines)
    n, lab = net.components()
    assert n == 2
    assert net.n_edges == 3
    assert sorted(net.edge_length.tolist()) == [80.0, 100.0, 100.0]
    assert net.edge_line.tolist() == [0, 1, 2]


def test_shared_interior_vertex_splits_the_line():
    # line 1 ends at an interior vertex (40, 0) of line 0: a T junction
    lines = _lines([(0, 0), (40, 0), (100, 0)], [(40, 0), (40, 30)])
    net = nw.build_network(lines)
    assert net.n_edges == 3 and net.n_nodes == 4
    assert sorted(net.edge_length.tolist()) == [30.0, 40.0, 60.0]
    assert sorted(net.edge_line.tolist()) == [0, 0, 1]
    assert net.components()[0] == 1


def test_interior_vertex_of_one_line_only_is_not_a_node():
    net = nw.build_network(_lines([(0, 0), (30, 40), (60, 0)]))
    assert net.n_edges == 1 and net.n_nodes == 2
    assert net.edge_length[0] == pytest.approx(100.0)


def test_snapping_tolerance():
    lines = _lines([(0, 0), (100, 0)], [(100.3, 0), (200, 0)])
    assert nw.build_network(lines, tolerance=0.5).components()[0] == 1
    assert nw.build_network(lines, tolerance=0.1).components()[0] == 2


def test_zero_length_and_duplicate_edges():
    lines = _lines([(0, 0), (100, 0)], [(100, 0), (0, 0)], [(5, 5), (5, 5)], [(100, 0), (100.2, 0)])
    lines = np.append(lines, [None, MultiLineString([[(0, 0), (0, 70)], [(0, 70), (0, 100)]])])
    net = nw.build_network(lines, tolerance=0.5)
    assert net.report["zero_length"] == 2  # the point-like line and the 0.2 m stub
    assert net.report["duplicates"] == 1
    assert net.report["skipped_lines"] == 1
    # the duplicate pair keeps one entry in the matrix; the multi-line's parts both map to line 5
    assert net.matrix().nnz == 2 * 3
    assert sorted(net.edge_line.tolist()) == [0, 1, 5, 5]


def test_cost_factor_and_keep():
    lines = _lines([(0, 0), (100, 0)], [(100, 0), (200, 0)])
    net = nw.build_network(lines, cost_factor=np.array([1.0, 3.0]))
    assert sorted(net.edge_cost.tolist()) == [100.0, 300.0]
    net = nw.build_network(lines, keep=np.array([False, True]))
    assert net.n_edges == 1 and net.edge_line.tolist() == [1]


def test_snap_and_same_edge_distance():
    net = nw.build_network(_lines([(0, 0), (100, 0)], [(100, 0), (100, 100)]))
    pts = np.array([Point(20, 3), Point(70, -4), Point(500, 500)], dtype=object)
    snap = nw.snap_points(net, pts, max_distance=50)
    e0 = snap.edge[0]
    assert snap.edge[2] == -1 and np.isnan(snap.distance[2])
    assert snap.distance[:2].tolist() == pytest.approx([3.0, 4.0])
    u_is_origin = tuple(net.node_xy[net.edge_u[e0]]) == (0.0, 0.0)
    assert snap.along[0] == pytest.approx(20.0 if u_is_origin else 80.0)
    assert snap.cost_to_u[0] + snap.cost_to_v[0] == pytest.approx(100.0)
    src = nw.snap_points(net, pts[:1])
    res = nw.point_to_point(net, src, snap)
    # 3 (snap) + 50 (along the same edge) + 4 (snap)
    assert res.distance[1] == pytest.approx(57.0)
    assert res.distance[0] == pytest.approx(6.0)
    assert np.isinf(res.distance[2]) and res.nearest[2] == -1


def test_multi_source_and_islands():
    lines = _lines([(0, 0), (100, 0)], [(100, 0), (300, 0)], [(1000, 0), (1100, 0)])
    net = nw.build_network(lines)
    facilities = nw.snap_points(net, np.array([Point(0, 10), Point(300, 0)], dtype=object))
    demand = nw.snap_points(net, np.array([Point(150, 0), Point(250, 5), Point(1050, 0)], dtype=object))
    res = nw.point_to_point(net, facilities, demand)
    # (150, 0): 10 + 150 from the first, 150 from the second facility
    assert res.distance[:2].tolist() == pytest.approx([150.0, 55.0])
    assert res.nearest.tolist() == [1, 1, -1]
    res = nw.point_to_point(net, facilities, demand, limit=100)
    assert res.nearest.tolist() == [-1, 1, -1]
    res = nw.point_to_point(net, facilities, demand, source_ok=np.array([True, False]))
    assert res.distance[1] == pytest.approx(10 + 250 + 5)


def test_multi_source_dijkstra_offsets():
    net = nw.build_network(_lines([(0, 0), (100, 0)], [(100, 0), (200, 0)]))
    m = net.matrix()
    a = int(np.flatnonzero((net.node_xy == [0, 0]).all(1))[0])
    c = int(np.flatnonzero((net.node_xy == [200, 0]).all(1))[0])
    b = int(np.flatnonzero((net.node_xy == [100, 0]).all(1))[0])
    dist, near = nw.multi_source_dijkstra(m, [a, c], offsets=[0.0, 30.0])
    assert dist[b] == pytest.approx(100.0) and near[b] == 0
    dist, near = nw.multi_source_dijkstra(m, [a, c], offsets=[50.0, 0.0])
    assert dist[b] == pytest.approx(100.0) and near[b] == 1
    assert dist[a] == pytest.approx(50.0)


def _futian(n_fac=25, n_dem=300, seed=7):
    roads = read_gdf(DATA / "futian.gpkg", "road_edges").to_crs(4547)
    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = roads.total_bounds
    fac = shapely.points(rng.uniform(x0, x1, n_fac), rng.uniform(y0, y1, n_fac))
    dem = shapely.points(rng.uniform(x0, x1, n_dem), rng.uniform(y0, y1, n_dem))
    return roads, fac, dem


def _nx_reference(roads, fac, dem):
    """Independent reference: networkx graph from the OSM u/v ids, brute-force nearest edge."""
    geoms = roads.geometry.to_numpy()
    g = nx.Graph()
    for u, v, line in zip(roads["u"], roads["v"], geoms):
        w = line.length
        if u == v:
            continue
        if not g.has_edge(u, v) or g[u][v]["weight"] > w:
            g.add_edge(u, v, weight=w)

    def attach(pt):
        d = shapely.distance(geoms, pt)
        i = int(np.argmin(d))
        a = geoms[i].project(pt)
        return i, float(d[i]), a, geoms[i].length

    on_edge = {}  # physical edge -> [(facility, its snap distance, its snapped point)]
    for k, pt in enumerate(fac):
        i, d, a, length = attach(pt)
        u, v = roads["u"].iloc[i], roads["v"].iloc[i]
        key = (frozenset((u, v)), round(length, 3))
        on_edge.setdefault(key, []).append((k, d, geoms[i].interpolate(a)))
        g.add_edge(("F", k), u, weight=d + a)
        g.add_edge(("F", k), v, weight=d + length - a)
    dist, paths = nx.multi_source_dijkstra(g, [("F", k) for k in range(len(fac))])
    out = []
    for pt in dem:
        i, d, a, length = attach(pt)
        u, v = roads["u"].iloc[i], roads["v"].iloc[i]
        cand = [(dist.get(u, np.inf) + a, paths.get(u, [None])[0]),
                (dist.get(v, np.inf) + length - a, paths.get(v, [None])[0])]
        # a facility on the same street segment (either direction) is reached along it directly
        for k, dk, spt in on_edge.get((frozenset((u, v)), round(length, 3)), []):
            cand.append((dk + abs(geoms[i].project(spt) - a), ("F", k)))
        best = min(cand, key=lambda t: t[0])
        out.append((best[0] + d, best[1][1] if best[1] is not None else -1))
    return np.array([o[0] for o in out]), np.array([o[1] for o in out])


def test_futian_matches_networkx():
    roads, fac, dem = _futian()
    net = nw.build_network(roads.geometry.to_numpy(), tolerance=0.01)
    res = nw.point_to_point(net, nw.snap_points(net, fac), nw.snap_points(net, dem))
    ref_d, ref_f = _nx_reference(roads, fac, dem)
    reach = np.isfinite(ref_d)
    assert reach.sum() > 250
    assert np.array_equal(np.isfinite(res.distance), reach)
    assert np.allclose(res.distance[reach], ref_d[reach], rtol=0.005)
    # same nearest facility except for near ties
    same = res.nearest[reach] == ref_f[reach]
    assert same.mean() > 0.98
    # coverage within 800 m equal within 0.5 %
    assert (res.distance <= 800).sum() == pytest.approx((ref_d <= 800).sum(), rel=0.005)


def test_distances_from_each_matches_point_to_point():
    roads, fac, dem = _futian(n_fac=6, n_dem=120, seed=3)
    net = nw.build_network(roads.geometry.to_numpy(), tolerance=0.01)
    fs, ds = nw.snap_points(net, fac), nw.snap_points(net, dem)
    aug = nw.insert_points(net, [fs, ds])
    m = nw.distances_from_each(aug.matrix, aug.point_node[:6], aug.point_node[6:], limit=1e9,
                               offsets=fs.distance, chunk=4).toarray()
    m[m == 0] = np.inf
    best = m.min(axis=0) + ds.distance
    res = nw.point_to_point(net, fs, ds)
    ok = np.isfinite(res.distance)
    assert np.allclose(best[ok], res.distance[ok], rtol=1e-6)


def test_local_searches_equal_global_ones():
    roads, fac, dem = _futian(n_fac=40, n_dem=500, seed=8)
    net = nw.build_network(roads.geometry.to_numpy(), tolerance=0.01)
    fs, ds = nw.snap_points(net, fac), nw.snap_points(net, dem)
    aug = nw.insert_points(net, [fs, ds])
    args = (aug.matrix, aug.point_node[:40], aug.point_node[40:], 700.0)
    kw = {"offsets": fs.distance, "target_offsets": ds.distance, "chunk": 8}
    glob = nw.distances_from_each(*args, **kw).toarray()
    local = nw.distances_from_each(*args, node_xy=aug.node_xy, **kw).toarray()
    assert (glob > 0).sum() > 200
    assert np.array_equal(glob > 0, local > 0)
    assert np.allclose(glob, local)
    # and each stored distance is the exact point-to-point one, limited to 700 m
    for k in range(0, 40, 13):
        one = nw.point_to_point(net, fs, ds, source_ok=np.arange(40) == k)
        within = one.distance <= 700
        assert np.array_equal(glob[k] > 0, within)
        assert np.allclose(glob[k][within] - 1e-9, one.distance[within])


def test_fast_snapping_equals_brute_force():
    roads, _, _ = _futian()
    net = nw.build_network(roads.geometry.to_numpy(), tolerance=0.01)
    rng = np.random.default_rng(3)
    x0, y0, x1, y1 = roads.total_bounds
    pts = shapely.points(rng.uniform(x0 - 300, x1 + 300, 3000), rng.uniform(y0 - 300, y1 + 300, 3000))
    snap = nw.snap_points(net, pts, max_distance=150)
    primary = np.flatnonzero(net.primary())
    d_all = shapely.distance(pts[:, None], net.edge_geom[primary][None, :])
    best = d_all.min(axis=1)
    near = best <= 150
    # the fast path (<= 30 m), the fallback (30-150 m) and the unsnapped all occur
    assert (best <= 30).sum() > 500 and ((best > 30) & near).sum() > 300 and (~near).sum() > 50
    assert np.array_equal(snap.snapped, near)
    assert np.allclose(snap.distance[near], best[near])
